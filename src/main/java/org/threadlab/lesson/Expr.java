package org.threadlab.lesson;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A small integer expression, as lessons write counts and outcome conditions:
 * {@code workers * n}, {@code counter < workers * n}, {@code always}. Names refer to params,
 * shared variables (in outcomes) or a worker's locals (in steps); nothing else can be reached.
 * Comparisons and logic give 1 for true and 0 for false.
 */
public sealed interface Expr {
    /** The source text the expression was parsed from (or the number written). */
    String text();

    long eval(ToLongFunction<String> names);

    /** Every name the expression refers to. */
    default Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        collectNames(this, out);
        return out;
    }

    private static void collectNames(Expr e, Set<String> out) {
        switch (e) {
            case Num n -> { }
            case Ref r -> out.add(r.name());
            case Unary u -> collectNames(u.operand(), out);
            case Binary b -> {
                collectNames(b.left(), out);
                collectNames(b.right(), out);
            }
            case Call c -> c.args().forEach(a -> collectNames(a, out));
        }
    }

    static Expr constant(long value) {
        return new Num(value, Long.toString(value));
    }

    record Num(long value, String text) implements Expr {
        @Override
        public long eval(ToLongFunction<String> names) {
            return value;
        }
    }

    record Ref(String name, String text) implements Expr {
        @Override
        public long eval(ToLongFunction<String> names) {
            return names.applyAsLong(name);
        }
    }

    record Unary(String op, Expr operand, String text) implements Expr {
        @Override
        public long eval(ToLongFunction<String> names) {
            long v = operand.eval(names);
            return op.equals("-") ? -v : (v == 0 ? 1 : 0);
        }
    }

    /**
     * A built-in function: {@code sum_of_squares(from, to)} (the sum of i*i for from <= i < to,
     * exact, then wrapped to a long as Java's long arithmetic wraps), {@code pow(base, exponent)},
     * {@code min(a, b)} and {@code max(a, b)}.
     */
    record Call(String function, java.util.List<Expr> args, String text) implements Expr {
        /** Function names and how many arguments each takes. */
        public static final java.util.Map<String, Integer> FUNCTIONS =
                java.util.Map.of("sum_of_squares", 2, "pow", 2, "min", 2, "max", 2);

        public Call {
            args = java.util.List.copyOf(args);
        }

        @Override
        public long eval(ToLongFunction<String> names) {
            long a = args.get(0).eval(names);
            long b = args.get(1).eval(names);
            return switch (function) {
                case "sum_of_squares" -> sumOfSquares(a, b);
                case "pow" -> power(a, b);
                case "min" -> Math.min(a, b);
                case "max" -> Math.max(a, b);
                default -> throw new IllegalStateException("function " + function);
            };
        }

        /**
         * {@code base} to the power {@code exponent} by repeated squaring, wrapping like Java's long;
         * a negative exponent gives 0 (integers only).
         */
        public static long power(long base, long exponent) {
            if (exponent < 0) {
                return 0;
            }
            long result = 1;
            long b = base;
            for (long e = exponent; e > 0; e >>>= 1) {
                if ((e & 1) != 0) {
                    result *= b;
                }
                b *= b;
            }
            return result;
        }

        /** The closed form n(n-1)(2n-1)/6 of the sum below n, so no loop is needed to check one. */
        public static long sumOfSquares(long from, long to) {
            if (to <= from) {
                return 0;
            }
            return below(to).subtract(below(from)).longValue();
        }

        private static java.math.BigInteger below(long n) {
            java.math.BigInteger big = java.math.BigInteger.valueOf(n);
            return big.multiply(big.subtract(java.math.BigInteger.ONE))
                    .multiply(big.shiftLeft(1).subtract(java.math.BigInteger.ONE))
                    .divide(java.math.BigInteger.valueOf(6));
        }
    }

    record Binary(String op, Expr left, Expr right, String text) implements Expr {
        @Override
        public long eval(ToLongFunction<String> names) {
            long a = left.eval(names);
            if (op.equals("&&")) {
                return a != 0 && right.eval(names) != 0 ? 1 : 0;
            }
            if (op.equals("||")) {
                return a != 0 || right.eval(names) != 0 ? 1 : 0;
            }
            long b = right.eval(names);
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> b == 0 ? 0 : a / b;
                case "%" -> b == 0 ? 0 : a % b;
                case "==" -> a == b ? 1 : 0;
                case "!=" -> a != b ? 1 : 0;
                case "<" -> a < b ? 1 : 0;
                case "<=" -> a <= b ? 1 : 0;
                case ">" -> a > b ? 1 : 0;
                case ">=" -> a >= b ? 1 : 0;
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }
}

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

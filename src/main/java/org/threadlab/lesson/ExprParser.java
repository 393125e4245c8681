package org.threadlab.lesson;

import java.util.List;

/**
 * Parses {@link Expr} text by recursive descent. Grammar, loosest first: {@code ||}, {@code &&},
 * comparisons, {@code + -}, {@code * / %}, unary {@code - !}, then numbers (underscores allowed),
 * names, {@code true}/{@code false}/{@code always}, and parentheses.
 */
final class ExprParser {
    /** Thrown with the 0-based offset in the text where the problem is. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        SyntaxError(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static final List<List<String>> LEVELS = List.of(
            List.of("||"), List.of("&&"), List.of("==", "!=", "<=", ">=", "<", ">"),
            List.of("+", "-"), List.of("*", "/", "%"));

    /** Longest expression text: a long chain of operators makes a tree as deep as it is long. */
    static final int MAX_LENGTH = 1_000;
    /** Deepest nesting of parentheses, function calls and signs. */
    static final int MAX_NESTING = 64;

    private final String text;
    private int at;
    private int nesting;

    private ExprParser(String text) {
        this.text = text;
    }

    static Expr parse(String text) throws SyntaxError {
        ExprParser p = new ExprParser(text);
        p.skipSpace();
        if (p.at == text.length()) {
            throw new SyntaxError("empty expression", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new SyntaxError("expression is " + text.length() + " characters long; at most " + MAX_LENGTH, 0);
        }
        Expr e = p.level(0);
        p.skipSpace();
        if (p.at < text.length()) {
            throw new SyntaxError("unexpected '" + text.charAt(p.at) + "'", p.at);
        }
        return e;
    }

    private Expr level(int depth) throws SyntaxError {
        if (depth == LEVELS.size()) {
            return unary();
        }
        int start = at;
        Expr left = level(depth + 1);
        while (true) {
            skipSpace();
            String op = operatorAt(LEVELS.get(depth));
            if (op == null) {
                return left;
            }
            at += op.length();
            Expr right = level(depth + 1);
            left = new Expr.Binary(op, left, right, text.substring(start, at).strip());
        }
    }

    private String operatorAt(List<String> ops) {
        for (String op : ops) {
            if (text.startsWith(op, at)) {
                // "<" must not match the start of "<=", nor "!" of "!="; longer ops come first.
                return op;
            }
        }
        return null;
    }

    private Expr unary() throws SyntaxError {
        skipSpace();
        int start = at;
        if (at < text.length() && (text.charAt(at) == '-' || text.charAt(at) == '!')
                && !text.startsWith("!=", at)) {
            String op = String.valueOf(text.charAt(at++));
            enter(start);
            Expr operand = unary();
            nesting--;
            return new Expr.Unary(op, operand, text.substring(start, at).strip());
        }
        return primary();
    }

    private Expr primary() throws SyntaxError {
        skipSpace();
        if (at >= text.length()) {
            throw new SyntaxError("expression ends too early", at);
        }
        char c = text.charAt(at);
        int start = at;
        if (c == '(') {
            enter(at);
            at++;
            Expr inner = level(0);
            nesting--;
            skipSpace();
            if (at >= text.length() || text.charAt(at) != ')') {
                throw new SyntaxError("missing ')'", at);
            }
            at++;
            return inner;
        }
        if (Character.isDigit(c)) {
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String digits = text.substring(start, at).replace("_", "");
            try {
                return new Expr.Num(Long.parseLong(digits), text.substring(start, at));
            } catch (NumberFormatException e) {
                throw new SyntaxError("number too large", start);
            }
        }
        if (Character.isLetter(c) || c == '_') {
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String name = text.substring(start, at);
            skipSpace();
            if (at < text.length() && text.charAt(at) == '(') {
                return call(name, start);
            }
            return switch (name) {
                case "true", "always" -> new Expr.Num(1, name);
                case "false" -> new Expr.Num(0, name);
                default -> new Expr.Ref(name, name);
            };
        }
        throw new SyntaxError("unexpected '" + c + "'", at);
    }

    /** One level deeper: a parenthesis, a call's arguments or a sign, refused past the limit. */
    private void enter(int offset) throws SyntaxError {
        if (++nesting > MAX_NESTING) {
            throw new SyntaxError("nested too deeply: at most " + MAX_NESTING
                    + " levels of parentheses, calls and signs", offset);
        }
    }

    private Expr call(String name, int start) throws SyntaxError {
        Integer arity = Expr.Call.FUNCTIONS.get(name);
        if (arity == null) {
            throw new SyntaxError("unknown function '" + name + "'; functions: "
                    + String.join(", ", new java.util.TreeSet<>(Expr.Call.FUNCTIONS.keySet())), start);
        }
        enter(at);
        at++; // '('
        List<Expr> args = new java.util.ArrayList<>();
        skipSpace();
        if (at < text.length() && text.charAt(at) == ')') {
            at++;
        } else {
            while (true) {
                args.add(level(0));
                skipSpace();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                if (at < text.length() && text.charAt(at) == ')') {
                    at++;
                    break;
                }
                throw new SyntaxError("expected ',' or ')' in the call of " + name, at);
            }
        }
        nesting--;
        if (args.size() != arity) {
            throw new SyntaxError(name + " takes " + arity + " arguments; found " + args.size(), start);
        }
        return new Expr.Call(name, args, text.substring(start, at));
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}

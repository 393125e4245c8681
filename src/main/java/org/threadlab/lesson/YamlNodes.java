package org.threadlab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to a composed YAML tree, keeping line, column and key path for every message.
 * A wrong shape throws {@link Fail}; problems that need not stop the parse (an unknown key) are
 * added to the shared problem list.
 */
final class YamlNodes {
    /** A problem that stops parsing the part of the file it is in. */
    static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient LessonProblem problem;

        Fail(LessonProblem problem) {
            super(problem.format(), null, false, false);
            this.problem = problem;
        }
    }

    private final String file;
    final List<LessonProblem> problems;

    YamlNodes(String file, List<LessonProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    Pos pos(Node node, String key) {
        return node.getStartMark()
                .map(m -> new Pos(file, m.getLine() + 1, m.getColumn() + 1, key))
                .orElse(new Pos(file, 0, 0, key));
    }

    Fail fail(Node node, String key, String message) {
        return new Fail(new LessonProblem(pos(node, key), message));
    }

    void report(Node node, String key, String message) {
        problems.add(new LessonProblem(pos(node, key), message));
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "nothing (null)";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + ((ScalarNode) node).getValue();
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + ((ScalarNode) node).getValue();
        }
        return "the text '" + ((ScalarNode) node).getValue() + "'";
    }

    /**
     * The entries of a mapping by key, in file order. Reports unknown keys (with a suggestion) and
     * duplicate keys; fails on a missing required key.
     */
    Map<String, Node> mapping(Node node, String key, Set<String> allowed, Set<String> required) {
        if (!(node instanceof MappingNode m)) {
            throw fail(node, key, "expected a mapping of keys to values, found " + describe(node));
        }
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw fail(t.getKeyNode(), key, "a key must be a plain word, found " + describe(t.getKeyNode()));
            }
            String name = k.getValue();
            String path = key.isEmpty() ? name : key + "." + name;
            if (out.containsKey(name)) {
                report(k, path, "duplicate key '" + name + "' (first at line "
                        + pos(keyNodes.get(name), path).line() + ")");
                continue;
            }
            if (allowed != null && !allowed.contains(name)) {
                report(k, path, "unknown key '" + name + "'" + Names.suggest(name, allowed)
                        + "; allowed here: " + String.join(", ", allowed));
                continue;
            }
            out.put(name, t.getValueNode());
            keyNodes.put(name, k);
        }
        for (String r : required) {
            if (!out.containsKey(r)) {
                throw fail(node, key, "missing required key '" + r + "'");
            }
        }
        return out;
    }

    /** A free-form mapping (names chosen by the author): keys in order, duplicates reported. */
    Map<String, Node> freeMapping(Node node, String key) {
        return mapping(node, key, null, Set.of());
    }

    /** The position of the key that introduced an entry of a mapping node. */
    Node keyNode(Node mapping, String name) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) {
                    return k;
                }
            }
        }
        return mapping;
    }

    List<Node> list(Node node, String key) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        throw fail(node, key, "expected a list (lines starting with '- '), found " + describe(node));
    }

    String string(Node node, String key) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return s.getValue();
        }
        throw fail(node, key, "expected text, found " + describe(node));
    }

    /** Markdown text: refused when it nests deeper than the window can draw, at its line in the file. */
    String markdown(Node node, String key) {
        String text = string(node, key);
        var line = MarkdownNesting.tooDeep(text);
        if (line.isPresent()) {
            Pos p = pos(node, key);
            // a block scalar (| or >) starts on the line after its key
            boolean block = node instanceof ScalarNode s && (s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
                    || s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED);
            throw new Fail(new LessonProblem(new Pos(file, p.line() + line.getAsInt() + (block ? 1 : 0), block ? 1 : p.column(), key),
                    "nested too deeply: quotes, lists and emphasis may be nested at most " + MarkdownNesting.MAX_DEPTH
                            + " levels in all"));
        }
        return text;
    }

    List<String> strings(Node node, String key) {
        List<String> out = new ArrayList<>();
        List<Node> items = list(node, key);
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    String name(Node node, String key, java.util.regex.Pattern rule, String what) {
        String s = string(node, key);
        if (!rule.matcher(s).matches()) {
            throw fail(node, key, "'" + s + "' is not a valid " + what + " name; use "
                    + (rule == Names.VALUE_NAME ? "letters, digits and _ (not starting with a digit)"
                            : "lower-case letters, digits and - (e.g. " + (what.equals("lock") ? "counter-lock" : "my-" + what)
                                    + ")"));
        }
        return s;
    }

    long integer(Node node, String key) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag())
                || Tag.STR.equals(s.getTag()) && s.getValue().matches("-?[0-9][0-9_]*"))) {
            try {
                return Long.parseLong(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw fail(node, key, "number out of range: " + s.getValue());
            }
        }
        throw fail(node, key, "expected a whole number, found " + describe(node));
    }

    boolean bool(Node node, String key) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        throw fail(node, key, "expected true or false, found " + describe(node));
    }

    /**
     * A whole number (underscores allowed, as in 100_000) or an expression in text, such as
     * {@code workers * n}.
     */
    Expr expr(Node node, String key) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag())
                || Tag.STR.equals(s.getTag()) && s.getValue().matches("-?[0-9][0-9_]*"))) {
            return new Expr.Num(integer(node, key), s.getValue());
        }
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            return new Expr.Num(bool(node, key) ? 1 : 0, s.getValue());
        }
        String text = string(node, key);
        try {
            return ExprParser.parse(text);
        } catch (ExprParser.SyntaxError e) {
            Pos p = pos(node, key);
            throw new Fail(new LessonProblem(new Pos(file, p.line(), p.column() + e.offset, key),
                    "bad expression '" + shortened(text) + "': " + e.getMessage()));
        }
    }

    /** An expression as quoted in a message: a very long one by its start and its length. */
    static String shortened(String text) {
        return text.length() <= 100 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
    }

    /**
     * A duration in milliseconds: {@code 500ms}, {@code 2s}, {@code 1.5s}, a whole number of
     * milliseconds, or an expression giving milliseconds.
     */
    Expr millis(Node node, String key) {
        if (node instanceof ScalarNode s && Tag.STR.equals(s.getTag())) {
            var m = java.util.regex.Pattern.compile("(\\d[\\d_]*(?:\\.\\d+)?)\\s*(ms|s)").matcher(s.getValue().strip());
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1).replace("_", ""));
                long ms = Math.round(m.group(2).equals("s") ? n * 1000 : n);
                return new Expr.Num(ms, s.getValue());
            }
            if (s.getValue().strip().matches("[0-9.]+\\s*[a-zA-Z]+")) {
                throw fail(node, key, "unknown time unit in '" + s.getValue() + "'; write e.g. 500ms or 2s");
            }
        }
        if (node instanceof ScalarNode s && Tag.FLOAT.equals(s.getTag())) {
            throw fail(node, key, "a plain number is milliseconds and must be whole; write e.g. 1.5s");
        }
        return expr(node, key);
    }
}

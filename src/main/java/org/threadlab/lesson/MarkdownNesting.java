package org.threadlab.lesson;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * How deep a lesson's Markdown (its narration, a prediction's explanation) nests quotes, lists and
 * emphasis. The window draws each level as a box inside the last, by recursion; a file that nests
 * thousands of levels ({@code >>>>...}) would overflow the stack where the lesson opens. The
 * checker refuses it when the file is read instead, with its line.
 */
final class MarkdownNesting {
    /** Deepest nesting of the Markdown tree: document, quotes, lists and their items, paragraphs, emphasis, links. */
    static final int MAX_DEPTH = 64;

    private MarkdownNesting() {}

    /**
     * An upper bound of the tree's depth, from the characters alone. A quote or list opens only on a
     * line whose leading markers and indentation match every container it sits in, one column at
     * least each, and a list level is two nodes (list and item); a paragraph's emphasis and links
     * nest only as deep as it has {@code * _ [} to open them. So: the document, twice the widest
     * line prefix in columns, the leaf block, the most openers in one paragraph, the text.
     */
    static int depthBound(String markdown) {
        int widestPrefix = 0;
        int mostOpeners = 0;
        int openers = 0;
        for (String line : markdown.split("\n", -1)) {
            if (line.isBlank()) {
                openers = 0; // a blank line ends a paragraph
                continue;
            }
            int columns = 0;
            for (int i = 0; i < line.length() && " \t>*+-.)0123456789".indexOf(line.charAt(i)) >= 0; i++) {
                columns += line.charAt(i) == '\t' ? 4 : 1;
            }
            widestPrefix = Math.max(widestPrefix, columns);
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '*' || c == '_' || c == '[') {
                    openers++;
                }
            }
            mostOpeners = Math.max(mostOpeners, openers);
        }
        return 1 + 2 * widestPrefix + 1 + mostOpeners + 1;
    }

    /** The 0-based line, within the text, of the first node nested deeper than {@link #MAX_DEPTH}; empty if none. */
    static OptionalInt tooDeep(String markdown) {
        if (depthBound(markdown) <= MAX_DEPTH) {
            return OptionalInt.empty(); // cannot be too deep: no need to parse (the library loads as the window starts)
        }
        Node document;
        try {
            document = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
        } catch (StackOverflowError e) {
            return OptionalInt.of(0);
        }
        // walked with a stack of its own: the tree may be far deeper than a thread's stack
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(document);
        depths.push(0);
        int lastLine = 0;
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            if (!node.getSourceSpans().isEmpty()) {
                lastLine = node.getSourceSpans().get(0).getLineIndex();
            }
            if (depth > MAX_DEPTH) {
                return OptionalInt.of(lastLine);
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return OptionalInt.empty();
    }
}

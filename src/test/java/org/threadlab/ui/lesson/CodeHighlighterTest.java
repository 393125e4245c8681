package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The listing colouring: the runs of a line and their kinds. */
class CodeHighlighterTest {

    private static List<String> runs(CodeHighlighter h, String line) {
        return h.line(line).stream().map(t -> t.kind() + ":" + t.text()).toList();
    }

    @Test
    void javaKeywordsNumbersStringsAndComments() {
        CodeHighlighter java = new CodeHighlighter("java");
        assertEquals(List.of("keyword:static", "plain: ", "keyword:int", "plain: counter = ", "number:0", "plain:; ",
                "comment:// plain memory"), runs(java, "static int counter = 0; // plain memory"));
        assertEquals(List.of("plain:System.out.println(", "string:\"a \\\" // b\"", "plain:);"),
                runs(java, "System.out.println(\"a \\\" // b\");"));
        assertEquals(List.of("annotation:@Override"), runs(java, "@Override"));
        assertEquals(List.of("number:100_000L"), runs(java, "100_000L"));
    }

    @Test
    void javaBlockCommentSpansLines() {
        CodeHighlighter java = new CodeHighlighter("java");
        assertEquals(List.of("plain:x", "comment:/* one"), runs(java, "x/* one"));
        assertEquals(List.of("comment:two */", "plain: y"), runs(java, "two */ y"));
        assertEquals(List.of("plain:z"), runs(java, "z"));
    }

    @Test
    void pythonHashCommentsNotInsideStrings() {
        CodeHighlighter py = new CodeHighlighter("python");
        assertEquals(List.of("keyword:for", "plain: _ ", "keyword:in", "plain: range(", "number:100", "plain:):  ",
                "comment:# loop"), runs(py, "for _ in range(100):  # loop"));
        assertEquals(List.of("plain:print(", "string:'#1'", "plain:)"), runs(py, "print('#1')"));
        assertEquals(List.of("plain:x = ", "string:\"\"\"doc"), runs(py, "x = \"\"\"doc"));
        assertEquals(List.of("string:end\"\"\"", "plain: + ", "keyword:None"), runs(py, "end\"\"\" + None"));
    }

    @Test
    void unknownLanguageHasNoKeywords() {
        assertEquals(List.of("plain:for x"), runs(new CodeHighlighter("rust"), "for x"));
    }
}

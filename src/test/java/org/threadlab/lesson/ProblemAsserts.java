package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** What the parser tests of one step family share: a lesson text from a template, and where a problem points. */
final class ProblemAsserts {
    private ProblemAsserts() {}

    /** The text stripped and indented by {@code spaces}, to drop into a template's placeholder. */
    static String indent(String text, int spaces) {
        return text.strip().indent(spaces).stripTrailing();
    }

    /** The one problem the parser finds in {@code text}, read as {@code file}. */
    static LessonProblem only(Path file, String text) {
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(file, text));
        assertEquals(1, e.problems().size(), () -> "expected one problem, got " + e.problems());
        return e.problems().get(0);
    }

    /** Asserts the problem points at the first place {@code snippet} is written in {@code file}, with its key and message. */
    static void assertAt(Path file, LessonProblem p, String text, String snippet, String key, String messagePart) {
        int at = text.indexOf(snippet);
        assertTrue(at >= 0, snippet);
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        assertEquals(file.toString(), p.pos().file());
        assertEquals(line, p.pos().line(), () -> "line of " + p.format());
        assertEquals(column, p.pos().column(), () -> "column of " + p.format());
        assertEquals(key, p.pos().key(), () -> "key of " + p.format());
        assertTrue(p.message().contains(messagePart), () -> "'" + messagePart + "' not in: " + p.message());
        assertTrue(p.format().startsWith(file + ":" + line + ":" + column + ": "), p::format);
    }
}

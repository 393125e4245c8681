package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Read-write locks in the lesson format: what parses, and each bad input with where it points. */
class ReadWriteLockParserTest {
    private static final Path FILE = Path.of("lessons/rw.yaml");

    /** {@code %SHARED%}, {@code %STEPS%} and {@code %MODES%} let a test break one part. */
    private static final String TEMPLATE = """
            id: rw
            title: Rw
            summary: A reader and a writer.
            narration: One reads, one writes.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            shared:
              variables: {page: 0}
            %SHARED%
            workers:
              - name: reader
                steps:
            %STEPS%
              - name: writer
                steps:
                  - with-write-lock: book
                    steps:
                      - increment: page
            listings:
              java: "x();"
              python: "x()"
            run:
              modes: [%MODES%]
            outcomes:
              - when: page == 1
                grade: acceptable
                text: Written.
            """;

    private static final String GOOD_SHARED = """
            locks: [plain]
            read-write-locks:
              book: fair""";
    private static final String GOOD_STEPS = """
            - with-read-lock: book
              steps:
                - read: page
            - read-lock: book
            - read: page
            - read-unlock: book""";

    private static String lesson(String shared, String steps, String modes) {
        return TEMPLATE.replace("%SHARED%", ProblemAsserts.indent(shared, 2)).replace("%STEPS%", ProblemAsserts.indent(steps, 6))
                .replace("%MODES%", modes);
    }

    private static LessonProblem only(String text) {
        return ProblemAsserts.only(FILE, text);
    }

    private static void assertAt(LessonProblem p, String text, String snippet, String key, String messagePart) {
        ProblemAsserts.assertAt(FILE, p, text, snippet, key, messagePart);
    }

    @Test
    void aReadWriteLockIsTwoSidesAmongTheLocksAndItsStepsParse() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_SHARED, GOOD_STEPS, "threads, virtual-threads"));
        assertEquals(List.of("plain", "book (read)", "book (write)"), l.shared().locks());
        assertEquals(Map.of("book", ReadWritePolicy.FAIR), l.shared().readWriteLocks());
        assertEquals(2, l.shared().otherSide(1));
        assertEquals(1, l.shared().otherSide(2));
        assertEquals(-1, l.shared().otherSide(0), "a plain lock has no other side");
        assertTrue(l.shared().isReadSide(1));
        Step.WithRwLock read = (Step.WithRwLock) l.workers().get(0).steps().get(0);
        assertEquals("with-read-lock", read.kind());
        assertEquals("book (read)", read.side());
        Step.RwLock take = (Step.RwLock) l.workers().get(0).steps().get(1);
        assertEquals("read-lock", take.kind());
        Step.RwUnlock give = (Step.RwUnlock) l.workers().get(0).steps().get(3);
        assertEquals("read-unlock", give.kind());
        Step.WithRwLock write = (Step.WithRwLock) l.workers().get(1).steps().get(0);
        assertEquals("book (write)", write.side());
    }

    @Test
    void aListOfNamesMakesJavasDefaultLocks() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson("read-write-locks: [book]", GOOD_STEPS, "threads"));
        assertEquals(Map.of("book", ReadWritePolicy.NON_FAIR), l.shared().readWriteLocks());
        assertEquals(List.of("threads"), l.run().modes());
    }

    @Test
    void withoutWrittenModesTheProcessModesAreLeftOut() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_SHARED, GOOD_STEPS, "x").replace("run:\n  modes: [x]\n", ""));
        assertTrue(l.run().modes().stream().noneMatch(m -> m.startsWith("process")), l.run().modes()::toString);
    }

    @Test
    void anUnknownKindOfLock() {
        String text = lesson("read-write-locks: {book: polite}", GOOD_STEPS, "threads");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        LessonProblem p = e.problems().get(0);
        assertAt(p, text, "polite", "shared.read-write-locks.book",
                "unknown kind of read-write lock 'polite'; use non-fair");
    }

    @Test
    void anUndeclaredReadWriteLock() {
        String text = lesson(GOOD_SHARED, GOOD_STEPS.replace("- read-lock: book", "- read-lock: bok"), "threads");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        assertAt(e.problems().get(0), text, "read-lock: bok", "workers[0].steps[1].read-lock",
                "undefined read-write lock 'bok' (did you mean 'book'?); declare it under shared.read-write-locks");
    }

    @Test
    void aPlainLockStepOnAReadWriteLock() {
        String steps = """
                - with-lock: book
                  steps:
                    - read: page""";
        String text = lesson(GOOD_SHARED, steps, "threads");
        assertAt(only(text), text, "with-lock: book", "workers[0].steps[0].with-lock",
                "'book' is a read-write lock: take it with with-read-lock or with-write-lock");
    }

    @Test
    void aMistypedLockSuggestsTheReadWriteLockByItsName() {
        String steps = """
                - with-lock: bok
                  steps:
                    - read: page""";
        String text = lesson(GOOD_SHARED, steps, "threads");
        assertAt(only(text), text, "with-lock: bok", "workers[0].steps[0].with-lock",
                "undefined lock 'bok' (did you mean 'book'?)");
    }

    @Test
    void aReadLockOnAPlainLock() {
        String steps = """
                - with-read-lock: plain
                  steps:
                    - read: page""";
        String text = lesson(GOOD_SHARED, steps, "threads");
        assertAt(only(text), text, "with-read-lock: plain", "workers[0].steps[0].with-read-lock",
                "'plain' is a plain lock: take it with lock or with-lock");
    }

    @Test
    void aReadLockCannotBeTurnedIntoAWriteLock() {
        String steps = """
                - with-read-lock: book
                  steps:
                    - write-lock: book
                    - write-unlock: book""";
        String text = lesson(GOOD_SHARED, steps, "threads");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        assertAt(e.problems().get(0), text, "write-lock: book", "workers[0].steps[0].steps[0].write-lock",
                "already holds the read side of 'book'; a read lock cannot be turned into a write lock");
    }

    @Test
    void aReadUnlockOfASideNotHeld() {
        String steps = """
                - read: page
                - read-unlock: book""";
        String text = lesson(GOOD_SHARED, steps, "threads");
        assertAt(only(text), text, "read-unlock: book", "workers[0].steps[1].read-unlock",
                "read-unlock of 'book', but this worker does not hold its read side here");
    }

    @Test
    void aWorkerThatEndsHoldingAReadSide() {
        String steps = """
                - read-lock: book
                - read: page""";
        String text = lesson(GOOD_SHARED, steps, "threads");
        LessonProblem p = only(text);
        assertTrue(p.message().contains("ends while still holding [book (read)]"), p::format);
    }

    @Test
    void theProcessModesAreRefused() {
        String text = lesson(GOOD_SHARED, GOOD_STEPS, "threads, processes");
        assertAt(only(text), text, "with-read-lock: book", "workers[0].steps[0].with-read-lock",
                "read-write lock 'book' is used in mode processes, but read-write locks work in the thread modes only");
    }

    @Test
    void aReadWriteLockIsNotProcessShared() {
        String shared = GOOD_SHARED + "\nprocess-shared: [book]";
        String text = lesson(shared, GOOD_STEPS, "threads");
        assertAt(only(text), text, "book]", "shared.process-shared[0]",
                "read-write lock 'book' cannot be shared between processes");
    }

    @Test
    void aNameTakenTwice() {
        String text = lesson("locks: [book]\nread-write-locks: [book]", GOOD_STEPS, "threads");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        assertTrue(e.getMessage().contains("'book' is already the name of a lock under locks"), e::getMessage);
    }
}

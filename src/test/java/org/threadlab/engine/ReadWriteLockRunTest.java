package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonParser;
import org.threadlab.trace.LockHistory;
import org.threadlab.trace.TraceFeed;

/**
 * Read-write locks on real threads: readers really are inside together, a writer really is alone,
 * a readers-first lock really starves a writer, and a fair one does not.
 */
class ReadWriteLockRunTest {
    /**
     * Each reader counts itself in, stays a while, and notes whether another was in with it; the writer
     * notes how many readers were in while it wrote. {@code %KIND%} picks the lock's kind.
     */
    private static final String LESSON = """
            id: rw
            title: Rw
            summary: Readers and a writer.
            narration: Readers count who is in with them.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            shared:
              variables: {inside: 0, together: 0, clash: 0, writes: 0}
              read-write-locks: {book: %KIND%}
            workers:
              - name: reader
                copies: workers
                steps:
                  - with-read-lock: book
                    steps:
                      - increment: inside
                        atomic: true
                      - sleep: 300
                      - read: inside
                        into: n
                      - increment: together
                        by: n >= 2
                        atomic: true
                      - increment: inside
                        by: -1
                        atomic: true
              - name: writer
                steps:
                  - sleep: 50
                  - with-write-lock: book
                    steps:
                      - read: inside
                        into: k
                      - increment: clash
                        by: k
                        atomic: true
                      - increment: writes
                        atomic: true
            listings:
              java: "x();"
              python: "x()"
            run:
              modes: [threads, virtual-threads]
            outcomes:
              - when: clash == 0
                grade: acceptable
                text: Alone.
              - when: always
                grade: forbidden
                text: A reader was in while the writer wrote.
            """;

    private static Lesson lesson(String kind) throws Exception {
        return new LessonParser().parse(Path.of("lessons/rw.yaml"), LESSON.replace("%KIND%", kind));
    }

    @Test
    void readersAreInsideTogetherAndTheWriterIsAlone() throws Exception {
        for (String kind : List.of("non-fair", "fair", "readers-first")) {
            for (String mode : List.of("threads", "virtual-threads")) {
                List<Long> together = new ArrayList<>();
                for (int attempt = 0; attempt < 5; attempt++) { // both readers start within 300 ms unless the machine stalls
                    RunResult r = new Engine().run(RunConfig.of(lesson(kind)).withMode(RunMode.of(mode, 2)).withWorkers(2));
                    assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
                    assertEquals(0L, r.shared().get("clash"), kind + " " + mode + ": a reader was in while the writer wrote");
                    assertEquals(1L, r.shared().get("writes"));
                    together.add(r.shared().get("together"));
                    if (r.shared().get("together") >= 1) { // a reader saw the other inside with it
                        assertReadSideHeldByTwo(r);
                        break;
                    }
                }
                assertTrue(together.stream().anyMatch(n -> n >= 1), kind + " " + mode + ": the two readers were never inside together: "
                        + together);
            }
        }
    }

    /** The lock view's history shows both readers holding the read side at one moment. */
    private static void assertReadSideHeldByTwo(RunResult r) {
        LockHistory locks = new LockHistory(new TraceFeed(r.trace()));
        locks.update();
        assertEquals(2, locks.lockCount(), "book (read) and book (write)");
        int most = 0;
        for (LockHistory.Hold h : locks.holds(0)) {
            most = Math.max(most, locks.stateAt(0, h.acquired()).holders().size());
        }
        assertEquals(2, most, "book (read) held by both readers at once");
        assertEquals("book (read)", locks.stateAt(0, 0).name());
        for (LockHistory.Hold h : locks.holds(1)) {
            assertEquals(List.of(h.lane()), locks.stateAt(1, h.acquired()).holders(), "the write side has one holder");
        }
    }

    /** A reader of x waits to write y, whose writer waits to write x: stuck, found live and in step mode. */
    private static final String CROSSED = """
            id: crossed
            title: Crossed
            summary: A reader and a writer in opposite orders.
            narration: Each waits for the other.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            shared:
              variables: {done: 0}
              read-write-locks: [x, y]
            workers:
              - name: a
                steps:
                  - with-read-lock: x
                    steps:
                      - sleep: 200
                      - with-write-lock: y
                        steps:
                          - increment: done
              - name: b
                steps:
                  - with-write-lock: y
                    steps:
                      - sleep: 200
                      - with-write-lock: x
                        steps:
                          - increment: done
            listings:
              java: "x();"
              python: "x()"
            run:
              modes: [threads]
            outcomes:
              - when: done == 2
                grade: acceptable
                text: Both.
            """;

    @Test
    void aReaderAndAWriterInOppositeOrdersAreStuckLiveAndInStepMode() throws Exception {
        Lesson crossed = new LessonParser().parse(Path.of("lessons/crossed.yaml"), CROSSED);
        RunResult r = new Engine().run(RunConfig.of(crossed).withTimeout(java.time.Duration.ofSeconds(20)));
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        String said = String.join("; ", r.messages());
        assertTrue(said.contains("b waits for x (write), while readers hold the read side"), said);
        var model = new org.threadlab.engine.step.StepModel(org.threadlab.engine.program.CompiledLesson.of(crossed, "", null,
                Map.of()));
        var session = new org.threadlab.engine.step.StepSession(model);
        session.play(List.of(0, 1, 0, 1)); // a reads x, b writes y, both sleep
        var deadlock = model.deadlock(session.state()).orElseThrow();
        assertEquals(2, deadlock.cycle().size(), deadlock::toString);
    }

    @Test
    void aReadersFirstLockStarvesTheWriterAndAFairOneDoesNot() throws Exception {
        Lesson lesson = org.threadlab.lesson.LessonLibrary.standard().find("readers-writers");
        Map<String, Long> params = Map.of("reads", 8L);
        long all = 3 * 8;
        List<Long> starved = new ArrayList<>();
        for (int attempt = 0; attempt < 3 && !starved.contains(all); attempt++) {
            RunResult r = new Engine().run(RunConfig.of(lesson).withVariant("readers-first").withWorkers(3).withParams(params));
            assertEquals(RunStatus.COMPLETED, r.status());
            assertEquals(0L, r.shared().get("torn"));
            starved.add(r.shared().get("seen"));
        }
        assertTrue(starved.contains(all), "the writer always got in before the last read: " + starved);
        List<Long> fair = new ArrayList<>();
        for (int attempt = 0; attempt < 3 && (fair.isEmpty() || fair.get(fair.size() - 1) == all); attempt++) {
            RunResult r = new Engine().run(RunConfig.of(lesson).withVariant("fair").withWorkers(3).withParams(params));
            assertEquals(RunStatus.COMPLETED, r.status());
            assertEquals(0L, r.shared().get("torn"));
            fair.add(r.shared().get("seen"));
        }
        assertTrue(fair.get(fair.size() - 1) < all, "the fair lock's writer never got in before the last read: " + fair);
    }

    @Test
    void aPlainLockMakesReadersWaitAndAReadWriteLockDoesNot() throws Exception {
        Lesson lesson = org.threadlab.lesson.LessonLibrary.standard().find("readers-writers");
        Map<String, Long> params = Map.of("reads", 3L, "writes", 0L);
        RunResult plain = new Engine().run(RunConfig.of(lesson).withVariant("plain-lock").withWorkers(3).withParams(params));
        RunResult shared = new Engine().run(RunConfig.of(lesson).withVariant("read-write-lock").withWorkers(3).withParams(params));
        LockHistory plainLocks = new LockHistory(new TraceFeed(plain.trace()));
        plainLocks.update();
        LockHistory sharedLocks = new LockHistory(new TraceFeed(shared.trace()));
        sharedLocks.update();
        assertTrue(plainLocks.stateAt(0, plain.trace().endNanos()).contended() > 0,
                "three readers on one plain lock: some waited");
        assertEquals(0, sharedLocks.stateAt(0, shared.trace().endNanos()).contended(),
                "with no writer, no reader waits for the read side");
    }
}

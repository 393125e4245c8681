package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.LessonLibrary;

/**
 * Read-write locks in step mode and exploration, on the readers-writers lesson with one read per
 * reader and one write: readers share the read side, a writer is alone, a waiting writer holds back
 * new readers except in the readers-first lock.
 */
class ReadWriteStepTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int WRITER = 3;
    /** In the read-write variants the lesson's locks are book (read), then book (write). */
    private static final int READ_SIDE = 0;
    private static final int WRITE_SIDE = 1;

    private static StepModel model(String variant) throws Exception {
        return new StepModel(CompiledLesson.of(LessonLibrary.standard().find("readers-writers"), variant, 3,
                Map.of("reads", 1L, "writes", 1L)));
    }

    @Test
    void twoReadersAreInsideTogether() throws Exception {
        StepModel m = model("read-write-lock");
        assertEquals(List.of("book (read)", "book (write)"), m.compiled().locks());
        StepSession s = new StepSession(m);
        StepResult first = s.step(A);
        assertEquals("read-lock", first.kind());
        StepResult second = s.step(B);
        assertEquals(LaneStatus.READY, s.status(C), "a third reader could come in too");
        assertArrayEquals(new int[] {A, B}, s.state().readers(READ_SIDE));
        assertEquals(-1, s.state().owner(WRITE_SIDE));
        assertEquals("held by reader-1 and reader-2 (reading together)", m.holders(s.state(), READ_SIDE));
        assertTrue(second.text().contains("reading together with 1 other"), second.text());
    }

    @Test
    void aWriterWaitsForTheReadersAndAWaitingWriterHoldsBackNewReaders() throws Exception {
        StepModel m = model("read-write-lock");
        StepSession s = new StepSession(m);
        s.play(List.of(A, WRITER)); // reader-1 in; the writer's head start is over
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(WRITER));
        assertEquals(WRITE_SIDE, m.waitsFor(s.state(), WRITER));
        assertEquals("readers are in: reader-1", m.blockedBy(s.state(), WRITER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(WRITER));
        assertTrue(e.getMessage().contains("waits for book (write) (readers are in: reader-1)"), e.getMessage());
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(B), "Java's lock: no new reader while a writer waits");
        assertTrue(m.blockedBy(s.state(), B).startsWith("writer waits to write"), m.blockedBy(s.state(), B));
        s.play(List.of(A, A, A, A, A, A)); // reader-1 reads, counts and lets go
        assertArrayEquals(new int[0], s.state().readers(READ_SIDE));
        assertEquals(LaneStatus.READY, s.status(WRITER));
        s.step(WRITER);
        assertEquals(WRITER, s.state().owner(WRITE_SIDE));
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(B), "the writer is alone");
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(C));
        assertEquals("its write side is held by writer", m.blockedBy(s.state(), B));
    }

    @Test
    void aReadersFirstLockLetsReadersPastAWaitingWriter() throws Exception {
        StepModel m = model("readers-first");
        StepSession s = new StepSession(m);
        s.play(List.of(A, WRITER)); // reader-1 in; the writer waits
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(WRITER));
        assertEquals(LaneStatus.READY, s.status(B), "readers-first: a waiting writer stops nobody");
        s.step(B);
        assertArrayEquals(new int[] {A, B}, s.state().readers(READ_SIDE));
    }

    @Test
    void undoGivesTheReadSideBackExactly() throws Exception {
        StepSession s = new StepSession(model("read-write-lock"));
        StepState before = s.state();
        s.play(List.of(A, B));
        s.undo();
        s.undo();
        assertEquals(before, s.state());
        assertArrayEquals(new int[0], s.state().readers(READ_SIDE));
    }

    @Test
    void exploration_noScheduleTearsAPageUnderTheReadWriteLock() throws Exception {
        ExploreResult r = Explorer.explore(model("read-write-lock"));
        assertTrue(r.complete());
        assertFalse(r.outcomes().isEmpty());
        for (ExploredOutcome o : r.outcomes()) {
            assertEquals(ExploredOutcome.Kind.COMPLETED, o.kind(), o::toString);
            assertEquals(0L, o.shared().get("torn"), () -> "a torn page under the read-write lock: " + o);
            assertTrue(o.grade() != Grade.FORBIDDEN, o::toString);
        }
    }

    @Test
    void exploration_withoutALockSomeScheduleTearsAPage() throws Exception {
        ExploreResult r = Explorer.explore(model("no-lock"));
        assertTrue(r.complete());
        assertTrue(r.outcomes().stream().anyMatch(o -> o.shared().get("torn") > 0), r.outcomes()::toString);
    }

    @Test
    void exploration_theReadersFirstLockCanStarveTheWriterAfterItAskedFirst() throws Exception {
        // the writer asks for the lock after reader-1's read-lock, and still gets in last
        StepModel m = model("readers-first");
        StepSession s = new StepSession(m);
        s.play(List.of(A, WRITER, B, A, A, A, A, A, A, C, B, B, B, B, B, B, C, C, C, C, C, C));
        assertEquals(LaneStatus.READY, s.status(WRITER));
        s.play(List.of(WRITER, WRITER, WRITER, WRITER, WRITER, WRITER, WRITER, WRITER, WRITER));
        assertTrue(m.finished(s.state()));
        assertEquals(3L, s.state().shared(m.compiled().variables().indexOf("seen")), "every read went first");
        assertEquals(Grade.INTERESTING, m.outcome(s.state()).orElseThrow().grade());
    }
}

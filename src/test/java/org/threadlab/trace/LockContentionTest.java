package org.threadlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.LessonLibrary;

/** The lock figures of the four ways of the lock-contention lesson, from real runs on two threads. */
class LockContentionTest {
    private static final long N = 20_000;

    private static LockHistory.State run(String variant) throws Exception {
        RunResult r = new Engine().run(RunConfig.of(LessonLibrary.standard().find("lock-contention")).withVariant(variant)
                .withMode(new RunMode.Threads()).withWorkers(2).withParams(Map.of("n", N)));
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(2 * N, r.shared().get("counter"), "every way counts right");
        LockHistory locks = new LockHistory(new TraceFeed(r.trace()));
        locks.update();
        assertEquals(1, locks.lockCount());
        LockHistory.State s = locks.stateAt(0, r.trace().endNanos());
        assertEquals("counter-lock", s.name());
        assertEquals(-1, s.owner());
        assertTrue(s.waiters().isEmpty());
        assertTrue(s.handoffs() <= s.contended() && s.contended() <= s.acquisitions(),
                "a hand-over is a contended acquisition from another worker: " + s);
        return s;
    }

    @Test
    void coarseLock_eachWorkerTakesItOnce() throws Exception {
        LockHistory.State s = run("coarse-lock");
        assertEquals(2, s.acquisitions());
        assertTrue(s.handoffs() <= 1, "two acquisitions: at most one hand-over");
        assertTrue(s.heldNanos() > 0);
        if (s.contended() == 1) {
            assertEquals(1, s.handoffs(), "the one who waited got the lock from the other");
            assertTrue(s.waitedNanos() > 0);
        }
    }

    @Test
    void lockPerIncrement_takesItForEveryIncrement() throws Exception {
        LockHistory.State s = run("lock-per-increment");
        assertEquals(2 * N, s.acquisitions());
        assertTrue(s.heldNanos() > 0);
    }

    @Test
    void atomic_takesNoLockSoNobodyWaits() throws Exception {
        LockHistory.State s = run("atomic");
        assertEquals(0, s.acquisitions());
        assertEquals(0, s.contended());
        assertEquals(0, s.handoffs());
        assertEquals(0, s.waitedNanos());
        assertEquals(0, s.heldNanos());
    }

    @Test
    void localSums_takeTheLockOncePerWorker() throws Exception {
        LockHistory.State s = run("local-sums");
        assertEquals(2, s.acquisitions());
        assertTrue(s.handoffs() <= 1);
    }
}

package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.WorkerState;

/** A real deadlock on real threads is found by the engine's deadlock watch, and the run ends cleanly. */
class DeadlockWatchTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "virtual-threads", "thread-pool"})
    @Timeout(30)
    void aRealDeadlockIsDetectedAndTheRunStopsWithNoThreadLeft(String mode) throws InterruptedException {
        Lesson crossed = TestLessons.fixture("crossed");
        RunResult r = new Engine().run(RunConfig.of(crossed).withMode(RunMode.of(mode, 2)));
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> r.messages().toString());
        assertEquals(List.of("deadlock: first holds a and waits for b; second holds b and waits for a; the run was stopped"),
                r.messages());
        assertEquals(Grade.NOT_GRADED, r.grade());
        for (RunResult.LaneSummary lane : r.lanes()) {
            assertEquals(WorkerState.CANCELLED, lane.finalState(), lane.name() + " was interrupted out of its wait");
        }
        // the run waits for its workers to end; no thread of the run may be left
        Set<String> names = Set.of("first", "second", "pool-thread-1", "pool-thread-2");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (names.contains(t.getName())) {
                t.join(5_000);
                assertFalse(t.isAlive(), t.getName() + " is still alive");
            }
        }
    }

    @Test
    @Timeout(30)
    void oneAfterTheOtherNothingDeadlocks() throws InterruptedException {
        Lesson crossed = TestLessons.fixture("crossed");
        RunResult r = new Engine().run(RunConfig.of(crossed).withMode(new RunMode.Sequential()));
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(2L, r.shared().get("done"));
    }
}

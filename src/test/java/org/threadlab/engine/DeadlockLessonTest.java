package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.engine.sync.DeadlockCycle;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;

/**
 * The product's {@code deadlock} lesson on real threads: opposite lock orders end in a real
 * deadlock, reported as a cycle by name and left with no thread behind; one fixed order never does.
 */
class DeadlockLessonTest {
    private static final Set<String> WORKERS = Set.of("to-bob", "to-alice");

    @Test
    @Timeout(120)
    void oppositeOrdersDeadlockAndTheCycleIsReported() throws InterruptedException {
        Lesson lesson = TestLessons.product("deadlock");
        RunConfig config = RunConfig.of(lesson).withVariant("opposite-order").withMode(RunMode.of("threads", 2))
                .withParams(Map.of("n", 200_000L)); // long enough that the two loops overlap
        // Two threads that overlap at all deadlock within a few transfers; one that ran all its
        // transfers before the other started would be luck, so a few tries make it certain.
        RunResult r = null;
        for (int attempt = 0; attempt < 5 && (r == null || r.status() != RunStatus.DEADLOCKED); attempt++) {
            r = new Engine().run(config);
        }
        RunResult run = r;
        assertNotNull(run);
        assertEquals(RunStatus.DEADLOCKED, run.status(), () -> run.messages().toString());
        assertEquals(Grade.NOT_GRADED, run.grade());

        DeadlockCycle cycle = run.deadlock();
        assertEquals(2, cycle.links().size(), cycle::describe);
        assertEquals(WORKERS, Set.copyOf(cycle.workers()));
        assertEquals(Set.of("alice-lock", "bob-lock"), Set.copyOf(cycle.locks()));
        for (int i = 0; i < 2; i++) {
            DeadlockCycle.Link link = cycle.links().get(i);
            DeadlockCycle.Link other = cycle.links().get(1 - i);
            assertEquals(other.waitsFor(), link.holds(), "each holds the lock the other waits for: " + cycle.describe());
            assertTrue(!link.holds().equals(link.waitsFor()), cycle.describe());
            // the lesson's orders: to-bob takes alice-lock first, to-alice takes bob-lock first
            assertEquals(link.worker().equals("to-bob") ? "alice-lock" : "bob-lock", link.holds(), cycle.describe());
        }
        assertEquals(List.of("deadlock: " + cycle.describe() + "; the run was stopped"), run.messages());
        assertTrue(cycle.jvmAgreed(), "ThreadMXBean.findDeadlockedThreads named the same platform threads");
        // once the run has ended, the JVM's detector finds nothing stuck any more
        assertEquals(null, ManagementFactory.getThreadMXBean().findDeadlockedThreads());
        assertNoWorkerLeft();
    }

    @Test
    @Timeout(120)
    void oneFixedOrderNeverDeadlocks() throws InterruptedException {
        Lesson lesson = TestLessons.product("deadlock");
        RunResult r = new Engine().run(RunConfig.of(lesson).withVariant("fixed-order").withMode(RunMode.of("threads", 2)));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> r.messages().toString());
        assertTrue(r.deadlock().isEmpty());
        assertEquals(Map.of("alice", 1000L, "bob", 1000L), r.shared());
        assertEquals(Grade.ACCEPTABLE, r.grade());
        assertNoWorkerLeft();
    }

    private static void assertNoWorkerLeft() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (WORKERS.contains(t.getName())) {
                t.join(5_000);
                assertFalse(t.isAlive(), t.getName() + " is still alive");
            }
        }
    }
}

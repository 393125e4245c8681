package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonParser;
import org.threadlab.trace.WorkerState;

/** Condition variables on real threads: a real Condition of the lock, and a lost wake-up that ends the run. */
public class ConditionTest {
    /** The flag lesson: the notifier naps {@code sleepMillis}, then raises the flag by {@code by} and notifies. */
    static Lesson flag(int by, int sleepMillis) throws Exception {
        return flag(by, 0, sleepMillis);
    }

    /** The flag lesson with both naps chosen, to order the wait and the notify. */
    public static Lesson flag(int by, int waiterNapMillis, int notifierNapMillis) throws Exception {
        String text = java.nio.file.Files.readString(Path.of("src/test/resources/test-lessons/flag.yaml.template"))
                .replace("%BY%", String.valueOf(by)).replace("%WAITER_NAP%", String.valueOf(waiterNapMillis))
                .replace("%NOTIFIER_NAP%", String.valueOf(notifierNapMillis));
        return new LessonParser().parse(Path.of("lessons/flag.yaml"), text);
    }

    @Test
    @Timeout(120)
    void theWaitNotifyBufferDeliversEveryItemOnceInOrder() throws Exception {
        Lesson lesson = TestLessons.product("producer-consumer");
        for (String mode : new String[] {"threads", "virtual-threads", "thread-pool"}) {
            for (int round = 0; round < 5; round++) {
                RunResult r = new Engine().run(RunConfig.of(lesson).withVariant("wait-notify")
                        .withMode(RunMode.of(mode, 2)).withParams(Map.of("n", 40L)));
                assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
                assertEquals(40L * 41 / 2, r.shared().get("total"), mode + ": every item once");
                assertEquals(40L * 41 * 81 / 6, r.shared().get("in_order"), mode + ": in the order made");
                assertEquals(0L, r.shared().get("count"), mode);
                assertEquals(Grade.ACCEPTABLE, r.grade(), mode);
            }
        }
    }

    @Test
    @Timeout(60)
    void aNotifyThatCountsWakesTheWaiter() throws Exception {
        // the waiter may or may not wait (whoever runs first); either way it sees the flag and ends
        for (String mode : new String[] {"threads", "virtual-threads", "thread-pool"}) {
            RunResult r = new Engine().run(RunConfig.of(flag(1, 0)).withMode(RunMode.of(mode, 2)));
            assertEquals(RunStatus.COMPLETED, r.status(), () -> mode + ": " + String.join("; ", r.messages()));
            assertEquals(1L, r.shared().get("flag"));
        }
    }

    @Test
    @Timeout(60)
    void aLostWakeUpEndsTheRunAsStuckNamingTheWaiter() throws Exception {
        // the notifier never sets the flag: its notify changes nothing, and the waiter waits for ever
        for (String mode : new String[] {"sequential", "threads", "virtual-threads", "thread-pool"}) {
            RunResult r = new Engine().run(RunConfig.of(flag(0, 0)).withMode(RunMode.of(mode, 2)));
            assertEquals(RunStatus.DEADLOCKED, r.status(), () -> mode + ": " + String.join("; ", r.messages()));
            String message = r.messages().get(0);
            assertTrue(message.startsWith("stuck: waiter waits on flag-set"), message);
            assertTrue(message.contains("nobody is left to notify"), message);
            RunResult.LaneSummary waiter = r.lanes().stream().filter(l -> l.name().equals("waiter")).findFirst()
                    .orElseThrow();
            assertEquals(WorkerState.CANCELLED, waiter.finalState(), mode);
            assertTrue(waiter.stateNanos().getOrDefault(WorkerState.WAITING, 0L) > 0, mode + ": the timeline shows the wait");
        }
    }

    /** Whether the lane named {@code lane} is in {@code state} (its last recorded state) within {@code limit}. */
    static boolean awaitState(Run run, String lane, WorkerState state, Duration limit) throws InterruptedException {
        org.threadlab.trace.TraceFeed feed = new org.threadlab.trace.TraceFeed(run.recorder());
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && !run.isDone()) {
            feed.pull();
            for (org.threadlab.trace.LaneLog log : feed.lanes()) {
                if (!log.info().name().equals(lane)) {
                    continue;
                }
                for (int i = log.size() - 1; i >= 0; i--) {
                    if (log.isState(i)) {
                        if (log.state(i) == state) {
                            return true;
                        }
                        break;
                    }
                }
            }
            Thread.sleep(5);
        }
        return false;
    }

    @Test
    @Timeout(60)
    void cancelEndsARunWhoseWorkerWaitsOnACondition() throws Exception {
        // the notifier sleeps, so the run is not stuck yet: only a cancel ends the wait
        for (String mode : new String[] {"threads", "virtual-threads"}) {
            Run run = new Engine().start(RunConfig.of(flag(1, 30_000)).withMode(RunMode.of(mode, 2)));
            // the cancel must find the waiter in the wait set, not on its way there: wait until the trace says so
            assertTrue(awaitState(run, "waiter", WorkerState.WAITING, Duration.ofSeconds(20)),
                    mode + ": the waiter never got into the condition's wait set");
            run.cancel();
            RunResult r = run.await(Duration.ofSeconds(10));
            assertNotNull(r, mode + ": the run ended after cancel");
            assertEquals(RunStatus.CANCELLED, r.status(), mode);
            assertEquals(0L, r.shared().get("flag"));
            for (RunResult.LaneSummary lane : r.lanes()) {
                assertEquals(WorkerState.CANCELLED, lane.finalState(), lane.name());
            }
        }
    }

    @Test
    @Timeout(60)
    void aPoolTooSmallForTheConsumerIsReportedAsStarvedNotAsALostWakeUp() throws Exception {
        // one pool thread: the producer fills the buffer and sleeps on not-full, and the consumer
        // waits in the pool's queue for a thread that never comes free
        Lesson lesson = TestLessons.product("producer-consumer");
        RunResult starved = new Engine().run(RunConfig.of(lesson).withVariant("wait-notify")
                .withMode(RunMode.of("thread-pool", 1)));
        assertEquals(RunStatus.DEADLOCKED, starved.status(), () -> String.join("; ", starved.messages()));
        String message = starved.messages().get(0);
        assertTrue(message.startsWith("stuck: producer waits on not-full"), message);
        assertTrue(message.contains("consumer has not started"), message);
        assertTrue(message.contains("the pool is starved"), message);
        // two pool threads are enough: both run, and every item arrives
        RunResult enough = new Engine().run(RunConfig.of(lesson).withVariant("wait-notify")
                .withMode(RunMode.of("thread-pool", 2)));
        assertEquals(RunStatus.COMPLETED, enough.status(), () -> String.join("; ", enough.messages()));
        assertEquals(Grade.ACCEPTABLE, enough.grade());
    }
}

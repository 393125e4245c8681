package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.Lesson;

/**
 * The dining philosophers for real: left fork first closes a circle of all five, found live and
 * named fork by fork; a fork order and a waiter always let the pot be emptied; every portion is
 * counted once, on the counter of the philosopher who got it.
 */
class DiningPhilosophersTest {
    private static final List<String> COUNTERS = List.of("ate_1", "ate_2", "ate_3", "ate_4", "ate_5");

    private static RunResult run(String variant, RunMode mode) throws InterruptedException {
        Lesson lesson = TestLessons.product("dining-philosophers");
        return new Engine().run(RunConfig.of(lesson).withVariant(variant).withMode(mode));
    }

    private static long eaten(RunResult r) {
        return COUNTERS.stream().mapToLong(c -> r.shared().get(c)).sum();
    }

    @Test
    @Timeout(120)
    void leftForkFirstDeadlocksInACircleOfAllFive() throws InterruptedException {
        List<String> endings = new ArrayList<>();
        for (int attempt = 0; attempt < 10; attempt++) { // a real race; it closes in most runs
            RunResult r = run("left-first", new RunMode.Threads());
            assertEquals(50L, r.shared().get("food") + eaten(r), "no portion lost or served twice, even stuck");
            endings.add(r.status().label());
            if (r.status() == RunStatus.DEADLOCKED) {
                assertEquals(List.of("phil-1", "phil-2", "phil-3", "phil-4", "phil-5"),
                        r.deadlock().workers().stream().sorted().toList(), "everyone is in the circle");
                assertEquals(List.of("fork-1", "fork-2", "fork-3", "fork-4", "fork-5"),
                        r.deadlock().locks().stream().sorted().toList(), "and so is every fork, but not the kitchen");
                for (org.threadlab.engine.sync.DeadlockCycle.Link link : r.deadlock().links()) {
                    int me = Integer.parseInt(link.worker().substring("phil-".length()));
                    assertEquals("fork-" + me, link.holds(), link::toString);
                    assertEquals("fork-" + (me % 5 + 1), link.waitsFor(), link::toString);
                }
                assertTrue(r.messages().get(0).startsWith("deadlock: "), r.messages()::toString);
                return;
            }
        }
        throw new AssertionError("ten dinners and the table never froze: " + endings);
    }

    @Test
    @Timeout(120)
    void aForkOrderAndAWaiterAlwaysEmptyThePot() throws InterruptedException {
        for (String variant : List.of("ordered", "waiter")) {
            for (RunMode mode : List.of(new RunMode.Threads(), new RunMode.VirtualThreads(), new RunMode.ThreadPool(5))) {
                RunResult r = run(variant, mode);
                String where = variant + " on " + mode;
                assertEquals(RunStatus.COMPLETED, r.status(), () -> where + ": " + r.messages());
                assertEquals(0L, r.shared().get("food"), where);
                assertEquals(50L, eaten(r), where);
                for (RunResult.LaneSummary lane : r.lanes()) {
                    assertEquals(org.threadlab.trace.WorkerState.DONE, lane.finalState(), where + ": " + lane.name()
                            + " found the pot empty and went home");
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void oneAfterAnotherTheFirstPhilosopherEatsThePotAndTheOthersStarve() throws InterruptedException {
        RunResult r = run("left-first", new RunMode.Sequential());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(Map.of("food", 0L, "ate_1", 50L, "ate_2", 0L, "ate_3", 0L, "ate_4", 0L, "ate_5", 0L), r.shared());
        assertTrue(r.outcomeText().contains("someone starved"), r.outcomeText());
    }
}

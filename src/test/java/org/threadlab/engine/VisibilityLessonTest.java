package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.step.LaneStatus;
import org.threadlab.engine.step.StepSession;
import org.threadlab.engine.step.Stories;
import org.threadlab.lesson.Lesson;

/** The visibility lesson for real: a compiled spin on a plain flag misses it; a volatile one never does. */
class VisibilityLessonTest {
    private static final Lesson LESSON = TestLessons.product("visibility");

    private static RunResult run(String variant) throws InterruptedException {
        return new Engine().run(RunConfig.of(LESSON).withVariant(variant).withMode(new RunMode.Threads()));
    }

    @Test
    void aPlainSpinMissesTheFlagAndTheResultSaysWhy() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        RunResult missed = null;
        for (int i = 0; i < 3 && missed == null; i++) {
            RunResult r = run("plain");
            seen.add(r.status().label());
            if (r.status() == RunStatus.TIMED_OUT) {
                missed = r;
            }
        }
        assertTrue(missed != null, () -> "in 3 runs the plain spin always saw the flag: " + seen);
        assertEquals(1L, missed.shared().get("ready"), "the setter's write reached memory");
        assertEquals(42L, missed.shared().get("answer"));
        RunResult r = missed;
        assertTrue(r.messages().stream().anyMatch(m -> m.startsWith("waiter was still spinning on ready when the run was"
                + " stopped, although ready was 1")), r.messages()::toString);
    }

    @Test
    void aVolatileSpinSeesTheFlagAndTheAnswerEveryTime() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            RunResult r = run("volatile");
            assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
            assertEquals(42L, r.shared().get("answer"));
        }
    }

    @Test
    void stepModeShowsTheProgramAsWrittenTheWaiterSpinsUntilTheFlagIsSet() {
        StepSession s = new StepSession(Stories.model(LESSON, "plain"));
        int waiter = s.model().laneOf("waiter");
        int setter = s.model().laneOf("setter");
        assertEquals(LaneStatus.SPINNING, s.status(waiter));
        for (int i = 0; i < 4; i++) {
            s.step(setter); // sleep, add, write answer, add
            assertEquals(LaneStatus.SPINNING, s.status(waiter), "ready is still 0");
        }
        s.step(setter); // write ready
        assertEquals(LaneStatus.READY, s.status(waiter));
        s.step(waiter);
        assertEquals("spin-until", s.history().get(s.history().size() - 1).kind());
        ExploreResult all = Explorer.explore(Stories.model(LESSON, "plain"));
        assertTrue(all.complete());
        assertEquals(1, all.schedules(), "the waiter cannot move before the flag: one schedule");
    }
}

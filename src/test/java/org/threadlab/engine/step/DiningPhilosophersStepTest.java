package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;

/**
 * The dining philosophers in step mode and exploration, with the lesson's stepping params (one
 * turn each): five left forks and nobody can move; exploring every schedule finds that circle for
 * left fork first, and proves that the fork order and the waiter never deadlock.
 */
class DiningPhilosophersStepTest {
    private static StepModel model(String variant) throws Exception {
        Lesson lesson = LessonLibrary.standard().find("dining-philosophers");
        return new StepModel(CompiledLesson.of(lesson, variant, null, lesson.steppingParams(variant)));
    }

    @Test
    void fiveLeftForksAndNobodyCanMove() throws Exception {
        StepSession s = new StepSession(model("left-first"));
        s.play(List.of(0, 1, 2, 3, 4));
        assertEquals(0, s.movable().length);
        Deadlock d = s.deadlock().orElseThrow();
        assertEquals(5, d.cycle().size(), d::toString);
        for (int lane = 0; lane < 5; lane++) {
            assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(lane));
            assertEquals(lane, s.state().owner(lane), "phil-" + (lane + 1) + " holds its left fork");
        }
    }

    @Test
    void withTheForkOrderTheLastPhilosopherWaitsEmptyHanded() throws Exception {
        StepModel m = model("ordered");
        StepSession s = new StepSession(m);
        s.play(List.of(0, 1, 2, 3)); // phil-1..4 take forks 1..4
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(4), "phil-5 reaches for fork 1 first, which phil-1 holds");
        assertEquals(0, m.waitsFor(s.state(), 4));
        assertEquals(LaneStatus.READY, s.status(3), "fork 5 is free, so phil-4 can eat");
    }

    @Test
    @Timeout(120)
    void exploringFindsTheCircleOnlyWhenEveryoneTakesTheLeftForkFirst() throws Exception {
        ExploreResult leftFirst = Explorer.explore(model("left-first"));
        assertTrue(leftFirst.complete());
        assertTrue(leftFirst.deadlocks());
        ExploredOutcome circle = leftFirst.outcomes().stream().filter(o -> o.kind() == ExploredOutcome.Kind.DEADLOCK)
                .findFirst().orElseThrow();
        assertEquals(5, circle.schedule().size(), "the shortest way in: five left forks " + circle.schedule());
        for (String variant : List.of("ordered", "waiter")) {
            ExploreResult r = Explorer.explore(model(variant));
            assertTrue(r.complete(), variant);
            assertFalse(r.deadlocks(), variant + " never deadlocks, whatever the schedule");
            assertEquals(1, r.outcomes().size(), r.outcomes()::toString);
            assertEquals(45L, r.outcomes().get(0).shared().get("food"), "one turn each: five portions eaten");
        }
    }
}

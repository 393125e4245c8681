package org.threadlab.engine.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;

/** ThreadLab's side of the real-against-simulated comparison: one live run per mode, and the 15 % rule. */
class SimulatedSpeedUpsTest {
    @Test
    void runsSequentialFirstThenEachModeWithTheGilAndGivesSpeedUps() throws Exception {
        Lesson squares = LessonLibrary.standard().find("squares");
        SimulatedSpeedUps s = SimulatedSpeedUps.measure(new Engine(), squares, "", List.of("threads", "processes"),
                RunConfig.DEFAULT_SWITCH_INTERVAL, Map.of("n", 20_000L, "rounds", 2L));
        assertEquals(List.of("sequential", "threads", "processes"), List.copyOf(s.wallNanos().keySet()),
                () -> "sequential first, then the modes asked for; failures: " + s.failures());
        assertEquals(1.0, s.speedUp("sequential"), 1e-12);
        assertTrue(s.speedUp("threads") > 0 && s.speedUp("processes") > 0);
        assertTrue(Double.isNaN(s.speedUp("virtual-threads")), "a mode not run has no speed-up");
    }

    @Test
    void aModeTheLessonDoesNotRunInIsAFailureNotAnException() throws Exception {
        Lesson counter = LessonLibrary.standard().find("shared-counter");
        SimulatedSpeedUps s = SimulatedSpeedUps.measure(new Engine(), counter, "", List.of("processes"),
                RunConfig.DEFAULT_SWITCH_INTERVAL, Map.of("n", 10L));
        assertTrue(s.wallNanos().containsKey("sequential"), s::toString);
        assertTrue(s.failures().containsKey("processes"), s::toString);
        assertTrue(Double.isNaN(s.speedUp("processes")));
    }

    @Test
    void speedUpsAgreeWithinFifteenPercentOfTheSimulatedOne() {
        assertTrue(SimulatedSpeedUps.agree(1.0, 1.0));
        assertTrue(SimulatedSpeedUps.agree(1.14, 1.0));
        assertTrue(SimulatedSpeedUps.agree(0.86, 1.0));
        assertFalse(SimulatedSpeedUps.agree(1.16, 1.0));
        assertFalse(SimulatedSpeedUps.agree(0.62, 1.0), "CPython's threads slower than sequential, the simulation not");
        assertFalse(SimulatedSpeedUps.agree(Double.NaN, 1.0));
    }
}

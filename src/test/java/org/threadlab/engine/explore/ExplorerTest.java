package org.threadlab.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.StepSession;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;

class ExplorerTest {

    static StepModel model(String lesson, String variant, Map<String, Long> params) {
        try {
            return new StepModel(CompiledLesson.of(LessonLibrary.standard().find(lesson), variant, null, params));
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Set<Long> counters(ExploreResult r) {
        return r.outcomes().stream().map(o -> o.shared().get("counter")).collect(Collectors.toSet());
    }

    @Test
    void theCounterRaceWithoutALockEndsAtTwoThreeOrFour() {
        StepModel m = model("shared-counter", "no-lock", Map.of("n", 2L));
        ExploreResult r = Explorer.explore(m);
        assertTrue(r.complete());
        assertEquals(Set.of(2L, 3L, 4L), counters(r));
        assertFalse(r.deadlocks());
        // 2 workers x 6 steps: C(12, 6) = 924 interleavings in all, each counted once
        assertEquals(924, r.schedules());
        assertEquals(924, r.outcomes().stream().mapToLong(ExploredOutcome::schedules).sum());
        for (ExploredOutcome o : r.outcomes()) {
            assertEquals(ExploredOutcome.Kind.COMPLETED, o.kind());
            assertEquals(o.shared().get("counter") == 4 ? Grade.ACCEPTABLE : Grade.INTERESTING, o.grade());
            StepSession replay = new StepSession(m);
            replay.play(o.schedule());
            assertTrue(replay.finished());
            assertEquals(o.shared(), m.shared(replay.state()), "its schedule leads to it");
        }
    }

    @Test
    void withTheLockOnlyFour() {
        ExploreResult r = Explorer.explore(model("shared-counter", "lock", Map.of("n", 2L)));
        assertTrue(r.complete());
        assertEquals(Set.of(4L), counters(r));
        assertEquals(Grade.ACCEPTABLE, r.outcomes().get(0).grade());
        // the lock allows only whole rounds to interleave: C(4, 2) = 6 orders of the four rounds
        assertEquals(6, r.schedules());
    }

    @Test
    void twoWorkersTimesThreeIncrementsIsSmall() {
        ExploreResult r = Explorer.explore(model("shared-counter", "no-lock", Map.of("n", 3L)));
        assertTrue(r.complete());
        assertEquals(Set.of(2L, 3L, 4L, 5L, 6L), counters(r));
        assertEquals(48_620, r.schedules()); // C(18, 9)
        assertTrue(r.states() < 2_000, "memoisation keeps the states few: " + r.states());
    }

    @Test
    void findsTheDeadlockOfOppositeOrdersAndNoneWithAFixedOrder() {
        StepModel opposite = model("deadlock", "opposite-order", Map.of("n", 2L));
        ExploreResult r = Explorer.explore(opposite);
        assertTrue(r.complete());
        assertTrue(r.deadlocks());
        ExploredOutcome d = r.outcomes().stream().filter(o -> o.kind() == ExploredOutcome.Kind.DEADLOCK)
                .findFirst().orElseThrow();
        StepSession replay = new StepSession(opposite);
        replay.play(d.schedule());
        assertEquals(d.deadlock(), replay.deadlock().orElseThrow());
        assertEquals(Grade.NOT_GRADED, d.grade());
        ExploredOutcome completed = r.outcomes().stream().filter(o -> o.kind() == ExploredOutcome.Kind.COMPLETED)
                .findFirst().orElseThrow();
        assertEquals(Map.of("alice", 1000L, "bob", 1000L), completed.shared());

        ExploreResult fixed = Explorer.explore(model("deadlock", "fixed-order", Map.of("n", 2L)));
        assertTrue(fixed.complete());
        assertFalse(fixed.deadlocks());
        assertEquals(1, fixed.outcomes().size());
        assertEquals(Grade.ACCEPTABLE, fixed.outcomes().get(0).grade());
    }

    @Test
    void stopsCleanlyAtTheStateLimit() {
        StepModel big = model("shared-counter", "no-lock", Map.of("n", 1000L));
        ExploreResult r = new Explorer(big, new Explorer.Limits(5_000, Duration.ofSeconds(30)), () -> false).run();
        assertFalse(r.complete());
        assertEquals("the limit of 5,000 states", r.stopReason());
        assertEquals(-1, r.schedules());
        assertTrue(r.states() >= 5_000 && r.states() < 6_100, "stopped near the limit: " + r.states());
    }

    @Test
    void stopsWhenCancelled() {
        StepModel big = model("shared-counter", "no-lock", Map.of("n", 1000L));
        ExploreResult r = new Explorer(big, Explorer.Limits.DEFAULT, () -> true).run();
        assertFalse(r.complete());
        assertEquals("a request to stop", r.stopReason());
    }

    @Test
    void everyShippedLessonExploresWithSmallParams() {
        int explored = 0;
        for (var lesson : LessonLibrary.standard().loadAll().lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(v -> v.name()).toList();
            for (String v : variants) {
                var resolved = lesson.resolve(v);
                Map<String, Long> small = new java.util.HashMap<>();
                resolved.params().keySet().stream().filter(k -> !k.equals("workers")).forEach(k -> small.put(k, 1L));
                CompiledLesson c = CompiledLesson.of(lesson, v, resolved.run().minWorkers(), small);
                StepModel model = new StepModel(c);
                ExploreResult r = new Explorer(model, new Explorer.Limits(200_000, Duration.ofSeconds(20)),
                        () -> false).run();
                String which = lesson.id() + " " + v;
                assertFalse(r.outcomes().isEmpty(), which);
                long counted = 0;
                for (var o : r.outcomes()) {
                    assertTrue(o.schedules() >= 1, which + ": " + o);
                    // saturating, as the explorer counts: five philosophers have more than 9.2e18 schedules
                    counted = counted + o.schedules() < 0 ? Long.MAX_VALUE : counted + o.schedules();
                    // the schedule given for each outcome, replayed step by step, reaches that outcome
                    var state = model.initial();
                    for (int lane : o.schedule()) {
                        state = model.step(state, lane).next();
                    }
                    if (o.kind() == org.threadlab.engine.explore.ExploredOutcome.Kind.DEADLOCK) {
                        assertTrue(model.deadlock(state).isPresent(), which + ": the schedule of " + o + " deadlocks");
                    } else {
                        assertTrue(model.finished(state), which + ": the schedule of " + o + " runs to the end");
                        for (var e : o.shared().entrySet()) {
                            assertEquals(e.getValue(), model.shared(state).get(e.getKey()), which + ": " + e.getKey());
                        }
                    }
                }
                if (r.complete()) {
                    assertEquals(r.schedules(), counted, which + ": every schedule ends in one outcome");
                }
                explored++;
            }
        }
        assertTrue(explored >= 10, "explored " + explored);
    }

    /**
     * Every lesson and variant with few enough lanes to explore (the window's limit, 26) is explored
     * to its end with its stepping params, within the window's state limit: the learner gets every
     * outcome, not a walk stopped at its limit. Counted in states, not seconds.
     */
    @Test
    void everyExplorableLessonIsExploredWholeWithItsSteppingParams() throws Exception {
        List<String> stopped = new java.util.ArrayList<>();
        for (org.threadlab.lesson.Lesson lesson : LessonLibrary.standard().loadAll().lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(org.threadlab.lesson.Variant::name).toList();
            for (String variant : variants) {
                StepModel m = org.threadlab.engine.step.Stories.model(lesson, variant);
                if (m.lanes().size() > 26) {
                    continue; // the window says why it does not explore so many
                }
                ExploreResult r = new Explorer(m, new Explorer.Limits(2_000_000, Duration.ofMinutes(3)), () -> false).run();
                if (!r.complete()) {
                    stopped.add(lesson.id() + (variant.isEmpty() ? "" : " [" + variant + "]") + " after " + r.states() + " states");
                }
            }
        }
        assertTrue(stopped.isEmpty(), () -> "stopped before the end: " + stopped);
    }
}

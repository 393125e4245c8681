package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.step.StepModel;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Variant;
import org.threadlab.trace.WorkerState;

/** Every shipped lesson, in every variant and every mode it allows, runs to an outcome it expects. */
class AllLessonsTest {

    static Stream<Arguments> runs() {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        assertTrue(loaded.problems().isEmpty(), loaded.problems()::toString);
        List<Arguments> out = new ArrayList<>();
        for (Lesson lesson : loaded.lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                Lesson resolved = lesson.resolve(variant);
                for (String mode : resolved.run().modes()) {
                    out.add(Arguments.of(lesson.id(), variant, mode, false));
                }
                if (resolved.run().modes().contains("threads")) {
                    out.add(Arguments.of(lesson.id(), variant, "threads", true));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}] {2} gil={3}")
    @MethodSource("runs")
    @Timeout(90)
    void runsToAnExpectedOutcome(String id, String variant, String mode, boolean gil) throws InterruptedException {
        Lesson lesson = TestLessons.product(id);
        RunConfig config = RunConfig.of(lesson).withVariant(variant)
                .withMode(RunMode.of(mode, lesson.resolve(variant).run().poolSize())).withGil(gil, null);
        RunResult r = new Engine().run(config);
        if (r.status() == RunStatus.DEADLOCKED) {
            // allowed only where exploring every interleaving (with one round) finds a deadlock too
            Map<String, Long> oneRound = new HashMap<>();
            lesson.resolve(variant).params().keySet().stream().filter(k -> !k.equals("workers"))
                    .forEach(k -> oneRound.put(k, 1L));
            ExploreResult explored = Explorer.explore(new StepModel(CompiledLesson.of(lesson, variant, null, oneRound)));
            // a lost wake-up needs a few rounds: the lesson's stepping params give them
            boolean deadlocks = explored.deadlocks()
                    || Explorer.explore(org.threadlab.engine.step.Stories.model(lesson, variant)).deadlocks();
            assertTrue(deadlocks, () -> "a live deadlock in a lesson that cannot deadlock: " + r.messages());
            assertTrue(r.messages().get(0).startsWith("deadlock: ") || r.messages().get(0).startsWith("stuck: "),
                    r.messages()::toString);
            return;
        }
        if (id.equals("crash")) { // fails on purpose: the third worker's power is out of range
            assertEquals(RunStatus.FAILED, r.status(), () -> String.join("; ", r.messages()));
            assertEquals(1, r.lanes().stream().filter(l -> l.finalState() == WorkerState.FAILED).count(), r.lanes()::toString);
            assertEquals(2L, r.shared().get("finished"), "the other two workers finished");
            return;
        }
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        assertTrue(Set.of(Grade.ACCEPTABLE, Grade.INTERESTING).contains(r.grade()),
                () -> r.grade() + ": " + r.outcomeText() + " with " + r.shared());
        for (RunResult.LaneSummary lane : r.lanes()) {
            assertEquals(WorkerState.DONE, lane.finalState(), lane.name());
        }
    }

    @Test
    void theCurriculumsThreadLessonsAreAllThere() {
        List<String> ids = LessonLibrary.standard().loadAll().lessons().stream().map(Lesson::id).toList();
        for (String id : List.of("hello-threads", "game-threads", "downloads", "squares", "shared-counter",
                "thread-pool", "virtual-threads", "deadlock")) {
            assertTrue(ids.contains(id), () -> id + " is missing from " + ids);
        }
    }

    @Test
    void theProcessLessonsAreThereAndSquaresAndDownloadsRunAsProcesses() {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        List<String> ids = loaded.lessons().stream().map(Lesson::id).toList();
        for (String id : List.of("process-memory", "process-squares", "process-counter")) {
            assertTrue(ids.contains(id), () -> id + " is missing from " + ids);
        }
        for (Lesson l : loaded.lessons()) {
            if (l.id().equals("squares") || l.id().equals("downloads")) {
                assertTrue(l.run().modes().containsAll(List.of("processes", "process-pool")), l.id());
            }
        }
    }

    /** Every guided story plays to its end in step mode: each move is a lane that can move then. */
    @Test
    void everyStoryPlays() {
        int stories = 0;
        for (Lesson lesson : LessonLibrary.standard().loadAll().lessons()) {
            for (org.threadlab.lesson.Stepping.Story story : lesson.stepping().stories()) {
                org.threadlab.engine.step.StepModel model = org.threadlab.engine.step.Stories.model(lesson, story.variant());
                List<Integer> schedule = org.threadlab.engine.step.Stories.schedule(model, story);
                assertEquals(story.beats().size(), schedule.size(), story.title());
                stories++;
            }
        }
        assertTrue(stories >= 1, "at least one lesson tells a story");
    }
}

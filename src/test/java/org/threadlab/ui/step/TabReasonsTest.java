package org.threadlab.ui.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.stress.Stress;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Variant;

/**
 * Every lesson and variant, for Step through, Every interleaving and Real stress: each tab either
 * applies or says why not in a learner's words, and points to lessons where it does apply.
 */
class TabReasonsTest {
    /** What applies where: S step, E explore, R real stress; a dash where the tab gives a reason. */
    private static final Map<String, String> TABLE = new LinkedHashMap<>();

    static {
        // a pause between check and act keeps the gap open in a live run; stress cannot repeat a sleep
        for (String variant : List.of("no-lock", "lock-act-only", "lock-both", "lazy-init", "lazy-init-locked")) {
            TABLE.put("check-then-act/" + variant, "SE-");
        }
        TABLE.put("compare/cpu", "SE-");
        TABLE.put("compare/io", "SE-");
        TABLE.put("crash/", "SE-");
        TABLE.put("deadlock/opposite-order", "SER");
        TABLE.put("deadlock/fixed-order", "SER");
        for (String variant : List.of("left-first", "ordered", "waiter")) {
            TABLE.put("dining-philosophers/" + variant, "SE-"); // the philosophers eat (sleep)
        }
        TABLE.put("downloads/", "SE-");
        TABLE.put("game-threads/", "SE-");
        TABLE.put("hello-threads/", "SE-");
        TABLE.put("kill/", "SE-");
        TABLE.put("lock-contention/coarse-lock", "SER");
        TABLE.put("lock-contention/lock-per-increment", "SER");
        TABLE.put("lock-contention/atomic", "SER");
        TABLE.put("lock-contention/local-sums", "SER");
        TABLE.put("pools/", "SE-");
        TABLE.put("process-counter/value-no-lock", "SE-");
        TABLE.put("process-counter/value-lock", "SE-");
        TABLE.put("process-counter/plain-copy", "SE-");
        TABLE.put("process-memory/", "SE-");
        TABLE.put("process-queue/queue-back", "SE-");
        TABLE.put("process-queue/plain-global", "SE-");
        TABLE.put("process-squares/square-and-quad", "SE-");
        TABLE.put("process-squares/sum", "SE-");
        TABLE.put("producer-consumer/queue", "SE-");
        TABLE.put("producer-consumer/wait-notify", "SE-");
        TABLE.put("producer-consumer/one-condition-notify", "SE-");
        TABLE.put("semaphore/two-permits", "SE-");
        TABLE.put("semaphore/no-semaphore", "SE-");
        TABLE.put("shared-counter/no-lock", "SER");
        TABLE.put("shared-counter/lock", "SER");
        TABLE.put("shared-counter/atomic", "SER");
        TABLE.put("shared-counter/local-sums", "SER");
        TABLE.put("squares/sum-of-squares", "SE-");
        TABLE.put("squares/square-and-quad", "SE-");
        TABLE.put("start-cost/", "SE-");
        TABLE.put("thread-pool/", "SE-");
        TABLE.put("virtual-threads/sleeps", "---");
        TABLE.put("virtual-threads/downloads", "---");
        for (String v : new String[] {"plain-lock", "read-write-lock", "readers-first", "fair", "no-lock"}) {
            TABLE.put("readers-writers/" + v, "SE-"); // read-write locks: stress does not run them yet
        }
        TABLE.put("visibility/plain", "SE-"); // a spin step: stress repeats races of read, add, write and locks only
        TABLE.put("visibility/volatile", "SE-");
    }

    /** Words of the engine's own refusals that a learner should never read. */
    private static final List<String> DEVELOPER_WORDS = List.of("main thread steps", "lesson '", "worker '", "step;",
            "repeat (try", "params");

    @Test
    void everyLessonAndVariantEitherAppliesOrSaysWhyInPlainWords() {
        List<Lesson> lessons = LessonLibrary.standard().loadAll().lessons();
        Set<String> titles = Set.copyOf(lessons.stream().map(Lesson::title).toList());
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Lesson lesson : lessons) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                String key = lesson.id() + "/" + variant;
                List<Optional<String>> reasons = List.of(TabReasons.step(lesson, variant),
                        TabReasons.explore(lesson, variant), TabReasons.stress(lesson, variant));
                StringBuilder row = new StringBuilder();
                for (int tab = 0; tab < 3; tab++) {
                    row.append(reasons.get(tab).isEmpty() ? "SER".charAt(tab) : '-');
                    reasons.get(tab).ifPresent(r -> checkSentence(key, r, titles, wrong));
                }
                seen.put(key, row.toString());
                Optional<String> engine = Stress.unsupported(
                        CompiledLesson.of(lesson, variant, null, lesson.steppingParams(variant)));
                if (engine.isPresent() && reasons.get(2).isEmpty()) {
                    wrong.add(key + ": stress refuses (" + engine.get() + ") but the tab gives no reason");
                }
            }
        }
        assertEquals(TABLE, seen, "which tab applies to which lesson and variant");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Where Step through applies, a learner can step every lesson and variant to its end (or its deadlock). */
    @Test
    void whereStepThroughAppliesEveryLessonStepsToItsEnd() {
        java.util.Random random = new java.util.Random(5);
        List<String> stuck = new ArrayList<>();
        for (Lesson lesson : LessonLibrary.standard().loadAll().lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                if (TabReasons.step(lesson, variant).isPresent()) {
                    continue;
                }
                org.threadlab.engine.step.StepSession s = new org.threadlab.engine.step.StepSession(
                        org.threadlab.engine.step.Stories.model(lesson, variant));
                while (s.movable().length > 0 && s.position() < 20_000) {
                    s.step(s.movable()[random.nextInt(s.movable().length)]);
                }
                if (!s.finished() && s.deadlock().isEmpty()) {
                    stuck.add(lesson.id() + "/" + variant + " after " + s.position() + " steps");
                }
                s.lostUpdates(); // reads every kind of step without failing
            }
        }
        assertTrue(stuck.isEmpty(), "neither ended nor deadlocked: " + stuck);
    }

    private static void checkSentence(String key, String reason, Set<String> titles, List<String> wrong) {
        for (String word : DEVELOPER_WORDS) {
            if (reason.contains(word)) {
                wrong.add(key + ": '" + word + "' in: " + reason);
            }
        }
        Matcher quoted = Pattern.compile("\u201C([^\u201D]+)\u201D").matcher(reason);
        boolean points = false;
        while (quoted.find()) {
            points = true;
            if (!titles.contains(quoted.group(1))) {
                wrong.add(key + ": points to a lesson that is not in the library: " + quoted.group(1));
            }
        }
        if (!points) {
            wrong.add(key + ": names no lesson where the tab applies: " + reason);
        }
    }

    @Test
    void theReasonsSayWhatTheLessonDoes() {
        Lesson memory = find("process-memory");
        String stress = TabReasons.stress(memory, "").orElseThrow();
        assertTrue(stress.startsWith("Real stress repeats a race between threads"), stress);
        assertTrue(stress.contains("child processes"), stress);
        String semaphore = TabReasons.stress(find("semaphore"), "two-permits").orElseThrow();
        assertTrue(semaphore.contains("take permits of a semaphore"), semaphore);
        String hello = TabReasons.stress(find("hello-threads"), "").orElseThrow();
        assertTrue(hello.contains("only one worker"), hello);
        String downloads = TabReasons.stress(find("downloads"), "").orElseThrow();
        assertTrue(downloads.contains("the main thread takes part"), downloads);
        String thousand = TabReasons.step(find("virtual-threads"), "sleeps").orElseThrow();
        assertTrue(thousand.contains("1,000 workers"), thousand);
        assertFalse(TabReasons.processMode(find("shared-counter"), "no-lock"));
        assertTrue(TabReasons.processMode(memory, ""));
    }

    private static Lesson find(String id) {
        try {
            return LessonLibrary.standard().find(id);
        } catch (org.threadlab.lesson.LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}

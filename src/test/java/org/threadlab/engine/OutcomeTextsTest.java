package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Outcome;
import org.threadlab.lesson.Variant;

/**
 * Every graded text belongs to the variant that ran: a variant with outcomes of its own is graded
 * only by them, a variant without is graded by the lesson's (the format's rule: a variant's list
 * replaces the lesson's whole), and no variant ever shows a text another variant wrote for itself.
 * One run per lesson and variant, in the lesson's default mode where the variant allows it, with
 * {@link AllLessonsTest}'s small params; the table there checks every mode's outcome.
 */
class OutcomeTextsTest {

    /** A lesson's variant and the mode it is run in here. */
    record Case(String lesson, String variant, String mode) {
        @Override
        public String toString() {
            return lesson + " [" + (variant.isEmpty() ? "default" : variant) + "] " + mode;
        }
    }

    private static final List<Lesson> LESSONS = LessonLibrary.standard().loadAll().lessons();

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Lesson lesson : LESSONS) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                List<String> modes = lesson.resolve(variant).run().modes();
                out.add(new Case(lesson.id(), variant, modes.contains(lesson.run().mode()) ? lesson.run().mode() : modes.get(0)));
            }
        }
        return out.stream();
    }

    /** The texts a variant may be graded with, by the format's rule. */
    private static Set<String> allowedTexts(Lesson lesson, String variant) {
        List<Outcome> own = lesson.variant(variant).map(Variant::outcomes).orElse(null);
        return texts(own != null ? own : lesson.outcomes());
    }

    /** The texts other variants wrote for themselves and this one may not show. */
    private static Set<String> othersOwnTexts(Lesson lesson, String variant) {
        Set<String> out = lesson.variants().stream()
                .filter(v -> !v.name().equals(variant) && v.outcomes() != null)
                .flatMap(v -> v.outcomes().stream()).map(Outcome::text).collect(Collectors.toSet());
        out.removeAll(allowedTexts(lesson, variant));
        return out;
    }

    private static Set<String> texts(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::text).collect(Collectors.toSet());
    }

    private static Lesson lesson(String id) {
        return LESSONS.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theCasesCoverEveryLessonAndVariant() {
        long variants = LESSONS.stream().mapToLong(l -> Math.max(1, l.variants().size())).sum();
        assertEquals(variants, cases().count());
        assertTrue(variants >= 30, "the shipped lessons have about thirty variants; found " + variants);
    }

    /**
     * Every shipped question says which runs answer it, whenever the lesson has more than one
     * variant or mode to choose from: a default picked by accident is how a lock run once
     * "confirmed" the no-lock answer.
     */
    @Test
    void everyShippedQuestionNamesTheRunsThatAnswerIt() {
        for (Lesson lesson : LESSONS) {
            if (lesson.variants().size() > 1) {
                assertFalse(lesson.prediction().variants().isEmpty(), lesson.id() + ": prediction.variant");
            }
            if (lesson.run().modes().size() > 1) {
                assertFalse(lesson.prediction().modes().isEmpty(), lesson.id() + ": prediction.mode");
            }
        }
    }

    /** Whatever final state a variant ends in, the outcome that grades it is one of its own. */
    @Test
    void everyTextAVariantCanBeGradedWithIsItsOwn() {
        for (Lesson lesson : LESSONS) {
            for (Variant v : lesson.variants()) {
                Set<String> reachable = texts(lesson.resolve(v.name()).outcomes());
                assertEquals(allowedTexts(lesson, v.name()), reachable, lesson.id() + " [" + v.name() + "]");
                Set<String> foreign = new java.util.HashSet<>(reachable);
                foreign.retainAll(othersOwnTexts(lesson, v.name()));
                assertTrue(foreign.isEmpty(), () -> lesson.id() + " [" + v.name() + "] may show another variant's " + foreign);
            }
        }
    }

    /**
     * The lessons where one variant is correct by construction and another races (a lock and no
     * lock, one lock order and two) give the correct one texts of its own, so that an exact total
     * is never graded as luck.
     */
    @Test
    void correctVariantsOfRacyLessonsHaveTextsOfTheirOwn() {
        for (String[] lv : new String[][] {{"shared-counter", "lock"}, {"shared-counter", "atomic"},
                {"shared-counter", "local-sums"}, {"deadlock", "fixed-order"}, {"process-counter", "value-lock"},
                {"semaphore", "no-semaphore"}, {"readers-writers", "read-write-lock"}, {"readers-writers", "fair"},
                {"readers-writers", "readers-first"}, {"check-then-act", "lock-both"},
                {"check-then-act", "lazy-init-locked"}, {"dining-philosophers", "ordered"},
                {"dining-philosophers", "waiter"}}) {
            Lesson lesson = lesson(lv[0]);
            assertTrue(lesson.variant(lv[1]).orElseThrow().outcomes() != null, lv[0] + " [" + lv[1] + "]");
            for (String text : allowedTexts(lesson, lv[1])) {
                assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("luck"), () -> lv[0] + " [" + lv[1] + "]: " + text);
            }
        }
    }

    /**
     * A text shown after a run in a process mode, or one after another, that speaks of threads
     * also names the mode that ran, so it never reads as if the run had used threads. The texts
     * checked are those {@link AllLessonsTest}'s table expects for each variant and mode.
     */
    @Test
    void textsAfterProcessAndSequentialRunsDoNotReadAsThreadRuns() {
        List<String> wrong = new ArrayList<>();
        for (AllLessonsTest.Row row : AllLessonsTest.TABLE) {
            boolean processes = row.mode().startsWith("process");
            if (!processes && !row.mode().equals("sequential")) {
                continue;
            }
            for (Outcome o : lesson(row.lesson()).resolve(row.variant()).outcomes()) {
                String name = o.grade().label() + ": " + o.when().text();
                String text = o.text().toLowerCase(java.util.Locale.ROOT);
                if (!row.expected().contains(name) || !text.contains("thread")) {
                    continue;
                }
                boolean named = processes ? text.contains("process")
                        : text.contains("sequential") || text.contains("one after another");
                if (!named) {
                    wrong.add(row.key() + ": " + o.text().strip());
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> "these texts speak of threads after a run that used none: " + wrong);
    }

    /**
     * A text shown after a run with the simulated GIL that speaks of cores (work on two cores at
     * once) also speaks of the GIL, which allows one thread at a time to compute.
     */
    @Test
    void textsAfterGilRunsDoNotPromiseCores() {
        List<String> wrong = new ArrayList<>();
        for (AllLessonsTest.Row row : AllLessonsTest.TABLE) {
            if (!row.gil()) {
                continue;
            }
            for (Outcome o : lesson(row.lesson()).resolve(row.variant()).outcomes()) {
                String text = o.text().toLowerCase(java.util.Locale.ROOT);
                if (row.expected().contains(o.grade().label() + ": " + o.when().text())
                        && (text.contains("core") || text.contains("parallel")) && !text.contains("gil")) {
                    wrong.add(row.key() + ": " + o.text().strip());
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> "these texts promise cores after a run under the GIL: " + wrong);
    }

    /** One worker has nobody to race with: the no-lock counter's text says so, not that it was lucky. */
    @Test
    void aSingleWorkerIsNotCalledLucky() throws InterruptedException {
        RunResult r = new Engine().run(RunConfig.of(lesson("shared-counter")).withVariant("no-lock")
                .withParams(Map.of("n", 1000L)).withWorkers(1));
        assertEquals(1000L, r.shared().get("counter"));
        assertTrue(r.outcomeText().contains("a single worker has nobody to race with"), r.outcomeText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(90)
    void theGradedTextBelongsToTheVariantThatRan(Case c) throws InterruptedException {
        Lesson lesson = lesson(c.lesson());
        Lesson resolved = lesson.resolve(c.variant());
        Map<String, Long> small = new HashMap<>(AllLessonsTest.SMALL.getOrDefault(c.lesson(), Map.of()));
        small.keySet().retainAll(resolved.params().keySet());
        RunResult r = new Engine().run(RunConfig.of(lesson).withVariant(c.variant()).withParams(small)
                .withMode(RunMode.of(c.mode(), resolved.run().poolSize())));
        assertEquals(resolved.defaultVariant(), r.variant(), "the result names the variant that ran");
        Set<String> allowed = allowedTexts(lesson, c.variant());
        if (r.status() != RunStatus.COMPLETED) { // crash fails on purpose; opposite lock orders may deadlock
            assertEquals(Grade.NOT_GRADED, r.grade());
            assertFalse(texts(lesson.outcomes()).contains(r.outcomeText()) || allowed.contains(r.outcomeText()),
                    "an ungraded run shows no outcome text: " + r.outcomeText());
            return;
        }
        assertTrue(allowed.contains(r.outcomeText()), () -> c + " was graded with a text that is not its own: "
                + r.outcomeText());
        assertFalse(othersOwnTexts(lesson, c.variant()).contains(r.outcomeText()), c::toString);
        Map<String, Long> finalState = new LinkedHashMap<>(r.params());
        finalState.putAll(r.shared());
        Outcome matched = resolved.outcomeFor(finalState).orElseThrow();
        assertEquals(matched.text(), r.outcomeText(), "graded by the first of its outcomes that holds");
        assertEquals(matched.grade(), r.grade());
    }
}

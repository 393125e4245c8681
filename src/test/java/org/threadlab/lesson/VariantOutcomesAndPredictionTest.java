package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The format's outcomes per variant and the prediction's variant, mode, gil and shows: what a good
 * file means, and where each kind of bad input is reported (line and column of the bad value).
 */
class VariantOutcomesAndPredictionTest {
    private static final Path FILE = Path.of("lessons/demo.yaml");

    private static final String GOOD = """
            id: demo
            title: Demo
            summary: A small lesson.
            narration: Two workers add to a counter.
            prediction:
              question: What is the total with no lock?
              choices: [all of them, fewer]
              answer: 2
              explanation: Updates can be lost.
              variant: no-lock
              mode: [threads, virtual-threads]
              shows: counter < workers * n
            params:
              n: 10
            shared:
              variables: {counter: 0}
              locks: [counter-lock]
            workers:
              - name: adder
                copies: workers
                steps:
                  - repeat: n
                    steps:
                      - increment: counter
                        mark: inc
            listings:
              java: |
                counter++; // [inc]
              python: |
                counter += 1  # [inc]
            variants:
              no-lock:
                title: No lock
              lock:
                title: With a lock
                workers:
                  - name: adder
                    copies: workers
                    steps:
                      - repeat: n
                        steps:
                          - with-lock: counter-lock
                            steps:
                              - increment: counter
                                mark: inc
                outcomes:
                  - when: counter == workers * n
                    grade: acceptable
                    text: Exact, as the lock guarantees.
                  - when: always
                    grade: forbidden
                    text: Wrong although locked.
            run:
              mode: threads
              modes: [sequential, threads, virtual-threads]
            outcomes:
              - when: counter == workers * n
                grade: acceptable
                text: All there this time; without a lock that proves nothing.
              - when: counter < workers * n
                grade: interesting
                text: Some lost.
            """;

    private static Lesson parse(String text) throws LessonException {
        return new LessonParser().parse(FILE, text);
    }

    private static LessonProblem only(String text) {
        LessonException e = assertThrows(LessonException.class, () -> parse(text));
        assertEquals(1, e.problems().size(), () -> "expected one problem, got " + e.problems());
        return e.problems().get(0);
    }

    /** Asserts a problem points at the first occurrence of {@code at} in {@code text}, with this key and message. */
    private static void assertAt(LessonProblem p, String text, String at, String key, String messagePart) {
        int offset = text.indexOf(at);
        assertTrue(offset >= 0, at);
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        int column = offset - text.lastIndexOf('\n', offset - 1);
        assertEquals(FILE + ":" + line + ":" + column + ": " + key, p.pos().toString(), p::format);
        assertTrue(p.message().contains(messagePart), () -> "'" + messagePart + "' not in: " + p.message());
    }

    @Test
    void aVariantsOutcomesReplaceTheLessonsAndTheOthersKeepTheLessons() throws LessonException {
        Lesson l = parse(GOOD);
        Map<String, Long> exact = Map.of("counter", 20L, "workers", 2L, "n", 10L);
        assertEquals("Exact, as the lock guarantees.", l.resolve("lock").outcomeFor(exact).orElseThrow().text());
        assertEquals(List.of("Exact, as the lock guarantees.", "Wrong although locked."),
                l.resolve("lock").outcomes().stream().map(Outcome::text).toList());
        assertEquals("All there this time; without a lock that proves nothing.",
                l.resolve("no-lock").outcomeFor(exact).orElseThrow().text());
        Map<String, Long> short_ = Map.of("counter", 13L, "workers", 2L, "n", 10L);
        assertEquals(Grade.FORBIDDEN, l.resolve("lock").outcomeFor(short_).orElseThrow().grade(),
                "the lesson's 'Some lost' is not the lock variant's");
    }

    @Test
    void thePredictionNamesItsVariantModesAndWhatShowsTheAnswer() throws LessonException {
        Lesson l = parse(GOOD);
        assertEquals(List.of("no-lock"), l.predictionVariants());
        assertEquals(List.of("threads", "virtual-threads"), l.predictionModes());
        assertNull(l.prediction().gil());
        assertEquals("counter < workers * n", l.prediction().shows().text());
        assertEquals("fewer", l.prediction().rightChoice());
    }

    @Test
    void withoutThemThePredictionIsAboutTheDefaultVariantInTheDefaultMode() throws LessonException {
        Lesson l = parse(GOOD.replace("  variant: no-lock\n  mode: [threads, virtual-threads]\n", "")
                .replace("  mode: threads\n", "  mode: sequential\n"));
        assertEquals(List.of("no-lock"), l.predictionVariants());
        assertEquals(List.of("sequential"), l.predictionModes());
    }

    @Test
    void aSingleModeAndAListOfVariantsAreAccepted() throws LessonException {
        Lesson l = parse(GOOD.replace("  variant: no-lock\n", "  variant: [no-lock, lock]\n")
                .replace("  mode: [threads, virtual-threads]\n", "  mode: threads\n  gil: false\n"));
        assertEquals(List.of("no-lock", "lock"), l.predictionVariants());
        assertEquals(List.of("threads"), l.predictionModes());
        assertFalse(l.prediction().gil());
    }

    @Test
    void anUnknownVariantIsReportedAtItsName() {
        String text = GOOD.replace("  variant: no-lock\n", "  variant: [lock, no-lok]\n");
        assertAt(only(text), text, "no-lok]", "prediction.variant", "unknown variant 'no-lok' (did you mean 'no-lock'?)");
    }

    @Test
    void anUnknownModeIsReportedAtItsName() {
        String text = GOOD.replace("mode: [threads, virtual-threads]", "mode: [threads, virtual-thread]");
        assertAt(only(text), text, "virtual-thread]", "prediction.mode", "unknown mode 'virtual-thread'");
    }

    @Test
    void aModeTheLessonDoesNotRunInIsReported() {
        String text = GOOD.replace("mode: [threads, virtual-threads]", "mode: thread-pool");
        assertAt(only(text), text, "thread-pool\n", "prediction.mode",
                "the lesson does not run in mode 'thread-pool'; its modes are: sequential, threads, virtual-threads");
    }

    @Test
    void theGilWithoutThreadsIsReported() {
        String text = GOOD.replace("mode: [threads, virtual-threads]", "mode: virtual-threads\n  gil: true");
        assertAt(only(text), text, "true\n", "prediction.gil", "the simulated GIL runs only in mode threads");
    }

    @Test
    void showsWithANameTheVariantLacksIsReported() {
        String text = GOOD.replace("shows: counter < workers * n", "shows: countr < workers * n");
        assertAt(only(text), text, "countr <", "prediction.shows",
                "'countr' is neither a shared variable nor a param of variant 'no-lock' (did you mean 'counter'?)");
    }

    @Test
    void aBadExpressionInShowsPointsAtTheColumn() {
        String text = GOOD.replace("shows: counter < workers * n", "shows: counter < < n");
        LessonProblem p = only(text);
        assertTrue(p.message().startsWith("bad expression 'counter < < n'"), p::format);
        assertEquals("prediction.shows", p.pos().key());
    }

    @Test
    void anUnknownNameInAVariantsOutcomeIsReportedThere() {
        String text = GOOD.replace("      - when: counter == workers * n\n        grade: acceptable\n        text: Exact",
                "      - when: countr == workers * n\n        grade: acceptable\n        text: Exact");
        assertAt(only(text), text, "countr ==", "variants.lock.outcomes[0].when",
                "'countr' is neither a shared variable nor a param (did you mean 'counter'?)");
    }

    @Test
    void aVariantWithAnEmptyListOfOutcomesIsRefused() {
        String text = GOOD.replace("""
                    outcomes:
                      - when: counter == workers * n
                        grade: acceptable
                        text: Exact, as the lock guarantees.
                      - when: always
                        grade: forbidden
                        text: Wrong although locked.
                """, "    outcomes: []\n");
        assertAt(only(text), text, "[]\n", "variants.lock.outcomes", "a lesson needs at least one outcome");
    }

    @Test
    void aBadGradeInAVariantsOutcomeSuggestsTheRightOne() {
        String text = GOOD.replace("grade: acceptable\n        text: Exact", "grade: acceptible\n        text: Exact");
        assertAt(only(text), text, "acceptible", "variants.lock.outcomes[0].grade",
                "unknown grade 'acceptible' (did you mean 'acceptable'?)");
    }
}

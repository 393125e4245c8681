package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Condition variables in the lesson format: what parses, and each bad input with where it points. */
class ConditionParserTest {
    private static final Path FILE = Path.of("lessons/cond.yaml");

    /** {@code %CONDITIONS%}, {@code %STEPS%} and {@code %MODES%} let a test break one part. */
    private static final String TEMPLATE = """
            id: cond
            title: Cond
            summary: A flag and a condition.
            narration: One worker waits for a flag the other sets.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            shared:
              variables: {flag: 0}
              locks: [flag-lock]
              conditions:
            %CONDITIONS%
            workers:
              - name: waiter
                steps:
            %STEPS%
              - name: setter
                steps:
                  - with-lock: flag-lock
                    steps:
                      - increment: flag
                        atomic: true
                      - notify-all: flag-set
            listings:
              java: "x();"
              python: "x()"
            run:
              modes: [%MODES%]
            outcomes:
              - when: flag == 1
                grade: acceptable
                text: Set.
            """;

    private static final String GOOD_CONDITIONS = "flag-set: flag-lock";
    private static final String GOOD_STEPS = """
                  - with-lock: flag-lock
                    steps:
                      - wait: flag-set
                        until: flag > 0""";

    private static String lesson(String conditions, String steps, String modes) {
        return TEMPLATE.replace("%CONDITIONS%", ProblemAsserts.indent(conditions, 4)).replace("%STEPS%", ProblemAsserts.indent(steps, 6))
                .replace("%MODES%", modes);
    }

    private static LessonProblem only(String text) {
        return ProblemAsserts.only(FILE, text);
    }

    private static void assertAt(LessonProblem p, String text, String snippet, String key, String messagePart) {
        ProblemAsserts.assertAt(FILE, p, text, snippet, key, messagePart);
    }

    @Test
    void aConditionBelongsToItsLockAndItsStepsParse() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_CONDITIONS, GOOD_STEPS, "threads, virtual-threads"));
        assertEquals(Map.of("flag-set", "flag-lock"), l.shared().conditions());
        Step.WithLock block = (Step.WithLock) l.workers().get(0).steps().get(0);
        Step.Wait wait = (Step.Wait) block.steps().get(0);
        assertEquals("flag-set", wait.condition());
        assertEquals("flag > 0", wait.until().text());
        Step.Notify notify = (Step.Notify) ((Step.WithLock) l.workers().get(1).steps().get(0)).steps().get(1);
        assertTrue(notify.all());
        assertEquals("notify-all", notify.kind());
    }

    @Test
    void anUnknownCondition() {
        String text = lesson(GOOD_CONDITIONS, GOOD_STEPS.replace("wait: flag-set", "wait: flag-st"), "threads");
        assertAt(only(text), text, "wait: flag-st", "workers[0].steps[0].steps[0].wait",
                "undefined condition 'flag-st' (did you mean 'flag-set'?); declare it under shared.conditions");
    }

    @Test
    void aConditionOfAnUndeclaredLock() {
        String text = lesson("flag-set: flag-lok", GOOD_STEPS, "threads");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        LessonProblem p = e.problems().get(0);
        assertAt(p, text, "flag-lok", "shared.conditions.flag-set",
                "condition 'flag-set' belongs to lock 'flag-lok', which is not declared under shared.locks");
    }

    @Test
    void aWaitOutsideItsLock() {
        String steps = """
                      - wait: flag-set
                        until: flag > 0""";
        String text = lesson(GOOD_CONDITIONS, steps, "threads");
        assertAt(only(text), text, "wait: flag-set", "workers[0].steps[0].wait",
                "wait on 'flag-set' outside its lock: hold 'flag-lock'");
    }

    @Test
    void aNotifyOutsideItsLock() {
        String steps = """
                      - notify: flag-set""";
        String text = lesson(GOOD_CONDITIONS, steps, "threads");
        assertAt(only(text), text, "notify: flag-set", "workers[0].steps[0].notify",
                "notify on 'flag-set' outside its lock: hold 'flag-lock'");
    }

    @Test
    void aWaitWithoutUntil() {
        String steps = """
                      - with-lock: flag-lock
                        steps:
                          - wait: flag-set""";
        String text = lesson(GOOD_CONDITIONS, steps, "threads");
        assertAt(only(text), text, "wait: flag-set", "workers[0].steps[0].steps[0]", "missing 'until:'");
    }

    @Test
    void anUntilThatNamesNothingKnown() {
        String text = lesson(GOOD_CONDITIONS, GOOD_STEPS.replace("until: flag > 0", "until: flg > 0"), "threads");
        assertAt(only(text), text, "wait: flag-set", "workers[0].steps[0].steps[0].wait",
                "'flg' in until is neither a shared variable, a param nor a local of this worker (did you mean 'flag'?)");
    }

    @Test
    void theProcessModesAreRefused() {
        String text = lesson(GOOD_CONDITIONS, GOOD_STEPS, "threads, processes");
        assertAt(only(text), text, "wait: flag-set", "workers[0].steps[0].steps[0].wait",
                "condition variables are for threads only in ThreadLab; remove processes from run.modes");
    }

    @Test
    void aConditionNamedLikeItsLock() {
        String text = lesson("flag-lock: flag-lock", GOOD_STEPS, "threads");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        List<String> messages = e.problems().stream().map(LessonProblem::message).toList();
        assertTrue(messages.contains("'flag-lock' is already the name of a lock, semaphore or queue"), messages::toString);
        assertFalse(e.problems().get(0).pos().key().isEmpty());
    }
}

package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code if} step in the lesson format: what parses, and each bad input with where it points. */
class IfStepParserTest {
    private static final Path FILE = Path.of("lessons/if.yaml");

    /** {@code %STEPS%} is the first worker's body, so a test can break just that. */
    private static final String TEMPLATE = """
            id: if
            title: If
            summary: A withdrawal that checks first.
            narration: Each worker checks the balance, then takes the money.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            params:
              amount: 80
            shared:
              variables: {balance: 100, paid: 0}
              locks: [account-lock]
            workers:
              - name: customer
                copies: 2
                steps:
            %STEPS%
            listings:
              java: "x();"
              python: "x()"
            run:
              modes: [threads]
            outcomes:
              - when: balance >= 0
                grade: acceptable
                text: Fine.
            """;

    private static final String GOOD_STEPS = """
                  - read: balance
                    into: seen
                  - if: seen >= amount
                    then:
                      - increment: balance
                        by: -amount
                      - increment: paid
                        atomic: true
                    else:
                      - print: "refused: saw {seen}\"""";

    private static String lesson(String steps) {
        return TEMPLATE.replace("%STEPS%", steps.strip().indent(6).stripTrailing());
    }

    private static LessonProblem only(String text) {
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        assertEquals(1, e.problems().size(), () -> "expected one problem, got " + e.problems());
        return e.problems().get(0);
    }

    /** Asserts the problem points at the first place {@code snippet} is written, with its key and message. */
    private static void assertAt(LessonProblem p, String text, String snippet, String key, String messagePart) {
        assertAt(p, text, snippet, key, messagePart, text.indexOf(snippet));
        assertTrue(text.indexOf(snippet) >= 0, snippet);
    }

    private static void assertAt(LessonProblem p, String text, String what, String key, String messagePart, int at) {
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        assertEquals(key, p.pos().key(), () -> "key of " + p.format());
        assertTrue(p.message().contains(messagePart), () -> "'" + messagePart + "' not in: " + p.message());
        assertTrue(p.format().startsWith(FILE + ":" + line + ":" + column + ": "), () -> p.format()
                + " should start with " + FILE + ":" + line + ":" + column);
    }

    @Test
    void anIfWithThenAndElseParses() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_STEPS));
        Step.If f = (Step.If) l.workers().get(0).steps().get(1);
        assertEquals("if", f.kind());
        assertEquals("seen >= amount", f.condition().text());
        assertEquals(List.of("increment", "increment"), f.then().stream().map(Step::kind).toList());
        assertEquals(List.of("print"), f.otherwise().stream().map(Step::kind).toList());
    }

    @Test
    void elseMayBeLeftOut() throws LessonException {
        String steps = GOOD_STEPS.substring(0, GOOD_STEPS.indexOf("  else:")).stripTrailing();
        Lesson l = new LessonParser().parse(FILE, lesson(steps));
        Step.If f = (Step.If) l.workers().get(0).steps().get(1);
        assertTrue(f.otherwise().isEmpty());
    }

    @Test
    void aMissingCondition() {
        String text = lesson(GOOD_STEPS.replace("if: seen >= amount", "if:"));
        assertAt(only(text), text, "if:", "workers[0].steps[1].if", "missing condition after 'if:'");
    }

    @Test
    void aConditionThatDoesNotParse() {
        String text = lesson(GOOD_STEPS.replace("if: seen >= amount", "if: seen >="));
        // at the end of the text, where the expression stops too early
        assertAt(only(text), text, "\n", "workers[0].steps[1].if", "bad expression 'seen >=': expression ends too early",
                text.indexOf("seen >=") + "seen >=".length());
    }

    @Test
    void anUnknownNameInTheCondition() {
        String text = lesson(GOOD_STEPS.replace("if: seen >= amount", "if: sen >= amount"));
        assertAt(only(text), text, "if: sen", "workers[0].steps[1].if",
                "'sen' in the condition is neither a param nor a local of this worker (did you mean 'seen'?)");
    }

    @Test
    void aSharedVariableInTheConditionIsRefusedWithTheReadToWriteInstead() {
        String text = lesson(GOOD_STEPS.replace("if: seen >= amount", "if: balance >= amount"));
        assertAt(only(text), text, "if: balance", "workers[0].steps[1].if",
                "'balance' is a shared variable; an if tests only this worker's locals and params, so read it first");
    }

    @Test
    void aMissingThen() {
        String steps = """
                - read: balance
                  into: seen
                - if: seen >= amount
                  else:
                    - print: refused""";
        String text = lesson(steps);
        assertAt(only(text), text, "if: seen", "workers[0].steps[1]", "missing 'then:' with the steps to run when"
                + " seen >= amount holds");
    }

    @Test
    void stepsInPlaceOfThenIsAnUnknownOption() {
        String text = lesson(GOOD_STEPS.replace("then:", "steps:"));
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        List<String> messages = e.problems().stream().map(LessonProblem::message).toList();
        assertTrue(messages.contains("unknown key 'steps'; allowed here: if, then, else, mark"), messages::toString);
    }

    @Test
    void anEmptyElse() {
        String steps = GOOD_STEPS.substring(0, GOOD_STEPS.indexOf("  else:")) + "  else: []";
        String text = lesson(steps);
        assertAt(only(text), text, "[]", "workers[0].steps[1].else", "'else:' has no steps; give it at least one,"
                + " or leave it out");
    }

    @Test
    void anEmptyThen() {
        String steps = """
                - read: balance
                  into: seen
                - if: seen >= amount
                  then: []""";
        String text = lesson(steps);
        assertAt(only(text), text, "[]", "workers[0].steps[1].then", "'then:' has no steps");
    }

    @Test
    void branchesThatEndHoldingDifferentLocks() {
        String steps = """
                - read: balance
                  into: seen
                - if: seen >= amount
                  then:
                    - lock: account-lock
                - unlock: account-lock""";
        String text = lesson(steps);
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        LessonProblem p = e.problems().get(0);
        assertAt(p, text, "if: seen", "workers[0].steps[1].if",
                "the two branches of this if end holding different locks (then: [account-lock], else: [])");
    }

    @Test
    void aBranchThatReturnsMayLeaveTheOtherToGoOn() throws LessonException {
        String steps = """
                - read: balance
                  into: seen
                - lock: account-lock
                - if: seen < amount
                  then:
                    - unlock: account-lock
                    - return: 0
                - increment: balance
                  by: -amount
                - unlock: account-lock""";
        Lesson l = new LessonParser().parse(FILE, lesson(steps));
        assertEquals("if", l.workers().get(0).steps().get(2).kind());
    }

    @Test
    void aLocalGivenAValueOnlyInABranchIsStillALocal() throws LessonException {
        String steps = """
                - read: balance
                  into: seen
                - if: seen >= amount
                  then:
                    - add: amount
                      to: taken
                - print: "took {taken}\"""";
        new LessonParser().parse(FILE, lesson(steps));
    }
}

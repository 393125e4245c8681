package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of bad input: each asserts the message and where it points. */
class LessonParserTest {
    private static final Path FILE = Path.of("lessons/demo.yaml");

    /** A valid lesson; {@code %WORKERS%} and {@code %EXTRA%} let a test break one part of it. */
    private static final String TEMPLATE = """
            id: demo
            title: Demo
            summary: A small lesson.
            narration: Two workers add to a counter.
            prediction:
              question: What is the total?
              choices: [two, less]
              answer: 2
              explanation: Updates can be lost.
            params:
              n: 10
            shared:
              variables: {counter: 0}
              locks: [counter-lock]
            workers:
            %WORKERS%
            listings:
              java: |
                counter++; // [inc]
              python: |
                counter += 1  # [inc]
            outcomes:
              - when: counter == workers * n
                grade: acceptable
                text: All there.
              - when: counter < workers * n
                grade: interesting
                text: Some lost.
            %EXTRA%""";

    private static final String GOOD_WORKERS = """
              - name: adder
                copies: workers
                steps:
                  - repeat: n
                    steps:
                      - increment: counter
                        mark: inc""";

    private static String lesson(String workers, String extra) {
        return TEMPLATE.replace("%WORKERS%", workers).replace("%EXTRA%", extra);
    }

    private static String withSteps(String steps) {
        String indented = steps.lines().map(l -> "      " + l).reduce((a, b) -> a + "\n" + b).orElse("");
        return lesson("  - name: adder\n    steps:\n" + indented, "");
    }

    private static List<LessonProblem> problems(String text) {
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, text));
        assertFalse(e.problems().isEmpty());
        return e.problems();
    }

    private static LessonProblem only(String text) {
        List<LessonProblem> p = problems(text);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    private static void assertAt(LessonProblem p, int line, int column, String key, String messagePart) {
        assertEquals(FILE.toString(), p.pos().file());
        assertEquals(line, p.pos().line(), () -> "line of " + p);
        assertEquals(column, p.pos().column(), () -> "column of " + p);
        assertEquals(key, p.pos().key(), () -> "key of " + p);
        assertTrue(p.message().contains(messagePart), () -> "'" + messagePart + "' not in: " + p.message());
        assertTrue(p.format().startsWith(FILE + ":" + line + ":" + column + ": "), p::format);
    }

    @Test
    void theTemplateIsValid() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_WORKERS, ""));
        assertEquals("demo", l.id());
        assertEquals(2L, l.params().get("workers"));
        assertEquals(1, l.listing("java").orElseThrow().marks().get("inc"));
        assertEquals("counter++;", l.listing("java").orElseThrow().lines().get(0), "marker cut from the shown code");
    }

    @Test
    void malformedYaml() {
        LessonProblem p = only("id: demo\ntitle: [unclosed\nsummary: x\n");
        assertTrue(p.message().startsWith("not valid YAML"), p::format);
        assertTrue(p.pos().line() >= 2, p::format);
    }

    @Test
    void aTagTheYamlLibraryCannotReadIsAPlacedMessageNotACrash() {
        // found by LessonFuzzTest: snakeyaml-engine throws an IllegalArgumentException, with no mark, for "!%A"
        LessonProblem p = only("id: demo\ntitle: !%A");
        assertTrue(p.message().startsWith("not valid YAML: Tag must not contain"), p::format);
        assertEquals(2, p.pos().line(), p::format);
    }

    @Test
    void unknownKeyIsATypoWithASuggestion() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "varients: {}"));
        assertAt(p, 35, 1, "varients", "unknown key 'varients' (did you mean 'variants'?)");
    }

    @Test
    void unknownStepOption() {
        LessonProblem p = only(withSteps("- read: counter\n  int: tmp"));
        assertAt(p, 19, 9, "workers[0].steps[0].int", "unknown key 'int' (did you mean 'into'?)");
    }

    @Test
    void wrongType() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("answer: 2", "answer: two"));
        assertAt(p, 8, 11, "prediction.answer", "expected a whole number, found the text 'two'");
    }

    @Test
    void unknownStepKind() {
        LessonProblem p = only(withSteps("- incremnt: counter"));
        assertAt(p, 18, 9, "workers[0].steps[0]", "unknown step kind 'incremnt' (did you mean 'increment'?)");
    }

    @Test
    void twoStepKindsInOneItem() {
        LessonProblem p = only(withSteps("- read: counter\n  write: counter"));
        assertAt(p, 18, 9, "workers[0].steps[0]", "one step per list item; found read and write together");
    }

    @Test
    void undefinedVariable() {
        LessonProblem p = only(withSteps("- increment: countr"));
        assertAt(p, 18, 9, "workers[0].steps[0].increment",
                "undefined shared variable 'countr' (did you mean 'counter'?)");
    }

    @Test
    void processSharedNamesMustBeDeclaredOnce() {
        String base = lesson(GOOD_WORKERS, "");
        LessonProblem p = only(base.replace("  locks: [counter-lock]\n",
                "  locks: [counter-lock]\n  process-shared: [countr]\n"));
        assertTrue(p.format().contains("shared.process-shared[0]: 'countr' is not a variable, lock or queue declared in"
                + " this shared block (did you mean 'counter'?)"), p.format());
        LessonProblem twice = only(base.replace("  locks: [counter-lock]\n",
                "  locks: [counter-lock]\n  process-shared: [counter, counter]\n"));
        assertTrue(twice.format().contains("shared.process-shared[1]: 'counter' is listed twice"), twice.format());
        Lesson ok = assertDoesNotThrow(() -> new LessonParser().parse(FILE, base.replace("  locks: [counter-lock]\n",
                "  locks: [counter-lock]\n  process-shared: [counter, counter-lock]\n")));
        assertEquals(List.of("counter", "counter-lock"), ok.shared().processShared());
        assertTrue(ok.shared().isProcessShared("counter-lock"));
    }

    @Test
    void undefinedLock() {
        LessonProblem p = only(withSteps("- with-lock: counterlock\n  steps:\n    - increment: counter"));
        assertAt(p, 18, 9, "workers[0].steps[0].with-lock", "undefined lock 'counterlock' (did you mean 'counter-lock'?)");
    }

    @Test
    void unlockWithoutLock() {
        LessonProblem p = only(withSteps("- unlock: counter-lock"));
        assertAt(p, 18, 9, "workers[0].steps[0].unlock", "unlock of 'counter-lock', which this worker does not hold");
    }

    @Test
    void lockNeverReleased() {
        LessonProblem p = only(withSteps("- lock: counter-lock\n- increment: counter"));
        assertTrue(p.message().contains("ends while still holding [counter-lock]"), p::format);
    }

    @Test
    void lockTakenTwiceWouldDeadlockItself() {
        LessonProblem p = only(withSteps(
                "- with-lock: counter-lock\n  steps:\n    - with-lock: counter-lock\n      steps:\n        - increment: counter"));
        assertAt(p, 20, 13, "workers[0].steps[0].steps[0].with-lock", "already holds 'counter-lock'; locks are not re-entrant");
    }

    @Test
    void negativeCount() {
        LessonProblem p = only(withSteps("- repeat: -3\n  steps:\n    - increment: counter"));
        assertAt(p, 18, 9, "workers[0].steps[0].repeat", "repeat count must not be negative; found -3");
    }

    @Test
    void absurdWorkerCount() {
        List<LessonProblem> p = problems(lesson(GOOD_WORKERS.replace("copies: workers", "copies: 1000000"), ""));
        assertTrue(p.stream().anyMatch(x -> x.message().contains("would start 1000000 workers; the limit is 20000")),
                p::toString);
    }

    @Test
    void tooManyExecutedSteps() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("n: 10", "n: 100_000_000"));
        assertTrue(p.message().contains("would execute about 600000000 steps; the limit is 10000000"), p::format);
    }

    @Test
    void absurdSleep() {
        LessonProblem p = only(withSteps("- sleep: 2h"));
        assertAt(p, 18, 16, "workers[0].steps[0].sleep", "unknown time unit in '2h'");
        LessonProblem q = only(withSteps("- sleep: 600s"));
        assertAt(q, 18, 9, "workers[0].steps[0].sleep", "sleep (ms) is 600000; the limit is 60000");
    }

    @Test
    void missingRequiredKey() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("title: Demo\n", ""));
        assertAt(p, 1, 1, "", "missing required key 'title'");
    }

    @Test
    void duplicateKey() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "title: Again"));
        assertAt(p, 35, 1, "title", "duplicate key 'title' (first at line 2)");
    }

    @Test
    void badExpressionPointsAtTheColumn() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("when: counter == workers * n", "when: counter = workers"));
        assertAt(p, 29, 19, "outcomes[0].when", "bad expression 'counter = workers': unexpected '='");
    }

    @Test
    void unknownNameInOutcome() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("when: counter == workers * n", "when: countr == 2"));
        assertAt(p, 29, 11, "outcomes[0].when", "'countr' is neither a shared variable nor a param (did you mean 'counter'?)");
    }

    @Test
    void markMissingFromAListing() {
        List<LessonProblem> p = problems(withSteps("- increment: counter\n  mark: loop"));
        assertEquals(2, p.size(), "one problem per listing: " + p);
        assertAt(p.get(0), 18, 9, "workers[0].steps[0].increment", "mark 'loop' is not in the java listing; end the line"
                + " it belongs to with // [loop]");
        assertTrue(p.get(1).message().contains("mark 'loop' is not in the python listing"), p.get(1)::format);
    }

    @Test
    void localNeverAssigned() {
        LessonProblem p = only(withSteps("- write: counter\n  from: tmpp"));
        assertAt(p, 18, 9, "workers[0].steps[0].write", "local 'tmpp' never gets a value in this worker");
    }

    @Test
    void unknownVariantInARunIsRefusedClearly() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_WORKERS, ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.resolve("fast"));
        assertTrue(e.getMessage().contains("has no variant 'fast'"));
    }

    @Test
    void idMustMatchTheFileName() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("id: demo", "id: other"));
        assertAt(p, 1, 5, "id", "id 'other' does not match the file name 'demo.yaml'");
    }

    @Test
    void aliasBombIsRefused() {
        String bomb = lesson(GOOD_WORKERS, """
                a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]""");
        LessonProblem p = problems(bomb).get(0);
        assertTrue(p.message().contains("aliases"), p::format);
    }

    @Test
    void anchorsOnScalarsAreRefusedToo() {
        LessonProblem p = only(lesson(GOOD_WORKERS, "").replace("title: Demo", "title: &t Demo"));
        assertTrue(p.message().contains("anchors and aliases (&t) are not allowed"), p::format);
    }

    @Test
    void fileTooLarge(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(Limits.MAX_FILE_BYTES) + "\n");
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(big));
        assertTrue(e.problems().get(0).message().contains("a lesson file may be at most 262144 bytes"));
    }

    @Test
    void severalProblemsAreAllReportedInFileOrder() {
        List<LessonProblem> p = problems(withSteps("- incremnt: counter\n- read: nothing\n- unlock: counter-lock"));
        assertEquals(3, p.size(), p::toString);
        assertTrue(p.get(0).pos().line() < p.get(1).pos().line());
        assertTrue(p.get(1).pos().line() < p.get(2).pos().line());
    }

    @Test
    void expressionsAndFunctions() throws Exception {
        Expr e = ExprParser.parse("sum_of_squares(0, n) == pow(2, 3) * 0 + max(1, min(4, 5)) - 4 + s");
        assertEquals(java.util.Set.of("n", "s"), e.names());
        long n = 10_000_000;
        long s = 0;
        for (long i = 0; i < n; i++) {
            s += i * i;
        }
        long looped = s;
        assertEquals(looped, Expr.Call.sumOfSquares(0, n), "closed form wraps exactly like the loop");
        assertEquals(1, e.eval(name -> name.equals("n") ? n : looped));
        ExprParser.SyntaxError bad = assertThrows(ExprParser.SyntaxError.class, () -> ExprParser.parse("sqrt(4)"));
        assertTrue(bad.getMessage().contains("unknown function 'sqrt'"));
    }

    @Test
    void unlockInsideItsOwnWithLockBlock() {
        LessonProblem p = only(withSteps("- with-lock: counter-lock\n  steps:\n    - unlock: counter-lock"));
        assertAt(p, 20, 13, "workers[0].steps[0].steps[0].unlock", "the block releases it itself");
    }

    @Test
    void aLocalMayNotHideAParam() {
        LessonProblem p = only(withSteps("- read: counter\n  into: n"));
        assertTrue(p.message().contains("local 'n' has the name of a param"), p::format);
    }

    @Test
    void twoLanesWithTheSameName() {
        String workers = GOOD_WORKERS.replace("copies: workers", "copies: 2") + """

                  - name: adder-1
                    steps:
                      - increment: counter""";
        List<LessonProblem> p = problems(lesson(workers, ""));
        assertTrue(p.stream().anyMatch(x -> x.message().contains("both be shown as 'adder-1'")), p::toString);
    }

    @Test
    void runSettingsThatCannotWork() {
        LessonProblem empty = only(lesson(GOOD_WORKERS, "run: {modes: []}"));
        assertAt(empty, 35, 14, "run.modes", "list at least one mode");
        LessonProblem bare = only(lesson(GOOD_WORKERS, "run: {timeout: 60}"));
        assertAt(bare, 35, 16, "run.timeout", "write the timeout with its unit, e.g. 60s");
    }

    @Test
    void hugePowersAreComputedQuickly() throws Exception {
        Expr e = ExprParser.parse("pow(3, 1000000000000000)");
        long v = e.eval(name -> 0);
        long expected = 1;
        long base = 3;
        for (long k = 1000000000000000L; k > 0; k >>= 1) {
            if ((k & 1) == 1) {
                expected *= base;
            }
            base *= base;
        }
        assertEquals(expected, v);
        assertEquals(2401, Expr.Call.power(7, 4));
        assertEquals(0, Expr.Call.power(7, -1));
    }

    // ---- stepping: params and guided stories

    private static final String STORY = """
            stepping:
              params: {n: 2}
              stories:
                - title: Both read
                  steps:
                    - do: A.read
                      say: A reads 0.
                    - do: B
                      say: B reads 0 too.""";

    @Test
    void steppingParamsOfOneVariantApplyToThatVariantOnly() throws Exception {
        Lesson l = LessonLibrary.standard().find("process-squares");
        assertEquals(Map.of("n", 3L, "rounds", 1L), l.steppingParams("sum"), "the sum variant declares n and rounds");
        assertEquals(Map.of(), l.steppingParams("square-and-quad"), "the default variant has neither");
    }

    @Test
    void steppingParamsAndStoriesAreRead() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson(GOOD_WORKERS, STORY));
        assertEquals(2L, l.stepping().params().get("n"));
        Stepping.Story story = l.stepping().stories().get(0);
        assertEquals("Both read", story.title());
        assertEquals("A.read B", story.schedule());
        assertEquals("B reads 0 too.", story.beats().get(1).say());
        assertEquals(Stepping.NONE, new LessonParser().parse(FILE, lesson(GOOD_WORKERS, "")).stepping());
    }

    @Test
    void steppingParamMustBeALessonParam() {
        LessonProblem p = only(lesson(GOOD_WORKERS, STORY.replace("{n: 2}", "{m: 2}")));
        assertAt(p, lineOf("params: {m", STORY.replace("{n: 2}", "{m: 2}")), 12, "stepping.params.m", "no param 'm' in this lesson");
    }

    @Test
    void steppingParamMustBeSmall() {
        LessonProblem p = only(lesson(GOOD_WORKERS, STORY.replace("{n: 2}", "{n: 5000}")));
        assertEquals("stepping.params.n", p.pos().key());
        assertTrue(p.message().contains("0 to 1000"), p::message);
    }

    @Test
    void storyMoveMustNameALane() {
        LessonProblem p = only(lesson(GOOD_WORKERS, STORY.replace("do: B", "do: B read")));
        assertAt(p, lineOf("do: B read", STORY.replace("do: B", "do: B read")), 15, "stepping.stories[0].steps[1].do",
                "'B read' is not a move");
    }

    @Test
    void storyNeedsSaidSteps() {
        LessonProblem p = only(lesson(GOOD_WORKERS, STORY.replace("      say: B reads 0 too.", "")));
        assertEquals("stepping.stories[0].steps[1]", p.pos().key());
        assertTrue(p.message().contains("say"), p::message);
    }

    @Test
    void storyVariantMustExist() {
        LessonProblem p = only(lesson(GOOD_WORKERS, STORY.replace("- title: Both read", "- title: Both read\n      variant: lock")));
        assertEquals("stepping.stories[0].variant", p.pos().key());
        assertTrue(p.message().contains("this lesson has no variants"), p::message);
    }

    // ---- semaphores and queues

    private static String synced(String shared, String steps) {
        return lesson("""
                  - name: adder
                    steps:
                %s""".formatted(steps.lines().map(l -> "      " + l).reduce((a, b) -> a + "\n" + b).orElse("")),
                "").replace("  locks: [counter-lock]", "  locks: [counter-lock]\n" + shared);
    }

    @Test
    void semaphoresAndQueuesAreRead() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, synced("  semaphores: {gate: 2}\n  queues: {buffer: 3}", """
                - with-permit: gate
                  steps:
                    - put: buffer
                      value: 7
                    - take: buffer
                      into: got
                    - increment: counter
                      mark: inc"""));
        assertEquals(Map.of("gate", 2L), l.shared().semaphores());
        assertEquals(Map.of("buffer", 3L), l.shared().queues());
        Step.WithPermit w = (Step.WithPermit) l.workers().get(0).steps().get(0);
        assertEquals("gate", w.semaphore());
        assertEquals("got", ((Step.Take) w.steps().get(1)).into());
    }

    @Test
    void aSemaphoreNeedsPermitsInRange() {
        LessonProblem p = only(synced("  semaphores: {gate: -1}", "- increment: counter\n  mark: inc"));
        assertEquals("shared.semaphores.gate", p.pos().key());
        assertTrue(p.message().contains("permits must be 0 to 1000; found -1"), p::message);
        LessonProblem q = only(synced("  queues: {buffer: 0}", "- increment: counter\n  mark: inc"));
        assertTrue(q.message().contains("capacity must be 1 to 1000; found 0"), q::message);
    }

    @Test
    void anUndefinedSemaphoreOrQueueIsNamedWithASuggestion() {
        LessonProblem p = only(synced("  semaphores: {gate: 1}", """
                - with-permit: gat
                  steps:
                    - increment: counter
                      mark: inc"""));
        assertTrue(p.message().contains("undefined semaphore 'gat'") && p.message().contains("gate"), p::message);
        LessonProblem q = only(synced("  queues: {buffer: 1}", "- take: bufer\n- increment: counter\n  mark: inc"));
        assertTrue(q.message().contains("undefined queue 'bufer'"), q::message);
        assertEquals("workers[0].steps[0].take", q.pos().key());
    }

    @Test
    void aPutNeedsAValue() {
        LessonProblem p = only(synced("  queues: {buffer: 1}", "- put: buffer\n- increment: counter\n  mark: inc"));
        assertTrue(p.message().contains("missing 'value:'"), p::message);
    }

    @Test
    void aQueueCannotShareALocksName() {
        LessonProblem p = only(synced("  queues: {counter-lock: 1}", "- increment: counter\n  mark: inc"));
        assertTrue(p.message().contains("already the name of a lock"), p::message);
    }

    /** The 1-based line of the lesson (template plus good workers plus extra) that contains a text. */
    private static int lineOf(String text, String extra) {
        List<String> lines = lesson(GOOD_WORKERS, extra).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"flow-lists", "flow-maps", "block-lists"})
    void thousandsOfNestedLevelsGetAClearMessageNotAStackOverflow(String shape) {
        int levels = 60_000; // far past what the YAML composer's recursion survives on a default stack
        String text = switch (shape) {
            case "flow-lists" -> "id: test\ntitle: " + "[".repeat(levels) + "\n";
            case "flow-maps" -> "id: test\ntitle: " + "{a: ".repeat(levels) + "\n";
            default -> "id: test\ntitle:\n  " + "- ".repeat(levels) + "x\n";
        };
        List<LessonProblem> found = problems(text);
        assertEquals(1, found.size(), found::toString);
        LessonProblem p = found.get(0);
        assertTrue(p.message().contains("nested too deeply") && p.message().contains("64"), p.format());
        assertEquals(2, p.pos().line() + (shape.equals("block-lists") ? -1 : 0), p.format());
        assertTrue(p.pos().column() > 64, "the place where the 65th level opens: " + p.format());
    }

    @Test
    void aFewDozenLevelsTooManyAreRefusedWithTheSameLimit() {
        List<LessonProblem> found = problems("id: test\ntitle: " + "[".repeat(70) + "x" + "]".repeat(70) + "\n");
        assertTrue(found.stream().anyMatch(p -> p.message().contains("nested too deeply")
                && p.message().contains("at most 64 levels")), found::toString);
    }

    @Test
    void aLibraryWithOneDeeplyNestedFileLoadsTheOthers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.copy(Path.of("lessons/shared-counter.yaml"), dir.resolve("shared-counter.yaml"));
        java.nio.file.Files.writeString(dir.resolve("nested.yaml"), "id: nested\ntitle: " + "[".repeat(60_000) + "\n");
        LessonLibrary.Loaded loaded = new LessonLibrary(dir).loadAll();
        assertEquals(List.of("shared-counter"), loaded.lessons().stream().map(Lesson::id).toList());
        assertEquals(1, loaded.problems().size(), loaded.problems()::toString);
        assertTrue(loaded.problems().get(0).format().contains("nested.yaml:2:"), loaded.problems().get(0).format());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"parentheses", "calls", "signs"})
    void deeplyNestedExpressionsAreRefusedAtTheLevelThatGoesTooDeep(String shape) {
        int levels = 60_000;
        String text = switch (shape) {
            case "parentheses" -> "(".repeat(levels) + "1" + ")".repeat(levels);
            case "calls" -> "max(0,".repeat(levels) + "1" + ")".repeat(levels);
            default -> "-".repeat(levels) + "1";
        };
        // within the length limit the nesting limit speaks, at the 65th level
        String inLength = text.substring(0, 500);
        ExprParser.SyntaxError deep = assertThrows(ExprParser.SyntaxError.class, () -> ExprParser.parse(inLength));
        assertTrue(deep.getMessage().startsWith("nested too deeply"), deep.getMessage());
        int unit = shape.equals("calls") ? "max(0,".length() : 1;
        assertEquals(64 * unit + (shape.equals("calls") ? 3 : 0), deep.offset, deep.getMessage());
        // whole, the text is refused for its length before anything recurses
        ExprParser.SyntaxError tooLong = assertThrows(ExprParser.SyntaxError.class, () -> ExprParser.parse(text));
        assertTrue(tooLong.getMessage().contains("at most 1000"), tooLong.getMessage());
        assertDoesNotThrow(() -> ExprParser.parse("(".repeat(64) + "1" + ")".repeat(64)), "64 levels are allowed");
    }

    @Test
    void aLessonWithAHugeExpressionGetsAShortMessage() throws Exception {
        Path file = Path.of("lessons/shared-counter.yaml");
        String deep = "(".repeat(70) + "1" + ")".repeat(70);
        String text = java.nio.file.Files.readString(file).replaceFirst("- when: counter == workers \\* n",
                "- when: counter == " + deep);
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(file, text));
        LessonProblem p = e.problems().stream().filter(q -> q.message().contains("nested too deeply")).findFirst()
                .orElseThrow(() -> new AssertionError(e.problems().toString()));
        assertTrue(p.message().contains("... (152 characters)") && p.message().length() < 250, p.message());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"quotes", "lists", "emphasis"})
    void narrationNestedThousandsDeepIsRefusedWhenReadNotWhenDrawn(String shape) throws Exception {
        Path file = Path.of("lessons/shared-counter.yaml");
        String deep = switch (shape) {
            case "quotes" -> ">".repeat(60_000) + " deep";
            case "lists" -> "- ".repeat(20_000) + "deep";
            default -> "*".repeat(30_000) + "deep" + "*".repeat(30_000);
        };
        String original = java.nio.file.Files.readString(file);
        int narration = original.indexOf("narration: |\n");
        assertTrue(narration >= 0, "shared-counter's narration is a block");
        int firstLine = original.indexOf('\n', narration) + 1;
        String text = original.substring(0, firstLine) + "  " + deep + "\n\n" + original.substring(firstLine);
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(file, text));
        LessonProblem p = e.problems().get(0);
        assertTrue(p.message().contains("nested too deeply") && p.pos().key().equals("narration"), p.format());
        int line = (int) original.substring(0, firstLine).chars().filter(c -> c == '\n').count() + 1;
        assertEquals(line, p.pos().line(), p.format());
    }

    @Test
    void everyShippedNarrationIsWithinTheMarkdownNesting() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("lessons"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).toList()) {
                Lesson l = new LessonParser().parse(f);
                assertTrue(MarkdownNesting.tooDeep(l.narration()).isEmpty(), f.toString());
                assertTrue(depth(l.narration()) <= MarkdownNesting.depthBound(l.narration()),
                        "the quick bound is a bound: " + f);
            }
        }
    }

    /** The Markdown tree's real depth, as the window would nest it. */
    private static int depth(String markdown) {
        org.commonmark.node.Node doc = org.commonmark.parser.Parser.builder().build().parse(markdown);
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        todo.push(new Object[] {doc, 1});
        int deepest = 0;
        while (!todo.isEmpty()) {
            Object[] top = todo.pop();
            int d = (Integer) top[1];
            deepest = Math.max(deepest, d);
            for (var c = ((org.commonmark.node.Node) top[0]).getFirstChild(); c != null; c = c.getNext()) {
                todo.push(new Object[] {c, d + 1});
            }
        }
        return deepest;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "> > > > > > > > > > a", "- a\n  - b\n    - c\n      - d", "1. a\n   1. b\n      1. c", "***a** _b_ [c](u)*",
        "> - > - > - x\nlazy", "\t- a\n\t\t- b\n\t\t\t- c", "- - - - - - - - - - - - x", "[[[[[[a]]]]]](u) *_*_x_*_*"})
    void theQuickBoundIsNeverBelowTheRealDepth(String markdown) {
        assertTrue(depth(markdown) <= MarkdownNesting.depthBound(markdown),
                depth(markdown) + " > " + MarkdownNesting.depthBound(markdown) + " for " + markdown);
        for (int n : new int[] {10, 40, 200}) {
            String deep = (markdown + "\n").repeat(1).replace("a", "x") + ">".repeat(n) + " " + "*".repeat(n) + "x" + "*".repeat(n);
            assertTrue(depth(deep) <= MarkdownNesting.depthBound(deep), "bound for " + n);
        }
    }
}

package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;

/**
 * The {@code if} step in step mode and exploration: its test is decided with the step before it
 * (no step of its own), the branch it picks is what the lane does next, and exploring the
 * check-then-act lesson finds the overdraft and the double build, and none in the locked variants.
 */
class CheckThenActStepTest {
    private static final int A = 0;
    private static final int B = 1;

    private static StepModel model(String variant) throws Exception {
        Lesson lesson = LessonLibrary.standard().find("check-then-act");
        return new StepModel(CompiledLesson.of(lesson, variant, null, lesson.steppingParams(variant)));
    }

    @Test
    void theBranchALaneTakesIsItsNextStepAndTheTestIsNoStep() throws Exception {
        StepModel m = model("no-lock");
        StepSession s = new StepSession(m);
        assertEquals("read", m.nextKind(s.state(), A), "the check starts with reading the balance");
        StepResult read = s.step(A);
        assertEquals("read", read.kind());
        assertEquals(100L, read.value());
        assertEquals("customer-1 reads balance = 100 into seen; then seen >= amount is true, so it runs the if's block",
                read.text(), "the sentence of the read says what the if it leads into decided");
        assertEquals("sleep", m.nextKind(s.state(), A), "100 >= 80: the then-branch's first step comes next");
        s.step(B);
        // both past their checks: two withdrawals to come, whatever the balance is by then
        s.play(List.of(A, A, A, A)); // sleep, read, add, write
        assertEquals(20L, s.state().shared(0));
        s.play(List.of(B, B, B, B)); // sleep, read, add, write
        assertEquals(-60L, s.state().shared(0), "the second withdrawal acted on a check of 100");
        s.play(List.of(A, A, B, B)); // pay, print, pay, print
        assertTrue(s.finished());
        assertEquals(160L, s.state().shared(1));
        assertFalse(s.history().stream().anyMatch(r -> r.kind().equals("if")), "no step is the if itself");
    }

    @Test
    void aCheckAfterTheOtherHasPaidTakesTheElseBranch() throws Exception {
        StepModel m = model("no-lock");
        StepSession s = new StepSession(m);
        s.play(List.of(A, A, A, A, A, A, A)); // read, sleep, read, add, write, pay, print
        assertEquals(LaneStatus.DONE, s.status(A));
        StepResult check = s.step(B);
        assertEquals(20L, check.value());
        assertTrue(check.text().endsWith("; then seen >= amount is false, so it runs the else block"), check.text());
        assertEquals("print", m.nextKind(s.state(), B), "20 < 80: the else-branch");
        StepResult refused = s.step(B);
        assertEquals("customer-2: refused, the balance was 20", refused.printed());
        assertTrue(s.finished());
        assertEquals(20L, s.state().shared(0));
    }

    @Test
    void undoGoesBackOverTheCheckAndItsBranch() throws Exception {
        StepModel m = model("no-lock");
        StepSession s = new StepSession(m);
        s.play(List.of(A, A, A, A, A, A, A));
        StepState before = s.state();
        s.step(B);
        assertEquals("print", m.nextKind(s.state(), B));
        s.undo();
        assertEquals(before, s.state());
        assertEquals("read", m.nextKind(s.state(), B));
    }

    @Test
    void exploringFindsTheOverdraftAndTheLostWithdrawal() throws Exception {
        ExploreResult r = Explorer.explore(model("no-lock"));
        assertTrue(r.complete());
        assertEquals(Set.of(Map.of("balance", 20L, "paid_out", 80L), Map.of("balance", -60L, "paid_out", 160L),
                Map.of("balance", 20L, "paid_out", 160L)), shared(r));
        ExploredOutcome overdrawn = r.outcomes().stream().filter(o -> o.shared().get("balance") == -60L)
                .findFirst().orElseThrow();
        assertEquals(Grade.INTERESTING, overdrawn.grade());
        StepSession replay = new StepSession(model("no-lock"));
        replay.play(overdrawn.schedule());
        assertEquals(-60L, replay.state().shared(0), "its schedule replays to the overdraft");
    }

    @Test
    void exploringTheLockAroundTheWithdrawalOnlyStillFindsTheOverdraft() throws Exception {
        ExploreResult r = Explorer.explore(model("lock-act-only"));
        assertEquals(Set.of(Map.of("balance", 20L, "paid_out", 80L), Map.of("balance", -60L, "paid_out", 160L)),
                shared(r), "no lost withdrawal, but both checks can still come first");
    }

    @Test
    void exploringTheLockAroundCheckAndWithdrawalFindsOnlyTheRefusal() throws Exception {
        ExploreResult r = Explorer.explore(model("lock-both"));
        assertTrue(r.complete());
        assertEquals(Set.of(Map.of("balance", 20L, "paid_out", 80L)), shared(r));
        assertEquals(Grade.ACCEPTABLE, r.outcomes().get(0).grade());
    }

    @Test
    void exploringLazyInitialisationFindsTwoObjectsAndTheLockedOneNever() throws Exception {
        Set<Long> built = Explorer.explore(model("lazy-init")).outcomes().stream()
                .map(o -> o.shared().get("built")).collect(Collectors.toSet());
        assertEquals(Set.of(1L, 2L), built);
        Set<Long> lockedBuilt = Explorer.explore(model("lazy-init-locked")).outcomes().stream()
                .map(o -> o.shared().get("built")).collect(Collectors.toSet());
        assertEquals(Set.of(1L), lockedBuilt);
    }

    /** The fixture's nested ifs and a return inside a branch, stepped to the end by one lane at a time. */
    @Test
    void nestedBranchesAndAReturnInABranchStepAsTheyRun() throws Exception {
        Lesson branches = new LessonParser().parse(Path.of("src/test/resources/test-lessons/branches.yaml"));
        StepModel m = new StepModel(CompiledLesson.of(branches, "", null, Map.of()));
        StepSession s = new StepSession(m);
        List<String> kinds = new java.util.ArrayList<>();
        while (!s.finished()) {
            kinds.add(s.step(s.movable()[0]).kind());
        }
        // lane 1: six rounds (three evens, one six, three odds), then returns; lane 2 goes on past the if
        assertEquals(7 + 1 + 7 + 1, kinds.size(), kinds::toString);
        assertEquals("return", kinds.get(7));
        assertEquals(List.of(6L, 6L, 2L, 1L), java.util.Arrays.stream(s.state().sharedValues()).boxed().toList());
        // an if without an else that does not hold skips its block; nested ifs are noted one after the other
        StepSession again = new StepSession(m);
        StepResult first = again.step(0); // round 1: odd, so odds += 1; round 2's test is decided next
        assertTrue(first.text().endsWith("odds = 1; then i % 2 == 0 is true, so it runs the if's block"), first.text());
        again.play(List.of(0)); // round 2: evens += 1, then the nested i % 3 == 0 is false; round 3 is odd
        StepResult even = again.history().get(1);
        assertTrue(even.text().endsWith("evens = 1; then i % 3 == 0 is false, so it skips the if's block;"
                + " then i % 2 == 0 is false, so it runs the else block"), even.text());
    }

    private static Set<Map<String, Long>> shared(ExploreResult r) {
        return r.outcomes().stream().map(ExploredOutcome::shared).collect(Collectors.toSet());
    }
}

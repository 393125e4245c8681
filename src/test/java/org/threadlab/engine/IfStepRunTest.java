package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.TraceEvent;

/**
 * The {@code if} step in live runs: each branch runs as its test says on threads, one after
 * another and in child processes, and the check-then-act lesson overdraws the account and builds
 * two "single" objects for real, while its locked variants never do.
 */
class IfStepRunTest {
    private static RunResult run(RunConfig config) throws InterruptedException {
        RunResult r = new Engine().run(config);
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        return r;
    }

    /** Both branches, an if nested in a branch, and a return inside a branch, in every mode the fixture has. */
    @Test
    @Timeout(120)
    void everyBranchRunsAsItsTestSaysInEveryMode() throws InterruptedException {
        Lesson branches = TestLessons.fixture("branches");
        for (RunMode mode : List.of(new RunMode.Sequential(), new RunMode.Threads(), new RunMode.Processes())) {
            RunResult r = run(RunConfig.of(branches).withMode(mode).withWorkers(3));
            String where = mode.getClass().getSimpleName();
            // rounds 1..6: 2, 4, 6 are even, 1, 3, 5 odd, and 6 the only even multiple of 3
            assertEquals(9L, r.shared().get("evens"), where);
            assertEquals(9L, r.shared().get("odds"), where);
            assertEquals(3L, r.shared().get("sixes"), where);
            assertEquals(2L, r.shared().get("went_on"), where + ": copy 1 returned inside its branch");
            assertEquals(Grade.ACCEPTABLE, r.grade(), where);
            assertTrue(r.returnedValues().stream().anyMatch(v -> v.lane().equals("w-1") && v.value() == 1), where);
        }
    }

    /** Real stress runs the branches too: every trial of the fixture ends as its tests say. */
    @Test
    @Timeout(60)
    void stressRunsTheBranches() throws Exception {
        var compiled = org.threadlab.engine.program.CompiledLesson.of(TestLessons.fixture("branches"), "", null, Map.of());
        var stress = new org.threadlab.engine.stress.Stress(compiled,
                new org.threadlab.engine.stress.Stress.Limits(2_000, java.time.Duration.ofSeconds(30)));
        var snapshot = stress.start().await();
        assertTrue(snapshot.finished() && snapshot.trials() >= 2_000, () -> snapshot.trials() + " trials");
        assertEquals(1, snapshot.outcomes().size(), snapshot.outcomes()::toString);
        assertEquals(Map.of("evens", 6L, "odds", 6L, "sixes", 2L, "went_on", 1L), snapshot.outcomes().get(0).shared());
    }

    /** The if records nothing: every step the trace names is one of the branch's steps or the read. */
    @Test
    @Timeout(60)
    void theTestIsNotAStepOfItsOwnInTheTrace() throws InterruptedException {
        Lesson lesson = TestLessons.product("check-then-act");
        RunResult r = run(RunConfig.of(lesson).withVariant("lock-both").withMode(new RunMode.Threads()));
        List<String> kinds = r.trace().info().steps().stream().map(s -> s.kind()).distinct().sorted().toList();
        assertEquals(List.of("add", "increment", "lock", "print", "read", "sleep", "unlock", "write"), kinds);
    }

    @Test
    @Timeout(120)
    void twoCustomersOverdrawTheAccountForReal() throws InterruptedException {
        Lesson lesson = TestLessons.product("check-then-act");
        List<Map<String, Long>> seen = new ArrayList<>();
        for (int attempt = 0; attempt < 10; attempt++) { // a real race: the 20 ms pause makes it show nearly always
            RunResult r = run(RunConfig.of(lesson).withVariant("no-lock").withMode(new RunMode.Threads()));
            seen.add(r.shared());
            long balance = r.shared().get("balance");
            long paid = r.shared().get("paid_out");
            assertTrue(balance == 20 && paid == 80 || balance == -60 && paid == 160 || balance == 20 && paid == 160,
                    r.shared()::toString);
            if (balance == -60) {
                assertEquals(Grade.INTERESTING, r.grade());
                assertEquals(List.of("customer-1: paid 80", "customer-2: paid 80"), printed(r),
                        "both customers were paid");
                return;
            }
        }
        throw new AssertionError("ten runs and the account was never overdrawn: " + seen);
    }

    @Test
    @Timeout(120)
    void holdingTheLockOverCheckAndWithdrawalNeverOverdraws() throws InterruptedException {
        Lesson lesson = TestLessons.product("check-then-act");
        for (RunMode mode : List.of(new RunMode.Threads(), new RunMode.VirtualThreads(), new RunMode.ThreadPool(2))) {
            RunResult r = run(RunConfig.of(lesson).withVariant("lock-both").withMode(mode));
            assertEquals(Map.of("balance", 20L, "paid_out", 80L), r.shared());
            assertEquals(Grade.ACCEPTABLE, r.grade());
            List<String> lines = printed(r);
            assertEquals(2, lines.size(), lines::toString);
            assertEquals(1, lines.stream().filter(l -> l.endsWith(": paid 80")).count(), lines::toString);
            assertEquals(1, lines.stream().filter(l -> l.endsWith(": refused, the balance was 20")).count(),
                    "the other took the else branch, having seen what the first left: " + lines);
        }
    }

    @Test
    @Timeout(120)
    void lazyInitialisationBuildsTwoObjectsForRealAndTheLockedOneBuildsOne() throws InterruptedException {
        Lesson lesson = TestLessons.product("check-then-act");
        boolean twice = false;
        for (int attempt = 0; attempt < 10 && !twice; attempt++) { // a real race
            RunResult r = run(RunConfig.of(lesson).withVariant("lazy-init").withMode(new RunMode.Threads()));
            long built = r.shared().get("built");
            assertTrue(built == 1 || built == 2, r.shared()::toString);
            twice = built == 2;
        }
        assertTrue(twice, "ten runs and the Config was never built twice");
        for (int attempt = 0; attempt < 3; attempt++) {
            RunResult r = run(RunConfig.of(lesson).withVariant("lazy-init-locked").withMode(new RunMode.Threads())
                    .withWorkers(4));
            assertEquals(1L, r.shared().get("built"));
            long config = r.shared().get("config");
            assertEquals(4, printed(r).stream().filter(l -> l.endsWith("uses the Config built by caller-" + config))
                    .count(), () -> "every caller uses the one object: " + printed(r));
        }
    }

    /** The console lines of a run, by lane order. */
    private static List<String> printed(RunResult r) {
        List<String> out = new ArrayList<>();
        for (LaneEvents lane : r.trace().lanes()) {
            for (int i = 0; i < lane.size(); i++) {
                if (lane.event(i) instanceof TraceEvent.Printed p) {
                    out.add(p.text());
                }
            }
        }
        return out;
    }
}

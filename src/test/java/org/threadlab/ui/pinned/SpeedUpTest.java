package org.threadlab.ui.pinned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;

/** A pinned run's speed-up: measured only against a completed sequential run of the same work, made alike. */
class SpeedUpTest {
    private final List<PinnedRun> runs = new ArrayList<>();

    private PinnedRun pin(String mode, int workers, Map<String, Long> params, long wallMillis, RunStatus status,
                          String variant, String origin) {
        RunResult r = new RunResult("squares", variant, mode, false, 0, workers, params, status, List.of(),
                wallMillis * 1_000_000, Map.of(), null, "", List.of(), null, List.of());
        PinnedRun p = new PinnedRun(runs.size() + 1, r, origin);
        runs.add(p);
        return p;
    }

    private PinnedRun pin(String mode, int workers, long wallMillis) {
        return pin(mode, workers, Map.of("n", 1000L, "workers", (long) workers), wallMillis, RunStatus.COMPLETED,
                "sum-of-squares", null);
    }

    @Test
    void theSameWorkIsMeasuredAgainstTheSequentialRun() {
        PinnedRun sequential = pin("sequential", 2, 4000);
        PinnedRun threads = pin("threads", 2, 2000);
        assertInstanceOf(SpeedUp.Baseline.class, SpeedUp.of(sequential, runs));
        SpeedUp s = SpeedUp.of(threads, runs);
        assertEquals(2.0, assertInstanceOf(SpeedUp.Over.class, s).factor(), 1e-9);
        assertTrue(s.text().startsWith("speed-up 2.00x over #1 (sequential, 4.00 s)"), s.text());
    }

    @Test
    void aSpeedUpBeyondTheCoresIsNotPassedOffAsParallelism() {
        PinnedRun sequential = pin("sequential", 2, 9000);
        SpeedUp s = new SpeedUp.Over(4.5, sequential, 2);
        assertTrue(s.text().endsWith("; more than 2 cores can give by running at once: something else made the"
                + " difference (a cold start, other programs); run both again"), s.text());
        assertEquals("speed-up 1.90x over #1 (sequential, 9.00 s)", new SpeedUp.Over(1.9, sequential, 2).text());
        assertEquals("speed-up 4.50x over #1 (sequential, 9.00 s)", new SpeedUp.Over(4.5, sequential, 0).text(),
                "cores unknown (a run file from another machine): no claim about them");
    }

    @Test
    void noSequentialRunPinnedGivesNoNumber() {
        SpeedUp s = SpeedUp.of(pin("threads", 2, 2000), runs);
        assertInstanceOf(SpeedUp.NoBaseline.class, s);
        assertTrue(s.text().contains("no sequential run of this work is pinned"), s.text());
    }

    @Test
    void aLessonWithoutSequentialModeDoesNotAskForASequentialRun() {
        SpeedUp s = SpeedUp.of(pin("threads", 2, 2000), runs, false);
        assertEquals("no speed-up: this lesson does not run sequentially; compare the wall times", s.text());
    }

    @Test
    void otherWorkersAreNotComparable() {
        pin("sequential", 2, 4000);
        SpeedUp s = SpeedUp.of(pin("threads", 4, 2000), runs);
        assertInstanceOf(SpeedUp.NotComparable.class, s);
        assertEquals("speed-up not comparable: #1 (sequential) ran 2 workers, this run 4", s.text());
    }

    @Test
    void otherParamsAreNotComparable() {
        pin("sequential", 2, 4000);
        SpeedUp s = SpeedUp.of(pin("threads", 2, Map.of("n", 5000L, "workers", 2L), 2000, RunStatus.COMPLETED,
                "sum-of-squares", null), runs);
        assertInstanceOf(SpeedUp.NotComparable.class, s);
        assertTrue(s.text().endsWith("did other work: n = 1000 there, 5000 here"), s.text());
    }

    @Test
    void anotherVariantIsNotComparable() {
        pin("sequential", 2, 4000);
        SpeedUp s = SpeedUp.of(pin("threads", 2, Map.of("n", 1000L, "workers", 2L), 2000, RunStatus.COMPLETED,
                "square-and-quad", null), runs);
        assertInstanceOf(SpeedUp.NotComparable.class, s);
    }

    @Test
    void aRunRecordedElsewhereIsNotComparedWithOneMadeHere() {
        pin("sequential", 2, 4000);
        SpeedUp s = SpeedUp.of(pin("threads", 2, Map.of("n", 1000L, "workers", 2L), 2000, RunStatus.COMPLETED,
                "sum-of-squares", "recorded on a 16-core machine"), runs);
        assertInstanceOf(SpeedUp.NotComparable.class, s);
        assertTrue(s.text().contains("this run recorded on a 16-core machine"), s.text());
    }

    @Test
    void twoRunFilesOfOneMachineCompareWhenEverRecordedAndItsCoresBoundTheClaim() {
        String machine = "a 16-core Linux machine";
        RunResult seq = new RunResult("squares", "sum-of-squares", "sequential", false, 0, 2, Map.of("n", 1000L),
                RunStatus.COMPLETED, List.of(), 4_000_000_000L, Map.of(), null, "", List.of(), null, List.of());
        RunResult thr = new RunResult("squares", "sum-of-squares", "threads", false, 0, 2, Map.of("n", 1000L),
                RunStatus.COMPLETED, List.of(), 200_000_000L, Map.of(), null, "", List.of(), null, List.of());
        runs.add(new PinnedRun(1, seq, "recorded on " + machine + " at 2026-12-02 20:01", machine, 16));
        PinnedRun threads = new PinnedRun(2, thr, "recorded on " + machine + " at 2026-12-02 20:02", machine, 16);
        runs.add(threads);
        SpeedUp s = SpeedUp.of(threads, runs);
        assertEquals(20.0, assertInstanceOf(SpeedUp.Over.class, s).factor(), 1e-9, "a minute apart, one machine: compared");
        assertTrue(s.text().contains("more than 16 cores can give"), "the recording machine's cores bound it: " + s.text());
        runs.add(new PinnedRun(3, thr, "recorded on another machine at 2026-12-02 20:03", "another machine", 4));
        assertInstanceOf(SpeedUp.NotComparable.class, SpeedUp.of(runs.get(2), runs), "another machine: never");
    }

    @Test
    void anUnfinishedRunHasNoSpeedUpAndIsNoBaseline() {
        pin("sequential", 2, Map.of("n", 1000L, "workers", 2L), 100, RunStatus.CANCELLED, "sum-of-squares", null);
        PinnedRun threads = pin("threads", 2, 2000);
        assertInstanceOf(SpeedUp.NoBaseline.class, SpeedUp.of(threads, runs), "a cancelled sequential run is no baseline");
        PinnedRun timedOut = pin("threads", 2, Map.of("n", 1000L, "workers", 2L), 100, RunStatus.TIMED_OUT,
                "sum-of-squares", null);
        assertEquals("no speed-up: the run was timed-out, its work not done", SpeedUp.of(timedOut, runs).text());
    }

    @Test
    void theLatestLikeSequentialRunIsTheBaseline() {
        pin("sequential", 2, 4000);
        pin("sequential", 2, 3000);
        SpeedUp s = SpeedUp.of(pin("threads", 2, 1500), runs);
        assertEquals(2, assertInstanceOf(SpeedUp.Over.class, s).against().number());
        assertEquals(2.0, ((SpeedUp.Over) s).factor(), 1e-9);
    }
}

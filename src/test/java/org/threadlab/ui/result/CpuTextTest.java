package org.threadlab.ui.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.engine.process.ProcessSummary;
import org.threadlab.lesson.Grade;
import org.threadlab.trace.WorkerState;

/** A worker's row in the result says why it has no CPU time: killed (with the exit status), or a virtual thread. */
class CpuTextTest {
    private static RunResult.LaneSummary lane(String kind, long pid, long cpu, WorkerState end) {
        return new RunResult.LaneSummary("ticker-1", kind, pid, "", -1, cpu, Map.of(), end);
    }

    private static RunResult run(List<RunResult.LaneSummary> lanes, List<ProcessSummary> processes) {
        return new RunResult("kill", "", "processes", false, 0, lanes.size(), Map.of(), RunStatus.COMPLETED, List.of(),
                1_000_000, Map.of(), Grade.INTERESTING, "", lanes, null, processes);
    }

    @Test
    void aKilledChildReadsAsKilledWithItsExitStatus() {
        var killed = lane("process", 4242, -1, WorkerState.KILLED);
        var r = run(List.of(killed), List.of(new ProcessSummary("ticker-1", 4242, List.of("ticker-1"), 137, Map.of())));
        assertEquals("none: killed, exit status 137 (killed by signal 9, SIGKILL)", ResultView.cpuText(killed, r));
    }

    @Test
    void aVirtualThreadHasNoCpuClockOfItsOwnAndAMeasuredLaneShowsItsTime() {
        var virtual = lane("virtual-thread", 1, -1, WorkerState.DONE);
        assertEquals("n/a (virtual thread)", ResultView.cpuText(virtual, run(List.of(virtual), List.of())));
        var measured = lane("process", 4242, 2_500_000, WorkerState.DONE);
        assertEquals("2.50 ms", ResultView.cpuText(measured, run(List.of(measured), List.of())));
    }

    @Test
    void theResultNamesWhereTheWorkersRan() {
        var a = new RunResult.LaneSummary("w-1", "process", 11, "", -1, 1, Map.of(), WorkerState.DONE);
        var b = new RunResult.LaneSummary("w-2", "process", 12, "", -1, 1, Map.of(), WorkerState.DONE);
        var r = run(List.of(a, b), List.of(new ProcessSummary("w-1", 11, List.of("w-1"), 0, Map.of()),
                new ProcessSummary("w-2", 12, List.of("w-2"), 0, Map.of())));
        assertEquals("in 2 child processes", org.threadlab.ui.run.ModeText.where(r));
        var t1 = new RunResult.LaneSummary("t-1", "pool-thread", 1, "pool-1", 40, 1, Map.of(), WorkerState.DONE);
        var t2 = new RunResult.LaneSummary("t-2", "pool-thread", 1, "pool-1", 40, 1, Map.of(), WorkerState.DONE);
        var main = new RunResult.LaneSummary("main", "main-thread", 1, "main", 1, 1, Map.of(), WorkerState.DONE);
        var pool = new RunResult("x", "", "thread-pool", false, 0, 2, Map.of(), RunStatus.COMPLETED, List.of(), 1,
                Map.of(), Grade.ACCEPTABLE, "", List.of(main, t1, t2), null, List.of());
        assertEquals("on a pool of 1 thread", org.threadlab.ui.run.ModeText.where(pool), "one pool thread took both tasks");
    }
}

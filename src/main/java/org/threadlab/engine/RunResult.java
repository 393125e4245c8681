package org.threadlab.engine;

import java.util.List;
import java.util.Map;
import org.threadlab.engine.process.ProcessSummary;
import org.threadlab.engine.sync.DeadlockCycle;
import org.threadlab.lesson.Grade;
import org.threadlab.trace.Trace;
import org.threadlab.trace.WorkerState;

/**
 * What a finished run produced: the final shared state, its graded outcome, times, and the trace.
 *
 * @param gilSwitchNanos the simulated GIL's switch interval, or 0 when the GIL was off
 * @param messages       what went wrong, one sentence each (empty when completed)
 * @param wallNanos      time from the run's start to its end
 * @param shared         the final shared variables of the run's own (parent) process
 * @param processes      the child processes of a process mode, each with its own final copy of
 *                       the shared variables; empty in the thread modes
 */
public record RunResult(String lesson, String variant, String mode, boolean gil, long gilSwitchNanos, int workers,
                        Map<String, Long> params, RunStatus status, List<String> messages, long wallNanos,
                        Map<String, Long> shared, Grade grade, String outcomeText, List<LaneSummary> lanes,
                        Trace trace, List<ProcessSummary> processes, DeadlockCycle deadlock) {

    public RunResult {
        messages = List.copyOf(messages);
        lanes = List.copyOf(lanes);
        processes = processes == null ? List.of() : List.copyOf(processes);
        deadlock = deadlock == null ? DeadlockCycle.NONE : deadlock;
    }

    /** A result without a deadlock. */
    public RunResult(String lesson, String variant, String mode, boolean gil, long gilSwitchNanos, int workers,
                     Map<String, Long> params, RunStatus status, List<String> messages, long wallNanos,
                     Map<String, Long> shared, Grade grade, String outcomeText, List<LaneSummary> lanes,
                     Trace trace, List<ProcessSummary> processes) {
        this(lesson, variant, mode, gil, gilSwitchNanos, workers, params, status, messages, wallNanos, shared, grade,
                outcomeText, lanes, trace, processes, DeadlockCycle.NONE);
    }

    /** A value a worker's {@code return} step gave back, on the lane that ran it. */
    public record ReturnedValue(String lane, long value) {}

    /** The values the run's {@code return} steps gave back, in lane order (last one per lane). */
    public List<ReturnedValue> returnedValues() {
        List<ReturnedValue> out = new java.util.ArrayList<>();
        if (trace == null) {
            return out;
        }
        for (org.threadlab.trace.LaneEvents lane : trace.lanes()) {
            Long value = null;
            for (int i = 0; i < lane.size(); i++) {
                if (lane.event(i) instanceof org.threadlab.trace.TraceEvent.Returned r) {
                    value = r.value();
                }
            }
            if (value != null) {
                out.add(new ReturnedValue(lane.info().name(), value));
            }
        }
        return out;
    }

    /**
     * Where a returned value went in this run's mode, as a sentence for the learner. A process of
     * its own has no way to hand a value back (Python's {@code Process} drops what its target
     * returns): the child's return is recorded on its lane, but only a queue or a pool's result
     * carries a value to the parent.
     */
    public String whereReturnsGo() {
        return switch (mode) {
            case "processes" -> "A return value stayed in its child process: a process has no way to hand it to"
                    + " its parent. Send it through a queue, or use a process pool.";
            case "process-pool" -> "Each return value was sent back to the parent as the pool's result (Python"
                    + " pickles it through a pipe).";
            case "thread-pool" -> "Each return value was handed to the caller as the pool's result, in the same memory.";
            default -> "Each return value was handed to the caller in the same memory (join, Future.get).";
        };
    }

    /** Whether this run's returned values reach the parent process. */
    public boolean returnsReachParent() {
        return !mode.equals("processes");
    }

    /** Per-lane figures for summaries. {@code cpuNanos} is -1 where the platform cannot tell. */
    /**
     * In a pool mode, the pool's threads or child processes that took tasks (a pool starts one only
     * for a task: a pool of 4 given 3 tasks shows 3); 1 in any other mode, and at least 1.
     */
    public int poolSlots() {
        if (mode.equals("process-pool")) {
            return Math.max(1, processes.size());
        }
        if (!mode.equals("thread-pool")) {
            return 1;
        }
        return (int) Math.max(1, lanes.stream().filter(l -> !"main-thread".equals(l.kind()))
                .mapToLong(LaneSummary::threadId).filter(id -> id >= 0).distinct().count());
    }

    public record LaneSummary(String name, String kind, long pid, String threadName, long threadId, long cpuNanos,
                              Map<WorkerState, Long> stateNanos, WorkerState finalState) {}
}

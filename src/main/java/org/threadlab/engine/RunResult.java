package org.threadlab.engine;

import java.util.List;
import java.util.Map;
import org.threadlab.lesson.Grade;
import org.threadlab.trace.Trace;
import org.threadlab.trace.WorkerState;

/**
 * What a finished run produced: the final shared state, its graded outcome, times, and the trace.
 *
 * @param gilSwitchNanos the simulated GIL's switch interval, or 0 when the GIL was off
 * @param messages       what went wrong, one sentence each (empty when completed)
 * @param wallNanos      time from the run's start to its end
 */
public record RunResult(String lesson, String variant, String mode, boolean gil, long gilSwitchNanos, int workers,
                        Map<String, Long> params, RunStatus status, List<String> messages, long wallNanos,
                        Map<String, Long> shared, Grade grade, String outcomeText, List<LaneSummary> lanes,
                        Trace trace) {

    /** Per-lane figures for summaries. {@code cpuNanos} is -1 where the platform cannot tell. */
    public record LaneSummary(String name, String kind, long pid, String threadName, long threadId, long cpuNanos,
                              Map<WorkerState, Long> stateNanos, WorkerState finalState) {}
}

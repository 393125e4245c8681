package org.threadlab.ui.run;

import java.util.List;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;

/**
 * Where a run's workers really ran, in words for the status line and the result: "on 2 threads",
 * "in 2 child processes", "sequentially on one thread". The count is the run's own worker lanes,
 * so the sentence is true of the run it describes, whatever the mode buttons say now.
 */
public final class ModeText {
    private ModeText() {}

    /** The phrase for {@code workers} worker lanes run in {@code mode}. */
    public static String where(RunMode mode, int workers) {
        return switch (mode) {
            case RunMode.Sequential s -> "sequentially on one thread";
            case RunMode.Threads t -> "on " + count(workers, "thread", "threads");
            case RunMode.VirtualThreads v -> "on " + count(workers, "virtual thread", "virtual threads");
            case RunMode.ThreadPool p -> "on a pool of " + count(p.size(), "thread", "threads");
            case RunMode.Processes p -> "in " + count(workers, "child process", "child processes");
            case RunMode.ProcessPool p -> "in a pool of " + count(p.size(), "child process", "child processes");
        };
    }

    /**
     * Where a finished run's workers really ran, from the run itself: "in 2 child processes", "on a
     * pool of 2 threads" (the pool threads that took tasks: a pool starts a thread only for a task),
     * "sequentially on one thread". The result's headline and the status line both say this.
     */
    public static String where(RunResult r) {
        List<RunResult.LaneSummary> workers = r.lanes().stream().filter(l -> !"main-thread".equals(l.kind())).toList();
        int count = r.mode().equals("processes") && !r.processes().isEmpty() ? r.processes().size() : workers.size();
        return where(RunMode.of(r.mode(), r.poolSlots()), count);
    }

    /** The status line while a run goes on: "Running in 2 child processes…". */
    public static String running(RunMode mode, int workers, boolean gil) {
        return "Running " + where(mode, workers) + (gil ? " with a simulated CPython GIL" : "") + "\u2026";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

package org.threadlab.trace;

import java.util.List;

/**
 * The names a trace's numbers refer to: shared variables, locks and steps by index, and what run
 * produced it.
 *
 * @param lesson         lesson id
 * @param variant        variant name ({@code ""} when the lesson has none)
 * @param mode           run mode name
 * @param gilSimulated   whether the simulated CPython GIL was on
 * @param variables      shared variable names, indexed by variable number
 * @param locks          lock names, indexed by lock number; the simulated GIL, when on, is the last
 * @param steps          steps by step number
 * @param processShared  names of the variables, locks and queues that every process of the run shares
 *                       (in the process modes, lanes of child processes touch only these in
 *                       common; every other variable and lock is a copy of their own)
 */
public record TraceInfo(String lesson, String variant, String mode, boolean gilSimulated,
                        List<String> variables, List<String> locks, List<StepInfo> steps,
                        List<String> processShared) {

    /** Name used for the simulated GIL in {@link #locks()}; it always says it is a simulation. */
    public static final String GIL_LOCK_NAME = "GIL (simulated)";

    public TraceInfo {
        variables = List.copyOf(variables);
        locks = List.copyOf(locks);
        steps = List.copyOf(steps);
        processShared = List.copyOf(processShared);
    }

    /** A trace in which nothing is shared between processes. */
    public TraceInfo(String lesson, String variant, String mode, boolean gilSimulated,
                     List<String> variables, List<String> locks, List<StepInfo> steps) {
        this(lesson, variant, mode, gilSimulated, variables, locks, steps, List.of());
    }

    /** Whether variable number {@code v} is shared by every process of the run. */
    public boolean variableProcessShared(int v) {
        return processShared.contains(variables.get(v));
    }

    /** Whether lock number {@code lock} is one lock for every process of the run. */
    public boolean lockProcessShared(int lock) {
        return processShared.contains(locks.get(lock));
    }

    /** The lock number of the simulated GIL, or -1 when it is off. */
    public int gilLock() {
        return gilSimulated ? locks.size() - 1 : -1;
    }

    /**
     * One step of the lesson as the trace refers to it.
     *
     * @param index  step number
     * @param kind   step kind as written in the lesson ({@code read}, {@code sleep}, ...)
     * @param label  short human description, e.g. {@code read counter -> tmp}
     * @param worker name of the worker (or {@code main}) whose body holds the step
     * @param mark   the listing marker that ties the step to a line, or {@code ""}
     * @param line   line of the step in the lesson file (1-based)
     */
    public record StepInfo(int index, String kind, String label, String worker, String mark, int line) {}
}

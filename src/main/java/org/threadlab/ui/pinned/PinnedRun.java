package org.threadlab.ui.pinned;

import java.util.Objects;
import org.threadlab.engine.RunResult;

/**
 * A finished run kept for comparison.
 *
 * @param number its number in the stack, from 1, never reused while the stack lives (a removed
 *               run's number does not pass to another: a speed-up "over #1" keeps meaning one run)
 * @param result the run, with its trace
 * @param origin where and when it was recorded when not on this machine now ("recorded on ..."), else null
 * @param machine the machine it was recorded on, in words, when not this one, else null: runs compare
 *               (a speed-up) only when made on the same machine, whenever each was recorded
 * @param cores  the cores of the machine it was recorded on, or 0 when this machine's (or unknown)
 */
public record PinnedRun(int number, RunResult result, String origin, String machine, int cores) {
    public PinnedRun {
        Objects.requireNonNull(result);
        origin = origin == null || origin.isBlank() ? null : origin.strip();
        machine = machine == null || machine.isBlank() ? null : machine.strip();
    }

    /** A run whose origin names its machine too (the same words compare equal). */
    public PinnedRun(int number, RunResult result, String origin) {
        this(number, result, origin, origin, 0);
    }

    /** Whether the run was made on this machine in this window (not read from a run file). */
    public boolean madeHere() {
        return origin == null;
    }

    public boolean sequential() {
        return result.mode().equals("sequential");
    }
}

package org.threadlab.ui.pinned;

import java.util.Objects;
import org.threadlab.engine.RunResult;

/**
 * A finished run kept for comparison.
 *
 * @param number its number in the stack, from 1, never reused while the stack lives (a removed
 *               run's number does not pass to another: a speed-up "over #1" keeps meaning one run)
 * @param result the run, with its trace
 * @param origin where it was recorded when not on this machine now ("recorded on ..."), else null
 */
public record PinnedRun(int number, RunResult result, String origin) {
    public PinnedRun {
        Objects.requireNonNull(result);
        origin = origin == null || origin.isBlank() ? null : origin.strip();
    }

    /** Whether the run was made on this machine in this window (not read from a run file). */
    public boolean madeHere() {
        return origin == null;
    }

    public boolean sequential() {
        return result.mode().equals("sequential");
    }
}

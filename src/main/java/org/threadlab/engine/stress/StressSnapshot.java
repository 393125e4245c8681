package org.threadlab.engine.stress;

import java.util.List;

/**
 * The histogram so far, for a view to poll while the stress runs, or the final one.
 *
 * @param outcomes   outcomes seen, most frequent first
 * @param trials     trials counted so far
 * @param nanos      time since the start
 * @param finished   whether the stress has ended
 * @param stopReason why it ended ({@code "N trials"}, {@code "the time limit of S"}, {@code "cancelled"}); null while running
 */
public record StressSnapshot(List<StressOutcome> outcomes, long trials, long nanos, boolean finished,
                             String stopReason) {
    public StressSnapshot {
        outcomes = List.copyOf(outcomes);
    }

    /** Trials per second so far. */
    public double trialsPerSecond() {
        return nanos <= 0 ? 0 : trials * 1e9 / nanos;
    }
}

package org.threadlab.engine.stress;

import java.util.List;

/**
 * The histogram so far, for a view to poll while the stress runs, or the final one.
 *
 * @param outcomes         outcomes seen, most frequent first
 * @param trials           trials counted so far
 * @param nanos            time since the start
 * @param finished         whether the stress has ended
 * @param stopReason       why it ended ({@code "N trials"}, {@code "the time limit of S"}, {@code "cancelled"}); null while running
 * @param sampledTrials    trials the first worker checked for an overlap (one in {@value Stress#SAMPLE_EVERY} of its trials)
 * @param overlappedTrials of those, the trials in which another worker was inside the same trial at some moment
 *                         of the first worker's: the trials in which the race could happen at all
 */
public record StressSnapshot(List<StressOutcome> outcomes, long trials, long nanos, boolean finished,
                             String stopReason, long sampledTrials, long overlappedTrials) {
    public StressSnapshot {
        outcomes = List.copyOf(outcomes);
    }

    /** Trials per second so far. */
    public double trialsPerSecond() {
        return nanos <= 0 ? 0 : trials * 1e9 / nanos;
    }

    /** The share of sampled trials that overlapped, 0 to 1; 0 before any trial was sampled. */
    public double overlapShare() {
        return sampledTrials == 0 ? 0 : (double) overlappedTrials / sampledTrials;
    }

    /** Trials per second that ended in {@code o}, over the whole run so far. */
    public double perSecond(StressOutcome o) {
        return nanos <= 0 ? 0 : o.trials() * 1e9 / nanos;
    }
}

package org.threadlab.engine.explore;

import java.util.List;

/**
 * What an exploration found.
 *
 * @param outcomes    every outcome found, in the order first found
 * @param states      distinct states visited
 * @param transitions steps taken, counting those that led to a state already explored
 * @param complete    whether every schedule was covered; if not, {@code stopReason} says why and
 *                    the outcomes are those found so far
 * @param stopReason  e.g. {@code "the limit of 2,000,000 states"}; null when complete
 * @param schedules   how many distinct schedules there are in all ({@link Long#MAX_VALUE}: at
 *                    least that many), or -1 when not complete
 * @param nanos       how long it took
 */
public record ExploreResult(List<ExploredOutcome> outcomes, long states, long transitions, boolean complete,
                            String stopReason, long schedules, long nanos) {
    public ExploreResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether some schedule ends in a deadlock. */
    public boolean deadlocks() {
        return outcomes.stream().anyMatch(o -> o.kind() == ExploredOutcome.Kind.DEADLOCK);
    }
}

package org.threadlab.engine.stress;

import java.util.Map;
import org.threadlab.lesson.Grade;

/**
 * Final state seen in some trials.
 *
 * @param shared   final shared values by name; empty for a deadlock, whose values mean nothing
 * @param deadlock whether the trial's workers ended in a circle of lock waits (broken by the runner)
 * @param grade    the lesson's grade; {@link Grade#NOT_GRADED} for a deadlock
 * @param text     the outcome rule's sentence, or what happened
 * @param trials   how many trials ended so
 */
public record StressOutcome(Map<String, Long> shared, boolean deadlock, Grade grade, String text, long trials) {
    public StressOutcome {
        shared = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shared));
    }
}

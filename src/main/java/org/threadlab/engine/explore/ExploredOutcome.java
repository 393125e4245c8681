package org.threadlab.engine.explore;

import java.util.List;
import java.util.Map;
import org.threadlab.engine.step.Deadlock;
import org.threadlab.lesson.Grade;

/**
 * One final outcome that some schedule reaches.
 *
 * @param kind      how the schedule ends
 * @param shared    the final shared values by name
 * @param grade     the lesson's grade for a completed outcome ({@link Grade#UNEXPECTED} when no
 *                  rule matches); {@link Grade#NOT_GRADED} for a deadlock or a failure
 * @param text      the outcome rule's sentence, the deadlock's circle, or the failure
 * @param deadlock  the circle of waits, for a deadlock; else null
 * @param schedules how many distinct schedules end here, or -1 when the exploration stopped early
 *                  and could not count them; {@link Long#MAX_VALUE} means at least that many
 * @param schedule  one schedule (lane numbers, from the start) that ends here
 */
public record ExploredOutcome(Kind kind, Map<String, Long> shared, Grade grade, String text, Deadlock deadlock,
                              long schedules, List<Integer> schedule) {

    public ExploredOutcome {
        shared = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shared));
        schedule = List.copyOf(schedule);
    }

    /** How a schedule ends. */
    public enum Kind {
        /** Every lane ran to its end. */
        COMPLETED,
        /** Nobody could move: a circle of lanes each waiting for a lock the next one holds. */
        DEADLOCK,
        /** A lane failed (a step value out of its limits). */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

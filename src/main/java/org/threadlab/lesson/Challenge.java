package org.threadlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A game in step mode where the learner is the scheduler and plays against the program: pick which
 * worker takes every step until the goal holds (the counter ends at 2, both workers inside the
 * critical section at once, a deadlock...).
 *
 * @param id       short name, unique in the lesson ({@code lowest-total})
 * @param title    what the learner sees in the list of challenges
 * @param task     the goal in words, one sentence
 * @param goal     an expression that must hold to win: over the shared variables, the params,
 *                 {@link #DEADLOCK} and, with {@code critical} lines, {@link #INSIDE}
 * @param moment   when the goal counts: once every worker has ended, or at any moment
 * @param variant  the variant it is played with ({@code ""}: the default)
 * @param workers  how many workers, or 0 for the lesson's own count
 * @param params   params over the lesson's {@code stepping.params}
 * @param critical the listing lines (marks) of the critical section, for {@link #INSIDE}; may be empty
 * @param budget   the most steps a winning schedule may take, or 0 for no limit
 * @param hints    shown one at a time, when the learner asks
 * @param won      said after a win: what the win shows (may be empty)
 */
public record Challenge(String id, String title, String task, Expr goal, Moment moment, String variant, int workers,
                        Map<String, Long> params, List<String> critical, int budget, List<String> hints, String won,
                        Pos pos) {

    /** Goal name: 1 when no worker can move and not every worker has ended. */
    public static final String DEADLOCK = "deadlock";
    /** Goal name: how many workers are about to do a step of the critical section's lines. */
    public static final String INSIDE = "inside";
    /** Goal names with a meaning of their own; a lesson's variables and params may not take them. */
    public static final Set<String> GOAL_NAMES = Set.of(DEADLOCK, INSIDE);

    /** When the goal is tested. */
    public enum Moment {
        /** Only once every worker has ended: the final state, as a run would end. */
        AT_END("at-end"),
        /** After every step, so a moment on the way counts (two workers inside at once). */
        ANY_MOMENT("any-moment");

        private final String text;

        Moment(String text) {
            this.text = text;
        }

        /** As written in a lesson. */
        public String text() {
            return text;
        }
    }

    public Challenge {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        critical = List.copyOf(critical);
        hints = List.copyOf(hints);
    }
}

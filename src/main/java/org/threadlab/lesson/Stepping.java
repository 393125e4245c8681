package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * How a lesson is stepped through and explored: smaller params (a learner steps a handful of
 * increments, not 100,000) and guided stories, each a scripted schedule with a sentence per step.
 *
 * @param params  param values for step mode and exploration, in place of the lesson's; empty: the lesson's own
 * @param stories guided stories, in file order
 */
public record Stepping(Map<String, Long> params, List<Story> stories) {
    public static final Stepping NONE = new Stepping(Map.of(), List.of());

    public Stepping {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        stories = List.copyOf(stories);
    }

    /**
     * A scripted schedule told step by step.
     *
     * @param variant the variant it plays ({@code ""}: the default)
     */
    public record Story(String title, String variant, List<Beat> beats, Pos pos) {
        public Story {
            beats = List.copyOf(beats);
        }

        /** The schedule as text, {@code A.read B.read ...}, as {@code Schedules.parse} reads it. */
        public String schedule() {
            return String.join(" ", beats.stream().map(Beat::move).toList());
        }
    }

    /**
     * One step of a story: which lane moves ({@code A}, {@code A.read}, {@code adder-1.write}) and
     * the sentence that tells it.
     */
    public record Beat(String move, String say, Pos pos) {}
}

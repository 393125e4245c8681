package org.threadlab.lesson;

import java.util.List;

/**
 * A question asked before the run, so that the learner commits to a guess. The question is about
 * one variant run in certain modes: only a run of that kind can show whether the guess was right.
 *
 * @param answer  index of the right choice, 0-based (the file writes it 1-based)
 * @param variants the variants the question is about (one, or several for a question that compares
 *                 them); empty means the lesson's default variant
 * @param modes   the modes whose runs answer the question; empty means the lesson's default mode
 * @param gil     whether the question is about runs with the simulated GIL ({@code true}), without it
 *                ({@code false}), or either ({@code null})
 * @param shows   if present, holds over a run's final state (params and shared variables by name)
 *                when that run shows what the answer says; null when one run's final state cannot
 *                tell (a question about time, or order)
 * @param pos     where {@code shows} is written (where the prediction is, when it has none)
 */
public record Prediction(String question, List<String> choices, int answer, String explanation,
                         List<String> variants, List<String> modes, Boolean gil, Expr shows, Pos pos) {
    public Prediction {
        choices = List.copyOf(choices);
        variants = variants == null ? List.of() : List.copyOf(variants);
        modes = modes == null ? List.of() : List.copyOf(modes);
        pos = pos == null ? Pos.NONE : pos;
    }

    /** A question about the default variant in the default mode, with or without the GIL. */
    public Prediction(String question, List<String> choices, int answer, String explanation) {
        this(question, choices, answer, explanation, List.of(), List.of(), null, null, Pos.NONE);
    }

    /** The text of the right choice. */
    public String rightChoice() {
        return choices.get(answer);
    }
}

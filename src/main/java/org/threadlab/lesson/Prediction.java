package org.threadlab.lesson;

import java.util.List;

/**
 * A question asked before the run, so that the learner commits to a guess.
 *
 * @param answer index of the right choice, 0-based (the file writes it 1-based)
 */
public record Prediction(String question, List<String> choices, int answer, String explanation) {
    public Prediction {
        choices = List.copyOf(choices);
    }
}

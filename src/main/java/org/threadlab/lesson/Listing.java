package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * Code shown to the learner beside the run. Marker comments such as {@code // [inc]} (Java) or
 * {@code # [inc]} (Python) at the end of a line tie it to steps with {@code mark: inc}; they are
 * cut from the {@link #lines()} shown.
 *
 * @param language {@code java} or {@code python}
 * @param lines    the code without markers
 * @param marks    marker name to 1-based line number
 */
public record Listing(String language, List<String> lines, Map<String, Integer> marks) {
    public Listing {
        lines = List.copyOf(lines);
        marks = Map.copyOf(marks);
    }

    public String code() {
        return String.join("\n", lines);
    }
}

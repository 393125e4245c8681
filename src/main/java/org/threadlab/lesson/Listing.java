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
 * @param run      how a Python listing runs for real ({@code python-run:}), or null when it does not
 *                 say (Java listings, lessons written before it)
 */
public record Listing(String language, List<String> lines, Map<String, Integer> marks, PythonRun run) {
    public Listing {
        lines = List.copyOf(lines);
        marks = Map.copyOf(marks);
    }

    public Listing(String language, List<String> lines, Map<String, Integer> marks) {
        this(language, lines, marks, null);
    }

    public java.util.Optional<PythonRun> pythonRun() {
        return java.util.Optional.ofNullable(run);
    }

    public String code() {
        return String.join("\n", lines);
    }
}

package org.threadlab.lesson;

import java.util.List;
import java.util.stream.Collectors;

/** A lesson file that cannot be used, with every problem found in it. */
public final class LessonException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<LessonProblem> problems;

    public LessonException(List<LessonProblem> problems) {
        super(problems.stream().map(LessonProblem::format).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public LessonException(LessonProblem problem) {
        this(List.of(problem));
    }

    public List<LessonProblem> problems() {
        return problems;
    }
}

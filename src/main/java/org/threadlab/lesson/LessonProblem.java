package org.threadlab.lesson;

/** One thing wrong with a lesson file, with where it is. */
public record LessonProblem(Pos pos, String message) {
    /** {@code file:line:column: key: message}, the form editors and terminals link to. */
    public String format() {
        return pos + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}

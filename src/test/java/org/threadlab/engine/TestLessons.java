package org.threadlab.engine;

import java.nio.file.Path;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;

/** Lessons for tests: the product's own (lessons/) and small fixtures (src/test/resources/test-lessons). */
final class TestLessons {
    private TestLessons() {}

    static Lesson product(String id) {
        try {
            return LessonLibrary.standard().find(id);
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Lesson fixture(String id) {
        try {
            return new LessonParser().parse(Path.of("src/test/resources/test-lessons", id + ".yaml"));
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}

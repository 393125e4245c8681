package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course order the first screen lists: lessons/course.txt, and what happens around its gaps. */
class CourseOrderTest {

    @Test
    void theShippedCourseNamesEveryShippedLessonOnceAndNothingElse() {
        LessonLibrary library = LessonLibrary.standard();
        LessonLibrary.Loaded loaded = library.loadAll();
        List<String> course = loaded.course();
        Set<String> ids = Set.copyOf(loaded.lessons().stream().map(Lesson::id).toList());
        assertEquals(course.size(), Set.copyOf(course).size(), "no lesson twice: " + course);
        assertEquals(ids, Set.copyOf(course), "every lesson, and only lessons, in " + LessonLibrary.COURSE_FILE);
        assertEquals(List.of("game-threads", "hello-threads", "downloads"), course.subList(0, 3),
                "the README's table starts the course");
        assertEquals(course, loaded.inCourseOrder().stream().map(Lesson::id).toList());
    }

    @Test
    void lessonsTheCourseLeavesOutComeLastInFileOrderAndUnknownIdsAreSkipped(@TempDir Path dir) throws Exception {
        LessonLibrary shipped = LessonLibrary.standard();
        for (String id : List.of("squares", "downloads", "hello-threads")) {
            Files.copy(shipped.folder().resolve(id + ".yaml"), dir.resolve(id + ".yaml"));
        }
        Files.writeString(dir.resolve(LessonLibrary.COURSE_FILE), """
                # a comment, then a blank line

                squares
                no-such-lesson
                squares
                """);
        LessonLibrary.Loaded loaded = new LessonLibrary(dir).loadAll();
        assertTrue(loaded.problems().isEmpty(), loaded.problems()::toString);
        assertEquals(List.of("squares", "no-such-lesson", "squares"), loaded.course());
        assertEquals(List.of("squares", "downloads", "hello-threads"),
                loaded.inCourseOrder().stream().map(Lesson::id).toList());
    }

    @Test
    void withNoCourseFileTheCourseIsTheFileOrder(@TempDir Path dir) throws Exception {
        LessonLibrary shipped = LessonLibrary.standard();
        for (String id : List.of("squares", "downloads")) {
            Files.copy(shipped.folder().resolve(id + ".yaml"), dir.resolve(id + ".yaml"));
        }
        LessonLibrary.Loaded loaded = new LessonLibrary(dir).loadAll();
        assertEquals(List.of(), loaded.course());
        assertEquals(List.of("downloads", "squares"), loaded.inCourseOrder().stream().map(Lesson::id).toList());
    }
}

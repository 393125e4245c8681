package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.ui.lesson.CompletionStore;

/** The window with --lessons DIR: the teacher's lessons in a group of their own, first, and they open. */
@ExtendWith(ApplicationExtension.class)
class AddedLessonsWindowTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("threadlab-added");
            Files.writeString(DIR.resolve("week-3.yaml"), Files.readString(Path.of("lessons/hello-threads.yaml"))
                    .replace("id: hello-threads\n", "id: week-3\n").replace("title: Start, run, join", "title: Week 3"));
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800", "--lessons", DIR.toString()),
                CompletionStore.inMemory());
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.dispose()).get(10, TimeUnit.SECONDS);
        try (var files = Files.list(DIR)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(DIR);
    }

    @Test
    void theTeachersLessonsComeFirstInAGroupOfTheirOwnAndOpen(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> groups = robot.lookup(".tl-group-title").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals("Added: " + DIR.getFileName(), groups.get(0), groups.toString());
        robot.clickOn("Week 3");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("week-3", window.session().lessonProperty().get().id());
        assertTrue(groups.size() > 3, "the built-in groups follow");
    }
}

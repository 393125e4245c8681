package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.LessonParser;
import org.threadlab.ui.lesson.CompletionStore;

/** A lesson file saved from an editor: the window shows the new version, or its problems under the last good one. */
@ExtendWith(ApplicationExtension.class)
class LiveReloadWindowTest {
    private Path dir;
    private Path file;
    private String original;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("threadlab-reload");
        file = dir.resolve("week-3.yaml");
        original = Files.readString(Path.of("lessons/shared-counter.yaml")).replace("id: shared-counter\n", "id: week-3\n");
        Files.writeString(file, original);
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), CompletionStore.inMemory());
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            window.dispose();
            return null;
        });
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSaveReloadsKeepingTheChoicesAndABadSaveShowsItsProblemsUnderTheLastGoodVersion(FxRobot robot) throws Exception {
        fx(() -> {
            window.open(new LessonParser().parse(file));
            window.session().variantProperty().set("lock");
            window.session().workersProperty().set(3);
            window.session().modeProperty().set("virtual-threads");
            return null;
        });
        Files.writeString(file, original.replace("title: Two threads, one counter", "title: Week 3, one counter"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.session().lessonProperty().get().title().equals("Week 3, one counter"));
        WaitForAsyncUtils.waitForFxEvents(); // the reload is one step of the FX thread: let it end
        assertEquals("lock", window.session().variantProperty().get(), "the variant is kept");
        assertEquals(3, window.session().workersProperty().get(), "the workers are kept");
        assertEquals("virtual-threads", window.session().modeProperty().get(), "the mode is kept");

        Files.writeString(file, original.replace("title: Two threads, one counter", "titel: Week 3"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#lesson-problems").query().isVisible());
        var panel = window.lessonView().problems();
        assertTrue(panel.shown().stream().anyMatch(p -> p.startsWith(file + ":") && p.contains("titel")), panel.shown()::toString);
        assertEquals("Week 3, one counter", window.session().lessonProperty().get().title(),
                "the last good version stays usable");

        Files.writeString(file, original);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.session().lessonProperty().get().title().equals("Two threads, one counter"));
        assertFalse(robot.lookup("#lesson-problems").query().isVisible(), "checks again: the problems go");
    }

    @Test
    void aProblemOpensTheSourceAtItsLineReadOnly(FxRobot robot) throws Exception {
        String broken = original.replace("title: Two threads, one counter", "titel: Week 3");
        int line = (int) broken.substring(0, broken.indexOf("titel:")).chars().filter(c -> c == '\n').count() + 1;
        var stage = fx(() -> org.threadlab.ui.lesson.SourceView.show(null, write(broken), line));
        WaitForAsyncUtils.waitForFxEvents();
        var text = robot.lookup("#lesson-source").queryAs(javafx.scene.control.TextArea.class);
        assertFalse(text.isEditable());
        String selected = fx(text::getSelectedText);
        assertTrue(selected.contains("titel: Week 3"), "[" + selected + "] caret " + fx(text::getCaretPosition));
        assertTrue(selected.strip().startsWith(String.valueOf(line)), "numbered: " + selected);
        fx(() -> {
            stage.close();
            return null;
        });
    }

    private Path write(String text) throws java.io.IOException {
        Files.writeString(file, text);
        return file;
    }
}

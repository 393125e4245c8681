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

/** The window with --lessons dir: the teacher's lessons in a group of their own, first, and they open. */
@ExtendWith(ApplicationExtension.class)
class AddedLessonsWindowTest {
    private Path dir; // one per test: each test deletes its own

    private MainWindow window;
    private final org.threadlab.ui.settings.Settings settings = org.threadlab.ui.settings.Settings.inMemory();

    @Start
    void start(Stage stage) throws java.io.IOException {
        dir = Files.createTempDirectory("threadlab-added");
        Files.writeString(dir.resolve("week-3.yaml"), Files.readString(Path.of("lessons/hello-threads.yaml"))
                .replace("id: hello-threads\n", "id: week-3\n").replace("title: Start, run, join", "title: Week 3"));
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800", "--lessons", dir.toString()),
                settings);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.dispose()).get(10, TimeUnit.SECONDS);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Test
    void theTeachersLessonsComeFirstInAGroupOfTheirOwnAndOpen(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> groups = robot.lookup(".tl-group-title").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals("Added: " + dir.getFileName(), groups.get(0), groups.toString());
        robot.clickOn("Week 3");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("week-3", window.session().lessonProperty().get().id());
        assertTrue(groups.size() > 3, "the built-in groups follow");
    }

    @Test
    void aFolderAddedInTheWindowJoinsTheLibraryIsRememberedAndCanBeTakenOut(FxRobot robot) throws Exception {
        Path more = Files.createTempDirectory("threadlab-more");
        try {
            Files.writeString(more.resolve("week-4.yaml"), Files.readString(Path.of("lessons/hello-threads.yaml"))
                    .replace("id: hello-threads\n", "id: week-4\n").replace("title: Start, run, join", "title: Week 4"));
            WaitForAsyncUtils.asyncFx(() -> window.addLessons(List.of(more))).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> titles(robot).contains("Added: " + more.getFileName()));
            assertEquals(List.of(more.toAbsolutePath().normalize()), settings.lessonFolders(),
                    "remembered (the --lessons folder is not: it is the command line's)");
            WaitForAsyncUtils.asyncFx(() -> window.removeLessons(more.toAbsolutePath().normalize())).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !titles(robot).contains("Added: " + more.getFileName()));
            assertEquals(List.of(), settings.lessonFolders());
            assertTrue(Files.exists(more.resolve("week-4.yaml")), "the files stay");
        } finally {
            Files.deleteIfExists(more.resolve("week-4.yaml"));
            Files.deleteIfExists(more);
        }
    }

    @Test
    void lessonFilesAndFoldersAreTakenFromADropAndOtherFilesAreNot() throws Exception {
        java.io.File folder = dir.toFile();
        java.io.File lesson = dir.resolve("week-3.yaml").toFile();
        java.io.File notes = new java.io.File("notes.txt");
        assertEquals(List.of(dir, dir.resolve("week-3.yaml")), MainWindow.lessonsAmong(List.of(folder, lesson, notes)));
    }

    @Test
    void theOpenLessonExportsWithItsVariantsToAFileThatChecks() throws Exception {
        Path target = dir.resolve("exported.yaml");
        String why = WaitForAsyncUtils.asyncFx(() -> {
            window.open(org.threadlab.lesson.LessonLibrary.standard().find("shared-counter"));
            return window.exportLesson(target);
        }).get(10, TimeUnit.SECONDS);
        assertEquals(null, why);
        assertEquals(Files.readString(Path.of("lessons/shared-counter.yaml")), Files.readString(target));
        Path renamed = dir.resolve("shared-counter.yaml");
        Files.move(target, renamed);
        assertEquals(4, new org.threadlab.lesson.LessonParser().parse(renamed).variants().size(), "every variant went with it");
        Files.delete(renamed);
    }

    @Test
    void aNewLessonIsWrittenOpenedAndItsFolderJoinsTheLibrary(FxRobot robot) throws Exception {
        Path sunday = Files.createTempDirectory("threadlab-sunday");
        Path file = sunday.resolve("sunday.yaml");
        try {
            assertEquals(null, WaitForAsyncUtils.asyncFx(() -> window.newLesson("sunday", sunday)).get(10, TimeUnit.SECONDS));
            assertTrue(Files.readString(file).contains("\nid: sunday\n"));
            assertEquals("sunday", window.session().lessonProperty().get().id(), "the new lesson is open");
            assertEquals(List.of(sunday.toAbsolutePath().normalize()), settings.lessonFolders(), "its folder joins the library");
            String again = WaitForAsyncUtils.asyncFx(() -> window.newLesson("sunday", sunday)).get(10, TimeUnit.SECONDS);
            assertTrue(again != null && again.contains("already exists"), again);
            assertEquals("'Bad Id' is not a lesson id: use lower-case letters, digits and -",
                    WaitForAsyncUtils.asyncFx(() -> window.newLesson("Bad Id", sunday)).get(10, TimeUnit.SECONDS));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(sunday);
        }
    }

    /** The library's group titles, read on the FX thread: the library rebuilds its groups there. */
    private static List<String> titles(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".tl-group-title").queryAllAs(Label.class).stream()
                .map(Label::getText).toList()).get(10, TimeUnit.SECONDS);
    }
}

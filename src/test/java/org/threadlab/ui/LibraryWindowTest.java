package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.settings.PreferencesSettings;
import org.threadlab.ui.settings.Settings;
import org.threadlab.ui.settings.WindowLayout;

/**
 * The window around the library: the first screen's welcome in course order, the library's divider,
 * and what the window remembers between starts, kept in a store the test owns.
 */
@ExtendWith(ApplicationExtension.class)
class LibraryWindowTest {
    private Stage stage;
    private final List<MainWindow> windows = new ArrayList<>();
    private final List<Stage> extraStages = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        for (MainWindow w : windows) {
            Windows.dispose(w);
        }
        WaitForAsyncUtils.asyncFx(() -> extraStages.forEach(Stage::close)).get(5, TimeUnit.SECONDS);
    }

    private MainWindow startOn(Stage on, Settings settings, String... args) throws Exception {
        MainWindow w = WaitForAsyncUtils.asyncFx(() -> new ThreadLabApp().start(on, AppOptions.parse(args), settings))
                .get(30, TimeUnit.SECONDS);
        windows.add(w);
        WaitForAsyncUtils.waitForFxEvents(5);
        return w;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private static List<String> courseIds() {
        return LessonLibrary.standard().loadAll().inCourseOrder().stream().map(Lesson::id).toList();
    }

    @Test
    void theFirstScreenListsTheCourseInOrderAndItsButtonOpensTheFirstLesson(FxRobot robot) throws Exception {
        MainWindow window = startOn(stage, Settings.inMemory(), "--size", "1280x800");
        List<String> course = courseIds();
        assertEquals("game-threads", course.get(0), "the README's course starts with the game");
        assertTrue(robot.lookup("#welcome").query().isVisible(), "with no lesson open, the welcome shows");
        List<String> rows = robot.lookup(".tl-course-row").queryAll().stream().map(n -> (String) n.getUserData()).toList();
        assertEquals(course, rows, "every lesson, in course order");
        assertFalse(window.mainSplit().getItems().contains(window.modes()), "no run area before there is a lesson to run");
        Button start = robot.lookup("#welcome-start").queryButton();
        assertTrue(start.getText().contains("One game, several threads"), start.getText());
        assertTrue(robot.lookup("#welcome-continue").queryAll().isEmpty(), "nothing to continue on a first start");

        robot.clickOn(start);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals("game-threads", window.session().lessonProperty().get().id());
        assertTrue(window.mainSplit().getItems().contains(window.modes()), "the run area comes with the lesson");
        assertTrue(robot.lookup("#welcome").queryAll().isEmpty(), "the lesson replaces the welcome");
    }

    @Test
    void theWelcomeOffersTheNextLessonNotCompleted(FxRobot robot) throws Exception {
        List<String> course = courseIds();
        Settings settings = Settings.inMemory();
        settings.completions().markCompleted(course.get(0));
        settings.completions().markCompleted(course.get(1));
        MainWindow window = startOn(stage, settings, "--size", "1280x800");
        Lesson third = window.welcome().course().get(2);
        Button carryOn = robot.lookup("#welcome-continue").queryButton();
        assertTrue(carryOn.getText().contains("lesson 3") && carryOn.getText().contains(third.title()), carryOn.getText());
        robot.clickOn(carryOn);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(course.get(2), window.session().lessonProperty().get().id());
    }

    @Test
    void whenTheFirstLessonIsTheNextNotCompletedTheWelcomeStartsThereWithOneButton(FxRobot robot) throws Exception {
        List<String> course = courseIds();
        Settings settings = Settings.inMemory();
        settings.completions().markCompleted(course.get(3)); // a later lesson, not the first
        startOn(stage, settings, "--size", "1280x800");
        assertTrue(robot.lookup("#welcome-continue").queryAll().isEmpty(), "no second button to the same lesson");
        Button start = robot.lookup("#welcome-start").queryButton();
        assertTrue(start.getText().startsWith("Start with lesson 1: "), start.getText());
        assertTrue(start.isDefaultButton());
    }

    @Test
    void draggingTheLibrarysDividerWidensItAndTheWidthSurvivesHidingIt(FxRobot robot) throws Exception {
        MainWindow window = startOn(stage, Settings.inMemory(), "--size", "1600x1000");
        double before = fx(window::libraryWidth);
        // the main split's own divider, not one of a split inside it
        Node divider = robot.from(window.mainSplit()).lookup(".split-pane-divider")
                .match(n -> n.getParent() == window.mainSplit()).query();
        robot.drag(divider).moveBy(160, 0).drop();
        WaitForAsyncUtils.waitForFxEvents(5);
        double after = fx(window::libraryWidth);
        assertTrue(after > before + 100, "the library widened from " + before + " to " + after);

        robot.interact(() -> window.libraryToggle().setSelected(false));
        assertFalse(window.mainSplit().getItems().contains(window.library()), "the toggle hides the library");
        robot.interact(() -> window.libraryToggle().setSelected(true));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(after, fx(() -> window.library().getWidth()), 3, "shown again at the width it was dragged to");
    }

    @Test
    void aLibrarySqueezedBesideALessonKeepsTheWidthItAskedFor(FxRobot robot) throws Exception {
        MainWindow window = startOn(newStage(), Settings.inMemory(), "--size", "1280x800");
        double asked = fx(window::libraryWidth);
        Lesson squares = LessonLibrary.standard().find("squares");
        robot.interact(() -> window.open(squares));
        robot.interact(() -> window.libraryToggle().setSelected(true));
        WaitForAsyncUtils.waitForFxEvents(5);
        double squeezed = fx(() -> window.library().getWidth());
        assertTrue(squeezed < asked - 20, "at 1280 px, beside a lesson and its run, the library gets less: "
                + squeezed + " of " + asked);
        robot.interact(() -> window.libraryToggle().setSelected(false));
        assertEquals(asked, fx(window::libraryWidth), 1, "a peek at the library is not a new width to remember");
    }

    @Test
    void aSecondWindowOnTheSameSettingsOpensAtTheSizeAndDividersTheFirstWasClosedWith(FxRobot robot) throws Exception {
        Settings settings = Settings.inMemory();
        Stage stage = newStage();
        MainWindow first = startOn(stage, settings); // no --size: the remembered size counts
        robot.interact(() -> {
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        Lesson squares = LessonLibrary.standard().find("squares");
        robot.interact(() -> {
            first.open(squares);
            first.libraryToggle().setSelected(true); // all three columns
            first.restoreDividers(400, 0.45, 0.62);
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        double library = fx(first::libraryWidth);
        double share = fx(first::lessonShare);
        double timelineShare = fx(first::timelineShare);
        assertEquals(0.62, timelineShare, 0.01, "the timeline's divider where it was put");
        double sceneWidth = stage.getScene().getWidth();
        double sceneHeight = stage.getScene().getHeight();
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));

        WindowLayout saved = settings.windowLayout().orElseThrow(() -> new AssertionError("closing saved the layout"));
        assertEquals(sceneWidth, saved.width(), 1);
        assertEquals(sceneHeight, saved.height(), 1);
        assertEquals(library, saved.libraryWidth(), 1);
        assertEquals(share, saved.lessonShare(), 0.01);
        assertEquals(timelineShare, saved.timelineShare(), 0.01);
        assertFalse(saved.maximized());

        Stage second = newStage();
        MainWindow again = startOn(second, settings);
        assertEquals(sceneWidth, second.getScene().getWidth(), 1, "the width it was closed with");
        assertEquals(sceneHeight, second.getScene().getHeight(), 1, "the height it was closed with");
        assertEquals(library, fx(() -> again.library().getWidth()), 3, "the library as wide as it was left");
        robot.interact(() -> again.open(squares));
        WaitForAsyncUtils.waitForFxEvents(5);
        double laidOut = fx(() -> {
            var items = again.mainSplit().getItems(); // the library hid as the lesson opened: lesson | run
            double lesson = ((javafx.scene.layout.Region) items.get(0)).getWidth();
            double run = ((javafx.scene.layout.Region) items.get(1)).getWidth();
            return lesson / (lesson + run);
        });
        assertEquals(share, laidOut, 0.02, "the lesson's share of the room beside the run, as laid out");
        assertEquals(timelineShare, fx(again::timelineShare), 0.01, "the timeline as tall as it was left");
    }

    /** A stage of its own: the test's stage keeps a width set by an earlier test, which a new scene would take. */
    private Stage newStage() throws Exception {
        Stage s = fx(Stage::new);
        extraStages.add(s);
        return s;
    }

    @Test
    void aMaximisedWindowIsRememberedMaximisedWithItsNormalSize(FxRobot robot) throws Exception {
        Settings settings = Settings.inMemory();
        Stage stage = newStage();
        startOn(stage, settings, "--size", "1300x850");
        robot.interact(() -> stage.setMaximized(true));
        WaitForAsyncUtils.waitForFxEvents(5);
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WindowLayout saved = settings.windowLayout().orElseThrow();
        assertTrue(saved.maximized(), "closed maximised");
        assertEquals(1300, saved.width(), 1, "the size to go back to when no longer maximised");
        assertEquals(850, saved.height(), 1);

        Stage second = newStage();
        startOn(second, settings);
        assertTrue(second.isMaximized(), "opens maximised again");
    }

    @Test
    void theWindowAsTestsStartItKeepsNothingInTheUsersPreferences(FxRobot robot) throws Exception {
        // the build points Java preferences into target/: nothing a test writes lands in ~/.java
        String root = System.getProperty("java.util.prefs.userRoot");
        assertNotNull(root, "surefire sets java.util.prefs.userRoot");
        Path prefs = Path.of(root).toAbsolutePath().normalize();
        assertTrue(prefs.startsWith(Path.of("target").toAbsolutePath()), prefs + " is inside target/");
        assertFalse(prefs.startsWith(Path.of(System.getProperty("user.home"), ".java")), prefs.toString());

        // and the window as Windows.start builds it remembers in memory only, even there
        PreferencesSettings real = PreferencesSettings.standard();
        String id = "a-lesson-no-test-should-store-" + System.nanoTime();
        MainWindow window = fx(() -> Windows.start(stage));
        windows.add(window);
        robot.interact(() -> window.library().markCompleted(id));
        assertTrue(window.library().isCompleted(id), "the window's own store has it");
        assertFalse(real.completions().isCompleted(id), "the preferences do not");
        var layoutBefore = real.windowLayout();
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertEquals(layoutBefore, real.windowLayout(), "closing wrote no layout to the preferences");
    }
}

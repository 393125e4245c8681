package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.settings.Settings;

/**
 * In front of a class: Ctrl+plus / Ctrl+minus / Ctrl+0 scale the window's text and controls (the
 * theme's, ThreadLab's own stylesheets and the timeline's canvas), remembered between starts; P
 * (or the toolbar's button) gives the run area the whole window, Esc brings the columns back.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorTest {
    private final Settings settings = Settings.inMemory();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), settings);
    }

    private double fontSize(FxRobot robot, String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            window.applyCss();
            return robot.lookup(query).queryAs(javafx.scene.control.Labeled.class).getFont().getSize();
        }).get(5, TimeUnit.SECONDS);
    }

    private void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    private double timelineScale() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.lookupAll(".timeline-view").stream()
                .filter(n -> n instanceof org.threadlab.ui.timeline.TimelineView).map(n -> (org.threadlab.ui.timeline.TimelineView) n)
                .findFirst().orElseThrow().textScale()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void ctrlPlusAndMinusScaleTheTextFromThreeQuartersToTwoAndAHalfAndCtrlZeroResets(FxRobot robot) throws Exception {
        var lesson = LessonLibrary.standard().find("shared-counter");
        WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        double title = fontSize(robot, ".tl-app-title"); // ThreadLab's own stylesheet, in px
        double run = fontSize(robot, "#run"); // a theme's button, in em
        double lessonTitle = fontSize(robot, ".tl-lesson .tl-lesson-title"); // the lesson view's own stylesheet
        robot.clickOn(".timeline-view"); // the window has the focus, not a text field
        shortcut(robot, KeyCode.EQUALS);
        assertEquals(1.1, window.textScaleProperty().get(), 1e-9);
        assertEquals(title * 1.1, fontSize(robot, ".tl-app-title"), 0.05, "ThreadLab's own sizes follow");
        assertEquals(run * 1.1, fontSize(robot, "#run"), 0.05, "the theme's controls follow");
        assertEquals(lessonTitle * 1.1, fontSize(robot, ".tl-lesson .tl-lesson-title"), 0.05, "a view's own stylesheet too");
        for (int i = 0; i < 12; i++) {
            shortcut(robot, KeyCode.EQUALS);
        }
        assertEquals(2.5, window.textScaleProperty().get(), 1e-9, "no larger than 250 %");
        assertEquals(2.5, settings.textScale(), 1e-9, "remembered at once for the next start");
        assertEquals(2.5, timelineScale(), 1e-9, "the timeline's canvas text scales too");
        assertEquals(title * 2.5, fontSize(robot, ".tl-app-title"), 0.05);
        var other = LessonLibrary.standard().find("squares");
        WaitForAsyncUtils.asyncFx(() -> window.open(other)).get(5, TimeUnit.SECONDS);
        assertEquals(lessonTitle * 2.5, fontSize(robot, ".tl-lesson .tl-lesson-title"), 0.05,
                "a lesson opened later comes at the scale");
        shortcut(robot, KeyCode.L); // the library comes back
        double chip = WaitForAsyncUtils.asyncFx(() -> {
            window.applyCss();
            return robot.lookup(".tl-library .tl-card-title").queryAs(javafx.scene.control.Labeled.class).getFont().getSize();
        }).get(5, TimeUnit.SECONDS);
        assertEquals(20 * 2.5, chip, 0.05, "the library, hidden while the scale changed, comes back at the scale");
        shortcut(robot, KeyCode.L);
        for (int i = 0; i < 12; i++) {
            shortcut(robot, KeyCode.MINUS);
        }
        assertEquals(0.75, window.textScaleProperty().get(), 1e-9, "no smaller than 75 %");
        shortcut(robot, KeyCode.DIGIT0);
        assertEquals(1.0, window.textScaleProperty().get(), 1e-9);
        assertEquals(title, fontSize(robot, ".tl-app-title"), 0.05, "and back to normal");
        assertEquals(run, fontSize(robot, "#run"), 0.05);
    }

    @Test
    void aWindowOpensAtTheScaleItWasLeftAt() throws Exception {
        settings.saveTextScale(2.0);
        MainWindow again = WaitForAsyncUtils.asyncFx(() -> new ThreadLabApp().start(stage, AppOptions.parse("--size",
                "1280x800"), settings)).get(10, TimeUnit.SECONDS);
        try {
            assertEquals(2.0, again.textScaleProperty().get(), 1e-9);
        } finally {
            WaitForAsyncUtils.asyncFx(again::dispose).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void nCentresTheNextLostUpdateAndTheReplayAndMemoryFollow(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        var session = window.session();
        var timeline = window.timeline();
        for (int attempt = 0; attempt < 5; attempt++) {
            WaitForAsyncUtils.asyncFx(() -> {
                session.paramsProperty().set(java.util.Map.of("n", 20_000L));
                session.start();
            }).get(5, TimeUnit.SECONDS);
            Windows.waitUntil(() -> session.resultProperty().get() != null, "the run ends");
            WaitForAsyncUtils.waitForFxEvents(5);
            var lost = WaitForAsyncUtils.asyncFx(timeline::lostUpdates).get(5, TimeUnit.SECONDS);
            if (lost.isEmpty()) {
                continue;
            }
            robot.clickOn(".timeline-view"); // the window has the focus
            robot.type(KeyCode.N);
            WaitForAsyncUtils.waitForFxEvents(5);
            var first = lost.get(0).overwriting();
            assertEquals(first.nanos(), session.playheadProperty().get(), 0.0,
                    "from the run's end, N goes round to its first lost update, and the replay with it");
            assertFalse(session.playingProperty().get(), "the replay waits there");
            assertTrue(timeline.visibleStartNanos() <= first.nanos() && first.nanos() <= timeline.visibleEndNanos());
            String expected = String.format(java.util.Locale.ROOT, "wrote %,d", first.value());
            Windows.waitUntil(() -> robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                            .anyMatch(l -> l.isVisible() && l.getText() != null && l.getText().contains(expected)),
                    "the memory view shows the state at that write: " + expected);
            robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
            WaitForAsyncUtils.waitForFxEvents(5);
            assertEquals(lost.get(lost.size() - 1).overwriting().nanos(), session.playheadProperty().get(), 0.0,
                    "Shift+N from the first goes round to the last");
            return;
        }
        org.junit.jupiter.api.Assertions.fail("no run of 5 lost an update: N was never tested");
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
    }

    @Test
    void pGivesTheRunAreaTheWholeWindowAndEscapeBringsTheColumnsBack(FxRobot robot) throws Exception {
        SplitPane main = robot.lookup("#main-split").queryAs(SplitPane.class);
        robot.clickOn("#main-split");
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isPresenting(), "on the welcome screen there is no run to present");
        var squares = LessonLibrary.standard().find("squares");
        WaitForAsyncUtils.asyncFx(() -> window.open(squares)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        int columns = main.getItems().size();
        assertTrue(columns >= 2, "lesson and run side by side");
        robot.clickOn(".timeline-view");
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(window.isPresenting());
        assertEquals(1, main.getItems().size(), "the run area alone");
        assertTrue(robot.lookup("#present").queryAs(javafx.scene.control.ToggleButton.class).isSelected(), "the button shows it");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isPresenting());
        assertEquals(columns, main.getItems().size(), "the columns come back as they were");
        robot.clickOn("#present");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(window.isPresenting(), "the toolbar's button does the same");
        robot.clickOn("#present");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isPresenting());
    }
}

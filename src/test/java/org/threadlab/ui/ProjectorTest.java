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

/** In front of a class: P (or the toolbar's button) gives the run area the whole window, Esc brings the columns back. */
@ExtendWith(ApplicationExtension.class)
class ProjectorTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), Settings.inMemory());
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

package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.lesson.CompletionStore;

/** Tooltips the first screen makes only when the pointer first comes over their node. */
@ExtendWith(ApplicationExtension.class)
class LazyTooltipTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static void enter(javafx.scene.Node node) {
        Event.fireEvent(node, new MouseEvent(MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1, javafx.scene.input.MouseButton.NONE,
                0, false, false, false, false, false, false, false, false, false, false, null));
    }

    @Test
    void aControlGetsItsTooltipWhenThePointerFirstEntersAndKeepsIt() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Button button = new Button("b");
            LazyTooltip.install(button, "What b does", tip -> tip.setWrapText(true));
            assertNull(button.getTooltip(), "no tooltip before a hover");
            assertEquals("What b does", button.getAccessibleHelp(), "a screen reader has the text at once");
            enter(button);
            Tooltip tip = button.getTooltip();
            assertEquals("What b does", tip.getText());
            assertTrue(tip.isWrapText(), "set up as asked");
            enter(button);
            assertTrue(tip == button.getTooltip(), "made once");
        }).get();
    }

    @Test
    void anyOtherNodeGetsOneInstalled() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            VBox card = new VBox();
            LazyTooltip.install(card, "squares  (squares.yaml)");
            assertNull(card.getProperties().get("javafx.scene.control.Tooltip"));
            enter(card);
            Tooltip tip = assertInstanceOf(Tooltip.class, card.getProperties().get("javafx.scene.control.Tooltip"));
            assertEquals("squares  (squares.yaml)", tip.getText());
        }).get();
    }

    @Test
    void theFirstScreenMakesNoTooltipBeforeItIsHovered(FxRobot robot) throws Exception {
        LessonLibrary.Loaded lessons = LessonLibrary.standard().loadAll();
        MainWindow window = WaitForAsyncUtils.asyncFx(() -> {
            MainWindow w = new MainWindow(lessons, CompletionStore.inMemory());
            stage.setScene(new javafx.scene.Scene(w, 1280, 800));
            stage.show();
            return w;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            assertEquals(0, tooltips(window), "tooltips made before any hover");
            javafx.scene.control.ToggleButton library = (javafx.scene.control.ToggleButton) window.lookup("#library-toggle");
            assertEquals("Show or hide the lesson library (Ctrl+L)", library.getAccessibleHelp());
            enter(library);
            assertEquals("Show or hide the lesson library (Ctrl+L)", library.getTooltip().getText());
            window.dispose();
        }).get();
    }

    /** The tooltips set on the window's nodes, as controls' or installed on other nodes. */
    private static int tooltips(javafx.scene.Parent root) {
        int n = root.getProperties().get("javafx.scene.control.Tooltip") != null
                || root instanceof javafx.scene.control.Control c && c.getTooltip() != null ? 1 : 0;
        for (javafx.scene.Node child : root.getChildrenUnmodifiable()) {
            if (child instanceof javafx.scene.Parent p) {
                n += tooltips(p);
            } else if (child.getProperties().get("javafx.scene.control.Tooltip") != null) {
                n++;
            }
        }
        return n;
    }
}

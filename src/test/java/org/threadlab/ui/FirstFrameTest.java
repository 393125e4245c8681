package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * The window's first frame holds only what the first screen shows (the library's first column of
 * cards, the welcome); the run area and the other cards join once that frame is drawn.
 */
@ExtendWith(ApplicationExtension.class)
class FirstFrameTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** The cards in the scene graph: styled first, since a scroll pane holds its content through its skin. */
    private static int cards(javafx.scene.Parent root) {
        root.applyCss();
        return root.lookupAll(".tl-lesson-card").size();
    }

    @Test
    void aNewWindowHoldsOneColumnOfCardsAndNoRunAreaUntilItsFirstFrameIsDrawn() throws Exception {
        LessonLibrary.Loaded lessons = LessonLibrary.standard().loadAll();
        int total = lessons.lessons().size();
        assertTrue(total > 6, "the shipped library has more lessons than one column shows: " + total);
        WaitForAsyncUtils.asyncFx(() -> {
            MainWindow window = new MainWindow(lessons, CompletionStore.inMemory());
            new javafx.scene.Scene(window, 1280, 800); // a scene not shown: no frame is drawn
            assertNull(window.lookup("#modes"), "no run area before the first frame");
            int early = cards(window);
            assertTrue(early >= 6 && early < total, "a column's worth of cards before the first frame: " + early);

            window.completeAfterFirstFrame();
            Node modes = window.lookup("#modes");
            assertNotNull(modes, "the run area joins the scene after the first frame");
            assertFalse(modes.getParent().isVisible(), "hidden until a lesson opens");
            assertEquals(total, cards(window), "every card after the first frame");
            window.dispose();
        }).get();
    }

    @Test
    void aStartedWindowCompletesItselfOnceItHasDrawnAFrame() throws Exception {
        MainWindow window = WaitForAsyncUtils.asyncFx(() -> new ThreadLabApp().start(stage,
                AppOptions.parse("--size", "1280x800"), CompletionStore.inMemory())).get();
        int total = LessonLibrary.standard().loadAll().lessons().size();
        for (int i = 0; i < 50 && window.lookup("#modes") == null; i++) {
            WaitForAsyncUtils.waitForFxEvents(); // a pulse or two: the frame, then what it left for later
        }
        assertNotNull(window.lookup("#modes"), "the run area joined after the first frame");
        assertEquals(total, WaitForAsyncUtils.asyncFx(() -> cards(window)).get(), "and every card");
        WaitForAsyncUtils.asyncFx(window::dispose).get();
    }

    @Test
    void noOptionsAreTheDefaultsWithoutAParser() {
        AppOptions none = AppOptions.parse();
        AppOptions parsed = AppOptions.parse("--dark");
        assertNull(none.lesson);
        assertNull(none.snapshot);
        assertFalse(none.dark);
        assertFalse(none.sizeGiven());
        assertTrue(none.params.isEmpty());
        assertTrue(parsed.dark, "with options, the parser still reads them");
    }
}

package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.lesson.CompletionStore;

/** What the window tests share: the real window at projector size, opening a lesson, waiting for a fact. */
public final class Windows {
    private Windows() {}

    /** The app's window on the test's stage, 1600x1000, remembering completed lessons in memory only. */
    public static MainWindow start(Stage stage) {
        return new ThreadLabApp().start(stage, AppOptions.parse("--size", "1600x1000"), CompletionStore.inMemory());
    }

    /** Closes the window's session on the FX thread: its run stops, its threads end. */
    public static void dispose(MainWindow window) throws Exception {
        WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
    }

    /** Opens a shipped lesson in the window, on the FX thread. */
    public static void open(MainWindow window, String id) throws Exception {
        var lesson = LessonLibrary.standard().find(id);
        WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(5, TimeUnit.SECONDS);
    }

    /** Waits up to a minute for a fact, then asserts it. */
    public static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        assertTrue(condition.getAsBoolean(), what);
    }
}

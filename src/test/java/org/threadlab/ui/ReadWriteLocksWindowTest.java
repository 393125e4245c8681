package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.trace.LockHistory;

/**
 * The lock view of a real readers-writers run: the read side of the read-write lock shows every
 * reader holding it together, the write side shows the writer alone. With
 * {@code -Dthreadlab.screenshots=DIR} it saves the two moments as pictures.
 */
@ExtendWith(ApplicationExtension.class)
class ReadWriteLocksWindowTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    @Test
    void theReadSideShowsItsReadersTogetherAndTheWriteSideItsWriter(FxRobot robot) throws Exception {
        Windows.open(window, "readers-writers");
        var before = window.session().resultProperty().get();
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().variantProperty().set("read-write-lock");
            window.session().start();
        }).get(5, TimeUnit.SECONDS);
        Windows.waitUntil(() -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before, "the run finished");
        LockHistory locks = window.session().locks();
        assertEquals("book (read)", locks.stateAt(0, 0).name());
        long together = -1;
        long writing = -1;
        for (LockHistory.Hold h : locks.holds(0)) {
            if (together < 0 && locks.stateAt(0, h.acquired()).holders().size() >= 2) {
                together = h.acquired();
            }
        }
        for (LockHistory.Hold h : locks.holds(1)) {
            writing = h.acquired() + (h.released() - h.acquired()) / 2;
            break;
        }
        assertTrue(together >= 0, "two readers held the read side at once at some moment");
        assertTrue(writing >= 0, "the writer took the write side");

        WaitForAsyncUtils.asyncFx(() -> window.showTab("locks")).get(5, TimeUnit.SECONDS);
        LockHistory.State shared = locks.stateAt(0, together);
        seek(together);
        String card = UiTexts.texts(robot, "#lock-book--read-");
        assertTrue(card.contains("held by " + shared.holders().size() + " readers together:"), card);
        for (int lane : shared.holders()) {
            String name = window.session().feedProperty().get().lane(lane).info().name();
            assertTrue(card.contains(name), () -> name + " missing from " + card);
        }
        shoot("readers-writers-readers.png");

        seek(writing);
        String writeCard = UiTexts.texts(robot, "#lock-book--write-");
        assertTrue(writeCard.contains("held by") && writeCard.contains("writer"), writeCard);
        String readCard = UiTexts.texts(robot, "#lock-book--read-");
        assertTrue(readCard.contains("held by nobody"), "no reader is in while the writer writes: " + readCard);
        shoot("readers-writers-writer.png");
    }

    private void seek(long nanos) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.session().seek(nanos)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // a few frames: the views pull the trace once per frame
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    private void shoot(String name) throws Exception {
        String dir = System.getProperty("threadlab.screenshots");
        if (dir != null) {
            WaitForAsyncUtils.asyncFx(() -> {
                ThreadLabApp.save(stage.getScene().snapshot(null), Path.of(dir, name));
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
    }
}

package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LockHistory;
import org.threadlab.ui.run.VariantTimes;

/** The lock view, its chart and the variants' lock figures after real runs of lock-contention. */
@ExtendWith(ApplicationExtension.class)
class LockContentionWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    private void runVariant(String variant) throws Exception {
        var before = window.session().resultProperty().get();
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().variantProperty().set(variant);
            window.session().start();
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void theVariantsCompareWallTimeLockWaitAndHandOvers(FxRobot robot) throws Exception {
        var lesson = LessonLibrary.standard().find("lock-contention");
        WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(5, TimeUnit.SECONDS);
        runVariant("coarse-lock");
        LockHistory.State coarse = window.session().locks().stateAt(0, window.session().resultProperty().get()
                .trace().endNanos());
        assertEquals(2, coarse.acquisitions(), "each of the two workers takes the coarse lock once");
        assertTrue(coarse.handoffs() <= 1);

        WaitForAsyncUtils.asyncFx(() -> window.showTab("locks")).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        String card = UiTexts.texts(robot, "#lock-counter-lock");
        assertTrue(card.contains("2 acquisitions  ·  " + coarse.contended() + " had to wait  ·  " + coarse.handoffs()
                + " hand-overs"), card);
        String chart = text(robot, "#lock-chart-counter-lock");
        assertTrue(chart.contains("2 acquisitions, " + coarse.handoffs() + " hand-over"), chart);

        runVariant("atomic");
        VariantTimes.Locking atomic = window.variantTimes().times().get("atomic").locking();
        assertEquals(VariantTimes.Locking.NONE, atomic, "the atomic way takes no lock and waits for none");
        VariantTimes.Locking coarseTotals = window.variantTimes().times().get("coarse-lock").locking();
        assertEquals(new VariantTimes.Locking(coarse.heldNanos(), coarse.waitedNanos(), 2, coarse.handoffs()), coarseTotals);
        assertTrue(window.variantTimes().isVisible());
        assertEquals("no lock taken", text(robot, "#variant-locking-atomic"));
        String coarseText = text(robot, "#variant-locking-coarse-lock");
        assertTrue(coarseText.matches("lock waited .+  ·  " + coarse.handoffs() + " hand-overs?"), coarseText);
        for (String row : List.of("One-coarse-lock", "Atomic")) {
            assertTrue(robot.lookup("#lock-chart-" + row).tryQuery().isPresent(), "a chart row for " + row);
        }
        assertEquals("nobody waited", text(robot, "#lock-chart-Atomic"));
        WaitForAsyncUtils.asyncFx(() -> window.showTab("result")).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        var image = WaitForAsyncUtils.asyncFx(() -> window.variantTimes().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        ThreadLabApp.save(image, Path.of("target", "lock-contention-variants.png"));
    }
}

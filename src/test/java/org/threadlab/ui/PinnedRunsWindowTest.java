package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.ui.pinned.PinnedRunsView;
import org.threadlab.ui.result.Measured;

/**
 * Runs side by side: real runs pinned with the Pin button and Ctrl+P, stacked on one time axis
 * with their measured wall times and the speed-up computed from them; unpinned; cleared by
 * another lesson; exported as a PNG; at the window's text scale.
 */
@ExtendWith(ApplicationExtension.class)
class PinnedRunsWindowTest {
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    private RunResult run(String mode) throws Exception {
        RunResult before = window.session().resultProperty().get();
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().modeProperty().set(mode);
            window.session().start();
        }).get(5, TimeUnit.SECONDS);
        Windows.waitUntil(() -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before && !window.session().runningProperty().get(),
                "the " + mode + " run ended");
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    private PinnedRunsView pinned() {
        return window.pinned();
    }

    private <T> T fx(java.util.concurrent.Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
    }

    /** Squares with short sums: CPU work, the same in both modes. */
    private void openSquares() throws Exception {
        Windows.open(window, "squares");
        fx(() -> {
            window.session().paramsProperty().set(Map.of("rounds", 20L));
            return null;
        });
    }

    @Test
    void twoPinnedRunsShowTheirMeasuredWallTimesAndTheSpeedUpComputedFromThem(FxRobot robot) throws Exception {
        openSquares();
        RunResult sequential = run("sequential");
        robot.clickOn(".timeline-view").press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(1, pinned().runs().size(), "Ctrl+P pinned the finished run");
        RunResult threads = run("threads");
        robot.clickOn("#pin");
        WaitForAsyncUtils.waitForFxEvents(5);
        fx(() -> {
            window.showPinned();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(10);

        List<String> headings = fx(pinned()::headings);
        assertEquals(2, headings.size(), headings.toString());
        assertTrue(headings.get(0).startsWith("#1  sequential \u00b7 wall " + Measured.seconds(sequential.wallNanos())),
                headings.get(0));
        assertTrue(headings.get(0).endsWith("the baseline for the speed-ups of this work"), headings.get(0));
        String ratio = Measured.ratio((double) sequential.wallNanos() / threads.wallNanos());
        assertTrue(headings.get(1).startsWith("#2  threads \u00b7 wall " + Measured.seconds(threads.wallNanos())),
                headings.get(1));
        assertTrue(headings.get(1).contains(" \u00b7 speed-up " + ratio + " over #1 (sequential, "
                + Measured.seconds(sequential.wallNanos()) + ")"), headings.get(1));
        assertTrue(fx(pinned()::details).get(1).contains("2 workers on 2 threads"), fx(pinned()::details).get(1));
        List<Double> widths = fx(pinned()::stripWidths);
        assertTrue(widths.get(0) > 100 && widths.get(0).equals(widths.get(1)), "one shared axis, as wide for both: " + widths);
        javafx.scene.control.Tab tab = fx(() -> window.modes().getTabs().stream()
                .filter(t -> "pinned-tab".equals(t.getId())).findFirst().orElseThrow());
        assertEquals("2", tab.getText(), "the tab's pin counts the runs");
        assertEquals("Pinned runs, side by side: 2", tab.getTooltip().getText());
        assertTrue(robot.lookup("#pin").queryAs(javafx.scene.control.Button.class).isDisabled(),
                "the Pin button rests once the run on screen is pinned");

        // the same run is not pinned twice
        assertFalse(fx(window::pinShown));
        assertEquals(2, pinned().runs().size());

        // unpin the sequential run: the threads run has no baseline left, and says so
        robot.clickOn("#unpin-1");
        WaitForAsyncUtils.waitForFxEvents(5);
        headings = fx(pinned()::headings);
        assertEquals(1, headings.size());
        assertTrue(headings.get(0).startsWith("#2  threads"), "the other run keeps its number: " + headings.get(0));
        assertTrue(headings.get(0).endsWith("speed-up: no sequential run of this work is pinned; run and pin one to compare"),
                headings.get(0));

        // another lesson: nothing of this one stays
        Windows.open(window, "shared-counter");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(0, pinned().runs().size());
        assertEquals(List.of(), fx(pinned()::headings));
        assertTrue(robot.lookup("#pinned-empty").tryQuery().isPresent(), "the empty view says how to pin");
    }

    @Test
    void exportWritesAPngOfTheStackAtItsSizeAndTheTextScaleReachesIt(FxRobot robot) throws Exception {
        openSquares();
        run("sequential");
        assertTrue(fx(window::pinShown));
        run("virtual-threads");
        assertTrue(fx(window::pinShown));
        fx(() -> {
            window.showPinned();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(10);
        Path file = dir.resolve("stack.png");
        double[] size = fx(() -> {
            pinned().exportPng(file);
            return pinned().pictureSize();
        });
        BufferedImage png = ImageIO.read(file.toFile());
        assertTrue(Files.size(file) > 0);
        assertEquals((int) size[0], png.getWidth(), "as wide as the stack");
        assertEquals((int) size[1], png.getHeight(), "as tall as the stack");
        assertTrue(size[1] > 8 * 14, "two bands of two lanes, a ruler and their labels: " + size[1]);

        double heading = fx(() -> robot.lookup(".tl-pinned-heading").queryAs(javafx.scene.control.Label.class).getFont().getSize());
        double laneName = fx(() -> robot.lookup(".tl-pinned-names .label").queryAs(javafx.scene.control.Label.class).getFont().getSize());
        assertTrue(laneName >= 14 - 1e-9, "lane names as large as the body text: " + laneName);
        fx(() -> {
            window.textScaleProperty().set(2.0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(10);
        assertEquals(2.0, pinned().textScale(), 1e-9, "the window's scale reaches the pinned runs");
        assertEquals(heading * 2, fx(() -> {
            window.applyCss();
            return robot.lookup(".tl-pinned-heading").queryAs(javafx.scene.control.Label.class).getFont().getSize();
        }), 0.05, "their text grows with the window's");
        double[] larger = fx(() -> {
            pinned().layout();
            return pinned().pictureSize();
        });
        assertTrue(larger[1] > size[1] * 1.6, "the lanes grow with the text: " + size[1] + " -> " + larger[1]);
    }

    @Test
    void pinModesRunsEachModeInTurnAfterAWarmUpRunAndShowsThemPinned() throws Exception {
        openSquares();
        java.util.concurrent.CompletableFuture<String> over = new java.util.concurrent.CompletableFuture<>();
        fx(() -> {
            PinnedModes.run(window, PinnedModes.parse(List.of("sequential", "threads+gil")), () -> over.complete("done"),
                    over::complete);
            return null;
        });
        assertEquals("done", over.get(120, TimeUnit.SECONDS));
        List<RunResult> pinnedRuns = pinned().runs().stream().map(org.threadlab.ui.pinned.PinnedRun::result).toList();
        assertEquals(List.of("sequential", "threads"), pinnedRuns.stream().map(RunResult::mode).toList(),
                "one run per mode, in order; the warm-up run before them is not pinned");
        assertEquals(List.of(false, true), pinnedRuns.stream().map(RunResult::gil).toList());
        assertEquals(List.of(1, 2), pinned().runs().stream().map(org.threadlab.ui.pinned.PinnedRun::number).toList());
        assertTrue(fx(pinned()::headings).get(1).startsWith("#2  threads + simulated GIL \u00b7 wall "),
                fx(pinned()::headings).get(1));
        assertEquals("pinned-tab", fx(() -> window.modes().getSelectionModel().getSelectedItem().getId()),
                "the pinned runs are shown at the end");
    }

    @Test
    void aThousandLanesFoldIntoOneBand() throws Exception {
        Windows.open(window, "virtual-threads");
        RunResult r = run(window.session().modeProperty().get());
        assertTrue(r.trace().lanes().size() >= 1000, "lanes: " + r.trace().lanes().size());
        assertTrue(fx(window::pinShown));
        fx(() -> {
            window.showPinned();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(10);
        assertEquals(List.of(true), fx(pinned()::folded));
    }

    @Test
    void atMostEightRunsArePinnedAndTheViewSaysWhy() throws Exception {
        Windows.open(window, "shared-counter");
        fx(() -> {
            window.session().paramsProperty().set(java.util.Map.of("n", 200L));
            return null;
        });
        var view = pinned();
        for (int i = 0; i < org.threadlab.ui.pinned.PinnedRunsView.MAX_PINNED; i++) {
            run("threads");
            assertTrue(fx(window::pinShown), "pin " + (i + 1));
        }
        run("threads");
        assertFalse(fx(() -> view.canPin(window.session().resultProperty().get())), "a ninth waits for room");
        assertFalse(fx(window::pinShown));
        assertEquals(org.threadlab.ui.pinned.PinnedRunsView.MAX_PINNED, (int) fx(() -> view.countProperty().get()));
        fx(() -> {
            window.showPinned();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(fx(() -> view.lookupAll(".label").stream().anyMatch(n -> ((javafx.scene.control.Label) n).getText()
                .contains("unpin one to pin another"))), "the view says why Pin rests");
    }
}

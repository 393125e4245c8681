package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * One lesson, one picture: opening another lesson or variant clears every view of the last run,
 * a run of the old one that ends later never shows on the new one, there is one variant picker
 * and the run bar, the lesson pane and step mode agree on it; a run's bad news never covers the
 * tabs; the status line names the mode that ran.
 */
@ExtendWith(ApplicationExtension.class)
class OneLessonOnePictureTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), CompletionStore.inMemory());
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    private RunResult runToTheEnd() throws Exception {
        RunResult before = window.session().resultProperty().get();
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        Windows.waitUntil(() -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before, "the run finished");
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Every view of a run says there is none: no lanes, no result, no console, replay at zero. */
    private void assertNothingOfARunShows(FxRobot robot, String after) throws Exception {
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(0, window.timeline().laneCount(), after + ": no lanes of the last run");
        assertNull(window.session().feedProperty().get(), after + ": no trace");
        assertNull(window.session().resultProperty().get(), after + ": no result");
        assertEquals("No result yet", text(robot, "#grade"), after);
        assertEquals(0, robot.lookup(".tl-console").queryListView().getItems().size(), after + ": an empty console");
        assertEquals("0.0 µs / 0.0 µs", text(robot, "#time"), after + ": the replay is at zero");
        assertEquals(0.0, robot.lookup("#scrubber").queryAs(javafx.scene.control.Slider.class).getValue(), after);
        assertEquals("", text(robot, "#status"), after + ": the status line has no news of the last run");
        assertEquals("", text(robot, "#final-values"), after + ": no final values of the last run");
        assertTrue(robot.lookup(".tl-observed").queryAll().stream().noneMatch(javafx.scene.Node::isVisible),
                after + ": the lesson pane has no \"This run\" line of the last run");
    }

    @Test
    void openingAnotherLessonClearsTheLastRun(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        RunResult r = runToTheEnd();
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(2, window.timeline().laneCount());
        Windows.open(window, "squares");
        assertNothingOfARunShows(robot, "squares after a run of shared-counter");
        Windows.open(window, "deadlock");
        assertNothingOfARunShows(robot, "deadlock after squares");
        Windows.open(window, "readers-writers");
        assertNothingOfARunShows(robot, "readers-writers after deadlock");
        RunResult rw = runToTheEnd();
        assertEquals(RunStatus.COMPLETED, rw.status());
        assertEquals(rw.workers() + 1, window.timeline().laneCount(), "the readers and the writer, workers " + rw.workers());
        Windows.open(window, "shared-counter");
        assertNothingOfARunShows(robot, "shared-counter after a run of readers-writers");
    }

    @Test
    void openingTheSameLessonAgainStartsItAsNew(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        robot.clickOn("#lesson-variant-lock");
        runToTheEnd();
        assertEquals(2, window.timeline().laneCount());
        Windows.open(window, "shared-counter"); // a copy loaded again (a reload, a click on its card): equal, not the same
        assertNothingOfARunShows(robot, "shared-counter opened again after a run of its lock variant");
        assertEquals("no-lock", window.session().variantProperty().get(), "the session is back on the default variant");
        assertTrue(robot.lookup("#lesson-variant-no-lock").queryAs(ToggleButton.class).isSelected(),
                "and so is the lesson pane");
    }

    @Test
    void choosingAnotherVariantClearsTheLastRunAndEveryViewAgrees(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        assertTrue(robot.lookup(".tl-run-bar .combo-box").queryAll().isEmpty(),
                "the run bar has no second variant picker");
        runToTheEnd();
        assertFalse(robot.lookup(".tl-observed").queryAll().isEmpty(), "the lesson pane says what the no-lock run gave");
        robot.clickOn("#lesson-variant-lock");
        assertEquals("lock", window.session().variantProperty().get(), "the pill chose what runs");
        assertNothingOfARunShows(robot, "the lock variant after a no-lock run");
        assertEquals("lock", window.stepPanel().variant(), "step mode follows the variant");
        // step mode choosing a variant (a replay from the explorer) moves the lesson pane with it
        WaitForAsyncUtils.asyncFx(() -> window.stepPanel().replay("no-lock", java.util.List.of())).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals("no-lock", window.session().variantProperty().get());
        assertTrue(robot.lookup("#lesson-variant-no-lock").queryAs(ToggleButton.class).isSelected(),
                "the lesson pane shows the variant step mode chose");
    }

    @Test
    void aRunOfTheOldVariantThatEndsLaterNeverShows(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().paramsProperty().set(java.util.Map.of("n", 1_000_000L)); // a run of a few seconds
            window.session().start();
        }).get(5, TimeUnit.SECONDS);
        Windows.waitUntil(() -> window.session().feedProperty().get() != null,
                "the run started: " + window.session().messageProperty().get());
        String other = "lock";
        robot.clickOn("#lesson-variant-" + other);
        assertEquals(other, window.session().variantProperty().get());
        Thread.sleep(6000); // longer than the old run had left, even cancelled late
        assertNothingOfARunShows(robot, "variant " + other + " while the old variant's run ended");
        assertFalse(window.session().runningProperty().get(), "nothing runs: Run starts the new variant");
    }

    @Test
    void runningAtOnceAfterAVariantSwitchRunsTheNewVariantOnly(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().paramsProperty().set(java.util.Map.of("n", 1_000_000L));
            window.session().start();
        }).get(5, TimeUnit.SECONDS);
        Windows.waitUntil(() -> window.session().feedProperty().get() != null,
                "the run started: " + window.session().messageProperty().get());
        robot.clickOn("#lesson-variant-atomic");
        RunResult r = runToTheEnd(); // at once: the cancelled no-lock run is still winding down
        assertEquals("atomic", r.variant(), "the result on screen is the new variant's");
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(2_000_000L, r.shared().get("counter"), "an atomic increment loses nothing");
    }

    @Test
    void aNoticeTakesItsOwnRoomAndTheTabsStillTakeClicks(FxRobot robot) throws Exception {
        Windows.open(window, "downloads");
        WaitForAsyncUtils.asyncFx(() -> window.session().timeoutProperty().set(java.time.Duration.ofMillis(300)))
                .get(5, TimeUnit.SECONDS);
        RunResult r = runToTheEnd();
        assertEquals(RunStatus.TIMED_OUT, r.status());
        assertTrue(window.notices().isShowing(), "the timeout is news");
        Node notice = robot.lookup("#notice").query();
        Bounds noticeBounds = notice.localToScene(notice.getLayoutBounds());
        for (String tab : new String[] {"Run", "Step through", "Result", "Console"}) {
            Node header = robot.lookup(".tab .tab-label").match(
                    org.testfx.matcher.control.LabeledMatchers.hasText(tab)).query();
            Bounds b = header.localToScene(header.getLayoutBounds());
            assertFalse(b.intersects(noticeBounds), tab + " tab lies under the notice");
        }
        clickTab(robot, "Step through");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals("Step through", window.modes().getSelectionModel().getSelectedItem().getText(),
                "a click on a tab selects it while the notice shows");
        clickTab(robot, "Run");
        clickTab(robot, "Console");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(window.notices().isShowing(), "the notice stays until closed");
        robot.clickOn("#notice-close");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.notices().isShowing());
    }

    private static void clickTab(FxRobot robot, String title) {
        robot.clickOn(robot.lookup(".tab .tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText(title))
                .queryLabeled());
    }

    @Test
    void theStatusLineNamesTheModeThatRan(FxRobot robot) throws Exception {
        Windows.open(window, "process-counter");
        WaitForAsyncUtils.asyncFx(() -> window.session().modeProperty().set("processes")).get(5, TimeUnit.SECONDS);
        RunResult r = runToTheEnd();
        assertEquals("processes", r.mode());
        long children = r.lanes().stream().filter(l -> l.kind().equals("process")).count();
        String status = text(robot, "#status");
        assertTrue(status.endsWith(" in " + children + " child processes"), status);
        assertFalse(status.contains("threads"), status);
        WaitForAsyncUtils.asyncFx(() -> window.session().modeProperty().set("threads")).get(5, TimeUnit.SECONDS);
        r = runToTheEnd();
        long threads = r.lanes().stream().filter(l -> !l.kind().equals("main-thread")).count();
        status = text(robot, "#status");
        assertTrue(status.endsWith(" on " + threads + " threads"), status);
    }

    @Test
    void theStatusLineAndTheResultSayTheSameOfAPoolWithMoreThreadsThanTasks(FxRobot robot) throws Exception {
        Windows.open(window, "thread-pool");
        WaitForAsyncUtils.asyncFx(() -> window.session().poolSizeProperty().set(4)).get(5, TimeUnit.SECONDS);
        RunResult r = runToTheEnd();
        assertEquals("thread-pool", r.mode());
        String status = text(robot, "#status");
        String headline = text(robot, "#grade");
        // three tasks: the pool of four starts only the three threads that take one
        assertTrue(status.endsWith(" on a pool of 3 threads"), status);
        assertTrue(headline.endsWith(" on a pool of 3 threads"), headline);
    }
}

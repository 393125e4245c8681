package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.ui.lesson.CompletionStore;

/** The window's run options (--param, --pool-size, --timeout) reach the run it starts. */
@ExtendWith(ApplicationExtension.class)
class WindowOptionsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MainWindow openWith(String... args) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> new ThreadLabApp().start(stage, AppOptions.parse(args),
                CompletionStore.inMemory())).get(30, TimeUnit.SECONDS);
    }

    private static RunResult runToTheEnd(MainWindow window) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    @Test
    void paramAndPoolSizeReachTheRunAndTheRunBar(FxRobot robot) throws Exception {
        MainWindow window = openWith("--lesson", "shared-counter", "--variant", "lock", "--mode", "thread-pool",
                "--workers", "4", "--pool-size", "1", "--param", "n=1000", "--size", "1280x800");
        try {
            assertEquals(1, robot.from(window).lookup("#pool-size").queryAs(Spinner.class).getValue(), "the run bar shows the pool size");
            assertTrue(robot.from(window).lookup("#pool-size").query().isVisible());
            RunResult r = runToTheEnd(window);
            assertEquals(RunStatus.COMPLETED, r.status());
            assertEquals("thread-pool", r.mode());
            assertEquals(1000L, r.params().get("n"));
            assertEquals(4 * 1000L, r.shared().get("counter"), "four tasks of 1,000 locked increments");
            long poolThreads = r.lanes().stream().filter(l -> !l.name().equals("main")).map(l -> l.threadId())
                    .distinct().count();
            assertEquals(1, poolThreads, "one pool thread ran every task: " + r.lanes());
        } finally {
            WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTimeoutCancelsTheRunAndANotificationSaysSo(FxRobot robot) throws Exception {
        MainWindow window = openWith("--lesson", "downloads", "--mode", "threads", "--timeout", "0.5",
                "--size", "1280x800");
        try {
            RunResult r = runToTheEnd(window);
            assertEquals(RunStatus.TIMED_OUT, r.status(), "2-second downloads with a half-second limit");
            assertTrue(window.notices().isShowing(), "a notification tells of the timeout");
            assertTrue(window.notices().getText().contains("time limit"), window.notices().getText());
            String status = status(robot, window);
            assertTrue(status.contains("time limit"), status);
            WaitForAsyncUtils.asyncFx(() -> {
                // a longer limit this time: the news must be seen gone before this run times out too
                window.session().timeoutProperty().set(java.time.Duration.ofMillis(1500));
                window.session().start();
            }).get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.session().feedProperty().get() != null
                    && window.session().resultProperty().get() == null);
            WaitForAsyncUtils.waitForFxEvents(5);
            assertFalse(window.notices().isShowing(), "a new run hides the old news");
            runToTheEnd(window);
            WaitForAsyncUtils.waitForFxEvents(5);
            assertTrue(window.notices().isShowing(), "the second timeout is news again");
            // it takes its own room under the run bar and stays until the learner closes it
            robot.clickOn("#notice-close");
            WaitForAsyncUtils.waitForFxEvents(5);
            assertFalse(window.notices().isShowing(), "the close button puts the notice away");
            assertTrue(status(robot, window).contains("time limit"), "the status bar still says why");
        } finally {
            WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void badRunOptionsAreRefusedWithTheirName() {
        var e = assertThrows(picocli.CommandLine.ParameterException.class, () -> AppOptions.parse("--timeout", "0"));
        assertTrue(e.getMessage().contains("--timeout"), e.getMessage());
        e = assertThrows(picocli.CommandLine.ParameterException.class, () -> AppOptions.parse("--pool-size", "0"));
        assertTrue(e.getMessage().contains("--pool-size"), e.getMessage());
        e = assertThrows(picocli.CommandLine.ParameterException.class, () -> AppOptions.parse("--param", "n=lots"));
        assertTrue(e.getMessage().contains("--param"), e.getMessage());
    }

    private static String status(FxRobot robot, MainWindow window) {
        return robot.from(window).lookup("#status").queryAs(Label.class).getText();
    }
}

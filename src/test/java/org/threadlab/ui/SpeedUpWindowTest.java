package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.ui.result.Measured;

/** The result's speed-up: asked for with its button, then measured against the sequential run it made. */
@ExtendWith(ApplicationExtension.class)
class SpeedUpWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    private RunResult awaitNewResult(RunResult before) throws Exception {
        Windows.waitUntil(() -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before && !window.session().runningProperty().get(),
                "the run ended");
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    private RunResult run() throws Exception {
        RunResult before = window.session().resultProperty().get();
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        return awaitNewResult(before);
    }

    @Test
    void aThreadsRunAfterTheSequentialRunTheButtonMadeShowsTheMeasuredRatio(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().variantProperty().set("atomic");
            window.session().modeProperty().set("threads");
        }).get(5, TimeUnit.SECONDS);
        RunResult threads = run();
        String timing = robot.lookup("#timing").queryAs(Label.class).getText();
        assertTrue(timing.contains("No sequential run of this lesson with 2 workers yet"), timing);
        Button compare = robot.lookup("#run-sequential").queryAs(Button.class);
        assertTrue(compare.isVisible(), "the result offers to run sequentially");

        WaitForAsyncUtils.asyncFx(compare::fire).get(5, TimeUnit.SECONDS);
        RunResult sequential = awaitNewResult(threads);
        assertEquals("sequential", sequential.mode(), "the button ran the lesson sequentially");
        assertEquals("threads", window.session().modeProperty().get(), "and came back to the mode chosen before");
        assertFalse(robot.lookup("#run-sequential").queryAs(Button.class).isVisible());
        String chartAfterSequential = robot.lookup("#wall-time-threads").queryAs(Label.class).getText();
        assertTrue(chartAfterSequential.startsWith(Measured.seconds(threads.wallNanos()) + "   "
                + Measured.ratio((double) sequential.wallNanos() / threads.wallNanos())), chartAfterSequential);

        RunResult again = run();
        assertEquals("threads", again.mode());
        timing = robot.lookup("#timing").queryAs(Label.class).getText();
        String ratio = Measured.ratio((double) sequential.wallNanos() / again.wallNanos());
        assertTrue(timing.contains(ratio + " the speed of the last sequential run of the same 2 workers ("
                + Measured.seconds(sequential.wallNanos()) + ")"), timing);
        assertTrue(timing.contains("The most this machine allows is "
                + Math.min(2, Runtime.getRuntime().availableProcessors()) + "x"), timing);
        assertFalse(robot.lookup("#run-sequential").queryAs(Button.class).isVisible(), "a sequential run is there");
        String row = robot.lookup("#wall-time-threads").queryAs(Label.class).getText();
        assertTrue(row.startsWith(Measured.seconds(again.wallNanos()) + "   " + ratio), row);
    }

    @Test
    void theSequentialRunTheButtonMadeGivesBackTheGilSwitchAsItWas(FxRobot robot) throws Exception {
        Windows.open(window, "shared-counter");
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().variantProperty().set("atomic");
            window.session().modeProperty().set("threads");
            window.session().gilProperty().set(true);
        }).get(5, TimeUnit.SECONDS);
        RunResult withGil = run();
        assertTrue(withGil.gil());
        WaitForAsyncUtils.asyncFx(robot.lookup("#run-sequential").queryAs(Button.class)::fire).get(5, TimeUnit.SECONDS);
        RunResult sequential = awaitNewResult(withGil);
        assertEquals("sequential", sequential.mode());
        assertFalse(sequential.gil(), "the sequential baseline runs without the simulated GIL");
        assertEquals("threads", window.session().modeProperty().get());
        assertTrue(window.session().gilProperty().get(), "the GIL switch is on again, as the learner left it");
        assertTrue(run().gil(), "and the next run has the GIL");
    }
}

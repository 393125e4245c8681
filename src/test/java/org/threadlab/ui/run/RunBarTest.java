package org.threadlab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.event.Event;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.TraceFeed;
import org.threadlab.ui.MainWindow;

/** The run bar in the real window, headless: keys, replay during a live run, speed and scrubber. */
@ExtendWith(ApplicationExtension.class)
class RunBarTest {
    private MainWindow window;
    private RunSession session;

    @Start
    void start(Stage stage) {
        window = org.threadlab.ui.Windows.start(stage);
        session = window.session();
    }

    @AfterEach
    void close() throws Exception {
        org.threadlab.ui.Windows.dispose(window);
    }

    private void open(String id) throws Exception {
        org.threadlab.ui.Windows.open(window, id);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        org.threadlab.ui.Windows.waitUntil(condition, what);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits for {@code n} more frames of the window's AnimationTimer pulse. */
    private static void frames(int n) throws Exception {
        AtomicLong count = new AtomicLong();
        AnimationTimer counter = fx(() -> {
            AnimationTimer t = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    count.incrementAndGet();
                }
            };
            t.start();
            return t;
        });
        try {
            waitUntil(() -> count.get() >= n, n + " frames passed");
        } finally {
            fx(() -> {
                counter.stop();
                return null;
            });
        }
    }

    private RunResult awaitResult() throws Exception {
        waitUntil(() -> session.resultProperty().get() != null, "the run ended");
        WaitForAsyncUtils.waitForFxEvents(5);
        return session.resultProperty().get();
    }

    @Test
    void ctrlRStartsARunOffTheFxThread(FxRobot robot) throws Exception {
        open("shared-counter");
        robot.clickOn("#mode-threads"); // focus inside the window, where its keys are handled
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        RunResult r = awaitResult();
        assertEquals("shared-counter", r.lesson());
        assertEquals(2, r.lanes().stream().filter(l -> !l.name().equals("main")).count(), r.lanes().toString());
        String fxThread = fx(() -> Thread.currentThread().getName());
        assertEquals("threadlab-run-start", session.startThreadName(), "the engine was started by the session's starter");
        assertNotEquals(fxThread, session.startThreadName());
        for (var lane : r.lanes()) {
            assertNotEquals(fxThread, lane.threadName(), "no worker ran on the FX thread: " + lane);
        }
    }

    @Test
    void duringALiveRunSpacePausesRightStepsAndPlayFollowsAgain(FxRobot robot) throws Exception {
        open("downloads"); // three 2-second downloads: a run that lasts long enough to pause it
        robot.clickOn("#mode-threads");
        robot.clickOn("#run");
        waitUntil(() -> fxGet(() -> session.followingProperty().get() && session.endNanosProperty().get() > 0),
                "the playhead follows the live run");
        assertFalse(fx(() -> robot.lookup("#play").query().isDisabled()), "play works during a run");
        assertFalse(fx(() -> robot.lookup("#step").query().isDisabled()), "step works during a run");
        assertEquals("following the live run", fx(() -> robot.lookup("#replay-state").queryAs(javafx.scene.control.Label.class).getText()));

        robot.type(KeyCode.SPACE);
        double paused = fx(() -> session.playheadProperty().get());
        assertFalse(fx(() -> session.playingProperty().get()), "Space paused");
        assertFalse(fx(() -> session.followingProperty().get()), "the playhead no longer follows");
        frames(6);
        assertEquals(paused, fx(() -> session.playheadProperty().get()), "the playhead stays put across frames");

        // Right, with what the next event is worked out in the same FX task: no frame pulls in between
        double[] expectedAndGot = fx(() -> {
            TraceFeed f = session.feedProperty().get();
            long from = (long) session.playheadProperty().get();
            long next = Long.MAX_VALUE;
            for (LaneLog lane : f.lanes()) {
                int i = lane.lastAtOrBefore(from) + 1;
                if (i < lane.size()) {
                    next = Math.min(next, lane.nanos(i));
                }
            }
            Event.fireEvent(robot.lookup("#play").query(),
                    new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.RIGHT, false, false, false, false));
            return new double[] {next == Long.MAX_VALUE ? from : next, session.playheadProperty().get()};
        });
        assertEquals(expectedAndGot[0], expectedAndGot[1], "Right stepped to the next recorded event");
        frames(4);
        assertEquals(expectedAndGot[1], fx(() -> session.playheadProperty().get()), "still paused after the step");
        boolean stillRunning = fx(() -> session.runningProperty().get());

        robot.clickOn("#play");
        assertTrue(fx(() -> session.playingProperty().get()), "the play button resumes the replay");
        RunResult r = awaitResult();
        assertEquals(org.threadlab.engine.RunStatus.COMPLETED, r.status());
        if (stillRunning) {
            // played at 1/10 speed from a paused playhead, the replay goes on after the run's end
            assertTrue(fx(() -> session.playheadProperty().get()) <= session.endNanosProperty().get());
        }
    }

    private static <T> T fxGet(java.util.concurrent.Callable<T> c) {
        try {
            return fx(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSpeedSliderGoesFromAHundredthToRealTime(FxRobot robot) throws Exception {
        Slider speed = robot.lookup("#speed").queryAs(Slider.class);
        assertEquals(Math.log10(RunSession.MIN_SPEED), speed.getMin(), 1e-9);
        assertEquals(-2, speed.getMin(), 1e-9, "1/100 of real time at the left");
        assertEquals(0, speed.getMax(), 1e-9, "real time at the right");
        fx(() -> {
            speed.setValue(speed.getMin());
            return null;
        });
        assertEquals(0.01, session.speedProperty().get(), 1e-9);
        assertEquals("1/100 speed", RunBar.speedText(session.speedProperty().get()));
        fx(() -> {
            speed.setValue(-1);
            return null;
        });
        assertEquals(0.1, session.speedProperty().get(), 1e-9);
        fx(() -> {
            speed.setValue(speed.getMax());
            return null;
        });
        assertEquals(1.0, session.speedProperty().get(), 1e-9);
        assertEquals("real time", RunBar.speedText(session.speedProperty().get()));
    }

    @Test
    void theScrubberMovesThePlayhead(FxRobot robot) throws Exception {
        open("hello-threads");
        robot.clickOn("#run");
        awaitResult();
        Slider scrubber = robot.lookup("#scrubber").queryAs(Slider.class);
        double end = fx(() -> session.endNanosProperty().get());
        assertTrue(end > 0);
        assertEquals(end, scrubber.getMax(), 0.5, "the scrubber spans the whole run");
        fx(() -> {
            scrubber.setValue(end / 2);
            return null;
        });
        assertEquals(end / 2, fx(() -> session.playheadProperty().get()), 0.5);
        // dragging to the left end goes back to the start
        robot.drag(scrubber.lookup(".thumb")).dropTo(robot.point(scrubber).atPosition(javafx.geometry.Pos.CENTER_LEFT));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(fx(() -> session.playheadProperty().get()) < end / 2, "dragging the thumb left moves the playhead back");
    }

    @Test
    void theLegendSaysTheGilIsSimulated(FxRobot robot) throws Exception {
        open("shared-counter");
        fx(() -> {
            session.gilProperty().set(true);
            session.start();
            return null;
        });
        RunResult r = awaitResult();
        assertTrue(r.gil());
        java.util.List<String> legend = fx(() -> robot.from(window.timeline()).lookup(".label")
                .queryAllAs(javafx.scene.control.Label.class).stream().map(javafx.scene.control.Label::getText).toList());
        assertTrue(legend.contains("GIL wait (simulated)"), legend.toString());
        assertFalse(legend.contains("waiting-for-gil"), legend.toString());
    }

    @Test
    void aStopWhileStartingCancelsTheRunAsSoonAsItExists() throws Exception {
        open("downloads");
        fx(() -> {
            session.start();
            assertTrue(session.startingProperty().get(), "the run starts on the starter thread, not here");
            assertTrue(session.runningProperty().get());
            session.stop();
            return null;
        });
        RunResult r = awaitResult();
        assertEquals(org.threadlab.engine.RunStatus.CANCELLED, r.status());
        assertNotNull(r.trace());
    }
}

package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.step.DeadlockView;

/** A live run of the deadlock lesson that deadlocks: the Locks tab draws the circle, and the window runs on. */
@ExtendWith(ApplicationExtension.class)
class LiveDeadlockWindowTest {
    private static final Set<String> WORKERS = Set.of("to-bob", "to-alice");
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    /** Starts a run with the Run button and waits for its result. */
    private RunResult runOnce(FxRobot robot) throws Exception {
        RunResult before = window.session().resultProperty().get();
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.session().runningProperty().get()
                && window.session().resultProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    @Test
    void aLiveDeadlockIsDrawnInTheLocksTabAndTheWindowRunsOn(FxRobot robot) throws Exception {
        var lesson = LessonLibrary.standard().find("deadlock");
        WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(5, TimeUnit.SECONDS);
        DeadlockView circle = robot.lookup("#locks-deadlock-view").queryAs(DeadlockView.class);
        assertTrue(circle.ring().isEmpty(), "no circle before a run");

        // Opposite orders deadlock in nearly every run; the few tries cover a run whose workers never overlapped.
        RunResult r = null;
        for (int attempt = 0; attempt < 8 && (r == null || r.status() != RunStatus.DEADLOCKED); attempt++) {
            r = runOnce(robot);
        }
        assertNotNull(r);
        assertEquals(RunStatus.DEADLOCKED, r.status(), r.messages().toString());

        TabPane details = robot.lookup("#details").queryAs(TabPane.class);
        Tab selected = details.getSelectionModel().getSelectedItem();
        assertEquals("locks-tab", selected.getId(), "the Locks tab is brought forward");
        assertNotNull(selected.getGraphic(), "the Locks tab is marked");
        assertTrue(circle.isVisible());
        List<String> ring = circle.ring();
        assertEquals(4, ring.size(), ring.toString());
        assertEquals(Set.of("to-bob", "to-alice", "alice-lock", "bob-lock"), Set.copyOf(ring));
        // workers and locks alternate, each worker followed by the lock it waits for (the other's first lock)
        for (int i = 0; i < 4; i += 2) {
            assertEquals(ring.get(i).equals("to-bob") ? "bob-lock" : "alice-lock", ring.get(i + 1), ring.toString());
        }
        String banner = robot.lookup("#locks-deadlock-text").queryAs(Label.class).getText();
        assertTrue(banner.startsWith("Deadlock: " + r.deadlock().describe()), banner);
        for (String name : List.of("to-bob holds alice-lock and waits for bob-lock",
                "to-alice holds bob-lock and waits for alice-lock")) {
            assertTrue(banner.contains(name), banner);
        }
        assertEquals("Deadlock: " + r.deadlock().describe(),
                robot.lookup("#result-deadlock").queryAs(Label.class).getText());
        var image = WaitForAsyncUtils.asyncFx(() -> window.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        ThreadLabApp.save(image, Path.of("target", "live-deadlock.png"));
        assertNoWorkerLeft();

        // Run again and stop it at once: whatever the run got to, the window ends it and shows only what it found.
        RunResult deadlocked = r;
        robot.clickOn("#run");
        boolean cleared = WaitForAsyncUtils.asyncFx(() -> !window.session().runningProperty().get()
                || circle.ring().isEmpty()).get(5, TimeUnit.SECONDS);
        assertTrue(cleared, "a new run clears the old circle while it runs");
        robot.clickOn("#stop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.session().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents(5);
        RunResult stopped = window.session().resultProperty().get();
        assertNotSame(deadlocked, stopped);
        assertEquals(stopped.status() == RunStatus.DEADLOCKED, !circle.ring().isEmpty(), stopped.status().toString());
        Tab locksTab = details.getTabs().stream().filter(t -> "locks-tab".equals(t.getId())).findFirst().orElseThrow();
        if (stopped.status() != RunStatus.DEADLOCKED) {
            assertNull(locksTab.getGraphic(), "the mark goes with the deadlock");
            assertFalse(robot.lookup("#result-deadlock").queryAs(Label.class).isVisible());
        }
        assertNoWorkerLeft();

        RunResult again = runOnce(robot);
        assertNotSame(stopped, again);
        assertEquals(again.status() == RunStatus.DEADLOCKED, !circle.ring().isEmpty(), again.status().toString());
        assertNoWorkerLeft();

        var other = LessonLibrary.standard().find("shared-counter");
        WaitForAsyncUtils.asyncFx(() -> window.open(other)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(circle.ring().isEmpty(), "another lesson starts without the old circle");
        assertNull(locksTab.getGraphic());
    }

    private static void assertNoWorkerLeft() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (WORKERS.contains(t.getName())) {
                t.join(5_000);
                assertFalse(t.isAlive(), t.getName() + " is still alive");
            }
        }
    }
}

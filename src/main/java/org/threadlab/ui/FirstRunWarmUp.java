package org.threadlab.ui;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import org.threadlab.engine.WarmUp;
import org.threadlab.ui.console.ConsoleView;
import org.threadlab.ui.locks.LocksView;
import org.threadlab.ui.memory.MemoryView;
import org.threadlab.ui.sync.SyncView;
import org.threadlab.ui.timeline.TimelineView;

/**
 * Warms the window for its first Run once it is on screen: the engine's {@link WarmUp} run on a
 * low-priority daemon thread (the engine, the trace feed and histories), then, on the FX thread,
 * one picture of that run in views of its own that no window shows (the timeline, memory, locks,
 * semaphores and console views' code, their CSS and the renderer). Measured: without it, the first
 * Run of a fresh window showed "Starting..." for over a second while all that code loaded and ran
 * interpreted, competing with the run's own workers for the cores (docs/performance.md).
 *
 * <p>Nothing of the warm-up reaches the window: its session, views and results are untouched, and
 * the warm-up lesson is ThreadLab's own, not one the learner sees.
 */
public final class FirstRunWarmUp {
    /** Once per JVM: what it warms is the JVM's. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final AtomicBoolean VIEWS_WARMED = new AtomicBoolean();
    /** The warm-up is over: run, and views drawn or skipped (or it failed). */
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private FirstRunWarmUp() {}

    /** Starts the warm-up for this window in the background and returns at once; call after the window is shown. */
    public static void inBackground(MainWindow window) {
        if (!WarmUp.enabled() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon(true).name("threadlab-warm-up").priority(Thread.MIN_PRIORITY).start(() -> {
            try {
                WarmUp.Finished run = WarmUp.runOnce();
                Platform.runLater(() -> {
                    try {
                        warmViews(window, run);
                    } finally {
                        DONE.set(true);
                    }
                });
            } catch (InterruptedException e) {
                DONE.set(true);
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                DONE.set(true);
                // only speed is lost: the first run loads what it needs itself
                System.err.println("ThreadLab: the warm-up run failed: " + e);
            }
        });
    }

    /** Whether this JVM's warm-up is over (for tests): its run done, its views drawn or skipped. */
    public static boolean done() {
        return DONE.get();
    }

    /** Whether the views have drawn the warm-up's run (for tests); false too when they were skipped for a run. */
    public static boolean viewsWarmed() {
        return VIEWS_WARMED.get();
    }

    /** One picture of the warm-up run, drawn off-screen by views no window shows, then dropped. */
    private static void warmViews(MainWindow window, WarmUp.Finished run) {
        if (window.session().runningProperty().get()) {
            return; // the learner was quicker: their run warms the views, and this would only slow it down
        }
        TimelineView timeline = new TimelineView();
        MemoryView memory = new MemoryView();
        LocksView locks = new LocksView();
        SyncView sync = new SyncView();
        ConsoleView console = new ConsoleView();
        VBox views = new VBox(timeline, memory, locks, sync, console);
        Scene scene = new Scene(views, 1000, 700);
        if (window.getScene() != null) {
            scene.getStylesheets().setAll(window.getScene().getStylesheets());
        }
        long end = run.feed().endNanos();
        timeline.setFeed(run.feed());
        timeline.playheadNanosProperty().set(end);
        views.applyCss();
        views.layout();
        timeline.refresh();
        memory.update(run.feed(), run.memory(), run.copies(), end);
        locks.update(run.feed(), run.locks(), end);
        sync.update(run.feed(), run.sync(), end);
        console.update(run.feed(), end);
        views.layout();
        scene.snapshot(null); // the renderer's first pass over a timeline, text and cards, off-screen
        VIEWS_WARMED.set(true);
    }
}

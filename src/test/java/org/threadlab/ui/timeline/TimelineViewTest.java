package org.threadlab.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.StateInterval;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;

/** The timeline on a real (headless) stage, fed with real recorded runs. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {
    private TimelineView view;

    @Start
    void start(Stage stage) {
        view = new TimelineView();
        stage.setScene(new Scene(view, 1000, 500));
        stage.sizeToScene(); // the stage is shared with earlier tests, which may have resized it
        stage.show();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(work).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    private static void fxRun(Runnable work) throws Exception {
        fx(() -> {
            work.run();
            return null;
        });
    }

    private void show(TraceFeed feed) throws Exception {
        fxRun(() -> {
            view.setFeed(feed);
            view.refresh();
            view.layout();
            view.redrawNow();
        });
    }

    /** The middle of the longest interval of {@code state} in the lane. */
    private static StateInterval longest(Trace trace, int lane, WorkerState state) {
        return trace.stateIntervals(lane).stream().filter(s -> s.state() == state)
                .max((a, b) -> Long.compare(a.durationNanos(), b.durationNanos())).orElseThrow();
    }

    @Test
    void oneLanePerWorkerOfARealLessonRun() throws Exception {
        RunResult r = new Engine().run(RunConfig.of(LessonLibrary.standard().find("shared-counter"))
                .withVariant("lock").withParams(Map.of("n", 2_000L)));
        Trace trace = r.trace();
        show(new TraceFeed(trace));
        assertEquals(trace.lanes().size(), fx(view::laneCount));
        assertEquals(1, fx(view::lanesPerRow));
        for (int lane = 0; lane < trace.lanes().size(); lane++) {
            LaneEvents events = trace.lane(lane);
            StateInterval running = longest(trace, lane, WorkerState.RUNNING);
            double mid = (running.startNanos() + running.endNanos()) / 2.0;
            int l = lane;
            String text = fx(() -> view.tooltipTextAt(view.xForNanos(mid), view.yForLane(l)));
            assertNotNull(text);
            assertTrue(text.startsWith(events.info().name() + "  ("), text);
            assertTrue(text.contains("#" + events.info().threadId()), "names the real thread id: " + text);
            assertTrue(text.contains("running"), text);
        }
    }

    @Test
    void tooltipNamesTheStateTheStepAndTheValues() throws Exception {
        Trace trace = Recordings.lockedCounter(3, 4);
        show(new TraceFeed(trace));
        // a blocked interval: its step is the lock it waits for
        int blockedLane = -1;
        for (int lane = 0; lane < 3 && blockedLane < 0; lane++) {
            if (trace.stateIntervals(lane).stream().anyMatch(s -> s.state() == WorkerState.BLOCKED_ON_LOCK)) {
                blockedLane = lane;
            }
        }
        assertTrue(blockedLane >= 0, "three workers on one lock: someone waited");
        StateInterval blocked = longest(trace, blockedLane, WorkerState.BLOCKED_ON_LOCK);
        int bl = blockedLane;
        String text = fx(() -> view.tooltipTextAt(view.xForNanos((blocked.startNanos() + blocked.endNanos()) / 2.0),
                view.yForLane(bl)));
        assertNotNull(text);
        assertTrue(text.contains("\nblocked-on-lock\n"), text);
        assertTrue(text.contains("step: lock counter-lock"), text);
        assertTrue(text.contains("for " + TimeAxis.duration(blocked.durationNanos())), text);

        // the running interval after it holds the lock: it reads and writes the counter
        StateInterval after = trace.stateIntervals(bl).stream()
                .filter(s -> s.state() == WorkerState.RUNNING && s.startNanos() == blocked.endNanos()).findFirst()
                .orElseThrow();
        long read = -1;
        long written = -1;
        for (int i = 0; i < trace.lane(bl).size(); i++) {
            var e = trace.lane(bl).event(i);
            if (e.nanos() >= after.startNanos() && e.nanos() < after.endNanos()) {
                if (e instanceof org.threadlab.trace.TraceEvent.SharedRead r && read < 0) {
                    read = r.value();
                } else if (e instanceof org.threadlab.trace.TraceEvent.SharedWritten w && written < 0) {
                    written = w.value();
                }
            }
        }
        assertTrue(read >= 40 && written == read + 1);
        String runText = fx(() -> view.tooltipTextAt(view.xForNanos((after.startNanos() + after.endNanos()) / 2.0),
                view.yForLane(bl)));
        assertTrue(runText.contains("\nrunning\n"), runText);
        assertTrue(runText.contains("read counter = " + read), runText);
        assertTrue(runText.contains("wrote counter = " + written), runText);

        // nothing drawn, no tooltip
        assertNull(fx(() -> view.tooltipTextAt(5, view.yForLane(0))), "the label gutter has none");
        assertNull(fx(() -> view.tooltipTextAt(view.xForNanos(after.endNanos()), 10)), "the header has none");
    }

    @Test
    void lanesArePaintedInTheirStatesColours() throws Exception {
        Trace trace = Recordings.lockedCounter(2, 3);
        show(new TraceFeed(trace));
        StatePalette palette = fx(view::palette);
        for (WorkerState state : List.of(WorkerState.RUNNING, WorkerState.SLEEPING)) {
            StateInterval s = longest(trace, 0, state);
            double x = fx(() -> view.xForNanos((s.startNanos() + s.endNanos()) / 2.0));
            double y = fx(() -> view.yForLane(0));
            int base = palette.base(state.ordinal());
            boolean ofState = fx(() -> {
                for (int dy = -3; dy <= 3; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        if (view.pixelAt(x + dx, y + dy) == base) {
                            return true;
                        }
                    }
                }
                return false;
            });
            assertTrue(ofState, state + " is drawn in its colour around x=" + x);
        }
    }

    @Test
    void zoomInNarrowsTheWindowAndFitRestoresIt() throws Exception {
        Trace trace = Recordings.lockedCounter(2, 3);
        show(new TraceFeed(trace));
        double fullStart = fx(view::visibleStartNanos);
        double fullEnd = fx(view::visibleEndNanos);
        assertEquals(0, fullStart);
        assertEquals(trace.endNanos(), fullEnd, 1);

        fxRun(view::zoomIn);
        double s1 = fx(view::visibleStartNanos);
        double e1 = fx(view::visibleEndNanos);
        assertEquals((fullEnd - fullStart) / 2, e1 - s1, 1);
        assertTrue(s1 >= fullStart && e1 <= fullEnd);

        fxRun(() -> view.zoomAt(view.xForNanos(fullEnd * 0.6), 4)); // the wheel, around a point
        double s2 = fx(view::visibleStartNanos);
        double e2 = fx(view::visibleEndNanos);
        assertEquals((e1 - s1) / 4, e2 - s2, 1);
        assertTrue(s2 <= fullEnd * 0.6 && fullEnd * 0.6 <= e2, "the point under the pointer stays in view");

        fxRun(() -> view.panBy(100));
        assertTrue(fx(view::visibleStartNanos) > s2, "panning right shows later times");

        fxRun(view::zoomToFit);
        assertEquals(fullStart, fx(view::visibleStartNanos));
        assertEquals(fullEnd, fx(view::visibleEndNanos), 1);

        fxRun(view::zoomIn);
        fxRun(view::zoomOut);
        assertEquals(fullEnd, fx(view::visibleEndNanos), 1, "zooming out all the way is fit");
    }

    @Test
    void aLiveRunExtendsTheViewWhileItGrows() throws Exception {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        LaneRecorder lane = recorder.newLane("worker", "platform-thread");
        TraceFeed feed = new TraceFeed(recorder);
        lane.bindCurrentThread();
        lane.state(WorkerState.RUNNING);
        Recordings.sleepMillis(3);
        fxRun(() -> {
            feed.pull();
            view.setFeed(feed);
        });
        fxRun(() -> {
            feed.pull();
            view.refresh();
        });
        double end1 = fx(view::visibleEndNanos);
        lane.state(WorkerState.SLEEPING);
        Recordings.sleepMillis(5);
        fxRun(() -> {
            feed.pull();
            view.refresh();
        });
        double end2 = fx(view::visibleEndNanos);
        assertTrue(end2 > end1, "fit follows the end: " + end1 + " -> " + end2);
        assertEquals(0, fx(view::visibleStartNanos));
        assertEquals(feed.endNanos(), end2, 1);
        String text = fx(() -> view.tooltipTextAt(view.xForNanos(feed.endNanos() - 100_000), view.yForLane(0)));
        assertTrue(text.contains("sleeping") && text.contains("so far"), text);

        // once the user zooms, the window stays put while the run goes on
        fxRun(view::zoomIn);
        double s3 = fx(view::visibleStartNanos);
        double e3 = fx(view::visibleEndNanos);
        Recordings.sleepMillis(5);
        lane.state(WorkerState.RUNNING);
        fxRun(() -> {
            feed.pull();
            view.refresh();
        });
        assertEquals(s3, fx(view::visibleStartNanos));
        assertEquals(e3, fx(view::visibleEndNanos));
        fxRun(view::zoomToFit);
        assertEquals(feed.endNanos(), fx(view::visibleEndNanos), 1);
    }

    @Test
    void theEndOfARunIsDrawnEvenWhenItsFrameWasSkippedAsTooSlow() throws Exception {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        LaneRecorder lane = recorder.newLane("worker", "platform-thread");
        TraceFeed feed = new TraceFeed(recorder);
        lane.bindCurrentThread();
        lane.state(WorkerState.RUNNING);
        Recordings.sleepMillis(3);
        fxRun(() -> {
            feed.pull();
            view.setFeed(feed);
            view.layout();
            view.redrawNow();
        });
        double liveEnd = fx(view::drawnEndNanos);
        Recordings.sleepMillis(5);
        lane.state(WorkerState.DONE);
        fxRun(() -> {
            view.assumeLastDrawCost(1_000_000_000L); // the frame before took a second: the next ones are skipped
            feed.finish(recorder.finish(recorder.nanosSinceOrigin()));
            view.refresh();
        });
        long lastEvent = feed.lane(0).nanos(feed.lane(0).size() - 1);
        assertTrue(liveEnd < lastEvent, "the live picture ended before the run did");
        int frames = 0;
        while (fx(view::hasPendingDraw) && frames++ < 200) {
            fxRun(view::refresh); // what the window does each frame while a draw is pending
        }
        assertEquals(0, fx(view::drawnStartNanos));
        assertTrue(fx(view::drawnEndNanos) >= lastEvent, "the last event is in the picture");
        assertEquals(feed.endNanos(), fx(view::drawnEndNanos), 1, "the whole run, up to its end");
    }

    @Test
    void thousandsOfLanesAreDrawnAsGroups() throws Exception {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        List<LaneRecorder> lanes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lanes.add(recorder.newLane("sleeper-" + (i + 1), "virtual-thread"));
        }
        for (int i = 0; i < lanes.size(); i++) {
            lanes.get(i).state(WorkerState.RUNNING);
        }
        Recordings.sleepMillis(2);
        for (int i = 0; i < lanes.size(); i++) {
            lanes.get(i).state(i % 3 == 0 ? WorkerState.SLEEPING : WorkerState.BLOCKED_ON_LOCK);
        }
        Recordings.sleepMillis(4);
        Trace trace = recorder.finish(recorder.nanosSinceOrigin());
        show(new TraceFeed(trace));
        assertEquals(3000, fx(view::laneCount));
        int perRow = fx(view::lanesPerRow);
        assertTrue(perRow > 1, "grouped: " + perRow + " lanes per row");
        double late = trace.endNanos() - 1_000_000;
        String text = fx(() -> view.tooltipTextAt(view.xForNanos(late), view.yForLane(0)));
        assertTrue(text.startsWith("lanes 1–" + perRow + ": sleeper-1 … sleeper-" + perRow), text);
        int sleeping = (perRow + 2) / 3;
        assertTrue(text.contains(sleeping + " sleeping") && text.contains((perRow - sleeping) + " blocked-on-lock"),
                text);
    }

    @Test
    void redrawsOnlyWhenSomethingChanged() throws Exception {
        Trace trace = Recordings.lockedCounter(2, 2);
        show(new TraceFeed(trace));
        int before = fx(view::drawCount);
        fxRun(() -> {
            view.refresh();
            view.refresh();
        });
        assertEquals(before, fx(view::drawCount), "a finished feed with nothing new is not drawn again");
        fxRun(() -> view.playheadNanosProperty().set(trace.endNanos() / 2.0));
        fxRun(view::refresh);
        assertEquals(before, fx(view::drawCount), "moving the playhead moves a line, the lanes stay");
        fxRun(view::zoomIn);
        assertNotEquals(before, fx(view::drawCount));
    }

    @Test
    void thePlayheadIsKeptInSightWhileFollowing() throws Exception {
        Trace trace = Recordings.lockedCounter(2, 3);
        show(new TraceFeed(trace));
        fxRun(() -> {
            view.zoomIn();
            view.zoomIn();
            view.zoomIn();
        });
        double end = trace.endNanos();
        fxRun(() -> view.playheadNanosProperty().set(end * 0.9));
        assertTrue(fx(view::visibleStartNanos) <= end * 0.9 && end * 0.9 <= fx(view::visibleEndNanos));
        fxRun(() -> view.panBy(-2000)); // the user looks elsewhere: following stops
        assertFalse(fx(() -> view.followPlayheadProperty().get()));
        double s = fx(view::visibleStartNanos);
        fxRun(() -> view.playheadNanosProperty().set(end * 0.95));
        assertEquals(s, fx(view::visibleStartNanos));
    }

    @Test
    void ctrlWheelZoomsAroundThePointerAndThePlainWheelPans() throws Exception {
        Trace trace = Recordings.lockedCounter(2, 3);
        show(new TraceFeed(trace));
        double x = fx(() -> view.xForNanos(trace.endNanos() * 0.25));
        double y = fx(() -> view.yForLane(0));
        double before = fx(view::visibleEndNanos) - fx(view::visibleStartNanos);
        fxRun(() -> javafx.event.Event.fireEvent(view, scroll(x, y, 0, 40, false, true)));
        double after = fx(view::visibleEndNanos) - fx(view::visibleStartNanos);
        assertEquals(before / 1.25, after, 1, "one notch with Ctrl zooms in by 1.25");
        assertEquals(trace.endNanos() * 0.25, fx(() -> view.nanosAt(x)), 1, "the time under the pointer stays put");
        double start = fx(view::visibleStartNanos);
        fxRun(() -> javafx.event.Event.fireEvent(view, scroll(x, y, 0, -40, false, false)));
        assertTrue(fx(view::visibleStartNanos) > start, "the wheel down moves later in the run");
        assertEquals(after, fx(view::visibleEndNanos) - fx(view::visibleStartNanos), 1, "and does not zoom");
        double later = fx(view::visibleStartNanos);
        fxRun(() -> javafx.event.Event.fireEvent(view, scroll(x, y, 30, 0, false, false)));
        assertTrue(fx(view::visibleStartNanos) < later, "a sideways scroll pans too");
        assertEquals(after, fx(view::visibleEndNanos) - fx(view::visibleStartNanos), 1, "and does not zoom either");
    }

    /** A wheel or touchpad scroll at a point of the view, as JavaFX delivers it (also for other timeline tests). */
    static javafx.scene.input.ScrollEvent scroll(double x, double y, double dx, double dy, boolean shift, boolean ctrl) {
        return new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, x, y, x, y, shift, ctrl,
                false, false, false, false, dx, dy, dx, dy, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE,
                0, javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    @Test
    void theLegendShowsTheStatesOfTheRunAndDarkSwitchesTheColours() throws Exception {
        Trace trace = Recordings.lockedCounter(3, 2);
        show(new TraceFeed(trace));
        List<String> legend = fx(() -> view.lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList());
        assertTrue(legend.containsAll(List.of("running", "sleeping")), legend::toString);
        assertFalse(legend.contains("io"), "states the run never entered are left out: " + legend);
        double x = fx(() -> view.xForNanos(trace.endNanos() * 0.5));
        double below = fx(() -> view.yForLane(2)) + 200; // below the last lane: background
        int light = fx(() -> view.pixelAt(x + 1, below));
        fxRun(() -> {
            view.darkProperty().set(true);
            view.layout();
        });
        int dark = fx(() -> view.pixelAt(x + 1, below));
        assertNotEquals(light, dark);
        assertEquals(fx(() -> view.palette().background), dark);
        assertTrue(StatePalette.luminance(dark & 0xFFFFFF) < 0.1 && StatePalette.luminance(light & 0xFFFFFF) > 0.9);
    }

    @Test
    void clickingALaneReportsIt(FxRobot robot) throws Exception {
        Trace trace = Recordings.lockedCounter(3, 1);
        show(new TraceFeed(trace));
        AtomicInteger clicked = new AtomicInteger(-1);
        fxRun(() -> view.setOnLaneClicked(clicked::set));
        assertEquals(2, fx(() -> view.laneAt(view.yForLane(2))));
        javafx.geometry.Point2D point = fx(() -> view.localToScreen(view.xForNanos(trace.endNanos() / 2.0),
                view.yForLane(2)));
        robot.clickOn(point);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, clicked.get());
        assertEquals(-1, fx(() -> view.laneAt(5)));
        fxRun(() -> view.setFeed(null));
        assertEquals(0, fx(view::laneCount));
        assertNull(fx(() -> view.tooltipTextAt(500, 200)));
    }
}

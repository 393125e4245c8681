package org.threadlab.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.TraceFeed;

/**
 * The timeline zoomed in to single events of a real race: a lost update is centred by the keys'
 * jump, drawn as an arrow between the two writes, and its steps as boxes with their values.
 */
@ExtendWith(ApplicationExtension.class)
class LostUpdateTimelineTest {
    private TimelineView view;
    private final List<Double> seeks = new ArrayList<>();

    @Start
    void start(Stage stage) {
        view = new TimelineView();
        view.onSeekProperty().set(seeks::add);
        stage.setScene(new Scene(view, 1200, 400));
        stage.sizeToScene();
        stage.show();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(work).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** A real no-lock run of shared-counter shown with its memory; null when it lost no update. */
    private MemoryHistory showRace() throws Exception {
        RunResult r = new Engine().run(RunConfig.of(LessonLibrary.standard().find("shared-counter"))
                .withVariant("no-lock").withMode(new RunMode.Threads()).withParams(Map.of("n", 20_000L)));
        TraceFeed feed = new TraceFeed(r.trace());
        MemoryHistory memory = new MemoryHistory(feed, new long[] {0});
        memory.update();
        if (memory.lostUpdates().isEmpty()) {
            return null;
        }
        fx(() -> {
            view.setFeed(feed);
            view.setMemory(memory);
            view.refresh();
            view.layout();
            view.redrawNow();
            return null;
        });
        return memory;
    }

    /** The index of a lost update whose read and writes are within 2 us (the threads ran side by side), or -1. */
    private static int tightOne(List<MemoryHistory.LostUpdate> lost) {
        for (int i = 0; i < lost.size(); i++) {
            MemoryHistory.LostUpdate u = lost.get(i);
            if (u.overwriting().nanos() - Math.min(u.readNanos(), u.overwritten().nanos()) < 2_000) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aLostUpdateIsCentredWithItsStepsAsBoxesAndAnArrowFromTheOverwrittenWrite() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            MemoryHistory memory = showRace();
            if (memory == null) {
                continue;
            }
            List<MemoryHistory.LostUpdate> lost = memory.lostUpdates();
            int index = tightOne(lost);
            if (index < 0) {
                continue; // every lost update of this run came from a thread paused a while: try another run
            }
            MemoryHistory.LostUpdate u = lost.get(index);
            seeks.clear();
            assertTrue(fx(() -> view.showLostUpdate(index)));
            fx(() -> {
                view.layout();
                view.redrawNow();
                return null;
            });
            assertEquals(List.of((double) u.overwriting().nanos()), seeks, "the replay goes to the overwriting write");
            double start = fx(view::visibleStartNanos);
            double end = fx(view::visibleEndNanos);
            assertTrue(start <= u.readNanos() && u.overwriting().nanos() <= end,
                    "the stale read and the write over the other are both in view: " + start + ".." + end + " " + u);
            assertTrue(fx(() -> view.marks().drawnArrows()).contains(u), "the lost update is drawn as an arrow");
            List<EventMarks.StepBox> boxes = fx(() -> view.marks().drawnBoxes());
            int lane = u.overwriting().lane();
            assertTrue(boxes.stream().anyMatch(b -> b.lane() == lane && b.lostAnUpdate()
                            && b.text().equals("write " + u.overwriting().value())),
                    "the overwriting write is a box marked as lost, with its value: " + boxes);
            assertTrue(boxes.stream().anyMatch(b -> b.lane() == lane && b.text().equals("read " + u.overwriting().readValue())),
                    "the stale read is a box with the value it read: " + boxes);
            assertTrue(boxes.stream().anyMatch(b -> b.lane() == u.overwritten().lane()
                            && b.text().equals("write " + u.overwritten().value())),
                    "the write that was overwritten is a box on its lane: " + boxes);
            assertTrue(boxes.stream().anyMatch(b -> b.text().startsWith("add \u2192 ")), "an add says what it made");
            return;
        }
        fail("no run of 10 lost an update with its read and writes within 2 us: the zoomed-in case was never tested");
    }

    @Test
    void theJumpGoesToTheNextAndPreviousInTheRunsOrderAndRoundsAtTheEnds() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            MemoryHistory memory = showRace();
            if (memory == null || memory.lostUpdates().size() < 2) {
                continue;
            }
            List<MemoryHistory.LostUpdate> lost = memory.lostUpdates();
            for (int i = 1; i < lost.size(); i++) {
                assertTrue(lost.get(i - 1).overwriting().nanos() <= lost.get(i).overwriting().nanos(), "in the run's order");
            }
            fx(() -> {
                view.playheadNanosProperty().set(0);
                return null;
            });
            double first = fx(() -> view.jumpToLostUpdate(true));
            assertEquals(lost.get(0).overwriting().nanos(), first, 0.0);
            fx(() -> {
                view.playheadNanosProperty().set(first);
                return null;
            });
            double second = fx(() -> view.jumpToLostUpdate(true));
            assertTrue(second >= first, "the next one is not earlier");
            assertEquals(lost.get(EventMarks.firstWithOverwritingAtOrAfter(lost, (long) first + 1)).overwriting().nanos(),
                    second, 0.0);
            assertTrue(fx(view::visibleStartNanos) <= second && second <= fx(view::visibleEndNanos), "and is in view");
            fx(() -> {
                view.playheadNanosProperty().set(first);
                return null;
            });
            assertEquals(lost.get(lost.size() - 1).overwriting().nanos(), fx(() -> view.jumpToLostUpdate(false)), 0.0,
                    "before the first comes the last");
            fx(() -> {
                view.playheadNanosProperty().set(view.data().endNanos());
                return null;
            });
            assertEquals(first, fx(() -> view.jumpToLostUpdate(true)), 0.0, "after the last, the first again");
            return;
        }
        fail("no run of 10 lost two updates: the jump was never tested");
    }

    @Test
    void theTimelineZoomsTo50NanosecondsPerPixelOrFiner() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            if (showRace() == null) {
                continue;
            }
            double x = fx(() -> view.xForNanos(view.data().endNanos() / 2.0));
            for (int i = 0; i < 60; i++) {
                fx(() -> {
                    view.zoomAt(x, 2);
                    return null;
                });
            }
            double perPixel = fx(view::nanosPerPixel);
            assertTrue(perPixel <= 50, "zoomed in as far as it goes: " + perPixel + " ns per pixel");
            return;
        }
        fail("no run of 10 lost an update");
    }

    @Test
    void zoomedInToSingleStepsTheMiddleOfTheViewIsTheMomentShownAndZoomedOutItIsNot() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            if (showRace() == null) {
                continue;
            }
            List<Double> centred = new ArrayList<>();
            fx(() -> {
                view.onCentredProperty().set(centred::add);
                view.zoomToFit();
                view.layout();
                return null;
            });
            double x = fx(() -> view.xForNanos(view.data().endNanos() / 2.0));
            double y = fx(() -> view.yForLane(0));
            fx(() -> {
                javafx.event.Event.fireEvent(view, TimelineViewTest.scroll(x, y, 0, -40, false, false));
                return null;
            });
            assertTrue(centred.isEmpty(), "a pan of the whole run moves no replay: " + centred);
            fx(() -> {
                view.showWindow(view.data().endNanos() / 2.0, view.data().endNanos() / 2.0 + 20_000);
                view.layout();
                return null;
            });
            fx(() -> {
                javafx.event.Event.fireEvent(view, TimelineViewTest.scroll(x, y, 0, -40, false, false));
                return null;
            });
            assertEquals(1, centred.size(), "a pan at single steps moves the replay");
            assertEquals((fx(view::visibleStartNanos) + fx(view::visibleEndNanos)) / 2, centred.get(0), 1.0,
                    "to the middle of the view");
            fx(() -> {
                javafx.event.Event.fireEvent(view, TimelineViewTest.scroll(x, y, 0, 40, false, true));
                return null;
            });
            assertEquals(2, centred.size(), "so does a zoom");
            fx(() -> {
                view.onCentredProperty().set(null);
                return null;
            });
            return;
        }
        fail("no run of 10 lost an update");
    }

    @Test
    void noTextOfTheTimelineIsSmallerThanTheBodyTextAtAnyScale() throws Exception {
        for (double scale : new double[] {1, 2}) {
            List<Font> fonts = fx(() -> {
                view.setTextScale(scale);
                return view.fonts();
            });
            assertFalse(fonts.isEmpty());
            for (Font f : fonts) {
                assertTrue(f.getSize() >= 14 * scale - 1e-9, "at scale " + scale + ": " + f);
            }
        }
        fx(() -> {
            view.setTextScale(1);
            return null;
        });
    }
}

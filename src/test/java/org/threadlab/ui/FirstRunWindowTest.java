package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.WarmUp;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneLog;

/** A fresh window's first run: warmed in the background without a trace of it on screen, and shown whole at its end. */
@ExtendWith(ApplicationExtension.class)
class FirstRunWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    @Test
    void theWarmUpRunsInTheBackgroundAndLeavesNothingInTheWindow() throws Exception {
        // once per JVM: in a JVM of many window tests, an earlier window's warm-up may have skipped its
        // views because that window was already running a lesson
        Windows.waitUntil(() -> WarmUp.runs() >= 1 && FirstRunWarmUp.done(), "the warm-up ran");
        WaitForAsyncUtils.waitForFxEvents(5);
        var session = window.session();
        assertNull(session.lessonProperty().get(), "no lesson opened");
        assertNull(session.feedProperty().get(), "no trace in the window");
        assertNull(session.resultProperty().get(), "no result");
        assertEquals(0, window.timeline().laneCount(), "no lanes on the timeline");
        assertEquals(0, window.timeline().drawnLaneCount());
        assertTrue(LessonLibrary.standard().loadAll().lessons().stream().noneMatch(l -> l.id().equals(WarmUp.LESSON_ID)),
                "the warm-up's lesson is ThreadLab's own, not one of the library's");
        assertEquals(WarmUp.LESSON_ID, WarmUp.lesson().id());
    }

    @Test
    void aFinishedRunIsDrawnWholeUpToItsLastEvent() throws Exception {
        Windows.open(window, "shared-counter");
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        Windows.waitUntil(() -> window.session().resultProperty().get() != null, "the run ended");
        RunResult r = window.session().resultProperty().get();
        long lastEvent = 0;
        for (var lane : r.trace().lanes()) {
            lastEvent = Math.max(lastEvent, lane.nanos(lane.size() - 1));
        }
        long last = lastEvent;
        WaitForAsyncUtils.waitForFxEvents(5); // the frame that set the result goes on to the views
        Windows.waitUntil(() -> fxGet(() -> !window.timeline().hasPendingDraw()), "the timeline drew what it has");
        double[] drawn = fxGet(() -> new double[] {window.timeline().drawnStartNanos(), window.timeline().drawnEndNanos(),
                window.timeline().drawnLaneCount()});
        assertEquals(0, drawn[0], 0.5);
        assertTrue(drawn[1] >= last, "the picture reaches the last event: " + drawn[1] + " < " + last);
        assertEquals(r.trace().endNanos(), drawn[1], 1, "and ends at the end of the run");
        assertEquals(r.lanes().size(), (int) drawn[2]);
    }

    private static <T> T fxGet(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

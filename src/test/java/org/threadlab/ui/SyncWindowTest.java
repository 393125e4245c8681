package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.trace.SyncHistory;
import org.threadlab.trace.TraceEvent;

/** The semaphores and queues tab of the real window, after real runs of the two lessons that have them. */
@ExtendWith(ApplicationExtension.class)
class SyncWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    private void open(String id) throws Exception {
        Windows.open(window, id);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        Windows.waitUntil(condition, what);
    }

    private RunResult run(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents(2);
        robot.clickOn("#run");
        waitUntil(() -> window.session().resultProperty().get() != null, "the run finished");
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    /** Shows the tab at a moment of the replay and waits for a few frames to draw it. */
    private void showAt(long nanos) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.showTab("sync");
            window.session().seek(nanos);
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS); // a few frames of the heartbeat
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    private static String name(RunResult r, int lane) {
        return r.trace().lane(lane).info().name();
    }

    /** Saves the view as a PNG for a look, and checks that it is not one flat colour. */
    private void snapshotNotBlank(String file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.syncView().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        ThreadLabApp.save(image, Path.of("target", file));
        PixelReader px = image.getPixelReader();
        int background = px.getArgb(0, 0);
        long differing = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                differing += px.getArgb(x, y) != background ? 1 : 0;
            }
        }
        assertTrue(differing > 500, "the view draws something: " + differing + " pixels differ from its background");
    }

    @Test
    void theSemaphoreShowsItsTwoHoldersAndTheWaitersInOrder(FxRobot robot) throws Exception {
        open("semaphore");
        RunResult r = run(robot);
        SyncHistory sync = window.session().sync();
        // the first moment both permits are held and someone waits
        long moment = -1;
        SyncHistory.SemaphoreState busy = null;
        for (TraceEvent e : r.trace().events()) {
            SyncHistory.SemaphoreState s = sync.semaphoreAt(0, e.nanos());
            if (s.holders().size() == 2 && !s.waiters().isEmpty()) {
                moment = e.nanos();
                busy = s;
                break;
            }
        }
        assertTrue(busy != null, "four workers for two permits: at some moment two hold and one waits");
        showAt(moment);
        String text = UiTexts.texts(robot, "#sync-semaphore-connections");
        assertTrue(text.contains("connections"), text);
        assertTrue(text.contains("2 permits · 2 in use · 0 free"), text);
        for (int lane : busy.holders()) {
            assertTrue(text.contains(name(r, lane) + "\nholds a permit"), text);
        }
        String waiters = text.substring(text.indexOf("waiting for a permit, in order:"));
        int at = 0;
        for (int lane : busy.waiters()) {
            int found = waiters.indexOf(name(r, lane), at);
            assertTrue(found > at, "waiter " + name(r, lane) + " shown in its turn: " + waiters);
            at = found;
        }
        snapshotNotBlank("sync-semaphore.png");

        showAt(r.trace().endNanos());
        text = UiTexts.texts(robot, "#sync-semaphore-connections");
        assertTrue(text.contains("0 in use · 2 free"), text);
        assertTrue(text.contains("nobody waiting for a permit"), text);
        assertTrue(text.contains("4 acquisitions  ·  at most 2 held at once"), text);
    }

    @Test
    void theQueueShowsItsValuesHeadNearestTheConsumer(FxRobot robot) throws Exception {
        open("producer-consumer");
        RunResult r = run(robot);
        SyncHistory sync = window.session().sync();
        long moment = -1;
        SyncHistory.QueueState fullest = null;
        for (TraceEvent e : r.trace().events()) {
            SyncHistory.QueueState q = sync.queueAt(0, e.nanos());
            if (fullest == null || q.contents().size() > fullest.contents().size()) {
                fullest = q;
                moment = e.nanos();
            }
        }
        assertFalse(fullest.contents().isEmpty(), "the producer put something the consumer had not taken yet");
        showAt(moment);
        String text = UiTexts.texts(robot, "#sync-queue-buffer");
        assertTrue(text.contains("capacity 2 · " + fullest.contents().size() + " on it"), text);
        String slots = UiTexts.texts(robot, "#sync-slots-buffer");
        List<SyncHistory.Item> items = fullest.contents();
        // drawn tail first, so the head is nearest the consumers; the head says it goes out next
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i >= 0; i--) {
            expected.append(i < items.size()
                    ? items.get(i).value() + "\n" + (i == 0 ? "next out" : "from producer") + "\n" : "empty\n");
        }
        assertEquals(expected.toString(), slots);
        snapshotNotBlank("sync-queue.png");

        showAt(r.trace().endNanos());
        text = UiTexts.texts(robot, "#sync-queue-buffer");
        assertTrue(text.contains("10 put  ·  10 taken"), text);
        assertTrue(text.contains("0 on it · empty"), text);
        assertTrue(text.contains("no producer blocked") && text.contains("no consumer blocked"), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "at most %d on it at once", fullest.contents().size())), text);
    }

    @Test
    void theConditionsShowTheirWaitSetsAndNotifies(FxRobot robot) throws Exception {
        open("producer-consumer");
        WaitForAsyncUtils.asyncFx(() -> window.session().variantProperty().set("wait-notify")).get(5, TimeUnit.SECONDS);
        RunResult r = run(robot);
        assertEquals("wait-notify", r.variant());
        SyncHistory sync = window.session().sync();
        assertEquals(2, sync.conditionCount());
        // a moment someone is asleep on a condition, if the run had one; the end in any case
        long moment = -1;
        SyncHistory.ConditionState asleep = null;
        for (TraceEvent e : r.trace().events()) {
            for (int c = 0; c < 2 && asleep == null; c++) {
                SyncHistory.ConditionState s = sync.conditionAt(c, e.nanos());
                if (!s.waitSet().isEmpty()) {
                    asleep = s;
                    moment = e.nanos();
                }
            }
        }
        if (asleep != null) {
            showAt(moment);
            String text = UiTexts.texts(robot, "#sync-condition-" + asleep.name());
            assertTrue(text.contains("condition of buffer-lock · " + asleep.waitSet().size() + " in the wait set"), text);
            for (int lane : asleep.waitSet()) {
                assertTrue(text.contains(name(r, lane)), text);
            }
        }
        showAt(r.trace().endNanos());
        for (String condition : List.of("not-full", "not-empty")) {
            SyncHistory.ConditionState end = sync.conditionAt(condition.equals("not-full") ? 0 : 1, r.trace().endNanos());
            String text = UiTexts.texts(robot, "#sync-condition-" + condition);
            assertTrue(text.contains("0 in the wait set"), text);
            assertTrue(text.contains("wait set empty"), text);
            assertTrue(text.contains(String.format(Locale.ROOT, "%,d waits  ·  %,d notifies  ·  %,d found nobody waiting",
                    end.waits(), end.notifies(), end.emptyNotifies())), text);
            assertTrue(end.notifies() > 0, condition + ": notify-all after every change");
        }
        snapshotNotBlank("sync-conditions.png");
    }

    @Test
    void aLessonWithoutSemaphoresOrQueuesHasNoSuchTab() throws Exception {
        open("shared-counter");
        WaitForAsyncUtils.waitForFxEvents(2);
        IllegalArgumentException e = WaitForAsyncUtils.asyncFx(() -> assertThrows(IllegalArgumentException.class,
                () -> window.showTab("sync"))).get(5, TimeUnit.SECONDS);
        assertTrue(e.getMessage().contains("no semaphore, queue or condition"), e.getMessage());
    }
}

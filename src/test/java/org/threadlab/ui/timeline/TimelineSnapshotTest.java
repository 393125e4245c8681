package org.threadlab.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;

/**
 * Pictures of the view, to look at rather than to assert on: run with
 * {@code -Dthreadlab.snapshots=/tmp/timeline} and open the PNGs written there.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "threadlab.snapshots", matches = ".+")
class TimelineSnapshotTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    private void snapshot(String name, TraceFeed feed, int w, int h, boolean dark, double playhead,
                          java.util.function.Consumer<TimelineView> setup) throws Exception {
        Path dir = Path.of(System.getProperty("threadlab.snapshots"));
        Files.createDirectories(dir);
        File file = dir.resolve(name + ".png").toFile();
        WaitForAsyncUtils.asyncFx(() -> {
            TimelineView view = new TimelineView();
            view.darkProperty().set(dark);
            stage.setScene(new Scene(view, w, h));
            stage.sizeToScene(); // the stage is shared with earlier tests, which may have resized it
            view.setFeed(feed);
            view.playheadNanosProperty().set(playhead);
            view.applyCss();
            view.layout();
            setup.accept(view);
            view.layout();
            view.redrawNow();
            WritableImage img = view.snapshot(null, null);
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file);
            return null;
        }).get();
        assertTrue(file.length() > 0);
    }

    /** Workers that go through every waiting state, each on a real thread with real sleeps. */
    static Trace everyState() throws InterruptedException {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        WorkerState[][] scripts = {
            {WorkerState.STARTING, WorkerState.RUNNING, WorkerState.BLOCKED_ON_LOCK, WorkerState.RUNNING,
                WorkerState.SLEEPING, WorkerState.RUNNING, WorkerState.DONE},
            {WorkerState.QUEUED, WorkerState.STARTING, WorkerState.RUNNING, WorkerState.WAITING_FOR_GIL,
                WorkerState.RUNNING, WorkerState.IO, WorkerState.RUNNING, WorkerState.DONE},
            {WorkerState.STARTING, WorkerState.RUNNING, WorkerState.WAITING, WorkerState.RUNNING,
                WorkerState.BLOCKED_ON_LOCK, WorkerState.RUNNING, WorkerState.WAITING_FOR_GIL, WorkerState.RUNNING,
                WorkerState.FAILED},
            {WorkerState.QUEUED, WorkerState.RUNNING, WorkerState.SLEEPING, WorkerState.RUNNING, WorkerState.IO,
                WorkerState.RUNNING, WorkerState.WAITING, WorkerState.RUNNING},
        };
        String[] names = {"main", "downloader-1", "downloader-2", "adder"};
        List<Thread> threads = new ArrayList<>();
        Random random = new Random(5);
        long[] pauses = new long[64];
        for (int i = 0; i < pauses.length; i++) {
            pauses[i] = 2 + random.nextInt(9);
        }
        for (int i = 0; i < scripts.length; i++) {
            LaneRecorder lane = recorder.newLane(names[i], i == 0 ? "main-thread" : "platform-thread");
            WorkerState[] script = scripts[i];
            int seed = i;
            threads.add(Thread.ofPlatform().name(names[i] + "-thread").start(() -> {
                lane.bindCurrentThread();
                int k = seed * 7;
                for (WorkerState s : script) {
                    lane.stepStart(k % 4);
                    lane.state(s);
                    if (s == WorkerState.RUNNING) {
                        lane.read(0, k);
                        lane.write(0, k + 1);
                    }
                    Recordings.sleepMillis(pauses[k++ % pauses.length]);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return recorder.finish(recorder.nanosSinceOrigin());
    }

    /** Many lanes in rounds: each round every lane may change state. */
    static Trace crowd(int lanes, int rounds) {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        List<LaneRecorder> ls = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            ls.add(recorder.newLane("task-" + (i + 1), "virtual-thread"));
        }
        Random random = new Random(9);
        WorkerState[] states = {WorkerState.RUNNING, WorkerState.RUNNING, WorkerState.BLOCKED_ON_LOCK,
            WorkerState.SLEEPING, WorkerState.IO, WorkerState.WAITING_FOR_GIL};
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < lanes; i++) {
                if (r == 0) {
                    ls.get(i).state(WorkerState.QUEUED);
                } else if (r == rounds - 1 - (i % 7)) {
                    ls.get(i).state(WorkerState.DONE);
                } else if (r < rounds - 1 - (i % 7) && random.nextInt(3) == 0) {
                    // lanes further down start later, so the picture has a shape
                    ls.get(i).state(r * lanes < i * 3 ? WorkerState.QUEUED : states[random.nextInt(states.length)]);
                }
            }
            LockSupport.parkNanos(300_000);
        }
        return recorder.finish(recorder.nanosSinceOrigin());
    }

    @Test
    void pictures() throws Exception {
        Trace states = everyState();
        TraceFeed feed = new TraceFeed(states);
        snapshot("every-state-light", feed, 1200, 330, false, states.endNanos() * 0.42, v -> { });
        snapshot("every-state-dark", feed, 1200, 330, true, states.endNanos() * 0.42, v -> { });
        snapshot("every-state-zoomed", feed, 1200, 330, false, states.endNanos() * 0.42, v -> {
            v.zoomIn();
            v.zoomIn();
        });

        Trace counter = new Engine().run(RunConfig.of(LessonLibrary.standard().find("shared-counter"))
                .withVariant("lock").withParams(Map.of("n", 3_000L))).trace();
        snapshot("shared-counter-lock", new TraceFeed(counter), 1200, 260, false, -1, v -> { });
        snapshot("shared-counter-lock-zoomed", new TraceFeed(counter), 1200, 260, false, -1,
                v -> v.zoomAt(v.xForNanos(counter.endNanos() * 0.5), 400));

        Trace crowd = crowd(1000, 60);
        snapshot("crowd-1000-light", new TraceFeed(crowd), 1400, 800, false, crowd.endNanos() * 0.6, v -> { });
        snapshot("crowd-1000-dark", new TraceFeed(crowd), 1400, 800, true, crowd.endNanos() * 0.6, v -> { });
        Trace some = crowd(60, 40);
        snapshot("crowd-60", new TraceFeed(some), 1400, 700, false, -1, v -> { });
        snapshot("empty", null, 900, 300, false, -1, v -> { });

        // real lessons, as a teacher would run them; a lesson being rewritten just gives no picture
        lesson("lesson-thread-pool-2", 1200, 300, RunConfig.of(LessonLibrary.standard().find("thread-pool"))
                .withMode(new org.threadlab.engine.RunMode.ThreadPool(2)));
        lesson("lesson-spin-gil", 1200, 260, RunConfig.of(new org.threadlab.lesson.LessonParser()
                .parse(Path.of("src/test/resources/test-lessons/spin.yaml")))
                .withParams(Map.of("n", 2_000_000L)).withGil(true, java.time.Duration.ofMillis(5)));
        lesson("lesson-downloads", 1200, 300, RunConfig.of(LessonLibrary.standard().find("downloads")));
        lesson("lesson-virtual-threads", 1400, 800, RunConfig.of(LessonLibrary.standard().find("virtual-threads")));
    }

    private void lesson(String name, int w, int h, RunConfig config) throws Exception {
        Trace trace;
        try {
            trace = new Engine().run(config).trace();
        } catch (RuntimeException e) {
            System.err.println(name + ": no picture, the run failed: " + e);
            return;
        }
        snapshot(name, new TraceFeed(trace), w, h, false, -1, v -> { });
    }
}

package org.threadlab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;
import org.threadlab.ui.timeline.TimelineView;

/**
 * Frame time and memory of the timeline view ({@link TimelineView}) on a large trace: by default
 * 1,000 lanes and 1,000,000 events, shown at 1920x1080 with JavaFX's software renderer on a
 * headless (Monocle) screen. Not a JMH benchmark: what counts is a whole JavaFX frame, so it drives
 * real pulses and times them.
 *
 * <p>Each scenario runs as an {@link AnimationTimer}, as the app would: every pulse it pulls the
 * feed, changes what the view must show (the run grows, or the user zooms), and calls
 * {@link TimelineView#refresh()}. Pulses run back to back ({@code javafx.animation.fullspeed}), so
 * the time between two pulses is what a frame costs: the view's own work on the FX thread plus
 * layout, the image upload and the software rendering of the scene.
 *
 * <p>Run: {@code mvn -P bench test-compile exec:exec -Dexec.args="-Xmx1g -cp %classpath
 * org.threadlab.bench.TimelineFrameBench"}; options after the class name: {@code lanes=1000
 * events=1000000 frames=120 width=1920 height=1080}.
 */
public final class TimelineFrameBench {
    private static final TraceInfo INFO = new TraceInfo("bench", "", "threads", false, List.of("counter"),
            List.of("counter-lock"), List.of(new TraceInfo.StepInfo(0, "read", "read counter -> tmp", "w", "", 1),
                    new TraceInfo.StepInfo(1, "write", "write tmp + 1 -> counter", "w", "", 2)));
    /** Kind numbers of the packed event code (the trace package's EventKind order); checked at start. */
    private static final int STATE = 0;
    private static final int STEP_START = 1;
    private static final int STEP_END = 2;
    private static final int READ = 3;
    private static final int WRITE = 4;
    private static final int ARG_BITS = 24;
    private static final long SPAN_NANOS = 2_000_000_000L;

    private int lanes = 1000;
    private int events = 1_000_000;
    private int frames = 120;
    private int width = 1920;
    private int height = 1080;

    private Stage stage;
    private TimelineView view;

    public static void main(String[] args) throws Exception {
        defaultProperty("glass.platform", "Monocle");
        defaultProperty("monocle.platform", "Headless");
        defaultProperty("prism.order", "sw");
        defaultProperty("javafx.animation.fullspeed", "true");
        TimelineFrameBench bench = new TimelineFrameBench();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            int v = Integer.parseInt(kv[1].replace("_", ""));
            switch (kv[0]) {
                case "lanes" -> bench.lanes = v;
                case "events" -> bench.events = v;
                case "frames" -> bench.frames = v;
                case "width" -> bench.width = v;
                case "height" -> bench.height = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        defaultProperty("headless.geometry", bench.width + "x" + bench.height + "-32");
        try {
            bench.run();
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private void run() throws Exception {
        checkCodes();
        System.out.printf(Locale.ROOT, "TimelineFrameBench: %,d lanes, %,d events, %dx%d, prism.order=%s, %s%n",
                lanes, events, width, height, System.getProperty("prism.order"), Runtime.version());
        long heap0 = usedHeap();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        onFx(() -> {
            stage = new Stage();
            view = new TimelineView();
            stage.setScene(new Scene(view, width, height));
            stage.show();
            return null;
        });
        heap0 = usedHeap(); // the toolkit and an empty view are not the trace's
        Trace trace = liveScenarios(heap0);
        finishedPath(trace, heap0);
    }

    /** The scenarios on a live feed; returns the run frozen, as the app would keep it. */
    private Trace liveScenarios(long heap0) throws Exception {
        TraceRecorder recorder = new TraceRecorder(INFO);
        generate(recorder, lanes, events, new Random(42));
        long recorded = usedHeap();
        // a live feed reports the recorder's clock as its end; let the clock pass the synthetic end
        long wait = SPAN_NANOS + 10_000_000 - recorder.nanosSinceOrigin();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }

        TraceFeed feed = new TraceFeed(recorder);
        onFx(feed::pull);
        long pulled = usedHeap();
        long ingest = onFx(() -> {
            long t0 = System.nanoTime();
            view.setFeed(feed);
            view.refresh();
            view.layout();
            return System.nanoTime() - t0;
        });
        long viewed = usedHeap();
        System.out.printf(Locale.ROOT, "first frame (summarise %,d events + draw): %.1f ms%n", events, ingest / 1e6);

        // warm up the JIT on every path before measuring anything
        measure("warm-up", 200, f -> {
            switch (f % 4) {
                case 0 -> view.zoomIn();
                case 1 -> view.zoomOut();
                case 2 -> {
                    for (int i = 0; i < 8; i++) {
                        view.zoomIn();
                    }
                }
                default -> view.zoomToFit();
            }
        }, feed);
        onFx(() -> {
            view.zoomToFit();
            return null;
        });
        List<String> rows = new ArrayList<>();
        rows.add(measure("live, fit (zoomed out, run grows)", frames, f -> { }, feed));
        onFx(() -> {
            view.zoomToFit();
            for (int i = 0; i < 10; i++) {
                view.zoomIn();
            }
            return null;
        });
        rows.add(measure("zoomed in 1/1024 <-> 1/2048", frames, f -> {
            if ((f & 1) == 0) {
                view.zoomIn();
            } else {
                view.zoomOut();
            }
        }, feed));
        onFx(() -> {
            view.zoomToFit();
            return null;
        });
        rows.add(measure("zoomed out 1/1 <-> 1/2", frames, f -> {
            if ((f & 1) == 0) {
                view.zoomIn();
            } else {
                view.zoomToFit();
            }
        }, feed));

        // zoomed in to single events (issue 14): 50 ns per pixel, with the lost updates the synthetic
        // reads and writes make (drawn as ticks, arrows and step boxes where the rows are lanes)
        org.threadlab.trace.MemoryHistory memory = new org.threadlab.trace.MemoryHistory(feed, new long[] {0});
        int lost = onFx(() -> {
            memory.update();
            view.setMemory(memory);
            return memory.lostUpdates().size();
        });
        System.out.printf(Locale.ROOT, "lost updates in the synthetic trace: %,d%n", lost);
        double eventSpan = 40.0 * width; // the lanes get the width less the gutter: 40 ns a window pixel is under 50 a lane pixel
        rows.add(measure("single events, <= 50 ns/px, panning", frames, f -> {
            double from = SPAN_NANOS / 2.0 + f * 50.0 * 7;
            view.showWindow(from, from + eventSpan);
        }, feed));
        rows.add(measure("lost update to lost update (N)", frames, f -> {
            double t = view.jumpToLostUpdate(true);
            view.playheadNanosProperty().set(Double.isNaN(t) ? 0 : t);
        }, feed));
        onFx(() -> {
            view.setMemory(null);
            view.playheadNanosProperty().set(-1);
            return null;
        });

        // a run that grows: every frame the lanes record their share of 1/60th of the events
        TraceRecorder live = new TraceRecorder(INFO);
        List<LaneRecorder> liveLanes = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            liveLanes.add(live.newLane("worker-" + (i + 1), "platform-thread"));
        }
        TraceFeed liveFeed = new TraceFeed(live);
        onFx(() -> {
            view.setFeed(liveFeed);
            return null;
        });
        // it records in every pulse, the warm-up's and the timed ones: the timed frames are the ones
        // that take the new events in (until 2026-12-03 it stopped after the warm-up, timing nothing new)
        Streamer streamer = new Streamer(liveLanes, events / 60);
        // with its memory, as the window has it: every frame takes the new writes, and the view its lost updates
        org.threadlab.trace.MemoryHistory liveMemory = new org.threadlab.trace.MemoryHistory(liveFeed, new long[] {0});
        onFx(() -> {
            view.setMemory(liveMemory);
            return null;
        });
        rows.add(measure("streaming " + streamer.perFrame() + " new events a frame", 60, f -> {
            streamer.frame(f);
            liveMemory.update();
        }, liveFeed));
        rows.add("  (events streamed in the timed frames: " + String.format(Locale.ROOT, "%,d", streamer.recordedAfter(WARMUP_FRAMES))
                + ")");

        System.out.println();
        System.out.println("times in ms per frame; 'frame' is pulse to pulse (wall clock), 'refresh' the wall time of");
        System.out.println("pull + refresh in the pulse, 'FX CPU' and 'render CPU' the CPU time per frame of the JavaFX");
        System.out.println("application thread (all of it: animation, layout, drawing) and of the renderer thread; 'drawn':");
        System.out.println("frames in which refresh() drew (zoom changes draw in the layout pass instead)");
        System.out.println("scenario                             | frame p50 / p95 / max | refresh p50 / p95 | FX CPU | render CPU | drawn");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.printf(Locale.ROOT, "heap held by the recorder (%,d events):             %6.1f MB%n", events,
                (recorded - heap0) / 1e6);
        System.out.printf(Locale.ROOT, "heap held by the feed (LaneLog copies):              %6.1f MB%n",
                (pulled - recorded) / 1e6);
        System.out.printf(Locale.ROOT, "heap held by the view (summaries, pixels, canvases): %6.1f MB%n",
                (viewed - pulled) / 1e6);
        System.out.printf(Locale.ROOT, "total held for the trace, live path:                 %6.1f MB%n",
                (viewed - heap0) / 1e6);

        onFx(() -> {
            view.setFeed(null);
            return null;
        });
        return recorder.finish(recorder.nanosSinceOrigin());
    }

    /** The app shows a frozen Trace once the run is over: what does that hold? */
    private void finishedPath(Trace trace, long heap0) throws Exception {
        long frozen = usedHeap();
        TraceFeed finished = new TraceFeed(trace);
        onFx(() -> {
            view.setFeed(finished);
            view.refresh();
            view.layout();
            return null;
        });
        long finishedViewed = usedHeap();
        System.out.printf(Locale.ROOT, "finished path: frozen Trace %6.1f MB, + feed and view %6.1f MB, total %6.1f MB%n",
                (frozen - heap0) / 1e6, (finishedViewed - frozen) / 1e6, (finishedViewed - heap0) / 1e6);
        if (trace.size() < 0 || finished.lanes().isEmpty()) {
            throw new AssertionError(); // keeps both reachable until measured
        }
    }

    /** Pulses run before the timed ones in every scenario. */
    private static final int WARMUP_FRAMES = 60;

    /** Runs {@code count} pulses (after a warm-up), each doing {@code step} then pull and refresh. */
    private String measure(String name, int count, IntConsumer step, TraceFeed feed) throws Exception {
        int warmup = WARMUP_FRAMES;
        int total = warmup + count;
        long[] pulseAt = new long[total + 1];
        long[] work = new long[total];
        boolean[] drew = new boolean[total];
        CompletableFuture<Void> done = new CompletableFuture<>();
        long[] cpu = new long[4];
        onFx(() -> {
            new AnimationTimer() {
                int frame;

                @Override
                public void handle(long now) {
                    long t0 = System.nanoTime();
                    pulseAt[frame] = t0;
                    if (frame == warmup) {
                        cpu[0] = cpuTime("JavaFX Application Thread");
                        cpu[1] = cpuTime("QuantumRenderer");
                    }
                    if (frame == total) {
                        cpu[2] = cpuTime("JavaFX Application Thread");
                        cpu[3] = cpuTime("QuantumRenderer");
                        stop();
                        done.complete(null);
                        return;
                    }
                    step.accept(frame);
                    feed.pull();
                    drew[frame] = view.refresh();
                    work[frame] = System.nanoTime() - t0;
                    frame++;
                }
            }.start();
            return null;
        });
        done.get(10, TimeUnit.MINUTES);
        long[] pulses = new long[count];
        long[] works = new long[count];
        int drawn = 0;
        for (int i = 0; i < count; i++) {
            pulses[i] = pulseAt[warmup + i + 1] - pulseAt[warmup + i];
            works[i] = work[warmup + i];
            drawn += drew[warmup + i] ? 1 : 0;
        }
        Arrays.sort(pulses);
        Arrays.sort(works);
        return String.format(Locale.ROOT, "%-36s | %5.1f / %5.1f / %5.1f | %5.1f / %5.1f | %5.1f | %5.1f | %d/%d",
                name, ms(pct(pulses, 50)), ms(pct(pulses, 95)), ms(pulses[count - 1]), ms(pct(works, 50)),
                ms(pct(works, 95)), ms((cpu[2] - cpu[0]) / count), ms((cpu[3] - cpu[1]) / count), drawn, count);
    }

    /** CPU time of the first live thread whose name starts with {@code prefix}. */
    private static long cpuTime(String prefix) {
        var threads = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                return threads.getThreadCpuTime(t.threadId());
            }
        }
        return 0;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(5, TimeUnit.MINUTES);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int code(int kind, int arg) {
        return (kind << ARG_BITS) | arg;
    }

    /** Fails fast if the packed event codes this benchmark writes no longer decode as intended. */
    private static void checkCodes() {
        TraceRecorder r = new TraceRecorder(INFO);
        LaneRecorder lane = r.newLane("check", "platform-thread");
        lane.recordAt(1, code(STATE, WorkerState.BLOCKED_ON_LOCK.ordinal()), 0, null);
        lane.recordAt(2, code(STEP_START, 1), 0, null);
        lane.recordAt(3, code(READ, 0), 7, null);
        lane.recordAt(4, code(WRITE, 0), 8, null);
        lane.recordAt(5, code(STEP_END, 1), 8, null);
        Trace t = r.finish(6);
        List<TraceEvent> expected = List.of(new TraceEvent.StateChanged(0, 1, WorkerState.BLOCKED_ON_LOCK),
                new TraceEvent.StepStarted(0, 2, 1), new TraceEvent.SharedRead(0, 3, 0, 7),
                new TraceEvent.SharedWritten(0, 4, 0, 8), new TraceEvent.StepEnded(0, 5, 1, 8));
        if (!t.events().equals(expected)) {
            throw new IllegalStateException("event codes changed: " + t.events());
        }
    }

    /**
     * A plausible run: each lane loops over run, step start, read or write, step end, then waits
     * (blocked, GIL, sleep, I/O) a random while; five events a loop, two of them state changes.
     */
    private static void generate(TraceRecorder recorder, int lanes, int events, Random random) {
        int perLane = events / lanes;
        WorkerState[] waits = {WorkerState.BLOCKED_ON_LOCK, WorkerState.WAITING_FOR_GIL, WorkerState.SLEEPING,
            WorkerState.IO};
        for (int l = 0; l < lanes; l++) {
            LaneRecorder lane = recorder.newLane("worker-" + (l + 1), "platform-thread");
            int loops = perLane / 5;
            double mean = (SPAN_NANOS * 0.9) / Math.max(1, loops);
            long t = (long) (random.nextDouble() * SPAN_NANOS * 0.05);
            for (int k = 0; k < loops; k++) {
                long run = 1 + (long) (-Math.log(1 - random.nextDouble()) * mean * 0.5);
                long wait = 1 + (long) (-Math.log(1 - random.nextDouble()) * mean * 0.5);
                lane.recordAt(t, code(STATE, WorkerState.RUNNING.ordinal()), 0, null);
                lane.recordAt(t + run / 4, code(STEP_START, k & 1), 0, null);
                lane.recordAt(t + run / 2, code((k & 1) == 0 ? READ : WRITE, 0), k, null);
                lane.recordAt(t + run * 3 / 4, code(STEP_END, k & 1), k, null);
                lane.recordAt(t + run, code(STATE, waits[random.nextInt(waits.length)].ordinal()), 0, null);
                t += run + wait;
            }
            int rest = perLane - loops * 5;
            for (int k = 0; k < rest; k++) {
                lane.recordAt(t, code(STATE, k == rest - 1 ? WorkerState.DONE.ordinal() : WorkerState.RUNNING.ordinal()),
                        0, null);
                t += 1000;
            }
        }
    }

    /** Records, each frame, the next slice of every lane's events, timed as if the run were live. */
    private static final class Streamer {
        private final List<LaneRecorder> lanes;
        private final int perFrame;
        private final long origin = System.nanoTime();
        private final Random random = new Random(7);
        private final WorkerState[] waits = {WorkerState.BLOCKED_ON_LOCK, WorkerState.WAITING_FOR_GIL,
            WorkerState.SLEEPING, WorkerState.IO};
        private final long[] clock;
        /** Events each lane has recorded: which of the five-event cycle (run, step start, read or write, step end, wait) is next. */
        private final long[] count;
        /** Events recorded by the end of each frame. */
        private final List<Long> recordedBy = new ArrayList<>();
        private long recorded;

        /** Each frame, the lanes record {@code perFrame} events between them. */
        Streamer(List<LaneRecorder> lanes, int perFrame) {
            this.lanes = lanes;
            this.perFrame = perFrame;
            this.clock = new long[lanes.size()];
            this.count = new long[lanes.size()];
        }

        int perFrame() {
            return perFrame;
        }

        /** Events recorded in frames {@code frame} and later. */
        long recordedAfter(int frame) {
            return recorded - (frame == 0 ? 0 : recordedBy.get(frame - 1));
        }

        void frame(int frame) {
            long now = System.nanoTime() - origin;
            int base = perFrame / lanes.size();
            int extra = perFrame % lanes.size();
            for (int l = 0; l < lanes.size(); l++) {
                LaneRecorder lane = lanes.get(l);
                int n = base + (l < extra ? 1 : 0);
                long t = Math.max(clock[l], now - 16_000_000);
                long step = 16_000_000 / (n + 1);
                for (int k = 0; k < n; k++) {
                    long cycle = count[l] / 5; // reads and writes by turns, as generate(): the writes lose updates
                    int code = switch ((int) (count[l]++ % 5)) {
                        case 0 -> code(STATE, WorkerState.RUNNING.ordinal());
                        case 1 -> code(STEP_START, 0);
                        case 2 -> code((cycle & 1) == 0 ? READ : WRITE, 0);
                        case 3 -> code(STEP_END, 0);
                        default -> code(STATE, waits[random.nextInt(waits.length)].ordinal());
                    };
                    t += step;
                    lane.recordAt(t, code, k, null);
                }
                clock[l] = t;
            }
            recorded += perFrame;
            recordedBy.add(recorded);
        }
    }
}

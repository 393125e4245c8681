package org.threadlab.ui.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.threadlab.engine.Engine;
import org.threadlab.engine.Run;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.LockHistory;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.SyncHistory;
import org.threadlab.trace.ProcessCopies;
import org.threadlab.trace.TraceFeed;

/**
 * The current run and its replay, as JavaFX properties the views bind to. The engine runs on its
 * own threads; this class is used on the FX thread only, and {@link #frame(long)} is its one
 * heartbeat: the window's AnimationTimer calls it once per frame to pull new trace events, notice
 * the end of the run, and move the playhead.
 */
public final class RunSession {
    /** Slowest replay: one hundredth of real time. */
    public static final double MIN_SPEED = 0.01;

    private final Engine engine = new Engine();
    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>(this, "lesson");
    private final StringProperty variant = new SimpleStringProperty(this, "variant", "");
    private final StringProperty mode = new SimpleStringProperty(this, "mode", "threads");
    private final IntegerProperty workers = new SimpleIntegerProperty(this, "workers", 2);
    private final IntegerProperty poolSize = new SimpleIntegerProperty(this, "poolSize", 2);
    private final BooleanProperty gil = new SimpleBooleanProperty(this, "gil", false);
    private final DoubleProperty switchIntervalMillis = new SimpleDoubleProperty(this, "switchIntervalMillis", 5);

    private final ReadOnlyObjectWrapper<TraceFeed> feed = new ReadOnlyObjectWrapper<>(this, "feed");
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper endNanos = new ReadOnlyDoubleWrapper(this, "endNanos", 0);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 0.1);

    private final Map<String, RunResult> lastSequential = new HashMap<>();
    /** Per lesson and variant: the wall time of the last completed run in each mode (and GIL setting). */
    private final Map<String, Map<String, Long>> wallTimes = new HashMap<>();
    private Run run;
    private MemoryHistory memory;
    private ProcessCopies copies;
    private LockHistory locks;
    private SyncHistory sync;
    private boolean following;
    private long lastFrame = -1;

    public RunSession() {
        lesson.addListener((o, old, l) -> {
            if (l != null) {
                variant.set(l.defaultVariant());
                mode.set(l.run().mode());
                workers.set(l.run().workers());
                poolSize.set(l.run().poolSize());
                gil.set(false);
            }
        });
    }

    /** Starts a run with the current settings. A refusal (e.g. too many workers) goes to {@link #messageProperty()}. */
    public void start() {
        Lesson l = lesson.get();
        if (l == null || running.get()) {
            return;
        }
        try {
            RunMode m = RunMode.of(mode.get(), poolSize.get());
            RunConfig config = RunConfig.of(l).withVariant(variant.get()).withMode(m).withWorkers(workers.get())
                    .withGil(gil.get() && m.allowsGil(),
                            Duration.ofNanos(Math.round(switchIntervalMillis.get() * 1_000_000)));
            run = engine.start(config);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        TraceFeed f = new TraceFeed(run.recorder());
        long[] initial = initialValues(l.resolve(variant.get()));
        memory = new MemoryHistory(f, initial);
        copies = new ProcessCopies(f, initial);
        locks = new LockHistory(f);
        sync = new SyncHistory(f, run.synchronizers());
        result.set(null);
        feed.set(f);
        message.set((gil.get() && RunMode.of(mode.get(), 1).allowsGil() ? "Running with a simulated CPython GIL" : "Running")
                + " on real threads...");
        running.set(true);
        playing.set(false);
        following = true;
        playhead.set(0);
        endNanos.set(0);
        revision.set(revision.get() + 1);
    }

    private static long[] initialValues(Lesson resolved) {
        return resolved.shared().variables().values().stream().mapToLong(Long::longValue).toArray();
    }

    /** Asks the run to stop; it ends within about a second, and its trace stays for replay. */
    public void stop() {
        if (run != null && running.get()) {
            run.cancel();
        }
    }

    /** A child process of the running run, as the kill control lists it. */
    public record LiveProcess(int lane, String worker, long pid) {}

    /**
     * The lanes of the running run that a child process runs now (started, not ended), for the
     * kill control; empty in the thread modes and when nothing runs.
     */
    public java.util.List<LiveProcess> liveProcesses() {
        java.util.List<LiveProcess> out = new java.util.ArrayList<>();
        TraceFeed f = feed.get();
        if (f == null || !running.get() || !run.mode().usesProcesses()) {
            return out;
        }
        for (LaneLog lane : f.lanes()) {
            var info = lane.info();
            if (!info.inChildProcess() || info.pid() == ProcessHandle.current().pid()) {
                continue; // not bound to a child yet (queued in a pool)
            }
            org.threadlab.trace.WorkerState last = null;
            for (int i = lane.size() - 1; i >= 0 && last == null; i--) {
                if (lane.isState(i)) {
                    last = lane.state(i);
                }
            }
            if (last != null && !last.isFinal() && last != org.threadlab.trace.WorkerState.QUEUED) {
                out.add(new LiveProcess(info.index(), info.name(), info.pid()));
            }
        }
        return out;
    }

    /**
     * Kills the child process running lane {@code lane} with SIGKILL (see {@link Run#kill}).
     * Returns whether a child got the signal; the message says what happened.
     */
    public boolean kill(int lane) {
        if (run == null || !running.get()) {
            return false;
        }
        boolean killed = run.kill(lane);
        TraceFeed f = feed.get();
        String who = f == null || lane >= f.lanes().size() ? "lane " + lane : f.lane(lane).info().name()
                + " (pid " + f.lane(lane).info().pid() + ")";
        message.set(killed ? "Sent SIGKILL to " + who + "; the other workers go on"
                : who + " is not running in a child process now: nothing to kill");
        return killed;
    }

    /** The child processes' own copies of the shared variables (process modes), or null before the first run. */
    public ProcessCopies copies() {
        return copies;
    }

    /** The heartbeat: pull new events, finish the run when it ended, advance the replay. */
    public void frame(long nowNanos) {
        long elapsed = lastFrame < 0 ? 0 : nowNanos - lastFrame;
        lastFrame = nowNanos;
        if (running.get()) {
            TraceFeed f = feed.get();
            boolean changed = f.pull();
            if (run.isDone()) {
                finishRun(run.result().join());
            } else if (changed) {
                memory.update();
                copies.update();
                locks.update();
                sync.update();
                revision.set(revision.get() + 1);
            }
            endNanos.set(f.endNanos());
            if (following) {
                playhead.set(endNanos.get());
            }
        }
        if (playing.get()) {
            double next = playhead.get() + elapsed * speed.get();
            if (next >= endNanos.get()) {
                next = endNanos.get();
                playing.set(false);
            }
            playhead.set(next);
        }
    }

    private void finishRun(RunResult r) {
        TraceFeed f = feed.get();
        f.finish(r.trace());
        memory.reset();
        copies.reset();
        locks.reset();
        sync.reset();
        running.set(false);
        endNanos.set(r.trace().endNanos());
        playhead.set(endNanos.get());
        following = false;
        if (r.status() == RunStatus.COMPLETED) {
            wallTimes.computeIfAbsent(key(r.lesson(), r.variant()), k -> new java.util.LinkedHashMap<>())
                    .put(r.mode() + (r.gil() ? " + GIL" : ""), r.wallNanos());
        }
        if (r.mode().equals("sequential") && r.status() == RunStatus.COMPLETED) {
            lastSequential.put(key(r.lesson(), r.variant()), r);
        }
        result.set(r);
        message.set(switch (r.status()) {
            case COMPLETED -> "Finished in " + String.format(java.util.Locale.ROOT, "%.1f", r.wallNanos() / 1e6) + " ms";
            case CANCELLED -> "Stopped";
            case TIMED_OUT -> "Stopped: the run took longer than its time limit";
            case FAILED -> "A worker failed: " + String.join("; ", r.messages());
            case DEADLOCKED -> "Stopped: " + String.join("; ", r.messages());
        });
        revision.set(revision.get() + 1);
    }

    private static String key(String lessonId, String variantName) {
        return lessonId + "/" + variantName;
    }

    /** The last completed sequential run of the same lesson and variant, for the speed-up; or null. */
    public RunResult lastSequential(RunResult r) {
        return r == null ? null : lastSequential.get(key(r.lesson(), r.variant()));
    }

    /**
     * The wall time of the last completed run of each mode (a GIL run apart, as "threads + GIL")
     * of the same lesson and variant as {@code r}, in the order they were first run.
     */
    public Map<String, Long> wallTimes(RunResult r) {
        return r == null ? Map.of() : java.util.Collections.unmodifiableMap(
                wallTimes.getOrDefault(key(r.lesson(), r.variant()), new java.util.LinkedHashMap<>()));
    }

    /** Plays the recorded run from the playhead (from the start if it is at the end). */
    public void togglePlay() {
        if (feed.get() == null || running.get()) {
            return;
        }
        if (!playing.get() && playhead.get() >= endNanos.get()) {
            playhead.set(0);
        }
        playing.set(!playing.get());
    }

    public void rewind() {
        following = false;
        playing.set(false);
        playhead.set(0);
    }

    /** Moves the playhead to the next recorded event of any worker. */
    public void stepForward() {
        TraceFeed f = feed.get();
        if (f == null) {
            return;
        }
        following = false;
        playing.set(false);
        long now = (long) playhead.get();
        long next = Long.MAX_VALUE;
        for (LaneLog lane : f.lanes()) {
            int i = lane.lastAtOrBefore(now) + 1;
            if (i < lane.size()) {
                next = Math.min(next, lane.nanos(i));
            }
        }
        if (next != Long.MAX_VALUE) {
            playhead.set(next);
        }
    }

    /** Moves the playhead as a scrubber does (stops following a live run). */
    public void seek(double nanos) {
        following = false;
        playhead.set(Math.max(0, Math.min(nanos, endNanos.get())));
    }

    public MemoryHistory memory() {
        return memory;
    }

    /** The run's semaphores and queues through time, or null before the first run. */
    public SyncHistory sync() {
        return sync;
    }

    public LockHistory locks() {
        return locks;
    }

    public ObjectProperty<Lesson> lessonProperty() {
        return lesson;
    }

    public StringProperty variantProperty() {
        return variant;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public IntegerProperty workersProperty() {
        return workers;
    }

    public IntegerProperty poolSizeProperty() {
        return poolSize;
    }

    public BooleanProperty gilProperty() {
        return gil;
    }

    public DoubleProperty switchIntervalMillisProperty() {
        return switchIntervalMillis;
    }

    public ReadOnlyObjectProperty<TraceFeed> feedProperty() {
        return feed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty endNanosProperty() {
        return endNanos.getReadOnlyProperty();
    }

    /** Goes up whenever the trace data changed (new events, a finished run). */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public DoubleProperty playheadProperty() {
        return playhead;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Replay speed as a fraction of real time, from {@link #MIN_SPEED} to 1. */
    public DoubleProperty speedProperty() {
        return speed;
    }
}

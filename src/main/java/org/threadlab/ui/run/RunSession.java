package org.threadlab.ui.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFileException;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.LockHistory;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.SyncHistory;
import org.threadlab.trace.ProcessCopies;
import org.threadlab.trace.TraceFeed;

/**
 * The current run and its replay, as JavaFX properties the views bind to. The engine runs on its
 * own threads, and a run is started on the session's own starter thread (compiling the lesson and
 * creating thousands of lanes takes a while); this class is otherwise used on the FX thread only,
 * and {@link #frame(long)} is its one heartbeat: the window's AnimationTimer calls it once per
 * frame to take over a run that has started, pull new trace events, notice the end of the run, and
 * move the playhead.
 *
 * <p>Replay works during a live run too: the playhead follows the live end until the learner
 * pauses, steps or seeks; playing again replays from there and follows the live end once it
 * catches up.
 */
public final class RunSession {
    /** The most trace events one frame copies from a live run (see {@link TraceFeed#pull(int)}). */
    static final int FRAME_EVENT_BUDGET = 100_000;

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
    /** Values for the lesson's params, by name; empty for the lesson's own. */
    private final ObjectProperty<Map<String, Long>> params = new SimpleObjectProperty<>(this, "params", Map.of());
    /** The run's time limit, or null for the lesson's own. */
    private final ObjectProperty<Duration> timeout = new SimpleObjectProperty<>(this, "timeout");

    private final ReadOnlyObjectWrapper<TraceFeed> feed = new ReadOnlyObjectWrapper<>(this, "feed");
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(this, "starting", false);
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following", false);
    private final ReadOnlyDoubleWrapper endNanos = new ReadOnlyDoubleWrapper(this, "endNanos", 0);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 0.1);

    /** The run file whose run is on screen, replayed; null when the run on screen ran here (or there is none). */
    private final ReadOnlyObjectWrapper<Recording> recorded = new ReadOnlyObjectWrapper<>(this, "recorded");
    /** How the run on screen ran (its pool size included), for saving it; null before the first run. */
    private RunMode shownMode;

    /** Per lesson, variant, workers and params: the last completed sequential run, the baseline of a speed-up. */
    private final Map<String, RunResult> lastSequential = new HashMap<>();
    /** Per lesson, variant, workers and params: the wall time of the last completed run in each mode (and GIL setting). */
    private final Map<String, Map<String, RunResult>> wallTimes = new HashMap<>();
    /** Starts runs off the FX thread, one at a time; shut down by {@link #close()}. */
    private final ExecutorService starter = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon(true).name("threadlab-run-start").unstarted(r));
    /** A start the starter thread finished (a run, or the reason there is none), for the next frame to take over. */
    private final AtomicReference<Started> started = new AtomicReference<>();
    private volatile String startThreadName;
    private int startGeneration;
    private AtomicBoolean cancelStart = new AtomicBoolean();
    private volatile boolean closed;
    private Run run;
    /** A run cancelled because another lesson or variant opened, until the next start has waited for its end. */
    private Run windingDown;
    private MemoryHistory memory;
    private ProcessCopies copies;
    private LockHistory locks;
    private SyncHistory sync;
    private long lastFrame = -1;
    /** The mode to go back to when the sequential run {@link #runSequentialToCompare()} started ends; or null. */
    private String modeAfterSequential;
    /** The GIL switch to go back to with {@link #modeAfterSequential}. */
    private boolean gilAfterSequential;
    /** The worker lanes the status line last counted, and whether the run on screen has the GIL. */
    private int messageLanes = -1;
    private boolean runGil;

    /** What the starter thread hands to the FX thread: a run, or the refusal that stopped it. */
    private record Started(int generation, RunConfig config, Run run, Throwable refusal) {}

    public RunSession() {
        lesson.addListener((o, old, l) -> startOver(l));
        // another variant is another program: its listing is not the one the run on screen ran
        variant.addListener((o, old, v) -> clearRun());
    }

    /**
     * Opens a lesson: it starts as new, with no run and its own defaults, even when it is the lesson
     * already open (a {@code Lesson} is a record: a copy loaded again is equal and would change nothing).
     */
    public void open(Lesson l) {
        if (java.util.Objects.equals(lesson.get(), l)) {
            startOver(l);
        } else {
            lesson.set(l);
        }
    }

    /** Another lesson, or the same one opened again: nothing of the last run stays on screen, the lesson's defaults. */
    private void startOver(Lesson l) {
        clearRun();
        if (l != null) {
            variant.set(l.defaultVariant());
            mode.set(l.run().mode());
            workers.set(l.run().workers());
            poolSize.set(l.run().poolSize());
            gil.set(false);
            params.set(Map.of());
            timeout.set(null);
        }
    }

    /**
     * Forgets the run on screen: a run still starting or running is cancelled and its end ignored,
     * the feed, result and replay go back to "no run yet", and the message goes. Called when the
     * lesson or the variant changes, so that every view shows the lesson as it is now.
     */
    public void clearRun() {
        startGeneration++; // a start still on the starter thread is cancelled when it arrives
        cancelStart.set(true);
        Started waiting = started.getAndSet(null);
        if (waiting != null && waiting.run() != null) {
            waiting.run().cancel(); // started, but not yet taken over: nobody will take it over now
        }
        if (run != null && !run.isDone()) {
            run.cancel();
            windingDown = run; // the next start waits for it: two runs would share the cores and the picture
        }
        backFromSequential(); // the comparison run is over: back to the mode (and GIL) the learner chose
        run = null;
        memory = null;
        copies = null;
        locks = null;
        sync = null;
        running.set(false);
        starting.set(false);
        following.set(false);
        playing.set(false);
        result.set(null);
        playhead.set(0);
        endNanos.set(0);
        feed.set(null);
        recorded.set(null);
        shownMode = null;
        message.set("");
        revision.set(revision.get() + 1);
    }

    /**
     * Starts a run with the current settings on the starter thread and returns at once: the session
     * is running (and {@link #startingProperty() starting}) until a frame takes over the started run.
     * A refusal (e.g. too many workers) goes to {@link #messageProperty()}.
     */
    public void start() {
        Lesson l = lesson.get();
        if (l == null || running.get() || closed) {
            return;
        }
        RunConfig config;
        try {
            RunMode m = RunMode.of(mode.get(), poolSize.get());
            config = RunConfig.of(l).withVariant(variant.get()).withMode(m).withWorkers(workers.get())
                    .withGil(gil.get() && m.allowsGil(),
                            Duration.ofNanos(Math.round(switchIntervalMillis.get() * 1_000_000)))
                    .withParams(params.get()).withTimeout(timeout.get());
            engine.check(config); // the cheap checks here, so that a refusal comes at once
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        recorded.set(null); // a run of this machine replaces the replayed one
        int generation = ++startGeneration;
        AtomicBoolean cancel = new AtomicBoolean();
        cancelStart = cancel;
        started.set(null);
        run = null;
        running.set(true);
        starting.set(true);
        message.set("Starting\u2026");
        Run previous = windingDown;
        windingDown = null;
        starter.execute(() -> {
            startThreadName = Thread.currentThread().getName();
            try {
                if (previous != null) {
                    awaitEnd(previous); // a cancelled run of the lesson or variant before ends within about a second
                }
                Run r = engine.start(config);
                started.set(new Started(generation, config, r, null));
                // checked after the hand-over too, so a Stop or a close at any moment of the start is seen
                if (cancel.get() || closed) {
                    r.cancel(); // Stop was pressed, or the window closed, while the run was being set up
                    awaitEnd(r); // this one thread starts the next run only once this one is over: never two at once
                }
            } catch (RuntimeException | Error e) {
                // e.g. no room for thousands of threads: the learner reads why, the session stops starting
                started.set(new Started(generation, config, null, e));
            }
        });
    }

    private static void awaitEnd(Run previous) {
        try {
            previous.result().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // it ended badly or late: it was cancelled, and the new run goes ahead
        }
    }

    /** Takes over a run the starter thread started: called by the frame that finds it. */
    private void adopt(Started s) {
        if (s.generation() != startGeneration || closed) {
            if (s.run() != null) {
                s.run().cancel(); // a start nobody waits for any more
            }
            return;
        }
        if (s.refusal() != null) {
            // the message and the end of running first: whoever watches starting end reads both
            running.set(false);
            backFromSequential(); // the comparison run is over: back to the mode (and GIL) the learner chose
            message.set(s.refusal().getMessage() != null ? s.refusal().getMessage() : s.refusal().toString());
            starting.set(false);
            return;
        }
        starting.set(false);
        run = s.run();
        shownMode = run.mode();
        if (cancelStart.get()) {
            run.cancel();
        }
        TraceFeed f = new TraceFeed(run.recorder());
        long[] initial = initialValues(s.config().lesson().resolve(s.config().variant()));
        memory = new MemoryHistory(f, initial);
        copies = new ProcessCopies(f, initial);
        locks = new LockHistory(f);
        sync = new SyncHistory(f, run.synchronizers());
        result.set(null);
        feed.set(f);
        runGil = s.config().gil();
        messageLanes = -1;
        message.set(cancelStart.get() ? "Stopping\u2026" : "Running\u2026"); // the frame names the mode and counts the workers
        following.set(true);
        playing.set(true); // following the live end is playing: the button offers pause
        playhead.set(0);
        endNanos.set(0);
        revision.set(revision.get() + 1);
    }

    /** The lanes of a run that are its workers: every lane but the main thread's. */
    private static int workerLanes(TraceFeed f) {
        int n = 0;
        for (LaneLog lane : f.lanes()) {
            if (!"main-thread".equals(lane.info().kind())) {
                n++;
            }
        }
        return n;
    }

    /** The name of the thread that last called the engine's start: never the FX thread. For tests. */
    public String startThreadName() {
        return startThreadName;
    }

    private static long[] initialValues(Lesson resolved) {
        return resolved.shared().variables().values().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Asks the run to stop; it ends within about a second, and its trace stays for replay. While the
     * run is still starting, it is cancelled as soon as it exists.
     */
    public void stop() {
        if (starting.get()) {
            cancelStart.set(true);
            message.set("Stopping\u2026");
        } else if (run != null && running.get()) {
            run.cancel();
        }
    }

    /** Stops the run and the starter thread: the session starts no more runs. */
    public void close() {
        stop();
        closed = true;
        starter.shutdown();
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
        if (f == null || !running.get() || run == null || !run.mode().usesProcesses()) {
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
        if (run == null || !running.get() || starting.get()) {
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

    /** The heartbeat: take over a started run, pull new events, finish the run when it ended, advance the replay. */
    public void frame(long nowNanos) {
        long elapsed = lastFrame < 0 ? 0 : nowNanos - lastFrame;
        lastFrame = nowNanos;
        Started s = started.getAndSet(null);
        if (s != null) {
            adopt(s);
        }
        if (running.get() && run != null) {
            TraceFeed f = feed.get();
            // a bounded helping per frame: a run that recorded more than a frame can digest (the first
            // frame in a fresh window) shows its lanes at once and catches up over the next frames
            boolean changed = f.pull(FRAME_EVENT_BUDGET);
            if (run.isDone()) {
                finishRun(run.result().join());
                return;
            } else if (changed) {
                memory.update();
                copies.update();
                locks.update();
                sync.update();
                revision.set(revision.get() + 1);
            }
            int lanes = workerLanes(f);
            boolean sequential = run.mode() instanceof RunMode.Sequential; // its workers run on the main thread's lane
            if ((lanes > 0 || sequential) && lanes != messageLanes && !cancelStart.get() && message.get().startsWith("Running")) {
                messageLanes = lanes; // the status line counts the workers that really run
                message.set(ModeText.running(run.mode(), lanes, runGil));
            }
            endNanos.set(f.endNanos());
            if (following.get()) {
                playhead.set(endNanos.get());
            }
        }
        if (playing.get() && !following.get()) {
            double next = playhead.get() + elapsed * speed.get();
            if (next >= endNanos.get()) {
                next = endNanos.get();
                if (running.get() && run != null) {
                    following.set(true); // caught up with the live run: follow its end again
                } else {
                    playing.set(false);
                }
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
        if (following.get()) {
            playhead.set(endNanos.get());
            playing.set(false);
        } else {
            playhead.set(Math.min(playhead.get(), endNanos.get())); // paused or replaying: stay there
        }
        following.set(false);
        if (r.status() == RunStatus.COMPLETED) {
            wallTimes.computeIfAbsent(key(r), k -> new java.util.LinkedHashMap<>())
                    .put(r.mode() + (r.gil() ? " + GIL" : ""), withoutTrace(r));
        }
        if (r.mode().equals("sequential") && r.status() == RunStatus.COMPLETED) {
            lastSequential.put(key(r), r);
        }
        backFromSequential(); // the comparison run is over: back to the mode (and GIL) the learner chose
        message.set(switch (r.status()) {
            case COMPLETED -> "Finished in " + String.format(java.util.Locale.ROOT, "%.1f", r.wallNanos() / 1e6) + " ms "
                    + ModeText.where(r) + (r.gil() ? " with a simulated CPython GIL" : ""); // as the result's headline
            case CANCELLED -> "Stopped";
            case TIMED_OUT -> "Stopped: the run took longer than its time limit";
            case FAILED -> "A worker failed: " + String.join("; ", r.messages());
            case DEADLOCKED -> "Stopped: " + String.join("; ", r.messages());
        });
        result.set(r); // after the message: a listener of the result reads it
        revision.set(revision.get() + 1);
    }

    private boolean isReplayed(RunResult r) {
        return r != null && recorded.get() != null && recorded.get().result() == r;
    }

    /**
     * Shows a recorded run as if it had just ended here, running nothing: opens its lesson as
     * recorded, sets the variant, mode, workers, pool size, GIL and params it ran with, and adopts
     * its finished result as the end of a live run is adopted, so that every view replays it from
     * its trace. {@link #recordedProperty()} says it is a replay until the next run or lesson.
     */
    public void showRecorded(Recording rec) {
        RunResult r = rec.result();
        Lesson l = rec.lesson();
        open(l);
        // its file is inside the run file: a run of it made here saves the text the run file holds
        replayedLesson = l;
        replayedLessonText = rec.lessonText();
        variant.set(r.variant());
        mode.set(r.mode());
        workers.set(r.workers());
        if (rec.poolSize() > 0) {
            poolSize.set(rec.poolSize());
        }
        gil.set(r.gil());
        if (r.gil()) {
            switchIntervalMillis.set(r.gilSwitchNanos() / 1e6);
        }
        Map<String, Long> own = new java.util.LinkedHashMap<>(r.params());
        own.remove("workers"); // the workers spinner holds that one
        params.set(Map.copyOf(own));
        clearRun(); // whatever the settings above set off
        TraceFeed f = new TraceFeed(r.trace());
        Lesson resolved = l.resolve(r.variant());
        long[] initial = initialValues(resolved);
        memory = new MemoryHistory(f, initial);
        copies = new ProcessCopies(f, initial);
        locks = new LockHistory(f);
        org.threadlab.trace.Synchronizers declared;
        try {
            declared = org.threadlab.engine.program.CompiledLesson.of(l, r.variant(), r.workers(), own).synchronizers();
        } catch (IllegalArgumentException e) {
            declared = org.threadlab.trace.Synchronizers.NONE; // compiling reads the lesson only; it runs nothing
        }
        sync = new SyncHistory(f, declared);
        memory.update();
        copies.update();
        locks.update();
        sync.update();
        shownMode = rec.poolSize() > 0 ? RunMode.of(r.mode(), rec.poolSize()) : RunMode.of(r.mode(), 1);
        recorded.set(rec);
        running.set(false);
        following.set(false);
        playing.set(false);
        endNanos.set(r.trace().endNanos());
        playhead.set(endNanos.get()); // as a finished run: the end, from where Home and play replay it
        runGil = r.gil();
        feed.set(f);
        message.set("Replaying a run recorded on " + rec.machine().describe() + " at " + rec.recordedWhen()
                + ": nothing is running");
        result.set(r);
        revision.set(revision.get() + 1);
    }

    /** The recorded run on screen, or null when the run on screen (if any) ran here. */
    public ReadOnlyObjectProperty<Recording> recordedProperty() {
        return recorded.getReadOnlyProperty();
    }

    /**
     * The finished run on screen, ready to save: a replayed one as it was recorded, else this run
     * with the lesson's text (read now, and refused if the file changed since the lesson was opened).
     *
     * @throws RunFileException when there is no finished run or the lesson file has changed
     */
    /** The lesson a run file brought, and its text as the file holds it (its source is no file of its own). */
    private Lesson replayedLesson;
    private String replayedLessonText;

    public Recording recordingToSave() throws RunFileException {
        if (recorded.get() != null) {
            return recorded.get();
        }
        RunResult r = result.get();
        Lesson l = lesson.get();
        if (r == null || l == null || shownMode == null || r.trace() == null || running.get()) {
            throw new RunFileException(java.nio.file.Path.of(l == null ? "run" : l.id()),
                    "there is no finished run to save; run the lesson first");
        }
        String text = l == replayedLesson ? replayedLessonText : Recording.lessonText(l);
        return Recording.of(l, text, shownMode, r);
    }

    /** Puts a sentence on the status line (what a save or an open did). */
    public void tell(String text) {
        message.set(text);
    }

    /** Only like with like compares: the same lesson, variant, number of workers and params (the work's size). */
    private static String key(RunResult r) {
        return r.lesson() + "/" + r.variant() + "/" + r.workers() + "/" + new java.util.TreeMap<>(r.params());
    }

    /**
     * The last completed sequential run of the same lesson, variant, workers and params, for the
     * speed-up; or null.
     */
    public RunResult lastSequential(RunResult r) {
        if (isReplayed(r)) {
            return null; // a run recorded on another machine, or another day: no speed-up against a run of this one
        }
        return r == null ? null : lastSequential.get(key(r));
    }

    /**
     * The last completed run of each mode (a GIL run apart, as "threads + GIL") of the same lesson,
     * variant, workers and params as {@code r}, in the order they were first run; without their
     * traces (only the figures are kept).
     */
    public Map<String, RunResult> comparableRuns(RunResult r) {
        return r == null || isReplayed(r) ? Map.of() : java.util.Collections.unmodifiableMap(
                wallTimes.getOrDefault(key(r), new java.util.LinkedHashMap<>()));
    }

    /** A result's figures without its trace, which can be big (thousands of lanes) and is not needed to compare. */
    private static RunResult withoutTrace(RunResult r) {
        return new RunResult(r.lesson(), r.variant(), r.mode(), r.gil(), r.gilSwitchNanos(), r.workers(), r.params(),
                r.status(), r.messages(), r.wallNanos(), r.shared(), r.grade(), r.outcomeText(), r.lanes(), null,
                r.processes(), r.deadlock());
    }

    /**
     * Runs the open lesson once sequentially, with the same variant, workers and params, so that the
     * runs in other modes have a speed-up to show; when it ends the mode goes back to the one chosen
     * before. Does nothing while a run goes on or when the lesson does not run sequentially.
     */
    public void runSequentialToCompare() {
        Lesson l = lesson.get();
        if (l == null || running.get() || closed || !l.run().modes().contains("sequential")
                || mode.get().equals("sequential")) {
            return;
        }
        String back = mode.get();
        boolean gilBack = gil.get();
        mode.set("sequential"); // the run bar turns the GIL switch off for it
        start();
        modeAfterSequential = back;
        gilAfterSequential = gilBack;
        if (!running.get()) {
            backFromSequential(); // refused: the message says why, and nothing changed
        }
    }

    /** After a comparison run (or its refusal, or its cancelling): the mode and GIL switch the learner had chosen. */
    private void backFromSequential() {
        if (modeAfterSequential != null) {
            mode.set(modeAfterSequential);
            gil.set(gilAfterSequential);
            modeAfterSequential = null;
        }
    }

    /**
     * Pauses, or plays from the playhead (a finished run from the start if the playhead is at its
     * end). Pausing a live run freezes the playhead while the run goes on; playing again replays
     * from there and follows the live end once it catches up.
     */
    public void togglePlay() {
        if (feed.get() == null) {
            return;
        }
        if (playing.get()) {
            playing.set(false);
            following.set(false);
            return;
        }
        if (!running.get() && playhead.get() >= endNanos.get()) {
            playhead.set(0);
        }
        playing.set(true);
    }

    public void rewind() {
        following.set(false);
        playing.set(false);
        playhead.set(0);
    }

    /** Moves the playhead to the next recorded event of any worker. */
    public void stepForward() {
        TraceFeed f = feed.get();
        if (f == null) {
            return;
        }
        following.set(false);
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

    /** Moves the playhead as a scrubber does; a live run the playhead followed is paused there. */
    public void seek(double nanos) {
        if (following.get()) {
            following.set(false);
            playing.set(false);
        }
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

    /** True from {@link #start()} until the started run is taken over (or refused); running is true meanwhile. */
    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    /** True while the playhead follows the live end of a running run. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /** Values for the lesson's params by name, as {@code --param} gives them; empty for the lesson's own. */
    public ObjectProperty<Map<String, Long>> paramsProperty() {
        return params;
    }

    /** The run's time limit; null for the lesson's own. */
    public ObjectProperty<Duration> timeoutProperty() {
        return timeout;
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

package org.threadlab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.threadlab.engine.live.DownloadServer;
import org.threadlab.engine.live.Downloads;
import org.threadlab.engine.live.LiveWorker;
import org.threadlab.engine.live.RunContext;
import org.threadlab.engine.live.WorkerPriority;
import org.threadlab.engine.process.ProcessProtocol;
import org.threadlab.engine.process.ProcessWorkers;
import org.threadlab.engine.process.SharedSegment;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.program.Task;
import org.threadlab.engine.sync.DeadlockCycle;
import org.threadlab.engine.sync.StuckWatch;
import org.threadlab.engine.sync.WaitGraph;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Outcome;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.LaneInfo;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;

/**
 * One run in progress. Its own platform thread, named {@code main}, plays the program's main
 * thread: it runs the lesson's {@code main} steps, starts the workers in the run's mode, joins them,
 * and builds the {@link RunResult}. Any thread may {@link #cancel()} it; views may read
 * {@link #recorder()} while it runs.
 */
public final class Run {
    /** How long stopped workers get to wind down before the run ends without them. */
    private static final Duration STOP_GRACE = Duration.ofMillis(900);

    private final Lesson lesson;
    private final RunMode mode;
    private final int workers;
    private final Map<String, Long> params;
    private final RunConfig config;
    private final Duration timeout;
    private final RunContext ctx;
    private final TraceRecorder recorder;
    private final List<Task> tasks;
    /** The main thread's before, during and after programs; empty when the lesson has no main. */
    private final List<Program> main;
    private final DownloadServer server;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished;
    private final LaneRecorder mainLane;
    private final List<LaneRecorder> lanes = new ArrayList<>();
    private volatile RunStatus stopReason;
    /** The circle of lock waits the stuck watch found, by name; {@link DeadlockCycle#NONE} if none. */
    private volatile DeadlockCycle deadlock = DeadlockCycle.NONE;
    /** What the stuck watch found when no circle of locks explains it, in a sentence; null if not that. */
    private volatile String stuck;
    private volatile ExecutorService pool;
    /** The child processes in the process modes, else null. */
    private final ProcessWorkers processes;
    private final String childMarker;
    /** The memory the processes of a process-mode run share (deleted when the run ends), or null. */
    private final SharedSegment segment;
    private Thread runThread;
    /** Set by the run thread when main starts the workers (after its 'before' steps). */
    private volatile boolean launched;
    private static final AtomicInteger RUNS = new AtomicInteger();

    Run(Lesson lesson, RunMode mode, int workers, Map<String, Long> params, RunConfig config, Duration timeout,
        RunContext ctx, TraceRecorder recorder, List<Task> tasks, List<Program> main, DownloadServer server,
        ProcessProtocol.Job job, SharedSegment segment) {
        this.segment = segment;
        this.lesson = lesson;
        this.mode = mode;
        this.workers = workers;
        this.params = params;
        this.config = config;
        this.timeout = timeout;
        this.ctx = ctx;
        this.recorder = recorder;
        this.tasks = tasks;
        this.main = main;
        this.server = server;
        this.finished = new CountDownLatch(tasks.size());
        this.mainLane = main.isEmpty() ? null : recorder.newLane("main", "main-thread");
        String kind = switch (mode) {
            case RunMode.Sequential s -> "main-thread";
            case RunMode.Threads t -> "platform-thread";
            case RunMode.VirtualThreads v -> "virtual-thread";
            case RunMode.ThreadPool p -> "pool-thread";
            case RunMode.Processes p -> LaneInfo.PROCESS;
            case RunMode.ProcessPool p -> LaneInfo.POOL_PROCESS;
        };
        for (Task t : tasks) {
            lanes.add(recorder.newLane(t.name(), kind));
        }
        this.childMarker = "threadlab-child-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        this.processes = mode.usesProcesses() ? new ProcessWorkers(mode instanceof RunMode.ProcessPool p ? p.size() : 0, tasks, lanes, ctx, finished, job,
                lesson.shared().variableNames(), childMarker) : null;
    }

    void start() {
        int workerThreads = switch (mode) {
            case RunMode.Sequential s -> 1;
            case RunMode.ThreadPool p -> p.size();
            case RunMode.ProcessPool p -> p.size();
            default -> Integer.MAX_VALUE;
        };
        ctx.waitGraph().threads(workerThreads, mainLane == null ? -1 : mainLane.index());
        runThread = WorkerPriority.platformThread().name("main").daemon(true).unstarted(() -> {
            // Started from the lesson's main thread, not the caller's: the JDK makes the carrier threads of
            // virtual threads, which then run this run's virtual workers too, at the priority of the thread
            // that first needs them, and a lesson's work runs at WorkerPriority's.
            Thread.ofVirtual().name("threadlab-watchdog").start(this::watchdog);
            // only a lock, a condition, a semaphore or a queue can keep a worker waiting for ever
            if (ctx.locks().length > 0 || ctx.conditionLocks().length > 0 || ctx.semaphores().length > 0
                    || ctx.queues().length > 0) {
                Thread.ofVirtual().name("threadlab-stuck-watch").start(this::watchStuck);
            }
            body();
        });
        runThread.start();
    }

    /** The lesson's semaphores and queues, and which one each of their steps uses (for the trace's views). */
    public org.threadlab.trace.Synchronizers synchronizers() {
        List<Program> programs = new ArrayList<>(main);
        tasks.forEach(t -> programs.add(t.program()));
        return CompiledLesson.synchronizers(lesson, programs);
    }

    /** The live recorder: lanes and events so far. */
    public TraceRecorder recorder() {
        return recorder;
    }

    public RunMode mode() {
        return mode;
    }

    /** Asks every worker to stop; the run ends within about a second. Safe to call at any time. */
    public void cancel() {
        stop(RunStatus.CANCELLED);
    }

    /**
     * Kills the child process that runs lane {@code lane} with SIGKILL, as {@code kill -9} would:
     * its lane ends {@code killed} with the exit status, and the other workers go on. Only the
     * process modes have something to kill; a thread can only be asked to stop.
     *
     * @return true if a child was running that lane and got the signal; false if the lane is not
     *         running in a child process now (a thread mode, queued, or already ended)
     */
    public boolean kill(int lane) {
        return processes != null && processes.kill(lane);
    }

    /**
     * A string that every child JVM of this run carries on its command line
     * ({@code -Dthreadlab.child=MARKER}), so that a tool or a test can find them:
     * {@code threadlab-child-PARENTPID-N}.
     */
    public String childMarker() {
        return childMarker;
    }

    public boolean isDone() {
        return result.isDone();
    }

    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("run failed", e.getCause());
        }
    }

    /** The result, or null if the run has not ended within {@code wait}. */
    public RunResult await(Duration wait) throws InterruptedException {
        try {
            return result.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("run failed", e.getCause());
        }
    }

    public CompletableFuture<RunResult> result() {
        return result;
    }

    private void stop(RunStatus reason) {
        synchronized (this) {
            if (stopReason != null || result.isDone()) {
                return;
            }
            stopReason = reason;
        }
        ctx.stop();
        if (processes != null) {
            processes.stop();
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        if (runThread != null) {
            runThread.interrupt(); // the run thread stops the pool, if there is one
        }
    }

    private void watchdog() {
        try {
            if (!result.isDone()) {
                result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            stop(RunStatus.TIMED_OUT);
        } catch (InterruptedException | ExecutionException e) {
            // the run ended some other way
        }
    }

    /**
     * Watches the run for the moment no worker can move again ({@link StuckWatch}); then stops it,
     * which interrupts the workers out of their waits and ends the child processes.
     */
    private void watchStuck() {
        StuckWatch.Threads threads = switch (mode) {
            case RunMode.Sequential s -> StuckWatch.Threads.ONE;
            case RunMode.ThreadPool p -> StuckWatch.Threads.POOL;
            case RunMode.ProcessPool p -> StuckWatch.Threads.PROCESS_POOL;
            default -> StuckWatch.Threads.ONE_EACH;
        };
        StuckWatch watch = new StuckWatch(ctx.waitGraph(), new StuckWatch.Synchronizers(ctx.locks(), ctx.semaphores(), ctx.queues(),
                ctx.conditionLocks()), lesson.shared(), threads, this::laneName, this::laneOfPid, this::eventsSoFar,
                this::couldFree);
        try {
            StuckWatch.Found found = watch.watch(result);
            if (found != null) {
                deadlock = found.cycle();
                stuck = found.stuck();
                stop(RunStatus.DEADLOCKED);
            }
        } catch (InterruptedException e) {
            // the run ended some other way
        }
    }

    /** The other side of lock {@code lock}'s read-write lock, or -1 (a plain lock, or the simulated GIL). */
    private int otherSide(int lock) {
        return lesson.shared().otherSide(lock);
    }

    /** Whether the worker of lane {@code lane} has a step that could free a waiter on {@code kind} number {@code index}. */
    private boolean couldFree(int lane, WaitGraph.Kind kind, int index) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).index() != lane) {
                continue;
            }
            for (Op op : tasks.get(i).program().ops()) {
                boolean frees = switch (kind) {
                    case TAKE -> op instanceof Op.Put p && p.queue() == index;
                    case PUT -> op instanceof Op.Take t && t.queue() == index;
                    case PERMIT -> op instanceof Op.Release r && r.semaphore() == index;
                    case CONDITION -> op instanceof Op.Notify n && n.condition() == index;
                    // a read-write lock's side is freed by an unlock of either side
                    case LOCK -> op instanceof Op.Unlock u && (u.lock() == index || u.lock() == otherSide(index));
                    case NONE -> false;
                };
                if (frees) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lane that the process with this pid runs now: the main lane for this process, -1 if none. */
    private int laneOfPid(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return mainLane == null ? -1 : mainLane.index();
        }
        return processes == null ? -1 : processes.laneOfPid(pid);
    }

    /** Events recorded so far in every lane (a child's arrive as it streams them). */
    private long eventsSoFar() {
        long n = mainLane == null ? 0 : mainLane.size();
        for (LaneRecorder lane : lanes) {
            n += lane.size();
        }
        return n;
    }

    private String laneName(int index) {
        if (mainLane != null && index == mainLane.index()) {
            return mainLane.name();
        }
        return lanes.stream().filter(l -> l.index() == index).map(LaneRecorder::name).findFirst().orElse("lane " + index);
    }

    private void body() {
        List<String> messages = new ArrayList<>();
        try {
            LiveWorker mainWorker = mainLane == null ? null : new LiveWorker(ctx, mainLane);
            WorkerState mainEnd = WorkerState.DONE;
            try {
                if (mainWorker != null) {
                    long[] locals = main.get(0).newLocals(1);
                    mainWorker.begin();
                    mainWorker.execute(main.get(0), locals);
                    // starting threads or processes, main is back at once; running them itself (sequential), it is not
                    mainWorker.await(WorkerState.WAITING, this::launchWorkers, !(mode instanceof RunMode.Sequential));
                    mainWorker.execute(main.get(1), locals);
                    mainWorker.await(WorkerState.WAITING, this::joinWorkers, false);
                    mainWorker.execute(main.get(2), locals);
                } else {
                    launchWorkers();
                    joinWorkers();
                }
            } catch (LiveWorker.Stopped | InterruptedException e) {
                mainEnd = WorkerState.CANCELLED;
            } catch (Downloads.DownloadFailed e) {
                ctx.fail("main: " + e.getMessage());
                mainEnd = WorkerState.FAILED;
            } finally {
                if (mainWorker != null) {
                    mainWorker.end(mainEnd);
                }
                if (!launched) { // main stopped in its 'before' steps: the workers were never started
                    for (LaneRecorder lane : lanes) {
                        lane.state(WorkerState.CANCELLED);
                        ctx.waitGraph().ended(lane.index());
                        finished.countDown();
                    }
                }
            }
            if (!waitForWorkers()) {
                messages.add(finished.getCount() + " workers did not stop within " + STOP_GRACE.toMillis() + " ms");
            }
            if (processes != null) {
                processes.close(STOP_GRACE); // no child outlives its run
            }
            long end = recorder.nanosSinceOrigin();
            result.complete(buildResult(end, messages));
        } catch (Throwable t) {
            result.completeExceptionally(t);
        } finally {
            cancelQueued();
            if (server != null) {
                server.close();
            }
            if (segment != null) {
                segment.delete();
            }
        }
    }

    /** After a stop, workers get a short grace period; returns whether they all ended. */
    private boolean waitForWorkers() {
        try {
            if (stopReason == null) {
                finished.await();
                return true;
            }
            return finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            try {
                return finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException again) {
                return false;
            }
        }
    }

    /**
     * Starts the workers in the run's mode. In sequential mode that means running them all, one
     * after another, on this thread.
     */
    private void launchWorkers() {
        launched = true;
        ctx.waitGraph().launched();
        switch (mode) {
            case RunMode.Sequential s -> {
                for (LaneRecorder lane : lanes) {
                    lane.state(WorkerState.QUEUED);
                }
                for (int i = 0; i < tasks.size(); i++) {
                    if (ctx.stopping()) {
                        lanes.get(i).state(WorkerState.CANCELLED);
                        finished.countDown();
                        continue;
                    }
                    runTask(i);
                }
            }
            case RunMode.Threads t -> startAll(WorkerPriority.platformThread().daemon(true));
            case RunMode.VirtualThreads v -> startAll(Thread.ofVirtual());
            case RunMode.ThreadPool p -> submitAll(p.size());
            case RunMode.Processes p -> processes.start();
            case RunMode.ProcessPool p -> processes.start();
        }
    }

    /** Waits until every worker has ended. */
    private void joinWorkers() throws InterruptedException {
        try {
            finished.await();
        } catch (InterruptedException e) {
            cancelQueued();
            throw e;
        }
    }

    private void runTask(int i) {
        Task t = tasks.get(i);
        try {
            new LiveWorker(ctx, lanes.get(i)).runWhole(t.program(), t.copy());
        } finally {
            finished.countDown();
        }
    }

    private void startAll(Thread.Builder builder) {
        List<Thread> created = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            int index = i;
            created.add(builder.name(tasks.get(i).name()).unstarted(() -> runTask(index)));
        }
        threads.addAll(created);
        for (int i = 0; i < created.size(); i++) {
            if (ctx.stopping()) {
                break;
            }
            // from start() to the worker's first step, as for a child process: the start-up cost
            // of a thread, which the start-cost lesson compares with a process's
            lanes.get(i).state(WorkerState.STARTING);
            created.get(i).start();
        }
        if (ctx.stopping()) {
            for (int i = 0; i < created.size(); i++) {
                if (created.get(i).getState() == Thread.State.NEW) {
                    lanes.get(i).state(WorkerState.CANCELLED);
                    finished.countDown();
                }
            }
        }
    }

    /** A pool task that remembers its lane, so one that never ran can still be ended. */
    private record PoolTask(int index, Run owner) implements Runnable {
        @Override
        public void run() {
            owner.runTask(index);
        }
    }

    private void submitAll(int size) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> WorkerPriority.platformThread().daemon(true)
                .name("pool-thread-" + counter.incrementAndGet()).unstarted(r);
        ExecutorService p = Executors.newFixedThreadPool(size, factory);
        pool = p;
        for (LaneRecorder lane : lanes) {
            lane.state(WorkerState.QUEUED);
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (ctx.stopping()) {
                lanes.get(i).state(WorkerState.CANCELLED);
                finished.countDown();
            } else {
                p.execute(new PoolTask(i, this));
            }
        }
        p.shutdown(); // lets the pool threads end once the queue is empty
    }

    /** Stops the pool; tasks still in its queue never ran, so they are ended here. */
    private void cancelQueued() {
        ExecutorService p = pool;
        if (p == null) {
            return;
        }
        for (Runnable never : p.shutdownNow()) {
            if (never instanceof PoolTask task) {
                lanes.get(task.index()).state(WorkerState.CANCELLED);
                finished.countDown();
            }
        }
    }

    private RunResult buildResult(long end, List<String> messages) {
        Trace trace = recorder.finish(end);
        List<String> failures = ctx.failures();
        messages.addAll(0, failures);
        RunStatus status = stopReason != null ? stopReason : failures.isEmpty() ? RunStatus.COMPLETED : RunStatus.FAILED;
        if (status == RunStatus.TIMED_OUT) {
            messages.add(0, "stopped after the time limit of " + timeout.toMillis() / 1000.0 + " s");
        } else if (status == RunStatus.CANCELLED) {
            messages.add(0, "cancelled");
        } else if (status == RunStatus.DEADLOCKED) {
            messages.add(0, (stuck != null ? stuck : "deadlock: " + deadlock.describe()) + "; the run was stopped");
        }
        messages.addAll(ctx.notes()); // e.g. a spin that never saw its flag, and why
        Map<String, Long> shared = new java.util.LinkedHashMap<>();
        long[] values = ctx.memory().snapshot();
        List<String> names = lesson.shared().variableNames();
        for (int i = 0; i < names.size(); i++) {
            shared.put(names.get(i), values[i]);
        }
        Grade grade = Grade.NOT_GRADED;
        String text = "not graded: the run " + status.label();
        if (status == RunStatus.COMPLETED) {
            grade = Grade.UNEXPECTED;
            text = "no outcome of the lesson matches this final state";
            Map<String, Long> finalState = new java.util.HashMap<>(params);
            finalState.putAll(shared);
            Outcome o = lesson.outcomeFor(finalState).orElse(null);
            if (o != null) {
                grade = o.grade();
                text = o.text();
            }
        }
        List<RunResult.LaneSummary> summaries = new ArrayList<>();
        for (LaneEvents lane : trace.lanes()) {
            var info = lane.info();
            summaries.add(new RunResult.LaneSummary(info.name(), info.kind(), info.pid(), info.threadName(),
                    info.threadId(), lane.cpuNanos(), lane.stateNanos(end), lane.lastState()));
        }
        return new RunResult(lesson.id(), lesson.defaultVariant(), mode.name(), config.gil(),
                config.gil() ? config.switchInterval().toNanos() : 0, workers,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params)), status,
                List.copyOf(messages), end, shared, grade, text, summaries, trace,
                processes == null ? List.of() : processes.summaries(shared, lesson.shared().processShared()),
                status == RunStatus.DEADLOCKED ? deadlock : DeadlockCycle.NONE);
    }
}

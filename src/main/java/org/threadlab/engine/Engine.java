package org.threadlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.threadlab.engine.live.DownloadServer;
import org.threadlab.engine.live.Downloads;
import org.threadlab.engine.live.LiveWorker;
import org.threadlab.engine.live.RunContext;
import org.threadlab.engine.live.SharedMemory;
import org.threadlab.engine.live.SimulatedGil;
import org.threadlab.engine.process.Plan;
import org.threadlab.engine.process.ProcessProtocol;
import org.threadlab.engine.process.SharedSegment;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.program.Task;
import org.threadlab.engine.sync.StepLock;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Limits;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.TraceRecorder;

/** Starts runs. Holds no state between runs: each {@link Run} owns its memory, locks and threads. */
public final class Engine {

    /**
     * Checks the configuration and starts the run in the background.
     *
     * @throws IllegalArgumentException with a sentence for the learner if the run cannot start
     *                                  (unknown variant, mode not allowed, too many workers, ...)
     */
    public Run start(RunConfig config) {
        Map<String, Long> params = check(config);
        // Once per JVM, before the run's clock starts: otherwise the first worker's `starting` would
        // show the JDK setting up its CPU clock (5 to 15 ms), not what starting a thread costs.
        LiveWorker.prepare();
        Lesson lesson = config.lesson().resolve(config.variant());
        RunMode mode = config.mode() != null ? config.mode() : RunMode.of(lesson.run().mode(), lesson.run().poolSize());
        int workers = config.workers() != null ? config.workers() : lesson.run().workers();
        Duration timeout = config.timeout() != null ? config.timeout() : lesson.run().timeout();
        return launch(CompiledLesson.compile(lesson, workers, params), config, mode, timeout);
    }

    /**
     * The checks {@link #start} makes before it compiles or starts anything, cheap enough for a
     * window to make on its own thread before it starts the run on another; returns the params the
     * run would have.
     *
     * @throws IllegalArgumentException with a sentence for the learner if the run cannot start
     */
    public Map<String, Long> check(RunConfig config) {
        Lesson lesson = config.lesson().resolve(config.variant());
        RunMode mode = config.mode() != null ? config.mode() : RunMode.of(lesson.run().mode(), lesson.run().poolSize());
        if (!lesson.run().modes().contains(mode.name())) {
            throw new IllegalArgumentException("lesson '" + lesson.id() + "' does not run in mode '" + mode.name()
                    + "'; its modes: " + String.join(", ", lesson.run().modes()));
        }
        if (config.gil() && !mode.allowsGil()) {
            throw new IllegalArgumentException("the simulated GIL applies to thread modes only, not to '"
                    + mode.name() + "'");
        }
        if (config.switchInterval().isNegative() || config.switchInterval().isZero()
                || config.switchInterval().compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("the GIL switch interval must be between 1 ms and 10 s");
        }
        // Semaphores, thread-only queues and conditions in a process mode need no check here: the
        // lesson checker refuses any lesson (and variant) that lists a process mode and uses them.
        int workers = config.workers() != null ? config.workers() : lesson.run().workers();
        return CompiledLesson.params(lesson, workers, config.params());
    }

    /** Starts a run and waits for its result. */
    public RunResult run(RunConfig config) throws InterruptedException {
        return start(config).await();
    }

    private Run launch(CompiledLesson compiled, RunConfig config, RunMode mode, Duration timeout) {
        Lesson lesson = compiled.lesson();
        List<Task> tasks = compiled.lanes().stream()
                .map(l -> new Task(l.name(), l.program(), l.copy())).toList();
        List<Program> main = compiled.main();
        boolean downloads = compiled.downloads();
        if (downloads) {
            checkSockets(tasks.size());
        }
        checkChildProcesses(mode, tasks.size());
        List<String> locks = new ArrayList<>(lesson.shared().locks());
        if (config.gil()) {
            locks.add(TraceInfo.GIL_LOCK_NAME);
        }
        TraceInfo info = new TraceInfo(lesson.id(), lesson.defaultVariant(), mode.name(), config.gil(),
                lesson.shared().variableNames(), locks, compiled.steps(), lesson.shared().processShared());
        long[] initial = compiled.initialValues();
        SimulatedGil gil = config.gil() ? new SimulatedGil(config.switchInterval().toNanos()) : null;
        DownloadServer server = null;
        try {
            if (downloads) {
                server = new DownloadServer();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback download server: " + e.getMessage(), e);
        }
        SharedSegment segment = null;
        if (mode.usesProcesses() && !lesson.shared().processShared().isEmpty()) {
            try {
                segment = SharedSegment.create(lesson.shared());
            } catch (IOException e) {
                if (server != null) {
                    server.close();
                }
                throw new UncheckedIOException("cannot create the memory the processes share: " + e.getMessage(), e);
            }
        }
        int laneCount = tasks.size() + (main.isEmpty() ? 0 : 1);
        RunContext ctx = segment == null
                ? new RunContext(new SharedMemory(initial), StepLock.forThreads(lesson.shared()), null, gil,
                        config.gil() ? locks.size() - 1 : -1, server == null ? -1 : server.port(), laneCount)
                : new RunContext(segment.memory(initial), segment.locks(), segment.queues(), gil,
                        config.gil() ? locks.size() - 1 : -1, server == null ? -1 : server.port(), laneCount);
        ctx.synchronizers(compiled.initialPermits(), compiled.queueCapacities());
        ctx.conditions(compiled.conditionLocks());
        TraceRecorder recorder = new TraceRecorder(info, config.recording());
        ProcessProtocol.Job job = null;
        if (mode.usesProcesses()) {
            job = new ProcessProtocol.Job(recorder.origin(), config.recording(), lesson.id(), lesson.defaultVariant(),
                    lesson.shared(), new Plan(tasks, main, compiled.steps(), downloads),
                    config.gil() ? config.switchInterval().toNanos() : 0, ctx.downloadPort(),
                    segment == null ? "" : segment.file().toString());
        }
        Run run = new Run(lesson, mode, compiled.workers(), compiled.params(), config, timeout, ctx, recorder, tasks,
                main, server, job, segment);
        run.start();
        return run;
    }

    /** Refuses, with a reason, a run that would start more child JVMs at once than allowed. */
    private static void checkChildProcesses(RunMode mode, int tasks) {
        int max = Limits.MAX_CHILD_PROCESSES;
        if (mode instanceof RunMode.Processes && tasks > max) {
            throw new IllegalArgumentException("mode 'processes' starts one child JVM per worker, so this run would"
                    + " start " + tasks + " processes at once; ThreadLab runs at most " + max + " child processes"
                    + " at a time (each is a whole JVM with its own memory); run at most " + max
                    + " workers, or use process-pool");
        }
        if (mode instanceof RunMode.ProcessPool pool && pool.size() > max) {
            throw new IllegalArgumentException("a process pool of " + pool.size() + " would start " + pool.size()
                    + " child JVMs at once; ThreadLab runs at most " + max + " child processes at a time;"
                    + " use a pool of at most " + max);
        }
    }

    /** Refuses, with a reason, a run whose downloads would need more sockets than the process may open. */
    private static void checkSockets(int downloaders) {
        long max = Downloads.maxOpenFiles();
        long open = Downloads.openFiles();
        if (max < 0 || open < 0) {
            return;
        }
        long needed = 2L * downloaders + 64; // two sockets per download, plus the server and some slack
        if (open + needed > max) {
            throw new IllegalArgumentException("this run would hold about " + 2L * downloaders
                    + " sockets at once (two per download: the client's and the loopback server's), but this"
                    + " process may open at most " + max + " files (ulimit -n) and already has " + open
                    + " open; run fewer workers or raise the limit");
        }
    }
}

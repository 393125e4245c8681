package org.threadlab.engine.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.threadlab.engine.live.DownloadServer;

/**
 * Runs a lesson's Python listing for real on the learner's interpreter.
 *
 * <p>Each run gets a fresh temporary folder (its working folder, deleted afterwards) with the
 * listing written in it as {@code NAME.py}, exactly the code the lesson shows. The interpreter runs
 * as the user, with the user's environment, and is given the counts at the task's scale
 * ({@code --NAME VALUE}), the {@code --mode} asked for, and, for a listing that downloads,
 * {@code --server http://127.0.0.1:PORT} of a {@link DownloadServer} started for this run alone and
 * closed after it. Standard input is closed. Every line printed on standard output and standard
 * error goes to the {@link PythonListener} as it is read, on the runner's threads.
 *
 * <p><b>The listing itself runs unchanged.</b> What the interpreter is actually given is a short
 * start-up program ({@code python -u -c BOOTSTRAP cpu-file NAME.py OPTIONS...}) that sets
 * {@code sys.argv} and {@code sys.path[0]} as {@code python NAME.py OPTIONS...} would, runs the file
 * with {@code runpy.run_path(..., run_name="__main__")}, so {@code multiprocessing} children (fork,
 * spawn or forkserver) import it as they would the real script, and at the interpreter's exit writes
 * {@code os.times()} to a file. A traceback of an uncaught exception is printed from the listing's
 * own frames down, as Python would print it for the file run directly.
 *
 * <p><b>Measured.</b> Wall time runs from starting the interpreter to its exit (start-up included).
 * CPU time is user plus system time of the interpreter and of its child processes: the
 * interpreter's own from {@code os.times()} at exit, its children's the larger of what
 * {@code os.times()} counts (children it waited for, as {@code multiprocessing} does at exit) and
 * what the system reported for each descendant, sampled every {@value #SAMPLE_MILLIS} ms while the
 * run lasts (children nobody waited for: a forkserver's, killed ones). A run that was killed, or
 * that left with {@code os._exit}, has the sampled figures only.
 *
 * <p><b>Stopped whole.</b> At the task's timeout or at {@link PythonJob#stop()}, the interpreter's
 * descendants and then the interpreter are killed, in rounds until none is left. Processes the
 * listing left running after its interpreter ended are killed too, after a second's grace (on Linux
 * found by an environment variable every process of the run inherits), so a run leaves no orphan behind.
 */
public final class PythonRunner {
    /** The most output lines a result keeps (the last ones); the listener sees them all. */
    public static final int KEPT_LINES = 2_000;
    static final long SAMPLE_MILLIS = 250;
    private static final long POLL_MILLIS = 50;
    /** How long processes that outlive the interpreter may take to end by themselves before they are killed. */
    static final Duration LEFTOVER_GRACE = Duration.ofSeconds(1);
    private static final String CPU_FILE = ".threadlab-cpu-times";

    /**
     * The start-up program given with {@code -c}. No double quotes: Windows command lines mangle them.
     * Names are kept out of the listing's globals, which {@code run_path} makes fresh.
     */
    static final String BOOTSTRAP = String.join("\n",
            "import os, sys, runpy, atexit",
            "_cpu_file, _path = sys.argv[1], sys.argv[2]",
            "sys.argv = [_path] + sys.argv[3:]",
            "sys.path[0] = os.path.dirname(os.path.abspath(_path))",
            "_main_pid = os.getpid()",
            "def _write_cpu_times():",
            "    if os.getpid() != _main_pid:",
            "        return",
            "    try:",
            "        t = os.times()",
            "        with open(_cpu_file, 'w') as f:",
            "            f.write('%r %r %r %r' % (t[0], t[1], t[2], t[3]))",
            "    except Exception:",
            "        pass",
            "atexit.register(_write_cpu_times)",
            "try:",
            "    runpy.run_path(_path, run_name='__main__')",
            "except SystemExit:",
            "    raise",
            "except BaseException as e:",
            "    import traceback",
            "    tb = e.__traceback__",
            "    while tb is not None and tb.tb_frame.f_code.co_filename != _path:",
            "        tb = tb.tb_next",
            "    traceback.print_exception(type(e), e, tb)",
            "    sys.exit(130 if isinstance(e, KeyboardInterrupt) else 1)",
            "");

    private final PythonInterpreter python;

    public PythonRunner(PythonInterpreter python) {
        this.python = java.util.Objects.requireNonNull(python);
    }

    public PythonInterpreter interpreter() {
        return python;
    }

    /**
     * Starts one run and returns as soon as the interpreter started (a few milliseconds: the folder,
     * the file, the server and the process are made on the calling thread; all else on the runner's).
     *
     * @throws IOException if the folder, the file, the server or the interpreter cannot be made or started
     */
    public PythonJob<PythonResult> start(PythonTask task, PythonListener listener) throws IOException {
        Execution ex = new Execution(task, listener);
        ex.launch();
        CompletableFuture<PythonResult> future = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("python-run-" + task.name()).start(() -> {
            try {
                future.complete(ex.supervise());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return new PythonJob<>(future, ex::stop);
    }

    /**
     * Runs one listing and waits for its end (the lines still come on the runner's threads). An
     * interrupt of the waiting thread stops the run.
     */
    public PythonResult run(PythonTask task, PythonListener listener) throws IOException, InterruptedException {
        PythonJob<PythonResult> job = start(task, listener);
        try {
            return job.await();
        } catch (InterruptedException e) {
            job.stop();
            throw e;
        }
    }

    /**
     * Runs the listing once per mode of its {@code modes:}, in that order, one after another (never
     * two at once, so they do not share the cores), each at the task's counts and timeout, for
     * {@link GilComparison#speedUp(String)}. The task's own mode is ignored. Stopping stops the run
     * under way and runs no further mode.
     *
     * @throws IllegalArgumentException if the listing declares no modes
     * @throws IOException              if the first run cannot be started (a later one: the result fails)
     */
    public PythonJob<GilComparison> compare(PythonTask task, PythonListener listener) throws IOException {
        List<String> modes = task.run().modes();
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("this listing has no modes to compare (no modes: in its python-run)");
        }
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<Execution> current = new AtomicReference<>(new Execution(task.inMode(modes.get(0)), listener));
        current.get().launch();
        CompletableFuture<GilComparison> future = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("python-compare-" + task.name()).start(() -> {
            List<PythonResult> results = new ArrayList<>();
            try {
                for (int i = 0; ; i++) {
                    PythonResult r = current.get().supervise();
                    results.add(r);
                    if (stopped.get() || r.ending() == PythonResult.Ending.STOPPED || i + 1 == modes.size()) {
                        break; // stopped: no further mode is started
                    }
                    Execution next = new Execution(task.inMode(modes.get(i + 1)), listener);
                    current.set(next);
                    next.launch();
                    if (stopped.get()) {
                        next.stop(); // asked between two runs: this one ends at once
                    }
                }
                future.complete(new GilComparison(results));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return new PythonJob<>(future, () -> {
            stopped.set(true);
            current.get().stop();
        });
    }

    /** One interpreter run, from its temporary folder to its result. */
    private final class Execution {
        private final PythonTask task;
        private final PythonListener listener;
        private final ArrayDeque<OutputLine> kept = new ArrayDeque<>();
        private final Object emitLock = new Object();
        private long dropped;
        /** Set once the result is made: lines read after it are not handed on. */
        private boolean closed;
        private volatile boolean stopRequested;
        private Path folder;
        private DownloadServer server;
        private Process process;
        private ProcessTree tree;
        private List<String> shownCommand;
        private long startNanos;
        private final List<Thread> readers = new ArrayList<>();

        Execution(PythonTask task, PythonListener listener) {
            this.task = task;
            this.listener = listener;
        }

        void stop() {
            stopRequested = true;
        }

        void launch() throws IOException {
            folder = Files.createTempDirectory("threadlab-python-");
            try {
                Files.writeString(folder.resolve(task.fileName()), task.listing().code() + "\n", StandardCharsets.UTF_8);
                String url = null;
                if (task.run().server()) {
                    server = new DownloadServer();
                    url = "http://127.0.0.1:" + server.port();
                }
                List<String> args = task.arguments(url);
                List<String> command = new ArrayList<>(List.of(python.executable(), "-u", "-c", BOOTSTRAP,
                        folder.resolve(CPU_FILE).toString(), task.fileName()));
                command.addAll(args);
                shownCommand = task.commandLine(python.command(), url);
                ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile());
                String marker = UUID.randomUUID().toString();
                pb.environment().put("PYTHONUNBUFFERED", "1"); // children too, so their lines come as printed
                pb.environment().put("PYTHONIOENCODING", "utf-8");
                pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
                pb.environment().put(ProcessTree.MARKER_VARIABLE, marker);
                startNanos = System.nanoTime();
                process = pb.start();
                tree = new ProcessTree(process.toHandle(), marker);
            } catch (IOException | RuntimeException e) {
                cleanUp();
                throw e;
            }
            process.getOutputStream().close(); // input() sees the end of input instead of waiting for ever
        }

        /** On the runner's thread: tells the start, hands on the lines, ends the run and makes its result. */
        PythonResult supervise() {
            try {
                listener.started(task, List.copyOf(shownCommand), process.pid());
            } catch (RuntimeException e) {
                // a listener's failure is its own
            }
            // read only after started() was told, so no line comes before it (the pipes hold what is printed meanwhile)
            readers.add(reader(process.getInputStream(), false));
            readers.add(reader(process.getErrorStream(), true));
            PythonResult.Ending ending;
            long endNanos;
            long nextSample = startNanos;
            long deadline = startNanos + task.timeout().toNanos();
            while (true) {
                try {
                    if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        endNanos = System.nanoTime();
                        ending = process.exitValue() == 0 ? PythonResult.Ending.COMPLETED : PythonResult.Ending.FAILED;
                        break;
                    }
                } catch (InterruptedException e) {
                    stopRequested = true; // our thread is not interrupted by anyone else
                }
                long now = System.nanoTime();
                if (stopRequested || now - deadline >= 0) {
                    endNanos = now;
                    ending = stopRequested ? PythonResult.Ending.STOPPED : PythonResult.Ending.TIMED_OUT;
                    tree.sampleCpu(); // the last figures before they die
                    tree.kill();
                    try {
                        process.waitFor(5, TimeUnit.SECONDS); // reaped, for its exit code
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    break;
                }
                if (now - nextSample >= 0) {
                    tree.sampleCpu();
                    nextSample = now + TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
                }
            }
            // what outlived the interpreter gets a moment to leave by itself, then is killed
            int leftovers = tree.killLeftovers(ending == PythonResult.Ending.COMPLETED
                    || ending == PythonResult.Ending.FAILED ? LEFTOVER_GRACE : Duration.ZERO);
            for (Thread r : readers) {
                try {
                    r.join(3_000); // a pipe still held by a process we could not find must not hold the result
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<OutputLine> lines;
            long droppedLines;
            synchronized (emitLock) {
                closed = true;
                lines = List.copyOf(kept);
                droppedLines = dropped;
            }
            Optional<Duration> cpu = cpu();
            int exitCode = process.isAlive() ? -1 : process.exitValue();
            cleanUp();
            PythonResult result = new PythonResult(task, python, task.counts(), task.mode(), shownCommand, ending,
                    exitCode, Duration.ofNanos(endNanos - startNanos), cpu, cpuAtExit, lines, droppedLines, leftovers);
            try {
                listener.ended(result);
            } catch (RuntimeException e) {
                // a listener's failure is its own
            }
            return result;
        }

        /** See the class comment: the interpreter's own from os.times(), its children's the larger count. */
        private boolean cpuAtExit;

        private Optional<Duration> cpu() {
            Duration sampledChildren = tree.descendantsCpuSampled();
            try {
                String[] f = Files.readString(folder.resolve(CPU_FILE)).strip().split("\\s+");
                if (f.length == 4) {
                    Duration own = seconds(f[0]).plus(seconds(f[1]));
                    Duration children = seconds(f[2]).plus(seconds(f[3]));
                    cpuAtExit = true;
                    return Optional.of(own.plus(children.compareTo(sampledChildren) >= 0 ? children : sampledChildren));
                }
            } catch (IOException | NumberFormatException e) {
                // no file: killed, or left with os._exit; the samples are what there is
            }
            if (!tree.sampled()) {
                return Optional.empty();
            }
            return Optional.of(tree.rootCpuSampled().orElse(Duration.ZERO).plus(sampledChildren));
        }

        private static Duration seconds(String s) {
            return Duration.ofNanos(Math.round(Double.parseDouble(s) * 1e9));
        }

        private void cleanUp() {
            if (server != null) {
                server.close();
            }
            if (folder != null) {
                deleteTree(folder);
            }
        }

        private Thread reader(InputStream in, boolean stderr) {
            return Thread.ofPlatform().daemon().name(stderr ? "python-stderr" : "python-stdout").start(() -> {
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    StringBuilder line = new StringBuilder();
                    char[] buf = new char[8192];
                    boolean afterCr = false;
                    int n;
                    while ((n = r.read(buf)) >= 0) {
                        for (int i = 0; i < n; i++) {
                            char c = buf[i];
                            if (c == '\n' && afterCr) {
                                afterCr = false;
                                continue;
                            }
                            afterCr = c == '\r';
                            if (c == '\n' || c == '\r') {
                                emit(stderr, line);
                            } else {
                                line.append(c);
                                if (line.length() >= OutputLine.MAX_CHARS) {
                                    emit(stderr, line);
                                }
                            }
                        }
                    }
                    if (!line.isEmpty()) {
                        emit(stderr, line);
                    }
                } catch (IOException e) {
                    // the pipe closed under us: the run is over
                }
            });
        }

        private void emit(boolean stderr, StringBuilder text) {
            OutputLine line = new OutputLine(stderr, text.toString(), System.nanoTime() - startNanos);
            text.setLength(0);
            synchronized (emitLock) {
                if (closed) {
                    return;
                }
                kept.addLast(line);
                if (kept.size() > KEPT_LINES) {
                    kept.removeFirst();
                    dropped++;
                }
                try {
                    listener.line(line);
                } catch (RuntimeException e) {
                    // a listener's failure is its own; the pipe must still be drained
                }
            }
        }
    }

    /** Deletes a folder and all in it; what cannot be deleted (a file still open on Windows) stays. */
    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind in the system's temporary folder, which it cleans
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}

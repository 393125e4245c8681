package org.threadlab.engine.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.threadlab.engine.live.RunContext;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Task;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.WorkerState;

/**
 * The parent's side of the process modes: starts the child JVMs, hands them tasks, stores the
 * events they stream into the run's lanes, and ends every lane and every child, whatever happens.
 *
 * <p>Each child has one driver thread here. It is the only writer of the lanes of the tasks its
 * child runs while it runs them (the run thread wrote their earlier {@code queued} state before
 * starting the drivers), so recording stays single-writer per lane as everywhere else.
 */
public final class ProcessWorkers {
    /** How long children get to stop on a cancel before they are killed. */
    private static final Duration STOP_GRACE = Duration.ofMillis(400);
    /** Lines of a child's standard error kept for the report of a crash. */
    private static final int STDERR_LINES = 12;

    private final List<Task> tasks;
    private final List<LaneRecorder> lanes;
    private final RunContext ctx;
    private final CountDownLatch finished;
    private final ProcessProtocol.Job job;
    private final List<String> variables;
    private final String marker;
    private final boolean pool;
    private final int processCount;
    private final AtomicInteger nextTask = new AtomicInteger();
    private final AtomicInteger liveDrivers = new AtomicInteger();
    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final List<Thread> drivers = new ArrayList<>();
    /** The child that runs (or ran) each lane; read by {@link #kill} from any thread. */
    private final AtomicReferenceArray<Child> byLane;
    /** Whether the children get the full JIT (C2) because the lesson computes for a while. */
    private final boolean fullJit;

    /**
     * @param poolSize the pool's size in mode {@code process-pool}; 0 for one process per worker
     */
    public ProcessWorkers(int poolSize, List<Task> tasks, List<LaneRecorder> lanes, RunContext ctx,
                   CountDownLatch finished, ProcessProtocol.Job job, List<String> variables, String marker) {
        this.tasks = tasks;
        this.lanes = lanes;
        this.ctx = ctx;
        this.finished = finished;
        this.job = job;
        this.variables = variables;
        this.marker = marker;
        this.pool = poolSize > 0;
        this.processCount = pool ? Math.min(poolSize, tasks.size()) : tasks.size();
        this.byLane = new AtomicReferenceArray<>(tasks.size());
        this.fullJit = tasks.stream().anyMatch(t -> Arrays.stream(t.program().ops())
                .anyMatch(op -> op instanceof Op.Compute c && c.function() == org.threadlab.lesson.Step.ComputeFunction.SUM_OF_SQUARES));
    }

    /** Starts every child and its driver; called on the run thread. */
    public void start() {
        if (pool) {
            for (LaneRecorder lane : lanes) {
                lane.state(WorkerState.QUEUED);
            }
        }
        liveDrivers.set(processCount);
        for (int k = 0; k < processCount; k++) {
            int fixed = pool ? -1 : k;
            String name = pool ? "process-" + (k + 1) : tasks.get(k).name();
            drivers.add(Thread.ofPlatform().daemon(true).name("threadlab-driver-" + name)
                    .start(() -> drive(name, fixed)));
        }
        if (processCount == 0) {
            sweepNeverRun();
        }
    }

    /** The next task for a pool's child, or -1. */
    private int claim() {
        if (ctx.stopping()) {
            return -1;
        }
        int i = nextTask.getAndIncrement();
        return i < tasks.size() ? i : -1;
    }

    /**
     * Kills the child process running lane {@code lane} with SIGKILL. Returns false if no child is
     * running that lane now (it is queued, ended, or not a process lane).
     */
    public boolean kill(int lane) {
        if (lane < 0 || lane >= byLane.length()) {
            return false;
        }
        Child c = byLane.get(lane);
        Process p = c == null ? null : c.process;
        if (p == null || !p.isAlive() || c.current != lane) {
            return false;
        }
        c.killRequested = true;
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no goodbye
        return true;
    }

    /** The lane that the child with this pid runs now, as the parent's recorder numbers it; -1 if none. */
    public int laneOfPid(long pid) {
        for (Child c : children) {
            int lane = c.current;
            if (c.pid == pid && lane >= 0) {
                return lanes.get(lane).index();
            }
        }
        return -1;
    }

    /** Pids of the children alive now. */
    List<Long> livePids() {
        List<Long> out = new ArrayList<>();
        for (Child c : children) {
            if (c.process != null && c.process.isAlive()) {
                out.add(c.process.pid());
            }
        }
        return out;
    }

    /** Cancel: asks every child to stop, and kills those that have not exited after a short grace. */
    public void stop() {
        for (Child c : children) {
            c.send(ProcessProtocol.STOP);
        }
        Thread.ofVirtual().name("threadlab-child-reaper").start(() -> {
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            for (Child c : children) {
                long left = deadline - System.nanoTime();
                try {
                    if (c.process != null && !c.process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                        c.process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    c.process.destroyForcibly();
                }
            }
        });
    }

    /**
     * Ends the run's part in the processes: kills any child still alive, waits for every child to be
     * gone and every driver to have ended its lanes. Called by the run thread before the result.
     */
    public void close(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Child c : children) {
            Process p = c.process;
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (Thread d : drivers) {
            try {
                d.join(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * What each child ended with. A variable every process shares is one value for all of them, so
     * each summary gives its value at the end of the run ({@code finalShared}, read after every
     * child ended), not what the child saw when its own work ended while others still wrote to it.
     */
    public List<ProcessSummary> summaries(Map<String, Long> finalShared, List<String> processShared) {
        List<ProcessSummary> out = new ArrayList<>();
        for (Child c : children) {
            Map<String, Long> shared = new LinkedHashMap<>();
            long[] m = c.memory;
            if (m != null) {
                for (int i = 0; i < m.length && i < variables.size(); i++) {
                    String name = variables.get(i);
                    shared.put(name, processShared.contains(name) && finalShared.containsKey(name)
                            ? finalShared.get(name) : m[i]);
                }
            }
            out.add(new ProcessSummary(c.name, c.pid, List.copyOf(c.laneNames), c.exitStatus,
                    Collections.unmodifiableMap(shared)));
        }
        return out;
    }

    /** One child JVM and what the parent knows of it. */
    private final class Child {
        final String name;
        volatile Process process;
        volatile long pid = -1;
        DataOutputStream toChild;
        volatile boolean killRequested;
        volatile int current = -1;
        volatile long[] memory;
        volatile int exitStatus = -1;
        /** What the child said when it could not run its job at all, or null. */
        volatile String error;
        final List<String> laneNames = new CopyOnWriteArrayList<>();
        private final Deque<String> stderr = new ArrayDeque<>();
        private volatile Thread stderrReader;

        Child(String name) {
            this.name = name;
        }

        public void start() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command(marker, fullJit));
            process = pb.start();
            pid = process.pid();
            toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            stderrReader = Thread.ofVirtual().name("threadlab-stderr-" + pid).start(this::drainStderr);
            synchronized (this) {
                job.write(toChild);
                toChild.flush();
            }
        }

        synchronized void sendTask(int task, int lane) {
            try {
                toChild.writeByte(ProcessProtocol.TASK);
                toChild.writeInt(task);
                toChild.writeInt(lane);
                toChild.flush();
            } catch (IOException e) {
                // the child is gone; its driver reports how it ended
            }
        }

        synchronized void send(byte tag) {
            if (toChild == null) {
                return;
            }
            try {
                toChild.writeByte(tag);
                toChild.flush();
            } catch (IOException e) {
                // the child is gone; its driver reports how it ended
            }
        }

        private void drainStderr() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stderr) {
                        if (stderr.size() == STDERR_LINES) {
                            stderr.removeFirst();
                        }
                        stderr.addLast(line);
                    }
                }
            } catch (IOException e) {
                // the stream closed with the process
            }
        }

        /** The last lines the child wrote to its standard error; call once it has exited. */
        String stderrTail() {
            Thread reader = stderrReader;
            if (reader != null) {
                try {
                    reader.join(Duration.ofMillis(200)); // let it read what the dead process left in the pipe
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (stderr) {
                return stderr.isEmpty() ? "" : "; its last output: " + String.join(" | ", stderr);
            }
        }
    }

    /**
     * The command line of a child JVM: this JVM's java, lean flags, the class path (with the
     * class-data-sharing archive of {@link ChildImage} once it is ready), a marker to find it by.
     */
    static List<String> command(String marker, boolean fullJit) {
        List<String> cmd = baseCommand(fullJit);
        ChildImage.Launch launch = ChildImage.launch();
        cmd.addAll(launch.flags());
        cmd.addAll(List.of("-Dthreadlab.child=" + marker, "-cp", launch.classPath(), ProcessChild.class.getName()));
        return cmd;
    }

    /** The java executable and the flags every child gets, without class path and main class. */
    static List<String> baseCommand(boolean fullJit) {
        String java = javaExecutable();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (!fullJit) {
            // C1 only: starts and warms up faster. Not for long computations, which C2 makes
            // about 2.5x faster: processes must compute as fast as the parent's threads, or the
            // threads-versus-processes comparison would be unfair.
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        // The simplest GC, no perf data file, a small heap: these JVMs live for one lesson and
        // hold a few arrays. Class-data sharing of the JDK's classes is on by default (-Xshare:auto,
        // not written out: the AOT cache's options refuse it). The JVM's own warnings (a stale CDS archive, say)
        // go to standard error: standard output carries the protocol's frames only.
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms16m", "-Xmx128m",
                "-Xss512k", "-Xlog:disable", "-Xlog:all=warning:stderr"));
        return cmd;
    }

    /**
     * The java of the runtime this JVM runs on. Not this process's own command: in the packaged app
     * that is the app's launcher (bin/ThreadLab), which would take the child's flags for its own
     * arguments; the image's runtime keeps its bin/java for the children.
     */
    static String javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"), "bin");
        for (String name : List.of("java", "java.exe")) {
            if (Files.isExecutable(home.resolve(name))) {
                return home.resolve(name).toString();
            }
        }
        return ProcessHandle.current().info().command().orElse(home.resolve("java").toString());
    }

    /** The driver of one child: starts it, feeds it tasks, records what it sends, ends what it leaves. */
    private void drive(String name, int fixedTask) {
        try {
            int first = fixedTask >= 0 ? fixedTask : claim();
            if (first < 0) {
                return;
            }
            if (ctx.stopping()) {
                endLane(first, WorkerState.CANCELLED);
                return;
            }
            Child child = new Child(name);
            children.add(child);
            LaneRecorder firstLane = lanes.get(first);
            firstLane.state(WorkerState.STARTING); // from start() to the child's first step
            child.current = first;
            byLane.set(first, child);
            child.laneNames.add(firstLane.name());
            try {
                child.start();
            } catch (IOException e) {
                ctx.fail(firstLane.name() + ": cannot start a child JVM: " + e.getMessage());
                endLane(first, WorkerState.FAILED);
                return;
            }
            firstLane.bindProcess(child.pid);
            ctx.waitGraph().remoteBegun(firstLane.index());
            child.sendTask(first, first);
            if (ctx.stopping()) {
                child.send(ProcessProtocol.STOP);
            }
            read(child);
            finish(child);
        } finally {
            if (pool) {
                ctx.waitGraph().threadGone(); // this process takes no more tasks: the stuck watch counts one less
            }
            if (liveDrivers.decrementAndGet() == 0) {
                sweepNeverRun();
            }
        }
    }

    private void read(Child child) {
        boolean[] ended = new boolean[lanes.size()];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(child.process.getInputStream(), 1 << 16))) {
            while (true) {
                int tag = ProcessProtocol.readTag(in);
                if (tag < 0) {
                    break;
                }
                switch (tag) {
                    case ProcessProtocol.HELLO -> {
                        in.readInt();
                        in.readLong();
                    }
                    case ProcessProtocol.THREAD -> {
                        int lane = in.readInt();
                        long id = in.readLong();
                        lanes.get(lane).bindThread(ProcessProtocol.readString(in), id);
                    }
                    case ProcessProtocol.EVENTS -> {
                        LaneRecorder lane = lanes.get(in.readInt());
                        int n = in.readInt();
                        for (int i = 0; i < n; i++) {
                            long t = in.readLong();
                            int code = in.readInt();
                            long v = in.readLong();
                            String text = in.readBoolean() ? ProcessProtocol.readString(in) : null;
                            lane.recordAt(t, code, v, text);
                        }
                    }
                    case ProcessProtocol.CPU -> lanes.get(in.readInt()).cpuNanos(in.readLong());
                    case ProcessProtocol.WAITS -> ctx.waitGraph().remoteMark(lanes.get(in.readInt()).index(), in.readLong());
                    case ProcessProtocol.FAILURE -> {
                        int lane = in.readInt();
                        String message = ProcessProtocol.readString(in);
                        // the child's message starts with the lane's name; say which process it was
                        String laneName = lanes.get(lane).name();
                        ctx.fail(message.startsWith(laneName + ": ")
                                ? laneName + " (pid " + child.pid + "): " + message.substring(laneName.length() + 2)
                                : laneName + " (pid " + child.pid + "): " + message);
                    }
                    case ProcessProtocol.MEMORY -> {
                        int n = in.readInt();
                        long[] values = new long[n];
                        for (int i = 0; i < n; i++) {
                            values[i] = in.readLong();
                        }
                        child.memory = values;
                    }
                    case ProcessProtocol.ENDED -> {
                        int lane = in.readInt();
                        ended[lane] = true;
                        ctx.waitGraph().ended(lanes.get(lane).index());
                        finished.countDown();
                        int next = pool ? claim() : -1;
                        if (next >= 0) {
                            byLane.set(next, child);
                            child.current = next;
                            child.laneNames.add(lanes.get(next).name());
                            lanes.get(next).bindProcess(child.pid);
                            ctx.waitGraph().remoteBegun(lanes.get(next).index());
                            child.sendTask(next, next);
                        } else {
                            child.current = -1;
                            child.send(ProcessProtocol.END);
                        }
                    }
                    case ProcessProtocol.ERROR -> child.error = ProcessProtocol.readString(in);
                    default -> throw new IOException("unknown frame " + tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken stream (the child died mid-frame) or a garbled one: the child is killed
            // below if it lingers, and how it ended is reported on its lane
            if (e instanceof RuntimeException) {
                child.error = "unreadable output: " + e;
                child.process.destroyForcibly();
            }
        }
        int lane = child.current;
        if (lane >= 0 && !ended[lane]) {
            endDeadChildLane(child, lane);
        }
    }

    private String name(Child child) {
        return child.name + " (pid " + child.pid + ")";
    }

    /** The child's stream ended while it still had a lane running: it died. Say how, on the lane and in the result. */
    private void endDeadChildLane(Child child, int lane) {
        int status = waitForExit(child);
        String laneName = lanes.get(lane).name();
        WorkerState state;
        if (child.killRequested) {
            state = WorkerState.KILLED;
            ctx.fail(laneName + " (pid " + child.pid + "): killed with SIGKILL on request; exit status " + status
                    + " (128 + signal 9)");
        } else if (child.error != null) {
            state = WorkerState.FAILED;
            ctx.fail(laneName + " (pid " + child.pid + "): the child process could not run the lesson: "
                    + child.error);
        } else if (ctx.stopping()) {
            state = WorkerState.CANCELLED;
        } else if (status > 128) {
            state = WorkerState.KILLED;
            ctx.fail(laneName + " (pid " + child.pid + "): killed from outside ThreadLab by signal " + (status - 128)
                    + "; exit status " + status);
        } else {
            state = WorkerState.FAILED;
            ctx.fail(laneName + " (pid " + child.pid + "): the process exited with status " + status
                    + " before its worker ended" + child.stderrTail());
        }
        lanes.get(lane).cpuNanos(-1);
        endLane(lane, state);
        child.current = -1;
    }

    private void finish(Child child) {
        int status = waitForExit(child);
        if (status != 0 && status != ProcessChild.EXIT_TASK_FAILED && !child.killRequested && !ctx.stopping()
                && !reported(child)) {
            ctx.fail(name(child) + ": the process exited with status " + status + child.stderrTail());
        }
    }

    /** Whether a failure of this child was reported already (its lane ended as failed or killed). */
    private boolean reported(Child child) {
        for (String f : ctx.failures()) {
            if (f.contains("(pid " + child.pid + ")")) {
                return true;
            }
        }
        return false;
    }

    private int waitForExit(Child child) {
        if (child.exitStatus >= 0) {
            return child.exitStatus;
        }
        try {
            if (!child.process.waitFor(STOP_GRACE.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                child.process.destroyForcibly(); // its output ended but it lingers: do not leave it behind
                child.process.waitFor(1, TimeUnit.SECONDS);
            }
            child.exitStatus = child.process.isAlive() ? -1 : child.process.exitValue();
        } catch (InterruptedException e) {
            child.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return child.exitStatus;
    }

    private void endLane(int lane, WorkerState state) {
        ctx.waitGraph().ended(lanes.get(lane).index());
        lanes.get(lane).state(state);
        finished.countDown();
    }

    /** Tasks still queued when no driver is left never ran: they end cancelled. */
    private void sweepNeverRun() {
        if (!pool) {
            return;
        }
        int from = Math.min(nextTask.getAndSet(Integer.MAX_VALUE / 2), tasks.size());
        for (int i = from; i < tasks.size(); i++) {
            lanes.get(i).state(WorkerState.CANCELLED);
            ctx.waitGraph().ended(lanes.get(i).index());
            finished.countDown();
        }
    }

    /** For a test: the lanes each live child runs now. */
    int[] currentLanes() {
        return children.stream().mapToInt(c -> c.current).toArray();
    }

    @Override
    public String toString() {
        return "ProcessWorkers" + Arrays.toString(currentLanes());
    }
}

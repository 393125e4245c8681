package org.threadlab.engine.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.threadlab.engine.live.LiveWorker;
import org.threadlab.engine.live.RunContext;
import org.threadlab.engine.live.SharedMemory;
import org.threadlab.engine.live.SimulatedGil;
import org.threadlab.engine.live.WorkerPriority;
import org.threadlab.engine.program.Task;
import org.threadlab.lesson.SharedState;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.LaneInfo;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.TraceRecorder;

/**
 * The main class of a child JVM in the process modes. It reads a {@link ProcessProtocol.Job} from
 * standard input, with the {@link Plan} the parent compiled (as data: no YAML is parsed here, which
 * kept a child's start-up short), and runs the tasks it is sent with the same interpreter ({@link LiveWorker})
 * in its own memory: its own {@link SharedMemory} copy, its own locks and, with the GIL switch, its
 * own {@link SimulatedGil}. Workers record into local lanes as they do in the parent; this
 * process's main thread streams the new events to the parent every couple of milliseconds, so
 * recording stays off the workers' path.
 *
 * <p>A child never outlives its parent: it halts when its standard input ends without an end frame
 * (the parent died, even by SIGKILL, and the pipe closed) or when the parent process exits.
 */
public final class ProcessChild {
    /** Exit status when the worker's task failed, as a Python child exits 1 on an uncaught exception. */
    public static final int EXIT_TASK_FAILED = 1;
    /** Exit status when the job itself could not be run (bad input from the parent). */
    static final int EXIT_BAD_JOB = 2;
    /** Exit status when the parent went away. */
    static final int EXIT_ORPHANED = 3;
    private static final Duration FLUSH_EVERY = Duration.ofMillis(2);

    private final DataOutputStream out;
    private final BlockingQueue<int[]> commands = new LinkedBlockingQueue<>();
    private volatile RunContext ctx;
    private volatile Thread worker;
    /** Set once the parent said there are no more tasks; the end of input after that is expected. */
    private volatile boolean ended;

    private ProcessChild(DataOutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // Off the path to the first step, which reads the job meanwhile: the parent watch (a
        // child also halts when its standard input ends, so a parent dying this early is seen)
        // and the management classes that measure CPU time, a few milliseconds each in a new JVM.
        Thread.ofPlatform().daemon(true).name("threadlab-warm-up").start(() -> {
            watchParent();
            LiveWorker.prepare();
        });
        // Standard output carries frames only; anything else printed goes to standard error.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        int status;
        try {
            status = new ProcessChild(out).serve(in);
        } catch (IOException e) {
            status = EXIT_ORPHANED; // the parent closed our pipes
        }
        try {
            out.flush();
        } catch (IOException e) {
            // the parent is gone: nothing left to tell it
        }
        if (TRAINING) {
            System.exit(status); // the class-data archive is written on the way out
        }
        // Everything the parent needs is flushed by now; halting skips the shutdown sequence
        // (hooks, finalisation), which the parent would otherwise wait for to see the exit.
        Runtime.getRuntime().halt(status);
    }

    /** Whether this child is the training run of {@link ChildImage}, whose archive is written at exit. */
    private static final boolean TRAINING = Boolean.getBoolean("threadlab.training");

    /** Halts this JVM as soon as its parent process exits, however it exits. */
    private static void watchParent() {
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(EXIT_ORPHANED)));
    }

    private int serve(DataInputStream in) throws IOException {
        if (ProcessProtocol.readTag(in) != ProcessProtocol.JOB) {
            return error("the first frame was not a job");
        }
        ProcessProtocol.Job job;
        try {
            job = ProcessProtocol.Job.read(in);
        } catch (IOException | RuntimeException e) {
            return error("cannot read the job: " + e.getMessage());
        }
        SharedState shared = job.shared();
        Plan plan = job.plan();
        List<String> locks = new ArrayList<>(shared.locks());
        boolean gilOn = job.gilSwitchNanos() > 0;
        if (gilOn) {
            locks.add(TraceInfo.GIL_LOCK_NAME);
        }
        TraceInfo info = new TraceInfo(job.lessonId(), job.variant(), "child", gilOn,
                shared.variableNames(), locks, plan.steps(), shared.processShared());
        SimulatedGil gil = gilOn ? new SimulatedGil(job.gilSwitchNanos()) : null;
        int gilLock = gilOn ? locks.size() - 1 : -1;
        long[] initial = shared.variables().values().stream().mapToLong(Long::longValue).toArray();
        if (job.sharedFile().isEmpty()) {
            ctx = new RunContext(new SharedMemory(initial), shared.locks().size(), gil, gilLock,
                    job.downloadPort(), plan.tasks().size());
        } else {
            SharedSegment segment;
            try {
                segment = SharedSegment.open(Path.of(job.sharedFile()), shared);
            } catch (IOException e) {
                return error("cannot map the memory shared with the other processes: " + e.getMessage());
            }
            ctx = new RunContext(segment.memory(initial), segment.locks(), segment.queues(), gil, gilLock, job.downloadPort(),
                    plan.tasks().size());
        }
        ctx.synchronizers(shared.semaphores().values().stream().mapToInt(Long::intValue).toArray(),
                shared.queues().values().stream().mapToInt(Long::intValue).toArray());
        TraceRecorder recorder = new TraceRecorder(info, job.recording(), job.origin());
        Thread.ofPlatform().daemon(true).name("threadlab-stdin").start(() -> readCommands(in));
        synchronized (out) {
            out.writeByte(ProcessProtocol.HELLO);
            out.writeInt(ProcessProtocol.VERSION);
            out.writeLong(ProcessHandle.current().pid());
            out.flush();
        }
        boolean failed = false;
        int failuresSent = 0;
        while (true) {
            int[] command;
            try {
                command = commands.take();
            } catch (InterruptedException e) {
                break;
            }
            if (command[0] != ProcessProtocol.TASK || ctx.stopping()) {
                break;
            }
            Task task = plan.tasks().get(command[1]);
            int parentLane = command[2];
            LaneRecorder lane = recorder.newLane(task.name(), LaneInfo.PROCESS);
            Thread t = WorkerPriority.platformThread().name(task.name())
                    .unstarted(() -> new LiveWorker(ctx, lane).runWhole(task.program(), task.copy()));
            worker = t;
            synchronized (out) {
                out.writeByte(ProcessProtocol.THREAD);
                out.writeInt(parentLane);
                out.writeLong(t.threadId());
                ProcessProtocol.writeString(out, t.getName());
            }
            t.start();
            int sent = 0;
            long mark = 0;
            while (t.isAlive()) {
                sent = stream(lane, parentLane, sent);
                mark = sendWaits(lane.index(), parentLane, mark);
                try {
                    t.join(FLUSH_EVERY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stream(lane, parentLane, sent);
            List<String> failures = ctx.failures();
            synchronized (out) {
                out.writeByte(ProcessProtocol.CPU);
                out.writeInt(parentLane);
                out.writeLong(lane.cpuNanos());
                for (String f : failures.subList(failuresSent, failures.size())) {
                    failed = true;
                    out.writeByte(ProcessProtocol.FAILURE);
                    out.writeInt(parentLane);
                    ProcessProtocol.writeString(out, f);
                }
                failuresSent = failures.size();
                writeMemory();
                out.writeByte(ProcessProtocol.ENDED);
                out.writeInt(parentLane);
                out.flush();
            }
        }
        synchronized (out) {
            writeMemory();
            out.flush();
        }
        return failed ? EXIT_TASK_FAILED : 0;
    }

    /** Sends the lane's events from {@code from} on; returns how many are sent now. */
    private int stream(LaneRecorder lane, int parentLane, int from) throws IOException {
        int to = lane.size();
        if (to == from) {
            return from;
        }
        LaneEvents events = lane.slice(from, to);
        synchronized (out) {
            out.writeByte(ProcessProtocol.EVENTS);
            out.writeInt(parentLane);
            out.writeInt(events.size());
            for (int i = 0; i < events.size(); i++) {
                out.writeLong(events.nanos(i));
                out.writeInt(events.packedCode(i));
                out.writeLong(events.rawValue(i));
                String text = events.rawText(i);
                out.writeBoolean(text != null);
                if (text != null) {
                    ProcessProtocol.writeString(out, text);
                }
            }
            out.flush();
        }
        lane.forgetBefore(to); // sent: the parent keeps them, this process need not
        return to;
    }

    /** Tells the parent what the worker waits for, when that changed since {@code last}; returns the mark sent. */
    private long sendWaits(int lane, int parentLane, long last) throws IOException {
        long mark = ctx.waitGraph().mark(lane);
        if (mark != last) {
            synchronized (out) {
                out.writeByte(ProcessProtocol.WAITS);
                out.writeInt(parentLane);
                out.writeLong(mark);
                out.flush();
            }
        }
        return mark;
    }

    private void writeMemory() throws IOException {
        long[] values = ctx.memory().snapshot();
        out.writeByte(ProcessProtocol.MEMORY);
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    /** Reads the parent's commands; a stop or the end of input stops this child. */
    private void readCommands(DataInputStream in) {
        try {
            while (true) {
                int tag = ProcessProtocol.readTag(in);
                if (tag == ProcessProtocol.TASK) {
                    commands.add(new int[] {tag, in.readInt(), in.readInt()});
                } else if (tag == ProcessProtocol.END) {
                    // Stop reading: a thread blocked in a native read delays the JVM's exit by
                    // about 300 ms (HotSpot waits for threads in native code). The parent sends
                    // the end only after the last task has ended, so no stop can follow.
                    ended = true;
                    commands.add(new int[] {tag});
                    return;
                } else if (tag == ProcessProtocol.STOP) {
                    stop();
                    commands.add(new int[] {tag});
                } else if (!ended) {
                    Runtime.getRuntime().halt(EXIT_ORPHANED); // end of input: the parent is gone
                } else {
                    return;
                }
            }
        } catch (IOException e) {
            if (!ended) {
                Runtime.getRuntime().halt(EXIT_ORPHANED);
            }
        }
    }

    private void stop() {
        ctx.stop();
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    private int error(String message) throws IOException {
        synchronized (out) {
            out.writeByte(ProcessProtocol.ERROR);
            ProcessProtocol.writeString(out, message);
            out.flush();
        }
        return EXIT_BAD_JOB;
    }
}

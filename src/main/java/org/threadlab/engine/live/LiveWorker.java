package org.threadlab.engine.live;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.sync.MessageQueue;
import org.threadlab.engine.sync.StepLock;
import org.threadlab.engine.sync.WaitGraph;
import org.threadlab.lesson.Limits;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.WorkerState;

/**
 * Runs compiled programs on the calling thread, for real: shared reads and writes go to plain
 * memory, locks are real locks, sleeps and downloads really wait. Records every step, state change,
 * read, write, lock hand-over and queue message into its own lane.
 *
 * <p>Used as: {@link #begin()}, one or more {@link #execute}, then {@link #end}.
 */
public final class LiveWorker {
    /** Iterations of a compute loop between two checks for a stop or a GIL drop request. */
    private static final int COMPUTE_CHUNK = 1 << 14;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Loads and initialises this class (and the JVM's management classes it needs for CPU time)
     * ahead of the first worker; a child process does it on a side thread while it reads its job.
     */
    public static void prepare() {
        cpuNow(); // the first reading of a thread's CPU clock sets up the JDK's management code
    }

    /** A step that cannot be done as asked (a value out of its limits); ends the worker as failed. */
    static final class WorkerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The run is stopping; unwinds a worker without a stack trace. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private final RunContext ctx;
    private final LaneRecorder lane;
    private final int id;
    private final boolean[] held;
    /** Permits of each semaphore this worker holds, given back if it ends early. */
    private final int[] permits;
    private boolean holdingGil;
    private long cpuAtStart;

    public LiveWorker(RunContext ctx, LaneRecorder lane) {
        this.ctx = ctx;
        this.lane = lane;
        this.id = lane.index();
        this.held = new boolean[ctx.locks.length];
        this.permits = new int[ctx.semaphores.length];
    }

    /** Runs one whole worker: begin, its program, end. Never throws. */
    public void runWhole(Program program, int copy) {
        WorkerState end = WorkerState.DONE;
        try {
            begin();
            execute(program, program.newLocals(copy));
        } catch (Stopped | InterruptedException e) {
            end = WorkerState.CANCELLED;
        } catch (Downloads.DownloadFailed | WorkerFailure e) {
            ctx.fail(lane.name() + ": " + e.getMessage());
            end = WorkerState.FAILED;
        } catch (RuntimeException | Error e) {
            ctx.fail(lane.name() + ": " + e);
            end = WorkerState.FAILED;
        } finally {
            end(end);
        }
    }

    public void begin() throws InterruptedException {
        lane.bindCurrentThread();
        ctx.waitGraph.active(id, true);
        cpuAtStart = cpuNow();
        takeGil();
        lane.state(WorkerState.RUNNING);
    }

    /** Records the final state, then lets go of everything the worker still holds. */
    public void end(WorkerState state) {
        lane.state(state);
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                held[i] = false;
                lane.lockReleased(i);
                ctx.waitGraph.released(i);
                ctx.locks[i].unlock();
            }
        }
        for (int i = 0; i < permits.length; i++) {
            if (permits[i] > 0) {
                ctx.semaphores[i].release(permits[i]);
                permits[i] = 0;
            }
        }
        dropGil();
        // only now, with its locks and permits given back: a lane marked ended can free nobody
        ctx.waitGraph.ended(id);
        long cpu = cpuNow();
        lane.cpuNanos(cpuAtStart < 0 || cpu < 0 ? -1 : cpu - cpuAtStart);
    }

    /**
     * Waits for something outside the worker: the main thread starting or joining its workers.
     * {@code movable}: the lane still counts as one that can move while it waits (main starting
     * threads will be back at once; main joining, or running the workers itself in sequential
     * mode, will not be back before they end).
     */
    public void await(WorkerState state, Waiting waiting, boolean movable) throws InterruptedException {
        leave(state);
        if (!movable) {
            ctx.waitGraph.active(id, false);
        }
        try {
            waiting.await();
        } finally {
            if (!movable) {
                ctx.waitGraph.active(id, true);
            }
        }
        resume();
    }

    @FunctionalInterface
    public interface Waiting {
        void await() throws InterruptedException;
    }

    /** Runs a program to its end on these locals (made by {@link Program#newLocals}). */
    public void execute(Program program, long[] locals) throws InterruptedException, Downloads.DownloadFailed {
        Op[] ops = program.ops();
        SharedMemory memory = ctx.memory;
        int pc = 0;
        while (pc < ops.length) {
            if (ctx.stopping()) {
                throw new Stopped();
            }
            if (ctx.gil != null && ctx.gil.dropRequested()) {
                switchGil();
            }
            switch (ops[pc]) {
                case Op.Read r -> {
                    lane.stepStart(r.step());
                    long v = memory.read(r.variable());
                    locals[r.local()] = v;
                    lane.read(r.variable(), v);
                    lane.stepEnd(r.step(), v);
                    pc++;
                }
                case Op.Add a -> {
                    lane.stepStart(a.step());
                    long v = locals[a.local()] + a.value().eval(locals);
                    locals[a.local()] = v;
                    lane.stepEnd(a.step(), v);
                    pc++;
                }
                case Op.Write w -> {
                    lane.stepStart(w.step());
                    long v = locals[w.local()];
                    memory.write(w.variable(), v);
                    lane.write(w.variable(), v);
                    lane.stepEnd(w.step(), v);
                    pc++;
                }
                case Op.AtomicAdd a -> {
                    lane.stepStart(a.step());
                    long by = a.by().eval(locals);
                    long v = memory.atomicAdd(a.variable(), by);
                    // one indivisible read-modify-write: recorded as the read and the write it was
                    lane.read(a.variable(), v - by);
                    lane.write(a.variable(), v);
                    lane.stepEnd(a.step(), v);
                    pc++;
                }
                case Op.Compute c -> {
                    lane.stepStart(c.step());
                    long v = compute(c, locals);
                    locals[c.into()] = v;
                    lane.stepEnd(c.step(), v);
                    pc++;
                }
                case Op.Sleep s -> {
                    lane.stepStart(s.step());
                    long millis = s.millis().eval(locals);
                    if (millis < 0 || millis > Limits.MAX_WAIT_MILLIS) {
                        throw new WorkerFailure("sleep of " + millis + " ms is outside 0.." + Limits.MAX_WAIT_MILLIS);
                    }
                    leave(WorkerState.SLEEPING);
                    Thread.sleep(millis);
                    resume();
                    lane.stepEnd(s.step(), 0);
                    pc++;
                }
                case Op.Download d -> {
                    lane.stepStart(d.step());
                    long latency = d.latencyMillis().eval(locals);
                    long bytes = d.bytes().eval(locals);
                    if (latency < 0 || latency > Limits.MAX_WAIT_MILLIS || bytes < 0 || bytes > Limits.MAX_DOWNLOAD_BYTES) {
                        throw new WorkerFailure("download of " + bytes + " bytes after " + latency + " ms is over the limits");
                    }
                    leave(WorkerState.IO);
                    long got = Downloads.fetch(ctx.downloadPort, latency, bytes, ctx::stopping);
                    resume();
                    if (d.into() >= 0) {
                        locals[d.into()] = got;
                    }
                    lane.stepEnd(d.step(), got);
                    pc++;
                }
                case Op.Print p -> {
                    lane.stepStart(p.step());
                    lane.print(format(p, locals));
                    lane.stepEnd(p.step(), 0);
                    pc++;
                }
                case Op.Lock l -> {
                    lane.stepStart(l.step());
                    boolean contended = lock(l.lock());
                    lane.stepEnd(l.step(), contended ? 1 : 0);
                    pc++;
                }
                case Op.Unlock u -> {
                    lane.stepStart(u.step());
                    held[u.lock()] = false;
                    lane.lockReleased(u.lock());
                    ctx.waitGraph.released(u.lock());
                    ctx.locks[u.lock()].unlock();
                    lane.stepEnd(u.step(), 0);
                    pc++;
                }
                case Op.Acquire a -> {
                    lane.stepStart(a.step());
                    java.util.concurrent.Semaphore sem = ctx.semaphores[a.semaphore()];
                    boolean waited = !sem.tryAcquire();
                    if (waited) {
                        leave(WorkerState.WAITING); // on a semaphore: recorded as waiting, not as a lock
                        ctx.waitGraph.waitForPermit(id, a.semaphore(), permits[a.semaphore()]);
                        try {
                            sem.acquire();
                        } finally {
                            ctx.waitGraph.done(id);
                        }
                        resume();
                    }
                    permits[a.semaphore()]++;
                    lane.stepEnd(a.step(), sem.availablePermits());
                    pc++;
                }
                case Op.Release r -> {
                    lane.stepStart(r.step());
                    permits[r.semaphore()]--;
                    java.util.concurrent.Semaphore sem = ctx.semaphores[r.semaphore()];
                    // recorded before the permit goes back, so the worker it lets in is recorded after
                    lane.stepEnd(r.step(), sem.availablePermits() + 1);
                    sem.release();
                    pc++;
                }
                case Op.Put p -> {
                    lane.stepStart(p.step());
                    long v = p.value().eval(locals);
                    MessageQueue queue = ctx.queues[p.queue()];
                    long message = queue.tryPut(v);
                    if (message == 0) {
                        leave(WorkerState.WAITING); // the buffer is full: wait until a taker makes room
                        ctx.waitGraph.waitOn(id, WaitGraph.Kind.PUT, p.queue());
                        try {
                            message = queue.put(v);
                        } finally {
                            ctx.waitGraph.done(id);
                        }
                        lane.messagePut(p.queue(), message); // still in the waiting interval: it went in then
                        resume();
                    } else {
                        lane.messagePut(p.queue(), message);
                    }
                    lane.stepEnd(p.step(), v);
                    pc++;
                }
                case Op.Take t -> {
                    lane.stepStart(t.step());
                    MessageQueue queue = ctx.queues[t.queue()];
                    MessageQueue.Message m = queue.tryTake();
                    if (m == null) {
                        leave(WorkerState.WAITING); // the buffer is empty: wait until a putter fills it
                        ctx.waitGraph.waitOn(id, WaitGraph.Kind.TAKE, t.queue());
                        try {
                            m = queue.take();
                        } finally {
                            ctx.waitGraph.done(id);
                        }
                        lane.messageTaken(t.queue(), m.number());
                        resume();
                    } else {
                        lane.messageTaken(t.queue(), m.number());
                    }
                    locals[t.into()] = m.value();
                    lane.stepEnd(t.step(), m.value());
                    pc++;
                }
                case Op.Wait w -> {
                    lane.stepStart(w.step());
                    lane.stepEnd(w.step(), waitUntil(w, locals));
                    pc++;
                }
                case Op.Notify n -> {
                    lane.stepStart(n.step());
                    lane.stepEnd(n.step(), signal(n));
                    pc++;
                }
                case Op.Spin sp -> {
                    lane.stepStart(sp.step());
                    long v = spin(sp);
                    lane.read(sp.variable(), v);
                    lane.stepEnd(sp.step(), v);
                    pc++;
                }
                case Op.Return r -> {
                    lane.stepStart(r.step());
                    long v = r.value().eval(locals);
                    lane.returned(v);
                    lane.stepEnd(r.step(), v);
                    pc = ops.length;
                }
                case Op.RepeatStart r -> {
                    long times = r.times().eval(locals);
                    if (times <= 0) {
                        pc = r.exit();
                    } else {
                        locals[r.counter()] = times;
                        if (r.as() >= 0) {
                            locals[r.as()] = 1;
                        }
                        pc++;
                    }
                }
                case Op.RepeatEnd r -> {
                    if (--locals[r.counter()] > 0) {
                        if (r.as() >= 0) {
                            locals[r.as()]++;
                        }
                        pc = r.body();
                    } else {
                        pc++;
                    }
                }
                case Op.Branch b -> pc = b.test().eval(locals) != 0 ? pc + 1 : b.otherwise();
                case Op.Jump j -> pc = j.target();
            }
        }
    }

    /** Takes a lock; returns whether the worker had to wait for it. */
    private boolean lock(int index) throws InterruptedException {
        StepLock lock = ctx.locks[index];
        boolean contended = !lock.tryLock();
        if (contended) {
            lane.lockWaiting(index);
            leave(WorkerState.BLOCKED_ON_LOCK);
            ctx.waitGraph.waitOn(id, WaitGraph.Kind.LOCK, index);
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                ctx.waitGraph.done(id);
                throw e;
            }
            held[index] = true;
            ctx.waitGraph.acquiredAfterWait(id, index); // before resume(), which may wait for the simulated GIL
            resume();
        } else {
            held[index] = true;
            ctx.waitGraph.acquired(id, index);
        }
        lane.lockAcquired(index, contended);
        return contended;
    }

    /**
     * {@code while (!until) condition.await()}, holding the condition's lock; returns how many
     * times the worker waited. The lock is recorded as let go while the worker is in the wait set.
     */
    private long waitUntil(Op.Wait w, long[] locals) throws InterruptedException {
        java.util.concurrent.locks.Condition condition = ctx.conditions[w.condition()];
        SharedMemory memory = ctx.memory;
        long waits = 0;
        while (!w.until().holds(locals, memory::read)) {
            waits++;
            lane.lockReleased(w.lock());
            ctx.waitGraph.released(w.lock());
            ctx.waitGraph.waitOn(id, WaitGraph.Kind.CONDITION, w.condition());
            leave(WorkerState.WAITING);
            try {
                condition.await(); // lets the lock go, sleeps until notified, takes the lock back
            } finally {
                // back with the lock, also when interrupted: end() lets it go then
                ctx.waitGraph.acquiredAfterWait(id, w.lock());
                lane.lockAcquired(w.lock(), true);
            }
            resume();
        }
        return waits;
    }

    /** Signals one waiter or all; returns how many were waiting to be woken. */
    private long signal(Op.Notify n) {
        java.util.concurrent.locks.Condition condition = ctx.conditions[n.condition()];
        var lock = (StepLock.ThreadLock) ctx.locks[ctx.conditionLocks[n.condition()]];
        int waiting = lock.getWaitQueueLength(condition); // exact here: this worker holds the lock
        if (n.all()) {
            condition.signalAll();
        } else {
            condition.signal();
        }
        return n.all() ? waiting : Math.min(1, waiting);
    }

    private long compute(Op.Compute c, long[] locals) throws InterruptedException {
        long a = c.a().eval(locals);
        long b = c.b().eval(locals);
        return switch (c.function()) {
            case SUM_OF_SQUARES -> {
                if (b - a > Limits.MAX_COMPUTE_ITERATIONS) {
                    throw new WorkerFailure("compute of " + (b - a) + " squares is over the limit of "
                            + Limits.MAX_COMPUTE_ITERATIONS);
                }
                long sum = 0;
                for (long from = a; from < b; from += COMPUTE_CHUNK) {
                    long to = Math.min(b, from + COMPUTE_CHUNK);
                    for (long i = from; i < to; i++) {
                        sum += i * i;
                    }
                    if (ctx.stopping()) {
                        throw new Stopped();
                    }
                    if (ctx.gil != null && ctx.gil.dropRequested()) {
                        switchGil();
                    }
                }
                yield sum;
            }
            case POWER -> {
                if (b < 0 || b > 63) {
                    throw new WorkerFailure("exponent " + b + " is outside 0..63");
                }
                long result = 1;
                for (long i = 0; i < b; i++) {
                    result *= a; // a real loop of multiplications: the work the step stands for
                }
                yield result;
            }
        };
    }

    private static String format(Op.Print p, long[] locals) {
        if (p.slots().length == 0) {
            return p.text()[0];
        }
        StringBuilder sb = new StringBuilder(p.text()[0]);
        for (int i = 0; i < p.slots().length; i++) {
            sb.append(locals[p.slots()[i]]).append(p.text()[i + 1]);
        }
        return sb.toString();
    }

    /** Enters a waiting state; lets the GIL go, as CPython does around blocking calls. */
    private void leave(WorkerState state) {
        lane.state(state);
        dropGil();
    }

    /** Back from waiting: takes the GIL again if there is one, then runs. */
    private void resume() throws InterruptedException {
        takeGil();
        lane.state(WorkerState.RUNNING);
    }

    private void takeGil() throws InterruptedException {
        if (ctx.gil == null) {
            return;
        }
        boolean contended = !ctx.gil.tryAcquire(id);
        if (contended) {
            lane.lockWaiting(ctx.gilLock);
            lane.state(WorkerState.WAITING_FOR_GIL);
            ctx.gil.acquire(id);
        }
        holdingGil = true;
        lane.lockAcquired(ctx.gilLock, contended);
    }

    private void dropGil() {
        if (holdingGil) {
            holdingGil = false;
            lane.lockReleased(ctx.gilLock);
            ctx.gil.release(id);
        }
    }

    /** Another worker asked for the GIL: hand it over, then wait for it like anyone else. */
    /**
     * Spins until a shared variable is not 0. A plain spin is the JIT's to compile as it likes (see
     * {@link PlainSpin}); a volatile one, or one under the simulated GIL (whose interpreter reads the
     * variable afresh each round, as CPython's does), sees the write as soon as it is made.
     */
    private long spin(Op.Spin sp) throws InterruptedException {
        SharedMemory memory = ctx.memory;
        if (sp.isVolatile() || ctx.gil != null || !memory.isLocal(sp.variable())) {
            long v;
            while ((v = memory.readVolatile(sp.variable())) == 0) {
                if (ctx.stopping()) {
                    throw new Stopped();
                }
                if (ctx.gil != null && ctx.gil.dropRequested()) {
                    switchGil();
                }
                Thread.onSpinWait();
            }
            return v;
        }
        PlainSpin plain = new PlainSpin();
        Runnable release = plain::release;
        ctx.onStop(release);
        try {
            if (ctx.stopping()) {
                throw new Stopped();
            }
            plain.spin(memory.plain(), sp.variable());
            long seen = memory.read(sp.variable());
            if (plain.released()) {
                if (seen != 0) { // the loop never saw a value that memory had had for a while
                    ctx.note(lane.name() + " was still spinning on " + sp.name() + " when the run was"
                            + " stopped, although " + sp.name() + " was " + seen + ": its"
                            + " compiled loop had read the plain variable once and never again. Stopping made the JVM"
                            + " drop that code; the interpreter then read " + seen + " and the loop ended.");
                }
                throw new Stopped();
            }
            return seen;
        } finally {
            ctx.removeOnStop(release);
        }
    }

    private void switchGil() throws InterruptedException {
        lane.state(WorkerState.WAITING_FOR_GIL);
        lane.lockReleased(ctx.gilLock);
        lane.lockWaiting(ctx.gilLock);
        holdingGil = false;
        ctx.gil.switchTo(id);
        holdingGil = true;
        lane.lockAcquired(ctx.gilLock, true);
        lane.state(WorkerState.RUNNING);
    }

    private static long cpuNow() {
        return THREADS.getCurrentThreadCpuTime(); // -1 on a virtual thread: the JDK does not track it
    }
}

package org.threadlab.engine.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Outcome;

/**
 * Runs a lesson's race many times on real platform threads and counts the final states.
 *
 * <p>A batch is {@code k} trials. Trial {@code i} has its own shared slots (a fresh copy of the
 * lesson's variables, in plain memory) and its own locks. Every worker's thread plays its program
 * once per trial, trials in order, so the threads race over the same trial whenever they are
 * abreast. The threads meet at a spinning barrier before each batch, which lines them up again,
 * and after it; then each counts and resets its share of the batch's trials. The batch size grows
 * until a batch takes a few milliseconds, so short trials are cheap and long ones still report often.
 *
 * <p>Supports lessons whose workers only read, add, write, increment (plain or atomic), lock,
 * unlock, take a lock for a block, repeat, test locals in an if and return; see {@link #unsupported}.
 * A trial whose workers end up each waiting for a lock another holds is a real deadlock: the runner
 * sees the circle, the thread that closes it gives up that trial's locks, and the trial is counted
 * as a deadlock.
 */
public final class Stress {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Largest batch, in trials; the batch grows to it while a batch takes under {@link #BATCH_NANOS}. */
    public static final int MAX_BATCH = 1 << 14;
    private static final long BATCH_NANOS = 5_000_000;
    /** Diagnostics for issue 18: {@code -Dthreadlab.stress.probe=true} measures how far apart the workers run. */
    static final boolean PROBE = Boolean.getBoolean("threadlab.stress.probe");
    private static final int PAD = 16; // longs: 128 bytes between two lanes' progress
    private final long[] progress;
    private final long[][] probeDistance; // per lane: buckets of (my trial - other's trial) at sampled trial starts
    private final long[] probeOverlap = new long[2];
    private final long[] probeSampled = new long[2];
    private final long[][] probeStart; // per lane: batch start nanoTime, per batch (ring)
    private final int[] probeBatchSize = new int[1 << 16];
    private final long[][] probeEnd;

    /**
     * How long to stress.
     *
     * @param maxTrials stop after this many trials (rounded up to whole batches)
     * @param maxTime   stop after this long
     */
    public record Limits(long maxTrials, Duration maxTime) {
        public Limits {
            if (maxTrials < 1 || maxTime.isNegative() || maxTime.isZero()) {
                throw new IllegalArgumentException("stress limits must be positive");
            }
        }
    }

    private final CompiledLesson compiled;
    private final Limits limits;
    private final List<CompiledLesson.Lane> lanes;
    private final int vars;
    private final int lockCount;
    private final long[] initial;
    private final long[] memory;
    private final ReentrantLock[] locks;
    /** For lessons with locks: owner lane of each trial's lock, and the trial-lock each lane waits for. */
    private final AtomicIntegerArray owners;
    private final AtomicIntegerArray waiting;
    private final boolean[] deadlocked;
    private final Barrier barrier;
    private final CountDownLatch ended;
    private final Map<Key, long[]> histogram = new HashMap<>();
    private final AtomicLong trials = new AtomicLong();
    private volatile boolean cancelled;
    private volatile boolean stopping;
    private volatile String stopReason;
    private volatile int batch = 1;
    private long started;
    /** Touched only by the barrier's action, which the barrier orders between threads. */
    private long batchStarted;
    private boolean firstBatch = true;
    private volatile long endedAt;

    /**
     * @throws IllegalArgumentException if the lesson does something stress cannot repeat (see {@link #unsupported})
     */
    public Stress(CompiledLesson compiled, Limits limits) {
        Optional<String> why = unsupported(compiled);
        if (why.isPresent()) {
            throw new IllegalArgumentException(why.get());
        }
        this.compiled = compiled;
        this.limits = limits;
        this.lanes = compiled.lanes();
        this.vars = compiled.variables().size();
        this.lockCount = compiled.locks().size();
        this.initial = compiled.initialValues();
        this.memory = new long[MAX_BATCH * Math.max(1, vars)];
        for (int i = 0; i < MAX_BATCH; i++) {
            System.arraycopy(initial, 0, memory, i * vars, vars);
        }
        this.locks = new ReentrantLock[MAX_BATCH * lockCount];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        this.owners = new AtomicIntegerArray(locks.length);
        this.waiting = new AtomicIntegerArray(lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            waiting.set(i, -1);
        }
        this.deadlocked = new boolean[MAX_BATCH];
        this.barrier = new Barrier(lanes.size());
        this.ended = new CountDownLatch(lanes.size());
        this.progress = new long[PAD * (lanes.size() + 2)];
        this.probeDistance = new long[lanes.size()][16];
        this.probeStart = new long[lanes.size()][1 << 16];
        this.probeEnd = new long[lanes.size()][1 << 16];
    }

    /** Why stress cannot run this lesson, in a sentence; empty when it can. */
    public static Optional<String> unsupported(CompiledLesson compiled) {
        String id = compiled.lesson().id();
        if (!compiled.main().isEmpty()) {
            return Optional.of("stress cannot repeat lesson '" + id + "': it has main thread steps; stress runs"
                    + " workers that read, add, write, increment, lock, unlock and repeat");
        }
        if (!compiled.lesson().shared().readWriteLocks().isEmpty()) {
            return Optional.of("stress cannot repeat lesson '" + id + "' yet: it has read-write locks, and stress"
                    + " takes every lock as a plain one; use Step through, Every interleaving or a live run");
        }
        if (compiled.lanes().size() < 2) {
            return Optional.of("stress needs at least two workers to race; lesson '" + id + "' has "
                    + compiled.lanes().size());
        }
        for (CompiledLesson.Lane lane : compiled.lanes()) {
            for (Op op : lane.program().ops()) {
                String kind = switch (op) {
                    case Op.Read r -> null;
                    case Op.Add a -> null;
                    case Op.Write w -> null;
                    case Op.AtomicAdd a -> null;
                    case Op.Lock l -> null;
                    case Op.Unlock u -> null;
                    case Op.Return r -> null;
                    case Op.RepeatStart r -> null;
                    case Op.RepeatEnd r -> null;
                    case Op.Branch b -> null;
                    case Op.Jump j -> null;
                    case Op.Compute c -> "compute";
                    case Op.Sleep s -> "sleep";
                    case Op.Download d -> "download";
                    case Op.Print p -> "print";
                    case Op.Acquire a -> "with-permit";
                    case Op.Release r -> "with-permit";
                    case Op.Put p -> "put";
                    case Op.Take t -> "take";
                    case Op.Wait w -> "wait";
                    case Op.Notify n -> n.all() ? "notify-all" : "notify";
                    case Op.Spin sp -> "spin-until";
                };
                if (kind != null) {
                    return Optional.of("stress cannot repeat lesson '" + id + "': worker '" + lane.worker() + "' has a "
                            + kind + " step; stress runs workers that read, add, write, increment, lock, unlock,"
                            + " repeat and if (try run or explore instead)");
                }
            }
        }
        return Optional.empty();
    }

    public CompiledLesson compiled() {
        return compiled;
    }

    /** Starts one platform thread per worker; returns at once. */
    public Stress start() {
        started = System.nanoTime();
        for (int w = 0; w < lanes.size(); w++) {
            int lane = w;
            Thread.ofPlatform().daemon(true).name("stress-" + lanes.get(w).name()).start(() -> {
                try {
                    work(lane);
                } finally {
                    if (PROBE && ended.getCount() == 1) {
                        System.err.println(probeReport());
                    }
                    ended.countDown();
                }
            });
        }
        return this;
    }

    /** Asks the threads to stop; they end within a batch. */
    public void cancel() {
        cancelled = true;
    }

    /** Waits for the end and returns the final histogram. */
    public StressSnapshot await() throws InterruptedException {
        ended.await();
        return snapshot();
    }

    /** Waits up to {@code wait}; returns whether the stress has ended. */
    public boolean await(Duration wait) throws InterruptedException {
        return ended.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The histogram so far: safe to call from any thread, at any time (a view polls it). */
    public StressSnapshot snapshot() {
        List<StressOutcome> out = new ArrayList<>();
        // The total is the sum of the counts taken under the same lock: the trials counter moves at the
        // next barrier, while the threads add a finished batch to the histogram before it, so the two
        // read apart could give an outcome more trials than the total (a share over 100 %).
        long total = 0;
        synchronized (histogram) {
            for (var e : histogram.entrySet()) {
                out.add(outcome(e.getKey(), e.getValue()[0]));
                total += e.getValue()[0];
            }
        }
        out.sort(Comparator.comparingLong(StressOutcome::trials).reversed());
        boolean finished = ended.getCount() == 0;
        long end = finished ? endedAt : System.nanoTime();
        return new StressSnapshot(out, total, end - started, finished, finished ? stopReason : null);
    }

    private StressOutcome outcome(Key key, long count) {
        if (key.deadlock) {
            return new StressOutcome(Map.of(), true, Grade.NOT_GRADED,
                    "deadlock: each worker held a lock that another waited for", count);
        }
        Map<String, Long> shared = new LinkedHashMap<>();
        List<String> names = compiled.variables();
        for (int i = 0; i < names.size(); i++) {
            shared.put(names.get(i), key.values[i]);
        }
        Optional<Outcome> o = compiled.outcome(key.values);
        return new StressOutcome(shared, false, o.map(Outcome::grade).orElse(Grade.UNEXPECTED),
                o.map(x -> x.text().strip()).orElse("no outcome of the lesson matches this final state"), count);
    }

    /** One worker's thread: batch after batch until told to stop. */
    private void work(int lane) {
        Program program = lanes.get(lane).program();
        Op[] ops = program.ops();
        long[] fresh = program.newLocals(lanes.get(lane).copy());
        long[] locals = fresh.clone();
        Map<Key, long[]> counts = new HashMap<>();
        Key probe = new Key(new long[vars], false);
        int batchNo = 0;
        while (barrier.await(this::betweenBatches) && !stopping) {
            int k = batch;
            if (PROBE) {
                probeBatch(lane, k, ops, fresh, locals, batchNo++);
            } else {
            for (int i = 0; i < k; i++) {
                System.arraycopy(fresh, 0, locals, 0, fresh.length);
                if (!trial(lane, ops, locals, i)) {
                    deadlocked[i] = true;
                }
            }
            }
            if (!barrier.await(null)) {
                break;
            }
            // count and reset this thread's share of the batch; the next barrier publishes the reset
            int from = (int) ((long) k * lane / lanes.size());
            int to = (int) ((long) k * (lane + 1) / lanes.size());
            counts.clear();
            for (int i = from; i < to; i++) {
                probe.deadlock = deadlocked[i];
                if (probe.deadlock) {
                    Arrays.fill(probe.values, 0); // a stuck trial's values mean nothing: all deadlocks are one outcome
                } else {
                    System.arraycopy(memory, i * vars, probe.values, 0, vars);
                }
                probe.rehash();
                long[] c = counts.get(probe);
                if (c == null) {
                    counts.put(probe.copy(), new long[] {1});
                } else {
                    c[0]++;
                }
                System.arraycopy(initial, 0, memory, i * vars, vars);
                deadlocked[i] = false;
            }
            if (PROBE) {
                SLOT.setOpaque(progress, PAD * (lane + 1), -1L);
            }
            synchronized (histogram) {
                for (var e : counts.entrySet()) {
                    histogram.computeIfAbsent(e.getKey(), x -> new long[1])[0] += e.getValue()[0];
                }
            }
        }
    }

    /** The batch loop with the probe: publishes this lane's trial, samples the other's every 8th trial. */
    private void probeBatch(int lane, int k, Op[] ops, long[] fresh, long[] locals, int batchNo) {
        int other = 1 - lane;
        int slot = batchNo & 0xffff;
        probeStart[lane][slot] = System.nanoTime();
        probeBatchSize[slot] = k;
        long[] dist = probeDistance[lane];
        for (int i = 0; i < k; i++) {
            SLOT.setOpaque(progress, PAD * (lane + 1), (long) i);
            System.arraycopy(fresh, 0, locals, 0, fresh.length);
            boolean sample = (i & 7) == 0;
            long b0 = sample ? (long) SLOT.getOpaque(progress, PAD * (other + 1)) : 0;
            if (!trial(lane, ops, locals, i)) {
                deadlocked[i] = true;
            }
            if (sample) {
                long b1 = (long) SLOT.getOpaque(progress, PAD * (other + 1));
                probeSampled[lane]++;
                if (b0 <= i && i <= b1) {
                    probeOverlap[lane]++;
                }
                long d = b0 < 0 ? Long.MIN_VALUE : (b0 >= Integer.MAX_VALUE ? Long.MAX_VALUE : i - b0);
                dist[bucket(d)]++;
            }
        }
        SLOT.setOpaque(progress, PAD * (lane + 1), (long) Integer.MAX_VALUE);
        probeEnd[lane][slot] = System.nanoTime();
        barrierResetNote(lane);
    }

    private void barrierResetNote(int lane) {
        // the other lane's progress is reset to "not started" before the next batch's barrier, in work()
    }

    /** Buckets: 0 not started, 1 done, then |d| 0, 1-3, 4-15, 16-63, 64-255, 256-1023, 1024+ (ahead in 2..8, behind in 9..15). */
    private static int bucket(long d) {
        if (d == Long.MIN_VALUE) {
            return 0;
        }
        if (d == Long.MAX_VALUE) {
            return 1;
        }
        long a = Math.abs(d);
        int b = a == 0 ? 0 : a < 4 ? 1 : a < 16 ? 2 : a < 64 ? 3 : a < 256 ? 4 : a < 1024 ? 5 : 6;
        return d >= 0 ? 2 + b : 9 + b;
    }

    String probeReport() {
        StringBuilder r = new StringBuilder("probe (lanes 0,1):\n");
        String[] names = {"0", "1-3", "4-15", "16-63", "64-255", "256-1023", "1024+"};
        for (int lane = 0; lane < 2; lane++) {
            long[] d = probeDistance[lane];
            long sum = Arrays.stream(d).sum();
            r.append(String.format(Locale.ROOT, "lane %d: %,d sampled trials, overlapped %,d (%.3f %%); other not started %.2f %%, done %.2f %%%n",
                    lane, probeSampled[lane], probeOverlap[lane], 100.0 * probeOverlap[lane] / Math.max(1, probeSampled[lane]),
                    100.0 * d[0] / Math.max(1, sum), 100.0 * d[1] / Math.max(1, sum)));
            for (int b = 0; b < 7; b++) {
                r.append(String.format(Locale.ROOT, "   ahead by %-9s %6.2f %%   behind by %-9s %6.2f %%%n", names[b],
                        100.0 * d[2 + b] / Math.max(1, sum), names[b], 100.0 * d[9 + b] / Math.max(1, sum)));
            }
        }
        // start skew per batch
        List<Long> skews = new ArrayList<>();
        List<Double> perTrial = new ArrayList<>();
        List<Long> endSkews = new ArrayList<>();
        for (int b = 1; b < (1 << 16); b++) {
            if (probeStart[0][b] == 0 || probeStart[1][b] == 0 || probeEnd[0][b] == 0 || probeEnd[1][b] == 0) {
                continue;
            }
            skews.add(Math.abs(probeStart[0][b] - probeStart[1][b]));
            endSkews.add(Math.abs(probeEnd[0][b] - probeEnd[1][b]));
            perTrial.add((probeEnd[0][b] - probeStart[0][b]) / (double) probeBatchSize[b]);
        }
        Collections.sort(skews);
        Collections.sort(endSkews);
        Collections.sort(perTrial);
        if (!skews.isEmpty()) {
            r.append(String.format(Locale.ROOT, "batches %d; start skew ns: p10 %d, median %d, p90 %d; end skew ns: median %d, p90 %d; ns per trial (lane 0): median %.1f%n",
                    skews.size(), skews.get(skews.size() / 10), skews.get(skews.size() / 2), skews.get(skews.size() * 9 / 10),
                    endSkews.get(endSkews.size() / 2), endSkews.get(endSkews.size() * 9 / 10), perTrial.get(perTrial.size() / 2)));
            r.append("batch sizes: first ").append(probeBatchSize[1]).append(", last ").append(probeBatchSize[skews.size()]).append('\n');
        }
        return r.toString();
    }

    /** Run by the last thread to reach the barrier before a batch: counts, sizes the next batch, or stops. */
    private void betweenBatches() {
        long now = System.nanoTime();
        if (!firstBatch) {
            trials.addAndGet(batch);
            if (now - batchStarted < BATCH_NANOS && batch < MAX_BATCH) {
                batch *= 2;
            }
        }
        firstBatch = false;
        batchStarted = now;
        if (cancelled) {
            stop("cancelled");
        } else if (trials.get() >= limits.maxTrials()) {
            stop(String.format(Locale.ROOT, "%,d trials", trials.get()));
        } else if (now - started >= limits.maxTime().toNanos()) {
            stop(String.format(Locale.ROOT, "the time limit of %.1f s", limits.maxTime().toNanos() / 1e9));
        }
    }

    private void stop(String reason) {
        stopReason = reason;
        endedAt = System.nanoTime();
        stopping = true;
    }

    /** Plays a program once over trial {@code t}; false if the trial ended in a deadlock. */
    private boolean trial(int lane, Op[] ops, long[] locals, int t) {
        int base = t * vars;
        int pc = 0;
        while (pc < ops.length) {
            switch (ops[pc]) {
                case Op.Read r -> locals[r.local()] = memory[base + r.variable()];
                case Op.Add a -> locals[a.local()] += a.value().eval(locals);
                case Op.Write w -> memory[base + w.variable()] = locals[w.local()];
                case Op.AtomicAdd a -> SLOT.getAndAdd(memory, base + a.variable(), a.by().eval(locals));
                case Op.Lock l -> {
                    if (!lock(lane, t * lockCount + l.lock(), t)) {
                        return false;
                    }
                }
                case Op.Unlock u -> {
                    int index = t * lockCount + u.lock();
                    owners.setRelease(index, 0);
                    locks[index].unlock();
                }
                case Op.Return r -> pc = ops.length;
                case Op.RepeatStart r -> {
                    long times = r.times().eval(locals);
                    if (times <= 0) {
                        pc = r.exit() - 1;
                    } else {
                        locals[r.counter()] = times;
                        if (r.as() >= 0) {
                            locals[r.as()] = 1;
                        }
                    }
                }
                case Op.RepeatEnd r -> {
                    if (--locals[r.counter()] > 0) {
                        if (r.as() >= 0) {
                            locals[r.as()]++;
                        }
                        pc = r.body() - 1;
                    }
                }
                case Op.Branch b -> {
                    if (b.test().eval(locals) == 0) {
                        pc = b.otherwise() - 1;
                    }
                }
                case Op.Jump j -> pc = j.target() - 1;
                default -> throw new IllegalStateException("unsupported op " + ops[pc]); // refused in the constructor
            }
            pc++;
        }
        return true;
    }

    /**
     * Takes trial lock {@code index}. When it is taken, waits in short timed tries and looks for a
     * circle of waits through this trial's locks; a circle that is still there on the next look is
     * a deadlock: this lane lets go of its locks in the trial and gives the trial up.
     */
    private boolean lock(int lane, int index, int t) {
        ReentrantLock lock = locks[index];
        if (!lock.tryLock()) {
            waiting.setRelease(lane, index);
            boolean suspicious = false;
            try {
                while (!lock.tryLock(1, TimeUnit.MILLISECONDS)) {
                    boolean circle = inCircle(lane);
                    if (circle && suspicious) {
                        waiting.setRelease(lane, -1);
                        releaseAll(lane, t);
                        return false;
                    }
                    suspicious = circle;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                waiting.setRelease(lane, -1);
                releaseAll(lane, t);
                return false;
            }
            waiting.setRelease(lane, -1);
        }
        owners.setRelease(index, lane + 1); // 0 means free
        return true;
    }

    /** Whether following "waits for the lock held by" from this lane comes back to it. */
    private boolean inCircle(int lane) {
        int at = lane;
        for (int hops = 0; hops <= lanes.size(); hops++) {
            int lock = waiting.getAcquire(at);
            if (lock < 0) {
                return false;
            }
            int owner = owners.getAcquire(lock) - 1;
            if (owner < 0) {
                return false;
            }
            if (owner == lane) {
                return true;
            }
            at = owner;
        }
        return false;
    }

    private void releaseAll(int lane, int t) {
        for (int l = 0; l < lockCount; l++) {
            int index = t * lockCount + l;
            if (locks[index].isHeldByCurrentThread()) {
                owners.setRelease(index, 0);
                locks[index].unlock();
            }
        }
    }

    /** Final values of one trial (and whether it deadlocked), as a hash key. */
    private static final class Key {
        final long[] values;
        boolean deadlock;
        private int hash;

        Key(long[] values, boolean deadlock) {
            this.values = values;
            this.deadlock = deadlock;
            rehash();
        }

        void rehash() {
            hash = Arrays.hashCode(values) * 2 + (deadlock ? 1 : 0);
        }

        Key copy() {
            return new Key(values.clone(), deadlock);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.deadlock == deadlock && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * A reusable barrier for a few threads that spins briefly, then yields: threads released
     * together start their batch abreast, which is what lets them race. The last to arrive runs the
     * action first. {@link #await} returns false once the stress is cancelled.
     */
    private final class Barrier {
        private final int parties;
        private final java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();
        private volatile int generation;

        Barrier(int parties) {
            this.parties = parties;
        }

        boolean await(Runnable action) {
            int gen = generation;
            if (arrived.incrementAndGet() == parties) {
                if (action != null) {
                    action.run();
                }
                arrived.set(0);
                generation = gen + 1;
                return true;
            }
            int spins = 0;
            while (generation == gen) {
                if (cancelled && stopping) {
                    return false;
                }
                if (++spins < 20_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // another build may have taken the other core; do not burn ours
                }
            }
            return true;
        }
    }
}

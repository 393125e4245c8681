package org.threadlab.engine.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Trials come in <em>strides</em>, as in jcstress: a stride is {@code s} fresh trial slots (each a copy of
 * the lesson's variables in plain memory, with its own real locks), small enough that a stride and the next
 * fit in the first-level cache. Every worker's thread plays its program once per trial over the whole
 * stride, trials in order, so two threads that start the stride together stay abreast and keep landing in
 * the same trial. They are held together per stride, not per trial: after a stride each thread counts its
 * share of the <em>previous</em> stride (everyone has finished it), then arrives at a gathering; the last to
 * arrive sizes the next stride, names a start moment a little ahead on the shared clock, and lets them go;
 * every thread spins until that moment and starts (a thread yields only after a long wait, when another
 * has lost its core, or at once when there are more workers than processors).
 * Two buffers of slots alternate, so the counting never delays a start. Counts stay exact: a stride is
 * counted once, after all threads have finished it.
 *
 * <p>How often the workers really overlapped is measured, not assumed: every thread publishes the trial it
 * is in, and the first worker, on one trial in {@value #SAMPLE_EVERY}, looks whether another worker was in the
 * same trial at some moment of its own ({@link StressSnapshot#overlappedTrials()}).
 *
 * <p>Supports lessons whose workers only read, add, write, increment (plain or atomic), lock,
 * unlock, take a lock for a block, repeat, test locals in an if and return; see {@link #unsupported}.
 * A trial whose workers end up each waiting for a lock another holds is a real deadlock: the runner
 * sees the circle, the thread that closes it gives up that trial's locks, and the trial is counted
 * as a deadlock.
 */
public final class Stress {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Largest stride, in trials, whatever the lesson. */
    public static final int MAX_STRIDE = 1 << 12;
    /**
     * Bytes of trial slots (and locks) one stride may take: the two buffers together take a quarter of a
     * 32 KB first-level data cache. Smaller strides also keep the threads abreast: measured on the smallest
     * race, 4 KB showed a lost update in 9-13 % of trials where 16 KB showed 3-7 %, and more lost updates per
     * second in four of five paired runs (issue 18's findings). Overridable with
     * {@code -Dthreadlab.stress.strideBytes}, as the lead and the stride time are, to measure other settings.
     */
    private static final int STRIDE_BYTES = Integer.getInteger("threadlab.stress.strideBytes", 4 << 10);
    /** Rough bytes per trial lock (a ReentrantLock and its sync object), for sizing the stride. */
    private static final int LOCK_BYTES = 64;
    /**
     * A stride doubles while its trials (the fastest thread's, waiting excluded) take under this long: short
     * enough that two threads started together have not drifted apart by its end, long enough that the
     * gathering between strides costs little. Long trials get strides of one trial.
     */
    private static final long STRIDE_NANOS = Long.getLong("threadlab.stress.strideNanos", 20_000);
    /** How far ahead of the release the start moment is: more than another core needs to see the release. */
    private static final long LEAD_NANOS = Long.getLong("threadlab.stress.leadNanos", 500);
    /** How long a thread spins at the gathering before it starts to yield (the other may have lost its core). */
    private static final long SPIN_NANOS = 200_000;
    /** The first worker checks one trial in this many for an overlap. */
    static final int SAMPLE_EVERY = 64;
    /** Diagnostics for issue 18: {@code -Dthreadlab.stress.probe=true} prints how late each thread started. */
    static final boolean PROBE = Boolean.getBoolean("threadlab.stress.probe");
    /** Longs between two threads' progress slots (128 bytes), so publishing progress shares no cache line. */
    private static final int PAD = 16;

    /**
     * How long to stress.
     *
     * @param maxTrials stop after this many trials (rounded up to whole strides)
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
    private final int parties;
    private final int vars;
    private final int lockCount;
    private final long[] initial;
    /** Largest stride for this lesson (a power of two); the two buffers are {@code [0, maxStride)} and {@code [maxStride, 2 maxStride)}. */
    private final int maxStride;
    private final boolean oversubscribed;
    private final long spinNanos;
    private final long[] memory;
    private final ReentrantLock[] locks;
    /** For lessons with locks: owner lane of each trial's lock, and the trial-lock each lane waits for. */
    private final AtomicIntegerArray owners;
    private final AtomicIntegerArray waiting;
    private final boolean[] deadlocked;
    /** Per thread, at {@code PAD * (lane + 1)}: the sequence number of the trial it is in (see {@link #seq}). */
    private final long[] progress;
    /** Per thread, at {@code PAD * (lane + 1)}: how long its last stride's trials took, waiting excluded. */
    private final long[] ran;
    /** The gathering between strides: how many have arrived, and the release (generation, start moment). */
    private final AtomicInteger arrived = new AtomicInteger();
    private final long[] release = new long[3 * PAD]; // [PAD] generation, [PAD + 1] start moment, [PAD + 2] stride
    private final CountDownLatch ended;
    private final Map<Key, long[]> histogram = new HashMap<>();
    private final AtomicLong trials = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong overlapped = new AtomicLong();
    private final long[][] lateness;
    private volatile boolean cancelled;
    private volatile boolean stopping;
    private volatile String stopReason;
    private long started;
    /** Touched only by the last thread to arrive at a gathering, which the release orders between threads. */
    private int stride = 1;
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
        this.parties = lanes.size();
        this.vars = compiled.variables().size();
        this.lockCount = compiled.locks().size();
        this.initial = compiled.initialValues();
        // More workers than processors cannot all run at once: a gathering then waits for the scheduler, so
        // waiting threads yield at once and strides may be longer, to pay for that wait less often
        this.oversubscribed = parties > Runtime.getRuntime().availableProcessors();
        this.spinNanos = oversubscribed ? 0 : SPIN_NANOS;
        this.maxStride = oversubscribed ? Math.min(MAX_STRIDE, 16 * strideFor(vars, lockCount)) : strideFor(vars, lockCount);
        int slots = 2 * maxStride;
        this.memory = new long[slots * Math.max(1, vars)];
        for (int i = 0; i < slots; i++) {
            System.arraycopy(initial, 0, memory, i * vars, vars);
        }
        this.locks = new ReentrantLock[slots * lockCount];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        this.owners = new AtomicIntegerArray(locks.length);
        this.waiting = new AtomicIntegerArray(parties);
        for (int i = 0; i < parties; i++) {
            waiting.set(i, -1);
        }
        this.deadlocked = new boolean[slots];
        this.progress = new long[PAD * (parties + 2)];
        this.ran = new long[PAD * (parties + 2)];
        this.ended = new CountDownLatch(parties);
        this.lateness = new long[parties][8];
    }

    /** The largest power of two of trials whose slots and locks fit {@link #STRIDE_BYTES}, at most {@link #MAX_STRIDE}. */
    static int strideFor(int vars, int lockCount) {
        int perTrial = Math.max(1, vars * Long.BYTES + lockCount * LOCK_BYTES);
        int fit = Math.max(1, STRIDE_BYTES / perTrial);
        return Math.min(MAX_STRIDE, Integer.highestOneBit(fit));
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
        for (int w = 0; w < parties; w++) {
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

    /** Asks the threads to stop; they end within a stride. */
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
        // gathering, while the threads add a counted stride to the histogram at their own pace, so the two
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
        return new StressSnapshot(out, total, end - started, finished, finished ? stopReason : null,
                sampled.get(), overlapped.get());
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

    /**
     * One worker's thread: stride after stride until told to stop. Between two strides it counts its share
     * of the stride before (all threads finished that one before this one started), then gathers.
     */
    private void work(int lane) {
        Program program = lanes.get(lane).program();
        Op[] ops = program.ops();
        long[] fresh = program.newLocals(lanes.get(lane).copy());
        long[] locals = fresh.clone();
        Counter counter = new Counter(vars);
        long[] others = new long[parties]; // the first worker's look at the others' progress
        int mine = PAD * (lane + 1);
        long generation = 0;
        int previousBase = 0;
        int previousSize = 0;
        while (true) {
            generation = gather(generation);
            if (stopping) {
                break;
            }
            int size = (int) (long) SLOT.getOpaque(release, PAD + 2);
            long go = (long) SLOT.getOpaque(release, PAD + 1);
            int base = (int) (generation & 1) * maxStride;
            long first = seq(generation, 0);
            long now;
            while ((now = System.nanoTime()) < go) {
                Thread.onSpinWait();
            }
            if (PROBE) {
                long late = now - go;
                lateness[lane][late < 25 ? 0 : late < 50 ? 1 : late < 100 ? 2 : late < 200 ? 3 : late < 500 ? 4
                        : late < 1_000 ? 5 : late < 10_000 ? 6 : 7]++;
            }
            if (lane == 0) {
                firstWorkerStride(ops, fresh, locals, base, size, first, (int) generation, others);
            } else {
                for (int i = 0; i < size; i++) {
                    // a release store, free on x86: the previous trial's accesses all come before it; this
                    // trial's reads may still run ahead of it (no store-load fence per trial, which would
                    // slow every trial), so the overlaps the first worker counts are a lower bound
                    SLOT.setRelease(progress, mine, first + i);
                    System.arraycopy(fresh, 0, locals, 0, fresh.length);
                    if (!trial(lane, ops, locals, base + i)) {
                        deadlocked[base + i] = true;
                    }
                }
            }
            SLOT.setOpaque(progress, mine, first + size); // past the stride: in none of its trials
            SLOT.setOpaque(ran, mine, System.nanoTime() - now);
            if (previousSize > 0) {
                count(lane, counter, previousBase, previousSize);
            }
            previousBase = base;
            previousSize = size;
        }
        if (previousSize > 0) {
            count(lane, counter, previousBase, previousSize); // the last stride: every thread finished it
        }
    }

    /** A trial's place in the whole run, increasing across strides, for comparing two threads' progress. */
    private long seq(long generation, int i) {
        return generation * (MAX_STRIDE + 1L) + i;
    }

    /** The first worker's stride: the same trials, and on one trial in {@link #SAMPLE_EVERY} a look at the others. */
    private void firstWorkerStride(Op[] ops, long[] fresh, long[] locals, int base, int size, long first, int generation,
                                   long[] before) {
        long looked = 0;
        long together = 0;
        for (int i = 0; i < size; i++) {
            long at = first + i;
            SLOT.setOpaque(progress, PAD, at);
            System.arraycopy(fresh, 0, locals, 0, fresh.length);
            // the sampled place in the stride moves from stride to stride (7 is odd: every place in turn), as
            // overlapping is likelier near a stride's start than near its end
            boolean look = ((i + generation * 7) & (SAMPLE_EVERY - 1)) == 0;
            if (look) {
                VarHandle.fullFence(); // the looks bracket this thread's trial: none moves into or out of it
                for (int o = 1; o < parties; o++) {
                    before[o] = (long) SLOT.getAcquire(progress, PAD * (o + 1));
                }
            }
            if (!trial(0, ops, locals, base + i)) {
                deadlocked[base + i] = true;
            }
            if (look) {
                looked++;
                VarHandle.fullFence();
                // another thread was in this trial at some moment of ours: it had not passed it when we
                // started, and had reached it when we ended
                for (int o = 1; o < parties; o++) {
                    long after = (long) SLOT.getAcquire(progress, PAD * (o + 1));
                    if (before[o] <= at && at <= after) {
                        together++;
                        break;
                    }
                }
            }
        }
        if (looked > 0) {
            sampled.addAndGet(looked);
            overlapped.addAndGet(together);
        }
    }

    /**
     * Arrives at the gathering after {@code generation}; the last to arrive sizes the next stride (or stops)
     * and releases everyone with one start moment. Returns the new generation.
     */
    private long gather(long generation) {
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            betweenStrides(generation);
            SLOT.setOpaque(release, PAD + 2, (long) stride);
            SLOT.setOpaque(release, PAD + 1, System.nanoTime() + LEAD_NANOS);
            SLOT.setRelease(release, PAD, generation + 1);
            return generation + 1;
        }
        long waitStarted = System.nanoTime();
        int spins = 0;
        while ((long) SLOT.getAcquire(release, PAD) == generation) {
            if (oversubscribed || (++spins & 1023) == 0 && System.nanoTime() - waitStarted > spinNanos) {
                Thread.yield(); // the other thread lost its core for a while; do not burn ours meanwhile
            } else {
                Thread.onSpinWait();
            }
        }
        return generation + 1;
    }

    /** Run by the last thread to arrive after stride {@code generation}: counts it, sizes the next, or stops. */
    private void betweenStrides(long generation) {
        long now = System.nanoTime();
        if (generation > 0) {
            trials.addAndGet(stride);
            // sized by the time the trials took, not the time between gatherings: on a busy machine a
            // thread that lost its core makes the gathering slow, and the stride must not stay tiny for it
            long fastest = Long.MAX_VALUE;
            for (int lane = 0; lane < parties; lane++) {
                fastest = Math.min(fastest, (long) SLOT.getOpaque(ran, PAD * (lane + 1)));
            }
            if (fastest < STRIDE_NANOS && stride < maxStride) {
                stride *= 2;
            }
        }
        if (cancelled) {
            stop("cancelled");
        } else if (trials.get() >= limits.maxTrials()) {
            stop(String.format(Locale.ROOT, "%,d trials", trials.get()));
        } else if (now - started >= limits.maxTime().toNanos()) {
            stop(String.format(Locale.ROOT, "the time limit of %.1f s", limits.maxTime().toNanos() / 1e9));
        }
    }

    /** Counts and resets this thread's share of a finished stride; the next gathering publishes the reset. */
    private void count(int lane, Counter counter, int base, int size) {
        int from = base + (int) ((long) size * lane / parties);
        int to = base + (int) ((long) size * (lane + 1) / parties);
        counter.clear();
        for (int i = from; i < to; i++) {
            if (deadlocked[i]) {
                counter.add(null, 0);
                deadlocked[i] = false;
            } else {
                counter.add(memory, i * vars);
            }
            System.arraycopy(initial, 0, memory, i * vars, vars);
        }
        counter.flush();
        synchronized (histogram) {
            for (var e : counter.counts.entrySet()) {
                histogram.computeIfAbsent(e.getKey(), x -> new long[1])[0] += e.getValue()[0];
            }
        }
    }

    /** Counts final states; a run of equal states (the common case) costs a comparison, not a hash. */
    private static final class Counter {
        final Map<Key, long[]> counts = new HashMap<>();
        private final Key probe;
        private final long[] last;
        private boolean lastDeadlock;
        private long run;

        Counter(int vars) {
            probe = new Key(new long[vars], false);
            last = new long[vars];
        }

        void clear() {
            counts.clear();
            run = 0;
        }

        /** Adds one trial's values ({@code memory == null} for a deadlock, whose values mean nothing). */
        void add(long[] memory, int from) {
            boolean deadlock = memory == null;
            if (run > 0 && deadlock == lastDeadlock
                    && (deadlock || Arrays.equals(memory, from, from + last.length, last, 0, last.length))) {
                run++;
                return;
            }
            flush();
            lastDeadlock = deadlock;
            if (deadlock) {
                Arrays.fill(last, 0); // all deadlocks are one outcome
            } else {
                System.arraycopy(memory, from, last, 0, last.length);
            }
            run = 1;
        }

        void flush() {
            if (run == 0) {
                return;
            }
            System.arraycopy(last, 0, probe.values, 0, last.length);
            probe.deadlock = lastDeadlock;
            probe.rehash();
            long[] c = counts.get(probe);
            if (c == null) {
                counts.put(probe.copy(), new long[] {run});
            } else {
                c[0] += run;
            }
            run = 0;
        }
    }

    /** For the probe: how late each thread started its strides after the named start moment. */
    String probeReport() {
        StringBuilder r = new StringBuilder("probe: start after the named moment, per thread, share of strides\n");
        String[] names = {"<25 ns", "25-49", "50-99", "100-199", "200-499", "500-999", "1-10 us", ">=10 us"};
        for (int lane = 0; lane < parties; lane++) {
            long sum = Arrays.stream(lateness[lane]).sum();
            r.append("  thread ").append(lane).append(String.format(Locale.ROOT, " (%,d strides):", sum));
            for (int b = 0; b < names.length; b++) {
                r.append(String.format(Locale.ROOT, " %s %.1f%%", names[b], 100.0 * lateness[lane][b] / Math.max(1, sum)));
            }
            r.append('\n');
        }
        r.append(String.format(Locale.ROOT, "  overlapped %,d of %,d sampled trials (%.2f %%); last stride %d of at most %d",
                overlapped.get(), sampled.get(), 100.0 * overlapped.get() / Math.max(1, sampled.get()), stride, maxStride));
        return r.toString();
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

}

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
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.threadlab.engine.live.WorkerPriority;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Outcome;

/**
 * Runs a lesson's race many times on real platform threads and counts the final states.
 *
 * <p>Trials come in <em>strides</em>, as in jcstress: a stride is {@code s} fresh trial slots (each a copy of
 * the lesson's variables in plain memory, with its own real locks), small enough that the buffers of slots
 * fit in the first-level cache. Every worker's thread plays its program once per trial over the whole
 * stride, trials in order, so two threads that start the stride together stay abreast and keep landing in
 * the same trial. They are held together by a <em>timetable</em>, not by meeting after every stride: the
 * threads gather once per <em>epoch</em> (about a millisecond), where the last to arrive sizes the stride
 * from what the last epoch measured and names the epoch's start moment on the shared clock and its period
 * (half as long again as the slower thread's stride and counting took); stride {@code k} of the epoch then
 * starts at {@code start + k * period}, and every thread spins until that moment, with no message between
 * them. Measured on the smallest race (issue 18), meeting after every stride took a third of the time, in
 * which no trial ran. After a stride each thread counts its share of the stride before, once every thread
 * has finished that one; strides take a ring of {@value #RING} buffers in turn, and a thread starts a stride
 * only when every thread has counted the buffer's previous stride. Counts stay exact: a stride is counted
 * once, after all threads have finished it. A thread yields only after a long wait, when another has lost
 * its core, or at once when there are more workers than processors.
 *
 * <p>How often the workers really overlapped is estimated, not assumed: on one trial in {@value #SAMPLE_EVERY}
 * the other workers mark when they enter and leave it, and the first worker looks whether another worker was
 * in that trial at some moment of its own ({@link StressSnapshot#overlappedTrials()}).
 *
 * <p>Each worker's stride runs as bytecode of its own ({@link StrideCode}), compiled by the JIT with the worker's
 * program inlined, as jcstress compiles each actor; a program that computes a value with a formula is played
 * by the interpreter ({@link TrialCode}) instead, and then every worker is, so that they stay abreast.
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
     * Bytes of trial slots (and locks) one stride may take: the ring's four buffers together take half of a
     * 32 KB first-level data cache. Overridable with {@code -Dthreadlab.stress.strideBytes}, as the lead, the
     * stride time and the period are, to measure other settings.
     */
    private static final int STRIDE_BYTES = Integer.getInteger("threadlab.stress.strideBytes", 4 << 10);
    /** Rough bytes per trial lock (a ReentrantLock and its sync object), for sizing the stride. */
    private static final int LOCK_BYTES = 64;
    /**
     * A stride doubles while its trials (the fastest thread's, waiting excluded) take under this long: short
     * enough that two threads started together have not drifted apart by its end. Measured on the smallest
     * race (issue 18, docs/performance.md): strides of 32 to 64 trials lost an update in 6 to 17 % of trials,
     * strides of 128 to 512 in 1 to 6 %. Long trials get strides of one trial.
     */
    private static final long STRIDE_NANOS = Long.getLong("threadlab.stress.strideNanos", 1_000);
    /** How far ahead of the release an epoch's start moment is: more than another core needs to see the release. */
    private static final long LEAD_NANOS = Long.getLong("threadlab.stress.leadNanos", 500);
    /** {@code -Dthreadlab.stress.interpret=true}: play every worker with the interpreter, to compare. */
    static final boolean INTERPRET = Boolean.getBoolean("threadlab.stress.interpret");
    /** Buffers of trial slots the strides take in turn, so a stride can start while the one before is counted. */
    static final int RING = 4;
    /**
     * The period of an epoch's schedule, in percent of the slowest thread's time per stride (trials and counting)
     * in the epoch before: room for the slower thread to be ready at every start moment.
     */
    private static final long PERIOD_PERCENT = Long.getLong("threadlab.stress.periodPercent", 150);
    /** How long an epoch's schedule runs before the threads gather again (to resize, re-time, or stop). */
    private static final long EPOCH_NANOS = 1_000_000;
    private static final long MAX_EPOCH_STRIDES = 4096;
    /** The first epoch measures strides of one trial, run back to back. */
    private static final long FIRST_EPOCH_STRIDES = 64;
    /** How long a thread spins at the gathering before it starts to yield (the other may have lost its core). */
    private static final long SPIN_NANOS = 200_000;
    /** The first worker checks one trial in this many for an overlap. */
    static final int SAMPLE_EVERY = 64;
    /** Diagnostics for issue 18: {@code -Dthreadlab.stress.probe=true} prints how late each thread started. */
    static final boolean PROBE = Boolean.getBoolean("threadlab.stress.probe");
    /**
     * How often a thread adds its counts to the shared histogram: often enough for a view that redraws a few
     * times a second, rarely enough that the lock and the map cost nothing per stride.
     */
    private static final long PUBLISH_NANOS = 20_000_000;
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
    /** How many locks a trial has: those the workers take. */
    private final int lockCount;
    /** Each worker's program, written out for playing fast. */
    private final TrialCode[] codes;
    /** Each worker's stride written out as bytecode of its own, or null when the interpreter plays them. */
    private final StrideCode[] strideCodes;
    /** The first worker's looks: where the others were before its sampled trial, and how its looks went. */
    private final long[] lookBefore;
    private long looks;
    private long togetherLooks;
    private final long[] initial;
    /** Largest stride for this lesson (a power of two); buffer {@code b} of the ring is {@code [b * maxStride, (b + 1) * maxStride)}. */
    private final int maxStride;
    private final boolean oversubscribed;
    private final long[] memory;
    private final ReentrantLock[] locks;
    /** For lessons with locks: owner lane of each trial's lock, and the trial-lock each lane waits for. */
    private final AtomicIntegerArray owners;
    private final AtomicIntegerArray waiting;
    private final boolean[] deadlocked;
    /**
     * Per worker but the first, at {@code PAD * (lane + 1)}: around each trial the first worker looks at, the sequence
     * number of that trial while in it and one more once past it (see {@link #seq} and {@link #sampled}).
     */
    private final long[] progress;
    /**
     * Per thread, at {@code PAD * (lane + 1)}: how long a stride's trials took in its last epoch, on average; one
     * further: its trials and counting together (waiting excluded).
     */
    private final long[] ran;
    /** Per thread, at {@code PAD * (lane + 1)}: how many strides it has finished, and has counted its share of. */
    private final long[] done;
    private final long[] counted;
    /** The gathering between epochs: how many have arrived (the release, below, says what the next epoch is). */
    private final AtomicInteger arrived = new AtomicInteger();
    /** [PAD] epoch, [PAD + 1] its start moment, [PAD + 2] stride, [PAD + 3] period, [PAD + 4] strides, [PAD + 5] first stride. */
    private final long[] release = new long[3 * PAD];
    private final CountDownLatch ended;
    private final Map<Key, long[]> histogram = new HashMap<>();
    private final AtomicLong trials = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong overlapped = new AtomicLong();
    private final long[][] lateness;
    /** For the probe: per thread, nanoseconds in the gathering, waiting for the start moment, in trials, counting. */
    private final long[][] phases;
    private volatile boolean cancelled;
    /** Set when a worker's thread ended with an error: the others stop waiting for it. */
    private volatile boolean failed;
    private volatile boolean stopping;
    private volatile String stopReason;
    private long started;
    /**
     * The epoch's plan: trials per stride, strides, and the number of its first stride in the whole run. Touched
     * only by the last thread to arrive at a gathering, which the release orders between threads.
     */
    private int stride = 1;
    private long strides;
    private long nextStride;
    private volatile long endedAt;

    /**
     * @throws IllegalArgumentException if the lesson does something stress cannot repeat (see {@link #unsupported})
     */
    public Stress(CompiledLesson compiled, Limits limits) {
        this(compiled, limits, INTERPRET);
    }

    /** With {@code interpret}, every worker is played by the interpreter ({@link TrialCode}), to compare. */
    Stress(CompiledLesson compiled, Limits limits, boolean interpret) {
        Optional<String> why = unsupported(compiled);
        if (why.isPresent()) {
            throw new IllegalArgumentException(why.get());
        }
        this.compiled = compiled;
        this.limits = limits;
        this.lanes = compiled.lanes();
        this.parties = lanes.size();
        this.vars = compiled.variables().size();
        // trial locks only for the locks some worker takes: a variant without locks has none, and its
        // stride is not made smaller for locks it never touches
        Map<Integer, Integer> lockIndex = new TreeMap<>();
        for (CompiledLesson.Lane lane : lanes) {
            for (Op op : lane.program().ops()) {
                if (op instanceof Op.Lock l) {
                    lockIndex.putIfAbsent(l.lock(), 0);
                }
            }
        }
        int dense = 0;
        for (var e : lockIndex.entrySet()) {
            e.setValue(dense++);
        }
        this.lockCount = lockIndex.size();
        this.codes = lanes.stream().map(l -> TrialCode.of(l.program().ops(), lockIndex)).toArray(TrialCode[]::new);
        this.initial = compiled.initialValues();
        this.lookBefore = new long[parties];
        StrideCode[] written = new StrideCode[parties];
        for (int i = 0; i < parties && written != null; i++) {
            CompiledLesson.Lane l = lanes.get(i);
            written[i] = interpret ? null
                    : StrideCode.compile(i, l.program().ops(), l.program().newLocals(l.copy()), vars, lockIndex).orElse(null);
            if (written[i] == null) {
                written = null; // all workers alike: one written out and one interpreted would not stay abreast
            }
        }
        this.strideCodes = written;
        // More workers than processors cannot all run at once: a gathering then waits for the scheduler, so
        // waiting threads yield at once and strides may be longer, to pay for that wait less often
        this.oversubscribed = parties > Runtime.getRuntime().availableProcessors();
        this.maxStride = oversubscribed ? Math.min(MAX_STRIDE, 16 * strideFor(vars, lockCount)) : strideFor(vars, lockCount);
        int slots = RING * maxStride;
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
        Arrays.fill(progress, -1); // before any trial: the first sampled trial is number 0
        this.ran = new long[PAD * (parties + 2)];
        this.done = new long[PAD * (parties + 2)];
        this.counted = new long[PAD * (parties + 2)];
        this.ended = new CountDownLatch(parties);
        this.lateness = new long[parties][8];
        this.phases = new long[parties][4];
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

    /** Whether the workers' strides run as bytecode of their own ({@link StrideCode}) rather than interpreted. */
    boolean writtenOut() {
        return strideCodes != null;
    }

    /**
     * Whether stress plays this lesson's workers as bytecode of their own, compiled by the JIT as Java code is, rather
     * than interpreting them (which it does when a worker computes a value with a formula).
     */
    public static boolean writesOut(CompiledLesson compiled) {
        return !INTERPRET && compiled.lanes().stream().allMatch(l -> StrideCode.canWrite(l.program().ops()));
    }

    public CompiledLesson compiled() {
        return compiled;
    }

    /** Starts one platform thread per worker; returns at once. */
    public Stress start() {
        started = System.nanoTime();
        for (int w = 0; w < parties; w++) {
            int lane = w;
            WorkerPriority.platformThread().daemon(true).name("stress-" + lanes.get(w).name()).start(() -> {
                try {
                    work(lane);
                } catch (Abandoned a) {
                    // another worker failed: this one stopped waiting for it
                } catch (RuntimeException | Error e) {
                    // a worker that fails must not leave the others waiting for it at a gathering forever
                    stop("an error in worker " + lanes.get(lane).name() + ": " + e);
                    failed = true;
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

    /**
     * Asks the threads to stop; they end with the epoch, within about a millisecond (the first epoch, which
     * measures 64 strides of one trial, takes longer when trials are slow, such as broken deadlocks).
     */
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
                    "Deadlock: workers in a circle each held a lock that the next one was waiting for, so none could go"
                    + " on. Real stress let go of that trial's locks and counted it.", count);
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
     * One worker's thread: epoch after epoch until told to stop. In an epoch it runs each stride at its moment
     * on the schedule; after a stride it counts its share of the stride before (once every thread has finished
     * that one), and before a stride it makes sure the ring's buffer it will use has been counted by all.
     */
    private void work(int lane) {
        Program program = lanes.get(lane).program();
        TrialCode code = codes[lane];
        long[] fresh = program.newLocals(lanes.get(lane).copy());
        long[] locals = fresh.clone();
        Counter counter = new Counter(vars);
        int mine = PAD * (lane + 1);
        long epoch = 0;
        long published = System.nanoTime();
        while (true) {
            long t0 = PROBE ? System.nanoTime() : 0;
            epoch = gather(epoch);
            if (PROBE) {
                phases[lane][0] += System.nanoTime() - t0;
            }
            if (stopping) {
                break;
            }
            int size = (int) (long) SLOT.getOpaque(release, PAD + 2);
            long start = (long) SLOT.getOpaque(release, PAD + 1);
            long period = (long) SLOT.getOpaque(release, PAD + 3);
            long strides = (long) SLOT.getOpaque(release, PAD + 4);
            long firstStride = (long) SLOT.getOpaque(release, PAD + 5);
            long trialNanos = 0;
            long busyNanos = 0;
            for (long k = 0; k < strides; k++) {
                long stride = firstStride + k;
                int base = (int) (stride % RING) * maxStride;
                long t1 = PROBE ? System.nanoTime() : 0;
                if (stride >= RING) {
                    awaitAll(counted, stride - RING + 1); // the buffer's last stride is counted and reset
                }
                long go = start + k * period;
                long now;
                while ((now = System.nanoTime()) < go) {
                    if (oversubscribed) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                if (PROBE) {
                    phases[lane][1] += now - t1;
                    long late = now - go;
                    lateness[lane][late < 25 ? 0 : late < 50 ? 1 : late < 100 ? 2 : late < 200 ? 3 : late < 500 ? 4
                            : late < 1_000 ? 5 : late < 10_000 ? 6 : 7]++;
                }
                long first = seq(stride, 0);
                if (strideCodes != null) {
                    strideCodes[lane].run(this, memory, base, size, first, stride);
                } else {
                    for (int i = 0; i < size; i++) {
                        boolean looked = sampled(i, stride);
                        if (looked) {
                            beforeSampled(lane, first + i);
                        }
                        System.arraycopy(fresh, 0, locals, 0, fresh.length);
                        if (!trial(lane, code, locals, base + i)) {
                            deadlocked(base + i);
                        }
                        if (looked) {
                            afterSampled(lane, first + i);
                        }
                    }
                }
                if (lane == 0 && looks > 0) {
                    sampled.addAndGet(looks);
                    overlapped.addAndGet(togetherLooks);
                    looks = 0;
                    togetherLooks = 0;
                }
                SLOT.setOpaque(progress, mine, first + size); // past the stride: in none of its trials
                long strideEnd = System.nanoTime();
                trialNanos += strideEnd - now;
                busyNanos += strideEnd - now;
                SLOT.setRelease(done, mine, stride + 1);
                if (PROBE) {
                    phases[lane][2] += strideEnd - now;
                }
                if (k > 0) {
                    busyNanos += countAfterAll(lane, counter, stride - 1, size);
                    if (strideEnd - published > PUBLISH_NANOS) {
                        publish(counter);
                        published = strideEnd;
                    }
                }
            }
            // the epoch's last stride: every stride is counted before the gathering, so the next epoch starts clean
            busyNanos += countAfterAll(lane, counter, firstStride + strides - 1, size);
            SLOT.setOpaque(ran, mine, trialNanos / strides);
            SLOT.setOpaque(ran, mine + 1, busyNanos / strides);
        }
        publish(counter);
    }

    /**
     * Waits until every thread has finished stride {@code stride}, counts this thread's share of it and says so;
     * returns the nanoseconds spent counting (waiting excluded).
     */
    private long countAfterAll(int lane, Counter counter, long stride, int size) {
        awaitAll(done, stride + 1);
        long from = System.nanoTime();
        count(lane, counter, (int) (stride % RING) * maxStride, size);
        SLOT.setRelease(counted, PAD * (lane + 1), stride + 1);
        long took = System.nanoTime() - from;
        if (PROBE) {
            phases[lane][3] += took;
        }
        return took;
    }

    /** Waits until every thread's entry in {@code marks} is at least {@code value}. */
    private void awaitAll(long[] marks, long value) {
        for (int lane = 0; lane < parties; lane++) {
            awaitMark(marks, PAD * (lane + 1), value);
        }
    }

    /**
     * Waits until {@code marks[at]}, which only grows, is at least {@code value}: spinning, then yielding after a
     * long wait (or at once with more workers than processors); gives up if another worker's thread failed.
     */
    private void awaitMark(long[] marks, int at, long value) {
        if ((long) SLOT.getAcquire(marks, at) >= value) {
            return;
        }
        long waitStarted = System.nanoTime();
        int spins = 0;
        while ((long) SLOT.getAcquire(marks, at) < value) {
            if (failed) {
                throw new Abandoned();
            }
            if (oversubscribed || (++spins & 1023) == 0 && System.nanoTime() - waitStarted > SPIN_NANOS) {
                Thread.yield(); // the other thread lost its core for a while; do not burn ours meanwhile
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** A trial's place in the whole run, increasing across strides, for comparing two threads' progress. */
    private long seq(long generation, int i) {
        return generation * (MAX_STRIDE + 1L) + i;
    }

    /**
     * Whether the first worker looks at trial {@code i} of stride {@code stride}. The place moves from stride to
     * stride (7 is odd: every place in turn), as overlapping is likelier near a stride's start than near its end.
     */
    static boolean sampled(int i, long stride) {
        return ((i + stride * 7) & (SAMPLE_EVERY - 1)) == 0;
    }

    /**
     * Before a sampled trial (sequence number {@code at}): the first worker notes where the others are; the others
     * say they are in it. The others say where they are only around sampled trials: a store in every trial made
     * lost updates half as frequent (issue 18). Release stores, free on x86: the trial's accesses come after the
     * first and before the second, though its reads may still run ahead of the first (no store-load fence, which
     * would slow the trial), and either mark may reach the first worker late: the overlaps it counts are an
     * estimate, which can miss an overlap or count one that just missed.
     */
    void beforeSampled(int lane, long at) {
        if (lane == 0) {
            VarHandle.fullFence(); // the looks bracket this thread's trial: none moves into or out of it
            for (int o = 1; o < parties; o++) {
                lookBefore[o] = (long) SLOT.getAcquire(progress, PAD * (o + 1));
            }
        } else {
            SLOT.setRelease(progress, PAD * (lane + 1), at);
        }
    }

    /** After a sampled trial: the first worker counts an overlap; the others say they are past it. */
    void afterSampled(int lane, long at) {
        if (lane == 0) {
            looks++;
            VarHandle.fullFence();
            // another thread was in this trial at some moment of ours: it had not passed it when we
            // started, and had reached it when we ended
            for (int o = 1; o < parties; o++) {
                long after = (long) SLOT.getAcquire(progress, PAD * (o + 1));
                if (lookBefore[o] <= at && at <= after) {
                    togetherLooks++;
                    break;
                }
            }
        } else {
            SLOT.setRelease(progress, PAD * (lane + 1), at + 1);
        }
    }

    /** Marks trial slot {@code slot} as ended in a deadlock (its locks were given up). */
    void deadlocked(int slot) {
        deadlocked[slot] = true;
    }

    /** Takes lock {@code lock} (dense number) of trial {@code t}; false if the trial deadlocked. */
    boolean lockTrial(int lane, int t, int lock) {
        return lock(lane, t * lockCount + lock, t);
    }

    /** Lets lock {@code lock} (dense number) of trial {@code t} go. */
    void unlockTrial(int t, int lock) {
        int index = t * lockCount + lock;
        owners.setRelease(index, 0);
        locks[index].unlock();
    }

    /** A read of a trial's shared variable that the JIT neither drops nor merges with another (no fence). */
    static long read(long[] memory, int index) {
        return (long) SLOT.getOpaque(memory, index);
    }

    /** A write of a trial's shared variable that the JIT neither drops nor merges with another (no fence). */
    static void write(long[] memory, int index, long value) {
        SLOT.setOpaque(memory, index, value);
    }

    /** A real atomic add on a trial's shared variable (a {@code lock xadd} on x86). */
    static void atomicAdd(long[] memory, int index, long delta) {
        SLOT.getAndAdd(memory, index, delta);
    }

    /**
     * Arrives at the gathering after epoch {@code epoch}; the last to arrive plans the next epoch (or stops) and
     * releases everyone. Returns the new epoch's number.
     */
    private long gather(long epoch) {
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            planEpoch(epoch);
            SLOT.setRelease(release, PAD, epoch + 1);
            return epoch + 1;
        }
        awaitMark(release, PAD, epoch + 1); // the release's epoch number only grows
        return epoch + 1;
    }

    /**
     * Run by the last thread to arrive after epoch {@code epoch}: counts its trials, sizes the next epoch's
     * stride, period and length from what this one measured, names its start moment, or stops.
     */
    private void planEpoch(long epoch) {
        long now = System.nanoTime();
        long period;
        if (epoch == 0) {
            period = 0; // the first epoch runs strides of one trial back to back, to measure them
        } else {
            trials.addAndGet(strides * stride);
            // sized by the time the trials took, not the time between gatherings: on a busy machine a
            // thread that lost its core makes the gathering slow, and the stride must not stay tiny for it
            long fastestTrials = Long.MAX_VALUE;
            long slowestBusy = 0;
            for (int lane = 0; lane < parties; lane++) {
                fastestTrials = Math.min(fastestTrials, (long) SLOT.getOpaque(ran, PAD * (lane + 1)));
                slowestBusy = Math.max(slowestBusy, (long) SLOT.getOpaque(ran, PAD * (lane + 1) + 1));
            }
            long busy = slowestBusy;
            if (fastestTrials < STRIDE_NANOS && stride < maxStride) {
                stride *= 2;
                busy *= 2;
            }
            period = busy * PERIOD_PERCENT / 100;
        }
        strides = epoch == 0 ? FIRST_EPOCH_STRIDES : Math.max(1, Math.min(MAX_EPOCH_STRIDES, EPOCH_NANOS / Math.max(period, 1)));
        long left = limits.maxTrials() - trials.get();
        if (left > 0) {
            strides = Math.min(strides, Math.ceilDiv(left, stride)); // stop within a stride of the limit
        }
        if (cancelled) {
            stop("cancelled");
        } else if (trials.get() >= limits.maxTrials()) {
            stop(String.format(Locale.ROOT, "%,d trials", trials.get()));
        } else if (now - started >= limits.maxTime().toNanos()) {
            stop(String.format(Locale.ROOT, "the time limit of %.1f s", limits.maxTime().toNanos() / 1e9));
        }
        SLOT.setOpaque(release, PAD + 2, (long) stride);
        SLOT.setOpaque(release, PAD + 3, period);
        SLOT.setOpaque(release, PAD + 4, strides);
        SLOT.setOpaque(release, PAD + 5, nextStride);
        SLOT.setOpaque(release, PAD + 1, System.nanoTime() + LEAD_NANOS);
        nextStride += strides;
    }

    /** Counts and resets this thread's share of a finished stride; its mark in {@link #counted} publishes the reset. */
    private void count(int lane, Counter counter, int base, int size) {
        int from = base + (int) ((long) size * lane / parties);
        int to = base + (int) ((long) size * (lane + 1) / parties);
        long[] memory = this.memory;
        long[] initial = this.initial;
        for (int i = from; i < to; i++) {
            int at = i * vars;
            if (deadlocked[i]) {
                counter.addDeadlock();
                deadlocked[i] = false;
            } else {
                counter.add(memory, at);
            }
            for (int v = 0; v < initial.length; v++) { // a loop, not arraycopy: a trial has a handful of variables
                memory[at + v] = initial[v];
            }
        }
    }

    /** Adds what this thread counted since it last did to the histogram that snapshots read. */
    private void publish(Counter counter) {
        synchronized (histogram) {
            counter.forEach((key, count) -> histogram.computeIfAbsent(key, x -> new long[1])[0] += count);
        }
        counter.clear();
    }

    /**
     * Counts final states between two publications. A lesson has a few outcomes, so the states seen are kept
     * in a short list, searched from the one seen last: counting a trial costs a comparison or two, not a
     * hash. Past {@link #LISTED} different states the rest go to a map.
     */
    private static final class Counter {
        private static final int LISTED = 16;
        private final int vars;
        /** The listed states, {@code vars} values each, and whether each is the deadlock. */
        private final long[] states;
        private final boolean[] deadlock = new boolean[LISTED];
        private final long[] tallies = new long[LISTED];
        private int listed;
        private int last;
        private final Map<Key, long[]> more = new HashMap<>();
        private final Key probe;

        Counter(int vars) {
            this.vars = vars;
            this.states = new long[LISTED * vars];
            this.probe = new Key(new long[vars], false);
        }

        void clear() {
            Arrays.fill(tallies, 0);
            more.clear();
        }

        /** Adds a trial that ended in a deadlock (its values mean nothing: all deadlocks are one outcome). */
        void addDeadlock() {
            for (int e = 0; e < listed; e++) {
                if (deadlock[e]) {
                    tallies[e]++;
                    return;
                }
            }
            if (listed < LISTED) {
                deadlock[listed] = true;
                tallies[listed++]++;
            } else {
                Arrays.fill(probe.values, 0);
                probe.deadlock = true;
                tally();
            }
        }

        /** Adds a trial whose final values are {@code memory[from, from + vars)}. */
        void add(long[] memory, int from) {
            if (matches(last, memory, from)) {
                tallies[last]++;
                return;
            }
            for (int e = 0; e < listed; e++) {
                if (matches(e, memory, from)) {
                    tallies[e]++;
                    last = e;
                    return;
                }
            }
            if (listed < LISTED) {
                System.arraycopy(memory, from, states, listed * vars, vars);
                last = listed;
                tallies[listed++]++;
            } else {
                System.arraycopy(memory, from, probe.values, 0, vars);
                probe.deadlock = false;
                tally();
            }
        }

        private boolean matches(int e, long[] memory, int from) {
            if (e >= listed || deadlock[e]) {
                return false;
            }
            int at = e * vars;
            for (int v = 0; v < vars; v++) {
                if (states[at + v] != memory[from + v]) {
                    return false;
                }
            }
            return true;
        }

        private void tally() {
            probe.rehash();
            long[] c = more.get(probe);
            if (c == null) {
                more.put(probe.copy(), new long[] {1});
            } else {
                c[0]++;
            }
        }

        /** Every state counted since the last {@link #clear()}, with its count. */
        void forEach(java.util.function.ObjLongConsumer<Key> action) {
            for (int e = 0; e < listed; e++) {
                if (tallies[e] > 0) {
                    action.accept(new Key(Arrays.copyOfRange(states, e * vars, (e + 1) * vars), deadlock[e]), tallies[e]);
                }
            }
            more.forEach((key, count) -> action.accept(key, count[0]));
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
            long all = Arrays.stream(phases[lane]).sum();
            r.append(String.format(Locale.ROOT, "\n    time: gathering %.1f%%, waiting for the start %.1f%%, trials %.1f%%, counting %.1f%%;"
                    + " per stride %.0f ns", 100.0 * phases[lane][0] / all, 100.0 * phases[lane][1] / all,
                    100.0 * phases[lane][2] / all, 100.0 * phases[lane][3] / all, (double) all / Math.max(1, sum)));
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

    /**
     * Plays a program once over trial {@code t}; false if the trial ended in a deadlock. Kept small enough for the
     * JIT to inline it into the stride's loop (under 325 bytes of bytecode): what trials seldom do is in methods
     * of its own.
     */
    private boolean trial(int lane, TrialCode program, long[] locals, int t) {
        int[] code = program.code();
        long[] memory = this.memory;
        int base = t * vars;
        int pc = 0;
        while (true) {
            switch (code[pc]) {
                case TrialCode.READ -> locals[code[pc + 2]] = memory[base + code[pc + 1]];
                case TrialCode.ADD_CONSTANT -> locals[code[pc + 1]] += program.constants()[code[pc + 2]];
                case TrialCode.WRITE -> memory[base + code[pc + 1]] = locals[code[pc + 2]];
                case TrialCode.RETURN -> {
                    return true;
                }
                case TrialCode.REPEAT_END -> {
                    if (--locals[code[pc + 1]] > 0) {
                        if (code[pc + 2] >= 0) {
                            locals[code[pc + 2]]++;
                        }
                        pc = code[pc + 3];
                        continue;
                    }
                }
                default -> {
                    pc = seldom(lane, program, locals, t, pc);
                    if (pc < 0) {
                        return false;
                    }
                    continue;
                }
            }
            pc += TrialCode.WIDTH;
        }
    }

    /** The instructions {@link #trial} leaves out; returns the next instruction, or -1 for a deadlocked trial. */
    private int seldom(int lane, TrialCode program, long[] locals, int t, int pc) {
        int[] code = program.code();
        switch (code[pc]) {
            case TrialCode.ADD_VALUE -> locals[code[pc + 1]] += program.values()[code[pc + 2]].eval(locals);
            case TrialCode.ATOMIC_ADD -> atomicAdd(memory, t * vars + code[pc + 1], program.values()[code[pc + 2]].eval(locals));
            case TrialCode.LOCK -> {
                if (!lockTrial(lane, t, code[pc + 1])) {
                    return -1;
                }
            }
            case TrialCode.UNLOCK -> unlockTrial(t, code[pc + 1]);
            case TrialCode.REPEAT_START -> {
                long times = program.values()[code[pc + 1]].eval(locals);
                if (times <= 0) {
                    return code[pc + 4];
                }
                locals[code[pc + 2]] = times;
                if (code[pc + 3] >= 0) {
                    locals[code[pc + 3]] = 1;
                }
            }
            case TrialCode.BRANCH -> {
                if (program.values()[code[pc + 1]].eval(locals) == 0) {
                    return code[pc + 2];
                }
            }
            case TrialCode.JUMP -> {
                return code[pc + 1];
            }
            default -> throw new IllegalStateException("unknown instruction " + code[pc]);
        }
        return pc + TrialCode.WIDTH;
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

    /** Unwinds a worker that was waiting for another worker whose thread failed. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
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

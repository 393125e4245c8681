package org.threadlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.TraceRecorder;

/**
 * Cost of recording one event into a {@link LaneRecorder}, per event (each invocation records
 * {@link #BATCH} events; scores are divided by it).
 *
 * <p>Every benchmark thread writes only its own lane, as a worker does. A lane is replaced by a
 * fresh one after {@code eventsPerLane} events so memory stays bounded over a long measurement;
 * allocating the lane's chunks (20 bytes per event, in chunks that grow from 64 to 16384 events)
 * is included, but with the default lane size most events die young, whereas a real run keeps
 * every event until the run ends (see {@code eventsPerLane}).
 *
 * <p>The two-thread benchmarks take their lanes from one {@link TraceRecorder}, created one right
 * after the other by one thread as {@code Run} does, so that if two lanes' hot fields shared a
 * cache line (false sharing) it would show here.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LaneRecorderBench {
    static final int BATCH = 1024;
    /** Lanes made ahead per thread and iteration; more are made on demand if a thread runs out. */
    static final int LANES_AHEAD = 1024;

    static final TraceInfo INFO = new TraceInfo("bench", "", "threads", false, List.of("counter"),
            List.of("counter-lock"), List.of());

    /** Lanes for up to two threads, made by one thread, interleaved as Run makes them. */
    @State(Scope.Benchmark)
    public abstract static class LanePool {
        /**
         * Events a lane takes before it is replaced by a fresh one. The default, 65,536 (1.3 MB),
         * keeps what the garbage collector has to copy small; {@code -p eventsPerLane=4194304}
         * (80 MB per lane) shows what keeping many events alive costs.
         */
        @Param({"65536"})
        public int eventsPerLane;
        final AtomicInteger nextThread = new AtomicInteger();
        LaneRecorder[][] ahead;

        abstract boolean enabled();

        void makeLanes() {
            ahead = new LaneRecorder[2][LANES_AHEAD];
            for (int k = 0; k < LANES_AHEAD; k++) {
                TraceRecorder recorder = new TraceRecorder(INFO, enabled());
                ahead[0][k] = recorder.newLane("adder-1", "platform-thread");
                ahead[1][k] = recorder.newLane("adder-2", "platform-thread");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Lanes extends LanePool {
        @Override
        boolean enabled() {
            return true;
        }

        @Setup(Level.Iteration)
        public void setUp() {
            makeLanes();
        }
    }

    /** One benchmark thread's current lane. */
    abstract static class LaneHolder {
        int thread = -1;
        int used;
        LaneRecorder lane;

        void takeFrom(LanePool pool) {
            if (thread < 0) {
                thread = pool.nextThread.getAndIncrement() % 2;
            }
            used = 0;
            next(pool);
        }

        void next(LanePool pool) {
            LaneRecorder[] mine = pool.ahead[thread];
            if (used < mine.length) {
                lane = mine[used];
                mine[used++] = null; // lets a full lane be collected
            } else {
                lane = new TraceRecorder(INFO, pool.enabled()).newLane("adder", "platform-thread");
            }
        }

        LaneRecorder lane(LanePool pool) {
            if (lane.size() >= pool.eventsPerLane) {
                next(pool);
            }
            return lane;
        }
    }

    @State(Scope.Thread)
    public static class MyLane extends LaneHolder {
        @Setup(Level.Iteration)
        public void setUp(Lanes pool) {
            takeFrom(pool);
        }
    }

    private static void stepStarts(LaneRecorder lane) {
        for (int i = 0; i < BATCH; i++) {
            lane.stepStart(i & 63);
        }
    }

    private static void reads(LaneRecorder lane) {
        for (int i = 0; i < BATCH; i++) {
            lane.read(0, i);
        }
    }

    private static void stepEnds(LaneRecorder lane) {
        for (int i = 0; i < BATCH; i++) {
            lane.stepEnd(i & 63, i);
        }
    }

    private static void incrementsEvents(LaneRecorder lane) {
        for (int i = 0; i < BATCH / 8; i++) {
            lane.stepStart(1);
            lane.read(0, i);
            lane.stepEnd(1, i);
            lane.stepStart(2);
            lane.stepEnd(2, i + 1);
            lane.stepStart(3);
            lane.write(0, i + 1);
            lane.stepEnd(3, i + 1);
        }
    }

    /**
     * The fourteen events of one {@code increment} inside {@code with-lock}: the lock step (start,
     * acquired, end), the eight events of the increment, the unlock step (start, released, end).
     */
    private static void lockedIncrementsEvents(LaneRecorder lane) {
        for (int i = 0; i < BATCH / 16; i++) {
            lane.stepStart(0);
            lane.lockAcquired(0, false);
            lane.stepEnd(0, 0);
            lane.stepStart(1);
            lane.read(0, i);
            lane.stepEnd(1, i);
            lane.stepStart(2);
            lane.stepEnd(2, i + 1);
            lane.stepStart(3);
            lane.write(0, i + 1);
            lane.stepEnd(3, i + 1);
            lane.stepStart(4);
            lane.lockReleased(0);
            lane.stepEnd(4, 0);
        }
    }

    /**
     * One event kind, one thread. A step start reuses the time of the event before it (no clock
     * read): the cheap kind of event.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void stepStart(Lanes lanes, MyLane me) {
        stepStarts(me.lane(lanes));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void read(Lanes lanes, MyLane me) {
        reads(me.lane(lanes));
    }

    /** A step end reads the clock: the dear kind of event. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void stepEnd(Lanes lanes, MyLane me) {
        stepEnds(me.lane(lanes));
    }

    /**
     * The eight events of one unlocked {@code increment} step as LiveWorker records them
     * (read, add and write: each a step start and end, plus the read and the write), per event.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void incrementEvents(Lanes lanes, MyLane me) {
        incrementsEvents(me.lane(lanes));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH / 16 * 14)
    public void lockedIncrementEvents(Lanes lanes, MyLane me) {
        lockedIncrementsEvents(me.lane(lanes));
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public void incrementEvents2Threads(Lanes lanes, MyLane me) {
        incrementsEvents(me.lane(lanes));
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public void stepStart2Threads(Lanes lanes, MyLane me) {
        stepStarts(me.lane(lanes));
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public void read2Threads(Lanes lanes, MyLane me) {
        reads(me.lane(lanes));
    }

    /** The store alone: {@code recordAt} takes its time stamp from the caller, so no clock is read. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void storeWithoutClock(Lanes lanes, MyLane me) {
        LaneRecorder lane = me.lane(lanes);
        for (int i = 0; i < BATCH; i++) {
            lane.recordAt(i, i & 63, i, null);
        }
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public void storeWithoutClock2Threads(Lanes lanes, MyLane me) {
        LaneRecorder lane = me.lane(lanes);
        for (int i = 0; i < BATCH; i++) {
            lane.recordAt(i, i & 63, i, null);
        }
    }
}

package org.threadlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link System#nanoTime()} alone costs here, to compare with the cost of recording one event
 * ({@link LaneRecorderBench}): every recorded event reads the clock once.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ClockBench {

    static final int BATCH = LaneRecorderBench.BATCH;

    /** Batched like the recording benchmarks, so that sample mode can resolve the median. */
    private static long clocks() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += System.nanoTime();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long nanoTime() {
        return clocks();
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public long nanoTime2Threads() {
        return clocks();
    }
}

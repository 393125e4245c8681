package org.threadlab.trace;

/** A stretch of time one lane spent in one state: {@code [startNanos, endNanos)}. */
public record StateInterval(int lane, WorkerState state, long startNanos, long endNanos) {
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** True if the two intervals share some time (touching ends do not count). */
    public boolean overlaps(StateInterval other) {
        return startNanos < other.endNanos && other.startNanos < endNanos;
    }
}

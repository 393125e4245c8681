package org.threadlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records one run: hands out a {@link LaneRecorder} per worker and freezes them into a
 * {@link Trace}. Lanes are created before the workers start; the workers then record into their
 * own lanes only.
 */
public final class TraceRecorder {
    private final TraceInfo info;
    private final long origin;
    private final boolean enabled;
    /**
     * Lanes below {@link #laneCount}; grows by doubling. A copy-on-write list would copy every lane
     * on every add: quadratic for the ten thousand lanes of a virtual-thread lesson.
     */
    private LaneRecorder[] lanes = new LaneRecorder[16];
    /** Published with a volatile write after the lane is in {@link #lanes}. */
    private volatile int laneCount;

    public TraceRecorder(TraceInfo info) {
        this(info, true);
    }

    /** With {@code enabled} false nothing is recorded: used to measure what recording costs. */
    public TraceRecorder(TraceInfo info, boolean enabled) {
        this(info, enabled, System.nanoTime());
    }

    /**
     * A recorder whose times count from {@code origin}, a {@link System#nanoTime()} taken
     * elsewhere: a child process records against its parent's origin, so that its lanes line up
     * with the parent's ({@code nanoTime} is one monotonic clock for the whole machine on Linux).
     */
    public TraceRecorder(TraceInfo info, boolean enabled, long origin) {
        this.info = info;
        this.enabled = enabled;
        this.origin = origin;
    }

    public TraceInfo info() {
        return info;
    }

    /** {@link System#nanoTime()} at the start of the run; every event time is relative to it. */
    public long origin() {
        return origin;
    }

    public long nanosSinceOrigin() {
        return System.nanoTime() - origin;
    }

    public synchronized LaneRecorder newLane(String name, String kind) {
        int n = laneCount;
        LaneRecorder lane = new LaneRecorder(n, name, kind, origin, enabled);
        if (n == lanes.length) {
            lanes = Arrays.copyOf(lanes, n * 2);
        }
        lanes[n] = lane;
        laneCount = n + 1;
        return lane;
    }

    /** The lanes so far; safe to call while the run goes on. */
    public List<LaneRecorder> lanes() {
        int n = laneCount; // read before the array: the volatile read makes its lanes visible
        return List.of(Arrays.copyOf(lanes, n));
    }

    /** Freezes what has been recorded so far; safe to call while the run goes on. */
    public Trace snapshot() {
        return finish(nanosSinceOrigin());
    }

    /** Freezes the trace of a finished run, ending it at {@code endNanos}. */
    public Trace finish(long endNanos) {
        List<LaneRecorder> all = lanes();
        List<LaneEvents> frozen = new ArrayList<>(all.size());
        for (LaneRecorder lane : all) {
            frozen.add(lane.copy(lane.size()));
        }
        return new Trace(info, frozen, endNanos);
    }
}

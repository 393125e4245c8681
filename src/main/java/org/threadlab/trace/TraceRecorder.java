package org.threadlab.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records one run: hands out a {@link LaneRecorder} per worker and freezes them into a
 * {@link Trace}. Lanes are created before the workers start; the workers then record into their
 * own lanes only.
 */
public final class TraceRecorder {
    private final TraceInfo info;
    private final long origin;
    private final boolean enabled;
    private final List<LaneRecorder> lanes = new CopyOnWriteArrayList<>();

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

    public LaneRecorder newLane(String name, String kind) {
        LaneRecorder lane = new LaneRecorder(lanes.size(), name, kind, origin, enabled);
        lanes.add(lane);
        return lane;
    }

    /** The lanes so far; safe to call while the run goes on. */
    public List<LaneRecorder> lanes() {
        return List.copyOf(lanes);
    }

    /** Freezes what has been recorded so far; safe to call while the run goes on. */
    public Trace snapshot() {
        long end = nanosSinceOrigin();
        List<LaneEvents> frozen = new ArrayList<>(lanes.size());
        for (LaneRecorder lane : lanes) {
            frozen.add(lane.copy(lane.size()));
        }
        return new Trace(info, frozen, end);
    }

    /** Freezes the trace of a finished run, ending it at {@code endNanos}. */
    public Trace finish(long endNanos) {
        List<LaneEvents> frozen = new ArrayList<>(lanes.size());
        for (LaneRecorder lane : lanes) {
            frozen.add(lane.copy(lane.size()));
        }
        return new Trace(info, frozen, endNanos);
    }
}

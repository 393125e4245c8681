package org.threadlab.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a view reads: the lanes of a run, live or finished. A live feed follows a
 * {@link TraceRecorder}; once per frame the view calls {@link #pull()}, which copies only the
 * events recorded since the last frame. Views never touch the workers' threads, only this.
 * Not thread-safe: use it from one thread (the JavaFX application thread).
 */
public final class TraceFeed {
    private final TraceInfo info;
    private final TraceRecorder recorder;
    private final List<LaneLog> lanes = new ArrayList<>();
    private long endNanos;
    private boolean finished;

    /** A feed that follows a live run. */
    public TraceFeed(TraceRecorder recorder) {
        this.info = recorder.info();
        this.recorder = recorder;
    }

    /** A feed of a finished trace. */
    public TraceFeed(Trace trace) {
        this.info = trace.info();
        this.recorder = null;
        finish(trace);
    }

    public TraceInfo info() {
        return info;
    }

    /**
     * Copies every lane's new events. Returns whether anything changed. Cheap when nothing did:
     * one acquire load per lane.
     */
    public boolean pull() {
        return pull(Integer.MAX_VALUE);
    }

    /**
     * Copies new events, at most about {@code budget} in all (split between the lanes, at least 16
     * per lane), so that one frame's work stays bounded when a run has recorded far more since the
     * last frame than a frame can digest (the first frame of a run in a fresh window: hundreds of
     * thousands of events). A lane left behind is complete up to its last copied event; the feed's
     * end is then the earliest such time, so that no lane looks idle where its events are merely
     * not copied yet, and the next pulls catch up. Returns whether anything changed.
     */
    public boolean pull(int budget) {
        if (finished) {
            return false;
        }
        boolean changed = false;
        List<LaneRecorder> live = recorder.lanes();
        int perLane = Math.max(16, budget / Math.max(1, live.size()));
        long now = recorder.nanosSinceOrigin();
        long completeUpTo = now;
        for (int i = 0; i < live.size(); i++) {
            LaneRecorder lane = live.get(i);
            if (i == lanes.size()) {
                lanes.add(new LaneLog(lane.info()));
                changed = true;
            }
            LaneLog log = lanes.get(i);
            int available = lane.size();
            if (available > log.size()) {
                int upTo = (int) Math.min(available, (long) log.size() + perLane);
                log.append(lane.slice(log.size(), upTo));
                changed = true;
                if (upTo < available) {
                    completeUpTo = Math.min(completeUpTo, log.nanos(log.size() - 1));
                }
            }
        }
        endNanos = Math.max(endNanos, completeUpTo);
        return changed;
    }

    /** Replaces what was pulled with the final trace of the run (exact lane infos and CPU times). */
    public void finish(Trace trace) {
        lanes.clear();
        for (LaneEvents lane : trace.lanes()) {
            LaneLog log = new LaneLog(lane.info());
            log.append(lane);
            lanes.add(log);
        }
        endNanos = trace.endNanos();
        finished = true;
    }

    public boolean isFinished() {
        return finished;
    }

    public List<LaneLog> lanes() {
        return Collections.unmodifiableList(lanes);
    }

    public LaneLog lane(int index) {
        return lanes.get(index);
    }

    /** The end of the time covered: the run's end once finished, else the time of the last pull. */
    public long endNanos() {
        return endNanos;
    }
}

package org.threadlab.ui.timeline;

import java.util.ArrayList;
import java.util.List;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.TraceFeed;

/**
 * The view's side of a {@link TraceFeed}: a {@link LaneSummary} per lane, kept up to date with
 * only the events pulled since the last frame. When the feed replaces its lanes (a finished run
 * swaps in the final trace) the summaries of the replaced lanes are rebuilt.
 */
final class TimelineData {
    private final TraceFeed feed;
    private final List<LaneSummary> lanes = new ArrayList<>();
    private long endNanos;
    private int seenStates;

    TimelineData(TraceFeed feed) {
        this.feed = feed;
    }

    TraceFeed feed() {
        return feed;
    }

    /**
     * Catches up with the feed. Returns the earliest time at which what is drawn may have changed:
     * 0 if lanes came or went, {@link Long#MAX_VALUE} if nothing changed.
     */
    long sync() {
        List<LaneLog> logs = feed.lanes();
        long changedFrom = Long.MAX_VALUE;
        if (logs.size() < lanes.size()) {
            lanes.subList(logs.size(), lanes.size()).clear();
            changedFrom = 0;
        }
        for (int i = 0; i < logs.size(); i++) {
            LaneLog log = logs.get(i);
            if (i == lanes.size()) {
                lanes.add(new LaneSummary(log));
                changedFrom = 0;
            } else if (lanes.get(i).log() != log) {
                lanes.set(i, new LaneSummary(log));
                changedFrom = 0;
            }
            LaneSummary lane = lanes.get(i);
            long first = lane.ingest();
            if (first >= 0) {
                changedFrom = Math.min(changedFrom, first);
                seenStates |= lane.seenStates();
            }
        }
        long end = feed.endNanos();
        if (end != endNanos) {
            // open intervals grow up to the new end
            changedFrom = Math.min(changedFrom, Math.min(end, endNanos));
            endNanos = end;
        }
        return changedFrom;
    }

    List<LaneSummary> lanes() {
        return lanes;
    }

    int laneCount() {
        return lanes.size();
    }

    LaneSummary lane(int i) {
        return lanes.get(i);
    }

    long endNanos() {
        return endNanos;
    }

    /** Whether any lane printed a line. */
    boolean anyPrints() {
        for (LaneSummary lane : lanes) {
            if (lane.printCount() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Bit {@code 1 << ordinal} for every state any lane has been in. */
    int seenStates() {
        return seenStates;
    }
}

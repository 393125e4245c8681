package org.threadlab.trace;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which step each worker is in at a moment of a trace: what a listing highlights while a run is
 * replayed. A lane is "in" a step from the step's start to its end; between two steps (or after
 * its last) it is in none.
 */
public final class CurrentSteps {
    /** Events looked back from the moment: a step is short, so its start is always near. */
    private static final int LOOK_BACK = 64;

    private CurrentSteps() {}

    /** The step lane {@code log} is in at {@code nanos}, or -1. */
    public static int stepAt(LaneLog log, long nanos) {
        int i = log.lastAtOrBefore(nanos);
        for (int k = i; k >= 0 && k > i - LOOK_BACK; k--) {
            switch (log.event(k)) {
                case TraceEvent.StepStarted s -> {
                    return s.step();
                }
                case TraceEvent.StepEnded e -> {
                    return -1;
                }
                default -> { }
            }
        }
        return -1;
    }

    /**
     * The listing marks of the steps the first {@code maxLanes} lanes are in at {@code nanos}, in
     * lane order, without blanks or repeats.
     */
    public static Set<String> marksAt(TraceFeed feed, long nanos, int maxLanes) {
        Set<String> marks = new LinkedHashSet<>();
        List<LaneLog> lanes = feed.lanes();
        List<TraceInfo.StepInfo> steps = feed.info().steps();
        for (int l = 0; l < lanes.size() && l < maxLanes; l++) {
            int step = stepAt(lanes.get(l), nanos);
            if (step >= 0 && step < steps.size() && !steps.get(step).mark().isEmpty()) {
                marks.add(steps.get(step).mark());
            }
        }
        return marks;
    }
}

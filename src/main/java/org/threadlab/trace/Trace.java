package org.threadlab.trace;

import java.util.AbstractList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A frozen, merged trace: every lane's events plus one global order by time. This is the one input
 * every view and export reads.
 */
public final class Trace {
    private final TraceInfo info;
    private final List<LaneEvents> lanes;
    private final long endNanos;
    private final int[] orderLane;
    private final int[] orderIndex;

    Trace(TraceInfo info, List<LaneEvents> lanes, long endNanos) {
        this.info = info;
        this.lanes = List.copyOf(lanes);
        this.endNanos = endNanos;
        int total = 0;
        for (LaneEvents lane : lanes) {
            total += lane.size();
        }
        orderLane = new int[total];
        orderIndex = new int[total];
        merge();
    }

    /**
     * A trace read back from a saved run. Checks what a view would otherwise trip over later: each
     * lane's index is its place in the list, and every variable, lock and step an event names is one
     * of {@code info}'s.
     *
     * @throws IllegalArgumentException naming the first thing that is wrong
     */
    public static Trace restore(TraceInfo info, List<LaneEvents> lanes, long endNanos) {
        for (int l = 0; l < lanes.size(); l++) {
            LaneEvents lane = lanes.get(l);
            if (lane.info().index() != l) {
                throw new IllegalArgumentException("lane " + l + " says it is lane " + lane.info().index());
            }
            for (int i = 0; i < lane.size(); i++) {
                int packed = lane.packedCode(i);
                int arg = packed & LaneRecorder.ARG_MASK;
                int limit = switch (EventKind.of(packed >>> LaneRecorder.ARG_BITS)) {
                    case READ, WRITE -> info.variables().size();
                    case LOCK_ACQUIRED, LOCK_RELEASED, LOCK_WAITING -> info.locks().size();
                    case STEP_START, STEP_END -> info.steps().size();
                    default -> Integer.MAX_VALUE;
                };
                if (arg >= limit) {
                    throw new IllegalArgumentException("lane " + l + ", event " + i + " refers to number " + arg
                            + ", beyond the " + limit + " the run had");
                }
            }
        }
        return new Trace(info, lanes, endNanos);
    }

    /** K-way merge of the lanes, each already in time order; ties keep lane order. */
    private void merge() {
        PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> {
            int byTime = Long.compare(lanes.get(a[0]).nanos(a[1]), lanes.get(b[0]).nanos(b[1]));
            return byTime != 0 ? byTime : Integer.compare(a[0], b[0]);
        });
        for (int l = 0; l < lanes.size(); l++) {
            if (lanes.get(l).size() > 0) {
                heads.add(new int[] {l, 0});
            }
        }
        int k = 0;
        while (!heads.isEmpty()) {
            int[] head = heads.poll();
            orderLane[k] = head[0];
            orderIndex[k] = head[1];
            k++;
            if (++head[1] < lanes.get(head[0]).size()) {
                heads.add(head);
            }
        }
    }

    public TraceInfo info() {
        return info;
    }

    public List<LaneEvents> lanes() {
        return lanes;
    }

    public LaneEvents lane(int index) {
        return lanes.get(index);
    }

    /** Time of the end of the run, in nanoseconds since its start. */
    public long endNanos() {
        return endNanos;
    }

    public int size() {
        return orderLane.length;
    }

    /** All events of all lanes in time order, made on demand. */
    public List<TraceEvent> events() {
        return new AbstractList<>() {
            @Override
            public TraceEvent get(int i) {
                return lanes.get(orderLane[i]).event(orderIndex[i]);
            }

            @Override
            public int size() {
                return orderLane.length;
            }
        };
    }

    public List<StateInterval> stateIntervals(int lane) {
        return lanes.get(lane).stateIntervals(endNanos);
    }
}

package org.threadlab.ui.pinned;

import java.util.Arrays;
import java.util.List;
import org.threadlab.trace.StateInterval;
import org.threadlab.trace.Trace;
import org.threadlab.trace.WorkerState;

/**
 * A pinned run's lanes as state intervals in plain columns, read once from its trace, so that a
 * band is drawn at any width by adding up each pixel column's time in each state: per lane the
 * cost is its intervals plus the columns (its intervals never overlap), whatever the run's length.
 */
final class RunLanes {
    static final int STATES = WorkerState.values().length;
    private static final WorkerState[] VALUES = WorkerState.values();

    private final String[] names;
    private final long[][] starts;
    private final long[][] ends;
    private final byte[][] states;
    private final int seenStates;

    RunLanes(Trace trace) {
        int n = trace == null ? 0 : trace.lanes().size();
        names = new String[n];
        starts = new long[n][];
        ends = new long[n][];
        states = new byte[n][];
        int seen = 0;
        for (int lane = 0; lane < n; lane++) {
            names[lane] = trace.lane(lane).info().name();
            List<StateInterval> intervals = trace.stateIntervals(lane);
            int count = intervals.size();
            starts[lane] = new long[count];
            ends[lane] = new long[count];
            states[lane] = new byte[count];
            for (int i = 0; i < count; i++) {
                StateInterval s = intervals.get(i);
                starts[lane][i] = s.startNanos();
                ends[lane][i] = s.endNanos();
                states[lane][i] = (byte) s.state().ordinal();
                seen |= 1 << s.state().ordinal();
            }
        }
        seenStates = seen;
    }

    int laneCount() {
        return names.length;
    }

    String name(int lane) {
        return names[lane];
    }

    /** Whether any lane was ever in state {@code s}. */
    boolean seen(WorkerState s) {
        return (seenStates & (1 << s.ordinal())) != 0;
    }

    /**
     * Adds lane {@code lane}'s nanoseconds in each state within each of {@code cols} columns of
     * {@code dt} nanoseconds from time 0 to {@code acc[state * cols + col]}.
     */
    void accumulate(int lane, double dt, int cols, double[] acc) {
        long[] from = starts[lane];
        long[] to = ends[lane];
        byte[] state = states[lane];
        double limit = cols * dt;
        for (int i = 0; i < from.length; i++) {
            double a = from[i];
            double b = Math.min(to[i], limit);
            if (b <= a) {
                continue;
            }
            int base = state[i] * cols;
            int c0 = (int) (a / dt);
            int c1 = Math.min(cols - 1, (int) (b / dt));
            if (c0 >= cols) {
                break;
            }
            if (c0 == c1) {
                acc[base + c0] += b - a;
                continue;
            }
            acc[base + c0] += (c0 + 1) * dt - a;
            for (int c = c0 + 1; c < c1; c++) {
                acc[base + c] += dt;
            }
            acc[base + c1] += b - c1 * dt;
        }
    }

    /**
     * The state lane {@code lane} spent the most time in within each column, or -1 where it was in
     * no drawn state at all (before its start, after its end, or in a final state): a lane that ran
     * for less than a column still shows as one column, never vanishes.
     */
    int[] dominant(int lane, double dt, int cols, double[] scratch) {
        Arrays.fill(scratch, 0, STATES * cols, 0);
        accumulate(lane, dt, cols, scratch);
        int[] out = new int[cols];
        for (int c = 0; c < cols; c++) {
            double best = 0;
            int which = -1;
            for (int s = 0; s < STATES; s++) {
                double t = scratch[s * cols + c];
                if (VALUES[s].isFinal()) {
                    continue;
                }
                if (t > best) {
                    best = t;
                    which = s;
                }
            }
            out[c] = which;
        }
        return out;
    }
}

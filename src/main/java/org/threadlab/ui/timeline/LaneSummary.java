package org.threadlab.ui.timeline;

import java.util.Arrays;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.WorkerState;

/**
 * One lane's states in a form that can be drawn at any zoom without walking its events: the state
 * intervals in columns, plus a running total of the time spent in each state at every
 * {@value #BLOCK}th interval (a checkpoint). It grows as the lane's {@link LaneLog} grows, reading
 * only the events it has not seen.
 *
 * <p>{@link #sample} gives the dominant state of each pixel column (the state the lane spent the
 * most time in there; {@link #count} adds it up over the lanes of a group). Its cost is bounded
 * by the number of columns, however many events fall in the window: where the changes of state
 * in the window are at most {@value #WALK_LIMIT} times the columns it walks them, each change
 * placed in its column by one multiplication; where they are many more it takes each column's
 * totals from two checkpoints, at most {@value #BLOCK} intervals away.
 *
 * <p>Tie-break, for the tests that compare it with a brute-force scan: of two states with equal
 * time the lower ordinal wins, and {@link #NONE} loses to any state.
 *
 * <p>Time before the lane's first state and after the trace's end counts as {@link #NONE}. Final
 * states ({@link WorkerState#isFinal()}) are states like any other here; the view leaves them blank.
 */
final class LaneSummary {
    /** No state: before the lane's first state event, or past the end of the trace. */
    static final int NONE = -1;
    static final int STATES = WorkerState.values().length;
    private static final WorkerState[] VALUES = WorkerState.values();
    /** Intervals between two checkpoints. */
    static final int BLOCK = 32;
    /** Walk the intervals while they are at most this many times the columns; else use checkpoints. */
    private static final int WALK_LIMIT = 4;

    private final LaneLog log;
    private int consumed;
    /** Times of the lane's printed lines, in order: drawn as ticks, so a rhythm shows at any zoom. */
    private long[] prints = new long[0];
    private int printCount;
    private long[] start = new long[8];
    private byte[] state = new byte[8];
    private int count;
    /** Checkpoint c, at {@code c * STATES}: nanoseconds in each state over intervals [0, c * BLOCK). */
    private long[] checkpoints = new long[4 * STATES];
    private int checkpointCount = 1;
    private int seen;

    /** Where {@link #emit} writes: a row of samples, or a difference array of weights. */
    private byte[] out;
    private int off;
    private long[] diff;
    private long[] weights;
    private long runWeight;

    /** Scratch for one column's totals: index {@code STATES} is {@link #NONE}. */
    private final double[] acc = new double[STATES + 1];
    private int touched;

    LaneSummary(LaneLog log) {
        this.log = log;
    }

    LaneLog log() {
        return log;
    }

    /**
     * Reads the events appended to the lane since the last call. Returns the time of the first new
     * interval, {@link Long#MAX_VALUE} if no state changed, or -1 if nothing at all was new.
     */
    long ingest() {
        int size = log.size();
        if (size == consumed) {
            return -1;
        }
        long first = Long.MAX_VALUE;
        for (int i = consumed; i < size; i++) {
            if (log.isState(i)) {
                long t = log.nanos(i);
                if (append(t, log.state(i).ordinal()) && first == Long.MAX_VALUE) {
                    first = t;
                }
            } else if (log.isPrint(i)) {
                if (printCount == prints.length) {
                    prints = Arrays.copyOf(prints, Math.max(8, printCount * 2));
                }
                prints[printCount++] = log.nanos(i);
                first = Math.min(first, log.nanos(i));
            }
        }
        consumed = size;
        advanceCheckpoints();
        return first;
    }

    private boolean append(long t, int s) {
        if (count > 0) {
            if (state[count - 1] == s) {
                return false;
            }
            t = Math.max(t, start[count - 1]); // a lane's events are in time order; never trust it blindly
        }
        if (count == start.length) {
            start = Arrays.copyOf(start, count * 2);
            state = Arrays.copyOf(state, count * 2);
        }
        start[count] = t;
        state[count] = (byte) s;
        count++;
        seen |= 1 << s;
        return true;
    }

    int printCount() {
        return printCount;
    }

    long printTime(int k) {
        return prints[k];
    }

    /** Index of the first printed line at or after {@code t}; {@link #printCount()} if none. */
    int firstPrintAtOrAfter(double t) {
        int lo = 0;
        int hi = printCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prints[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds a checkpoint for every block whose intervals have all ended. */
    private void advanceCheckpoints() {
        while (checkpointCount * BLOCK < count) {
            int c = checkpointCount;
            if ((c + 1) * STATES > checkpoints.length) {
                checkpoints = Arrays.copyOf(checkpoints, checkpoints.length * 2);
            }
            System.arraycopy(checkpoints, (c - 1) * STATES, checkpoints, c * STATES, STATES);
            for (int i = (c - 1) * BLOCK; i < c * BLOCK; i++) {
                checkpoints[c * STATES + state[i]] += start[i + 1] - start[i];
            }
            checkpointCount++;
        }
    }

    /** Number of state intervals (consecutive equal states are merged). */
    int intervalCount() {
        return count;
    }

    long intervalStart(int i) {
        return start[i];
    }

    /** End of interval {@code i}: the next one's start, or {@code end} for the last. */
    long intervalEnd(int i, long end) {
        return i + 1 < count ? start[i + 1] : Math.max(end, start[i]);
    }

    WorkerState intervalState(int i) {
        return VALUES[state[i]];
    }

    /** Bit {@code 1 << ordinal} for every state the lane has been in. */
    int seenStates() {
        return seen;
    }

    /** Index of the last interval starting at or before {@code t}, or -1. */
    int intervalAt(double t) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Index of the last interval starting before {@code t}, or -1. */
    private int intervalBefore(double t) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Fills {@code out[off..off + cols)} with the dominant state of each column (a state ordinal,
     * or {@link #NONE}), column {@code c} being {@code [t0 + c * dt, t0 + (c + 1) * dt)}.
     */
    void sample(double t0, double dt, int cols, long end, byte[] out, int off) {
        this.out = out;
        this.off = off;
        this.diff = null;
        columns(t0, dt, cols, end);
        this.out = null;
    }

    /**
     * Like {@link #sample}, but adds {@code weights[state & 0xFF]} for the dominant state of each
     * column into a difference array: {@code diff[a] += w; diff[b] -= w} for a run of columns
     * {@code [a, b)}. Summed over several lanes and then prefix-summed, it gives per column the sum
     * of the lanes' weights, at a cost that follows the runs rather than the columns.
     */
    void count(double t0, double dt, int cols, long end, long[] diff, long[] weights) {
        this.diff = diff;
        this.weights = weights;
        runWeight = 0;
        columns(t0, dt, cols, end);
        diff[cols] -= runWeight;
        this.diff = null;
    }

    private void columns(double t0, double dt, int cols, long end) {
        double t1 = t0 + cols * dt;
        if (count == 0 || t1 <= start[0] || t0 >= end) {
            emit(0, cols, NONE);
            return;
        }
        int from = Math.max(0, intervalAt(t0));
        int to = intervalBefore(Math.min(t1, end));
        if (to - from > WALK_LIMIT * cols) {
            for (int c = 0; c < cols; c++) {
                emit(c, c + 1, dominant(t0 + c * dt, t0 + (c + 1) * dt, end));
            }
        } else {
            walk(t0, dt, cols, end);
        }
    }

    /**
     * Columns {@code [from, to)} are in state {@code s}; calls come in column order and cover
     * every column once. For a difference array only the change of weight at {@code from} is
     * written: one write per change of state, none while it stays.
     */
    private void emit(int from, int to, int s) {
        if (diff == null) {
            fill(out, off + from, off + to, s);
        } else if (to > from) {
            long w = weights[s & 0xFF];
            if (w != runWeight) {
                diff[from] += w - runWeight;
                runWeight = w;
            }
        }
    }

    /**
     * Walks the state changes in the window, each placed in its column by one multiplication:
     * columns between two changes are filled with the state between them, a column holding one
     * change takes the state on its longer side, and only a column holding several changes sums
     * the time of each state in it.
     */
    private void walk(double t0, double dt, int cols, long end) {
        double perColumn = 1 / dt;
        // changes are the starts of intervals j+1 .. last, then the trace's end (to NONE) if in view
        int j = intervalAt(t0);
        int last = intervalBefore(end);
        double endX = (end - t0) * perColumn;
        int s = j < 0 ? NONE : state[j];
        int i = j + 1;
        double x = i <= last ? (start[i] - t0) * perColumn : endX;
        int c = 0;
        while (x < cols) {
            int col = Math.max(c, (int) x);
            emit(c, col, s);
            int after = i <= last ? state[i] : NONE;
            double nextX = i < last ? (start[i + 1] - t0) * perColumn : i == last ? endX : Double.POSITIVE_INFINITY;
            if (nextX >= col + 1) {
                double left = x - col;
                emit(col, col + 1, longer(s, left, after, 1 - left));
            } else {
                // several changes in this column: total the time of each state in it (in column fractions)
                add(s, x - col);
                do {
                    add(after, nextX - x);
                    i++;
                    x = nextX;
                    after = i <= last ? state[i] : NONE;
                    nextX = i < last ? (start[i + 1] - t0) * perColumn : i == last ? endX : Double.POSITIVE_INFINITY;
                } while (nextX < col + 1);
                add(after, col + 1 - x);
                emit(col, col + 1, takeDominant());
            }
            s = after;
            i++;
            x = nextX;
            c = col + 1;
        }
        emit(c, cols, s);
    }

    private static void fill(byte[] out, int from, int to, int s) {
        byte b = (byte) s;
        if (to - from < 16) {
            for (int k = from; k < to; k++) {
                out[k] = b;
            }
        } else if (to > from) {
            Arrays.fill(out, from, to, b);
        }
    }

    /** Of two states and their times, the one with more; ties as in {@link #takeDominant()}. */
    private static int longer(int a, double ta, int b, double tb) {
        // written without short-circuits so that it compiles to conditional moves: the sides of a
        // column are a coin toss, and a mispredicted branch per column would cost more than the rest
        boolean lowerA = (a & 0xFF) <= (b & 0xFF); // NONE (-1) as 255: after every state
        boolean pickA = ta > tb | (ta == tb & lowerA);
        return pickA ? a : b;
    }

    private void add(int s, double nanos) {
        if (nanos <= 0) {
            return;
        }
        int k = s == NONE ? STATES : s;
        acc[k] += nanos;
        touched |= 1 << k;
    }

    /** The state with the most time in {@link #acc} (ties go to the lower ordinal, NONE last); clears it. */
    private int takeDominant() {
        int best = NONE;
        double bestTime = -1;
        int bits = touched;
        while (bits != 0) {
            int k = Integer.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (acc[k] > bestTime) {
                bestTime = acc[k];
                best = k == STATES ? NONE : k;
            }
            acc[k] = 0;
        }
        touched = 0;
        return best;
    }

    /**
     * The state the lane spent the most time in over {@code [a, b)} (time past {@code end} and
     * before the first state counting as {@link #NONE}), using checkpoints: bounded by
     * {@value #BLOCK} intervals however many the range holds.
     */
    int dominant(double a, double b, long end) {
        sumRange(a, b, end);
        return takeDominant();
    }

    /**
     * Nanoseconds spent in each state over {@code [a, b)}, indexed by ordinal; the last element is
     * the time in no state ({@link #NONE}).
     */
    double[] totals(double a, double b, long end) {
        sumRange(a, b, end);
        double[] out = acc.clone();
        Arrays.fill(acc, 0);
        touched = 0;
        return out;
    }

    private void sumRange(double a, double b, long end) {
        touched = 0;
        double hi = Math.min(b, end);
        if (count == 0 || hi <= start[0] || hi <= a) {
            add(NONE, b - a);
            return;
        }
        double lo = Math.max(a, start[0]);
        int j = intervalAt(lo);
        int k = intervalBefore(hi);
        if (k - j <= 2 * BLOCK) {
            for (int i = j; i <= k; i++) {
                double from = Math.max(start[i], lo);
                double to = i + 1 < count ? Math.min(start[i + 1], hi) : hi;
                add(state[i], to - from);
            }
        } else {
            totalsUntil(hi, 1);
            totalsUntil(lo, -1);
        }
        add(NONE, (b - a) - (hi - lo));
    }

    /** Adds {@code sign} times the time in each state from the first state to {@code t} to {@link #acc}. */
    private void totalsUntil(double t, int sign) {
        int j = intervalAt(t);
        if (j < 0) {
            return;
        }
        int c = j / BLOCK;
        for (int s = 0; s < STATES; s++) {
            long v = checkpoints[c * STATES + s];
            if (v != 0) {
                accumulate(s, sign * (double) v);
            }
        }
        for (int i = c * BLOCK; i < j; i++) {
            accumulate(state[i], sign * (double) (start[i + 1] - start[i]));
        }
        accumulate(state[j], sign * (t - start[j]));
    }

    private void accumulate(int s, double nanos) {
        acc[s] += nanos;
        touched |= 1 << s;
    }
}

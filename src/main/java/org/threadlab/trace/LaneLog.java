package org.threadlab.trace;

import java.util.Arrays;

/**
 * One lane's events as a view sees them: columns that grow as {@link TraceFeed#pull()} appends
 * what the worker recorded since the last frame. Read and appended on one thread (the view's).
 */
public final class LaneLog {
    private LaneInfo info;
    private long cpuNanos = -1;
    private long[] time = new long[16];
    private int[] code = new int[16];
    private long[] value = new long[16];
    private String[] text;
    private int size;

    LaneLog(LaneInfo info) {
        this.info = info;
    }

    void append(LaneEvents events) {
        int n = events.size();
        if (n == 0) {
            return;
        }
        ensure(size + n);
        events.copyInto(size, time, code, value);
        if (events.hasText()) {
            if (text == null) {
                text = new String[time.length];
            }
            events.copyTextInto(size, text);
        }
        size += n;
        info = events.info();
        cpuNanos = events.cpuNanos();
    }

    private void ensure(int capacity) {
        if (capacity <= time.length) {
            return;
        }
        int grown = Math.max(capacity, time.length * 2);
        time = Arrays.copyOf(time, grown);
        code = Arrays.copyOf(code, grown);
        value = Arrays.copyOf(value, grown);
        if (text != null) {
            text = Arrays.copyOf(text, grown);
        }
    }

    public LaneInfo info() {
        return info;
    }

    /** CPU time as of the last pull, or -1 where the platform cannot tell (or not yet known). */
    public long cpuNanos() {
        return cpuNanos;
    }

    public int size() {
        return size;
    }

    public long nanos(int i) {
        return time[i];
    }

    public boolean isState(int i) {
        return (code[i] >>> LaneRecorder.ARG_BITS) == EventKind.STATE.ordinal();
    }

    /** Whether event {@code i} is a line a {@code print} step wrote. */
    public boolean isPrint(int i) {
        return (code[i] >>> LaneRecorder.ARG_BITS) == EventKind.PRINT.ordinal();
    }

    /** The state entered by event {@code i}; only for state events. */
    public WorkerState state(int i) {
        return WorkerState.of(code[i] & LaneRecorder.ARG_MASK);
    }

    public TraceEvent event(int i) {
        return LaneEvents.decode(info.index(), time[i], code[i], value[i], text == null ? null : text[i]);
    }

    /** Index of the last event at or before {@code nanos}, or -1 if there is none. */
    public int lastAtOrBefore(long nanos) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] <= nanos) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}

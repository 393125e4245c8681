package org.threadlab.trace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The frozen events of one lane, in time order, stored as columns so that a million events cost
 * about twenty bytes each rather than an object each.
 */
public final class LaneEvents {
    private final LaneInfo info;
    private final long cpuNanos;
    private final long[] time;
    private final int[] code;
    private final long[] value;
    private final String[] text;

    LaneEvents(LaneInfo info, long cpuNanos, long[] time, int[] code, long[] value, String[] text) {
        this.info = info;
        this.cpuNanos = cpuNanos;
        this.time = time;
        this.code = code;
        this.value = value;
        this.text = text;
    }

    /**
     * A lane read back from a saved run: the columns as {@link #nanos}, {@link #packedCode},
     * {@link #rawValue} and {@link #rawText} gave them. The arrays are taken, not copied. Checks
     * that the columns agree in length and that every code names a known kind of event (and a
     * state change a known state), so that a damaged file cannot reach {@link #event}.
     *
     * @param text the print texts by event, or null when the lane printed nothing
     * @throws IllegalArgumentException naming the first thing that is wrong
     */
    public static LaneEvents restore(LaneInfo info, long cpuNanos, long[] time, int[] code, long[] value, String[] text) {
        if (code.length != time.length || value.length != time.length || (text != null && text.length != time.length)) {
            throw new IllegalArgumentException("lane " + info.index() + " has columns of different lengths");
        }
        int kinds = EventKind.values().length;
        int states = WorkerState.values().length;
        for (int i = 0; i < code.length; i++) {
            int kind = code[i] >>> LaneRecorder.ARG_BITS;
            if (kind >= kinds) {
                throw new IllegalArgumentException("lane " + info.index() + ", event " + i + ": unknown event kind " + kind);
            }
            if (kind == EventKind.STATE.ordinal() && (code[i] & LaneRecorder.ARG_MASK) >= states) {
                throw new IllegalArgumentException("lane " + info.index() + ", event " + i + ": unknown state "
                        + (code[i] & LaneRecorder.ARG_MASK));
            }
        }
        return new LaneEvents(info, cpuNanos, time, code, value, text);
    }

    public LaneInfo info() {
        return info;
    }

    /** CPU time the lane's thread or process used, or -1 where the platform cannot tell. */
    public long cpuNanos() {
        return cpuNanos;
    }

    public int size() {
        return time.length;
    }

    public long nanos(int i) {
        return time[i];
    }

    /**
     * Event {@code i} as recorded: its packed code, to pass on unchanged to
     * {@link LaneRecorder#recordAt} (how a child process streams its lanes to its parent).
     */
    public int packedCode(int i) {
        return code[i];
    }

    /** The value of event {@code i} as recorded (see {@link #packedCode}). */
    public long rawValue(int i) {
        return value[i];
    }

    /** The text of event {@code i}, or null if it has none. */
    public String rawText(int i) {
        return text == null ? null : text[i];
    }

    public TraceEvent event(int i) {
        return decode(info.index(), time[i], code[i], value[i], text == null ? null : text[i]);
    }

    static TraceEvent decode(int lane, long t, int packed, long v, String printed) {
        int arg = packed & LaneRecorder.ARG_MASK;
        return switch (EventKind.of(packed >>> LaneRecorder.ARG_BITS)) {
            case STATE -> new TraceEvent.StateChanged(lane, t, WorkerState.of(arg));
            case STEP_START -> new TraceEvent.StepStarted(lane, t, arg);
            case STEP_END -> new TraceEvent.StepEnded(lane, t, arg, v);
            case READ -> new TraceEvent.SharedRead(lane, t, arg, v);
            case WRITE -> new TraceEvent.SharedWritten(lane, t, arg, v);
            case LOCK_ACQUIRED -> new TraceEvent.LockAcquired(lane, t, arg, v != 0);
            case LOCK_RELEASED -> new TraceEvent.LockReleased(lane, t, arg);
            case PRINT -> new TraceEvent.Printed(lane, t, printed == null ? "" : printed);
            case RETURN -> new TraceEvent.Returned(lane, t, v);
            case LOCK_WAITING -> new TraceEvent.LockWaiting(lane, t, arg);
            case MESSAGE_PUT -> new TraceEvent.MessagePut(lane, t, arg, v);
            case MESSAGE_TAKEN -> new TraceEvent.MessageTaken(lane, t, arg, v);
        };
    }

    void copyInto(int at, long[] times, int[] codes, long[] values) {
        System.arraycopy(time, 0, times, at, time.length);
        System.arraycopy(code, 0, codes, at, code.length);
        System.arraycopy(value, 0, values, at, value.length);
    }

    boolean hasText() {
        return text != null;
    }

    void copyTextInto(int at, String[] texts) {
        System.arraycopy(text, 0, texts, at, text.length);
    }

    /** True if event {@code i} is a state change. */
    public boolean isState(int i) {
        return (code[i] >>> LaneRecorder.ARG_BITS) == EventKind.STATE.ordinal();
    }

    /**
     * The lane's state intervals, in order. The last one ends at the lane's last event, or at
     * {@code end} if the lane had not reached a final state when the trace was taken.
     */
    public List<StateInterval> stateIntervals(long end) {
        List<StateInterval> out = new ArrayList<>();
        WorkerState state = null;
        long since = 0;
        for (int i = 0; i < time.length; i++) {
            if (!isState(i)) {
                continue;
            }
            WorkerState next = WorkerState.of(code[i] & LaneRecorder.ARG_MASK);
            if (state != null && !state.isFinal()) {
                out.add(new StateInterval(info.index(), state, since, time[i]));
            }
            state = next;
            since = time[i];
        }
        if (state != null && !state.isFinal()) {
            long last = Math.max(end, since);
            out.add(new StateInterval(info.index(), state, since, last));
        }
        return out;
    }

    /** Total nanoseconds spent in each state. */
    public Map<WorkerState, Long> stateNanos(long end) {
        Map<WorkerState, Long> totals = new EnumMap<>(WorkerState.class);
        for (StateInterval s : stateIntervals(end)) {
            totals.merge(s.state(), s.durationNanos(), Long::sum);
        }
        return totals;
    }

    /** The state the lane ended in, or null if it has recorded none. */
    public WorkerState lastState() {
        for (int i = time.length - 1; i >= 0; i--) {
            if (isState(i)) {
                return WorkerState.of(code[i] & LaneRecorder.ARG_MASK);
            }
        }
        return null;
    }
}

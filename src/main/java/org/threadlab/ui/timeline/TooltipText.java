package org.threadlab.ui.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.threadlab.trace.LaneInfo;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.WorkerState;

/**
 * The words for what is under the pointer: which worker, in which state, running which step, since
 * when and for how long, and what it read or wrote meanwhile. Reads the lane's events, but only a
 * bounded number around one interval, once per pointer move.
 */
final class TooltipText {
    /** Events looked at, at most, to find a step or a read/write; a hover must stay cheap. */
    private static final int SCAN_LIMIT = 50_000;

    private TooltipText() {}

    /**
     * How the machine knows the worker: "thread #34 'Thread-3'", "virtual thread #52",
     * "process pid 4242". The id comes first so that a cut-off label still shows it.
     */
    static String identity(LaneInfo info) {
        if ("process".equals(info.kind())) {
            return "process pid " + info.pid();
        }
        if (info.inChildProcess()) { // a pool task: the pid of the pool's child that ran it, once one took it
            return info.pid() == ProcessHandle.current().pid() ? "queued for a pool process" : "pool process pid " + info.pid();
        }
        if (info.threadId() < 0) {
            return "not started";
        }
        String kind = switch (info.kind()) {
            case "virtual-thread" -> "virtual thread";
            case "pool-thread" -> "pool thread";
            case "main-thread" -> "main thread";
            default -> "thread";
        };
        String name = info.threadName() == null || info.threadName().isEmpty() ? "" : " '" + info.threadName() + "'";
        return kind + " #" + info.threadId() + name;
    }

    /**
     * One lane at time {@code t}; {@code [colStart, colEnd)} is the pixel column under the pointer,
     * described too when it holds more than one state. Null where nothing is drawn.
     */
    static String lane(LaneSummary lane, TraceInfo trace, double t, double colStart, double colEnd, long end) {
        int i = lane.intervalAt(t);
        if (i < 0 || t >= end) {
            return null;
        }
        LaneInfo info = lane.log().info();
        WorkerState state = lane.intervalState(i);
        long from = lane.intervalStart(i);
        long to = lane.intervalEnd(i, end);
        StringBuilder sb = new StringBuilder();
        sb.append(info.name()).append("  (").append(identity(info)).append(")\n");
        if (state.isFinal()) {
            sb.append(state.label()).append(" since ").append(TimeAxis.time(from));
            if (state == WorkerState.KILLED && info.inChildProcess()) {
                // no CPU time or final copy comes back from a killed child: say why, not "n/a"
                sb.append("\nits process was killed by a signal mid-step; the Result tab gives its exit status when the run ends");
            }
            return sb.toString();
        }
        sb.append(StatePalette.displayLabel(state)).append('\n');
        String step = step(lane.log(), trace, from, to);
        if (step != null) {
            sb.append(step).append('\n');
        }
        sb.append("from ").append(TimeAxis.time(from)).append(", for ").append(TimeAxis.duration(to - from));
        if (i == lane.intervalCount() - 1 && !state.isFinal()) {
            sb.append(" so far");
        }
        String io = readsAndWrites(lane.log(), trace, from, to);
        if (io != null) {
            sb.append('\n').append(io);
        }
        String message = message(lane.log(), from, to);
        if (message != null) {
            sb.append('\n').append(message);
        }
        String mix = columnMix(lane.totals(colStart, colEnd, end), colEnd - colStart);
        if (mix != null) {
            sb.append('\n').append(mix);
        }
        return sb.toString();
    }

    /** A group of lanes drawn as one row: how many are in each state in the column. */
    static String group(List<LaneSummary> lanes, int first, int last, double t, double colStart, double colEnd,
                        long end) {
        if (t >= end || t < 0) {
            return null;
        }
        int[] counts = new int[LaneSummary.STATES];
        int blank = 0;
        for (int l = first; l < last; l++) {
            int s = lanes.get(l).dominant(colStart, colEnd, end);
            if (StatePalette.drawn(s)) {
                counts[s]++;
            } else {
                blank++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("lanes ").append(first + 1).append('–').append(last).append(": ")
                .append(lanes.get(first).log().info().name()).append(" … ")
                .append(lanes.get(last - 1).log().info().name()).append('\n');
        sb.append("at ").append(TimeAxis.time(t)).append(":");
        String sep = " ";
        for (WorkerState s : StatePalette.SHOWN) {
            if (counts[s.ordinal()] > 0) {
                sb.append(sep).append(counts[s.ordinal()]).append(' ').append(StatePalette.displayLabel(s));
                sep = ", ";
            }
        }
        if (blank > 0) {
            sb.append(sep).append(blank).append(" not running yet or finished");
        }
        return sb.toString();
    }

    /**
     * The step being run: the last step started at or before {@code from}; if the lane had started
     * none yet, the first one started in the interval.
     */
    static String step(LaneLog log, TraceInfo trace, long from, long to) {
        int at = log.lastAtOrBefore(from);
        for (int i = at, seen = 0; i >= 0 && seen < SCAN_LIMIT; i--, seen++) {
            if (!log.isState(i) && log.event(i) instanceof TraceEvent.StepStarted s) {
                return "step: " + stepName(trace, s.step());
            }
        }
        for (int i = at + 1, seen = 0; i < log.size() && log.nanos(i) < to && seen < SCAN_LIMIT; i++, seen++) {
            if (!log.isState(i) && log.event(i) instanceof TraceEvent.StepStarted s) {
                return "first step: " + stepName(trace, s.step());
            }
        }
        return null;
    }

    static String stepName(TraceInfo trace, int step) {
        if (step >= 0 && step < trace.steps().size()) {
            TraceInfo.StepInfo info = trace.steps().get(step);
            return info.label() + (info.line() > 0 ? "  (line " + info.line() + ")" : "");
        }
        return "#" + step;
    }

    /** The first read and the first write inside {@code [from, to)}, with their values. */
    static String readsAndWrites(LaneLog log, TraceInfo trace, long from, long to) {
        int i = log.lastAtOrBefore(from);
        // events at exactly `from` may precede the state change in the log: start at the first of them
        while (i > 0 && log.nanos(i - 1) >= from) {
            i--;
        }
        i = Math.max(i, 0);
        TraceEvent.SharedRead read = null;
        TraceEvent.SharedWritten write = null;
        int reads = 0;
        int writes = 0;
        for (int seen = 0; i < log.size() && log.nanos(i) < to && seen < SCAN_LIMIT; i++, seen++) {
            if (log.nanos(i) < from || log.isState(i)) {
                continue;
            }
            TraceEvent e = log.event(i);
            if (e instanceof TraceEvent.SharedRead r) {
                reads++;
                read = read == null ? r : read;
            } else if (e instanceof TraceEvent.SharedWritten w) {
                writes++;
                write = write == null ? w : write;
            }
        }
        List<String> parts = new ArrayList<>();
        if (read != null) {
            parts.add("read " + variable(trace, read.variable()) + " = " + read.value()
                    + (reads > 1 ? " (first of " + reads + " reads)" : ""));
        }
        if (write != null) {
            parts.add("wrote " + variable(trace, write.variable()) + " = " + write.value()
                    + (writes > 1 ? " (first of " + writes + " writes)" : ""));
        }
        return parts.isEmpty() ? null : String.join("\n", parts);
    }

    /**
     * "put message #3, value 30" for the first queue message put or taken inside {@code [from, to)};
     * the value is the result of the step the message event is in, recorded just after it.
     */
    static String message(LaneLog log, long from, long to) {
        int i = Math.max(log.lastAtOrBefore(from), 0);
        while (i > 0 && log.nanos(i - 1) >= from) {
            i--;
        }
        for (int seen = 0; i < log.size() && log.nanos(i) < to && seen < SCAN_LIMIT; i++, seen++) {
            if (log.nanos(i) < from || log.isState(i)) {
                continue;
            }
            TraceEvent e = log.event(i);
            long number;
            String verb;
            if (e instanceof TraceEvent.MessagePut m) {
                number = m.message();
                verb = "put";
            } else if (e instanceof TraceEvent.MessageTaken m) {
                number = m.message();
                verb = "took";
            } else {
                continue;
            }
            String value = "";
            for (int k = i + 1; k < log.size() && k < i + 8; k++) { // the step's end follows within a few events
                if (!log.isState(k) && log.event(k) instanceof TraceEvent.StepEnded end) {
                    value = ", value " + end.result();
                    break;
                }
            }
            return verb + " message #" + number + value;
        }
        return null;
    }

    private static String variable(TraceInfo trace, int v) {
        return v >= 0 && v < trace.variables().size() ? trace.variables().get(v) : "#" + v;
    }

    /** "this pixel (1.20 ms): 62% running, 38% blocked-on-lock" when a column holds several states. */
    static String columnMix(double[] totals, double width) {
        int states = 0;
        for (int s = 0; s < LaneSummary.STATES; s++) {
            if (totals[s] > 0) {
                states++;
            }
        }
        if (states < 2) {
            return null;
        }
        StringBuilder sb = new StringBuilder("this pixel (" + TimeAxis.duration(width) + "):");
        String sep = " ";
        for (WorkerState s : StatePalette.SHOWN) {
            double share = totals[s.ordinal()] / width;
            if (share >= 0.005) {
                sb.append(sep).append(String.format(Locale.ROOT, "%.0f%% %s", share * 100, StatePalette.displayLabel(s)));
                sep = ", ";
            }
        }
        return sb.toString();
    }
}

package org.threadlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared variables through time, for the memory view: each variable's value at any moment, the
 * writes that overwrote an update made since the writer's read (lost updates), and how many
 * increments were lost. Fed from a {@link TraceFeed}; {@link #update()} takes only new events.
 *
 * <p>A write's <em>delta</em> is what it meant to add: the value written minus the value its
 * worker last read. The expected value at time t is the initial value plus every delta so far;
 * the lost count is expected minus actual. At the end of a run that is exact, whatever the order
 * of events with close timestamps. A write with no read of the variable before it (a worker
 * storing a result it computed) is an <em>assignment</em>: it means "the value is now this", so
 * the expected value becomes what it wrote, and it can lose nothing.
 *
 * <p>These are the variables of the run's own process. Lanes run in child processes (the process
 * modes) read and write copies of their own, which are left out (each child's final copy is in
 * the run's result), except for the variables every process shares ({@code process-shared}).
 */
public final class MemoryHistory {
    /**
     * One write, with what it meant to add and whether it was based on a stale read.
     *
     * @param assignment whether the worker wrote without reading the variable first (then
     *                   {@code delta}, {@code readValue} and {@code readNanos} mean nothing)
     * @param readNanos  when the worker read the value its write is based on
     */
    public record Write(long nanos, int lane, long value, long delta, long readValue, boolean atomic,
                        boolean assignment, long readNanos) {}

    /**
     * A lost update as the run's order of events shows it: {@code overwriting} was based on a read
     * made before {@code overwritten} (the write just before it) and wrote over it, so the update
     * {@code overwritten} made, and any others since that read, are gone.
     *
     * @param variable the shared variable
     */
    public record LostUpdate(int variable, Write overwritten, Write overwriting) {
        /** When the stale read was made: the start of the story. */
        public long readNanos() {
            return overwriting.readNanos();
        }
    }

    private final TraceFeed feed;
    private final long[] initial;
    private final List<List<Write>> writes = new ArrayList<>();
    private final boolean[] dirty;
    private int[] processed = new int[0];
    /** Per lane, per variable: last value read, or Long.MIN_VALUE if none; and when it was read. */
    private final List<long[]> lastRead = new ArrayList<>();
    private final List<long[]> lastReadNanos = new ArrayList<>();
    /** Per variable, once sorted: prefix sums of delta, and the lost-write flags. */
    private long[][] deltaSums;
    private boolean[][] stale;
    /** Per variable, once sorted: how many stale writes up to and including each write. */
    private int[][] staleCounts;
    /** {@link #lostUpdates()} as last made, or null. */
    private List<LostUpdate> lostUpdates;
    /** Writes taken in all (counted again after a reset), and as of {@link #lostUpdates}. */
    private long totalWrites;
    private long lostUpdatesWrites = -1;

    public MemoryHistory(TraceFeed feed, long[] initialValues) {
        this.feed = feed;
        this.initial = initialValues.clone();
        int vars = feed.info().variables().size();
        for (int v = 0; v < vars; v++) {
            writes.add(new ArrayList<>());
        }
        dirty = new boolean[vars];
        deltaSums = new long[vars][];
        stale = new boolean[vars][];
        staleCounts = new int[vars][];
    }

    public int variableCount() {
        return writes.size();
    }

    /** Whether every process of the run maps this variable (declared {@code process-shared}). */
    public boolean isProcessShared(int variable) {
        return feed.info().variableProcessShared(variable);
    }

    public String name(int variable) {
        return feed.info().variables().get(variable);
    }

    /** Takes the events the feed gained since the last call. */
    public void update() {
        List<LaneLog> lanes = feed.lanes();
        if (processed.length < lanes.size()) {
            processed = Arrays.copyOf(processed, lanes.size());
        }
        while (lastRead.size() < lanes.size()) {
            long[] none = new long[writes.size()];
            Arrays.fill(none, Long.MIN_VALUE);
            lastRead.add(none);
            lastReadNanos.add(new long[writes.size()]);
        }
        List<TraceInfo.StepInfo> steps = feed.info().steps();
        for (int l = 0; l < lanes.size(); l++) {
            LaneLog lane = lanes.get(l);
            // a child process reads and writes its own copy of a variable, never this (the
            // parent's) memory, unless the variable is process-shared
            boolean child = lane.info().inChildProcess();
            TraceInfo info = feed.info();
            long[] reads = lastRead.get(l);
            long[] readTimes = lastReadNanos.get(l);
            int step = -1;
            for (int i = processed[l]; i < lane.size(); i++) {
                TraceEvent e = lane.event(i);
                switch (e) {
                    case TraceEvent.StepStarted s -> step = s.step();
                    case TraceEvent.SharedRead r when child && !info.variableProcessShared(r.variable()) -> { }
                    case TraceEvent.SharedWritten w when child && !info.variableProcessShared(w.variable()) -> { }
                    case TraceEvent.SharedRead r -> {
                        reads[r.variable()] = r.value();
                        readTimes[r.variable()] = r.nanos();
                    }
                    case TraceEvent.SharedWritten w -> {
                        long read = reads[w.variable()];
                        boolean atomic = step >= 0 && steps.get(step).kind().equals("increment");
                        long base = read == Long.MIN_VALUE ? initial[w.variable()] : read;
                        writes.get(w.variable()).add(new Write(w.nanos(), l, w.value(), w.value() - base, base, atomic,
                                read == Long.MIN_VALUE && !atomic, readTimes[w.variable()]));
                        reads[w.variable()] = Long.MIN_VALUE;
                        dirty[w.variable()] = true;
                        totalWrites++;
                    }
                    default -> { }
                }
            }
            processed[l] = lane.size();
        }
    }

    /** Forgets what was processed (the feed was replaced by the final trace) and takes it all again. */
    public void reset() {
        processed = new int[0];
        lastRead.clear();
        lastReadNanos.clear();
        lostUpdates = null;
        for (int v = 0; v < writes.size(); v++) {
            writes.get(v).clear();
            dirty[v] = true;
        }
        update();
    }

    private void sort(int v) {
        if (!dirty[v]) {
            return;
        }
        List<Write> list = writes.get(v);
        list.sort((a, b) -> Long.compare(a.nanos(), b.nanos())); // nearly sorted already: cheap
        long[] sums = new long[list.size()];
        boolean[] lost = new boolean[list.size()];
        int[] counts = new int[list.size()];
        int count = 0;
        long sum = 0;
        long current = initial[v];
        for (int i = 0; i < list.size(); i++) {
            Write w = list.get(i);
            sum = w.assignment() ? w.value() - initial[v] : sum + w.delta();
            sums[i] = sum;
            lost[i] = !w.atomic() && !w.assignment() && current != w.readValue();
            count += lost[i] ? 1 : 0;
            counts[i] = count;
            current = w.value();
        }
        deltaSums[v] = sums;
        stale[v] = lost;
        staleCounts[v] = counts;
        dirty[v] = false;
    }

    /** Index of the last write to {@code v} at or before {@code nanos}, or -1. */
    private int lastWrite(int v, long nanos) {
        sort(v);
        List<Write> list = writes.get(v);
        int lo = 0;
        int hi = list.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).nanos() <= nanos) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    public long valueAt(int v, long nanos) {
        int i = lastWrite(v, nanos);
        return i < 0 ? initial[v] : writes.get(v).get(i).value();
    }

    /** What the variable would hold if no update had been lost. */
    public long expectedAt(int v, long nanos) {
        int i = lastWrite(v, nanos);
        return initial[v] + (i < 0 ? 0 : deltaSums[v][i]);
    }

    /** Increments lost so far: expected minus actual. */
    public long lostAt(int v, long nanos) {
        return expectedAt(v, nanos) - valueAt(v, nanos);
    }

    /** Writes so far that overwrote an update made since their worker's read. */
    public int staleWritesAt(int v, long nanos) {
        int last = lastWrite(v, nanos);
        return last < 0 ? 0 : staleCounts[v][last];
    }

    /** The last write to {@code v} at or before {@code nanos}, and whether it lost an update; null if none. */
    public LastWrite lastWriteAt(int v, long nanos) {
        int i = lastWrite(v, nanos);
        return i < 0 ? null : new LastWrite(writes.get(v).get(i), stale[v][i]);
    }

    public record LastWrite(Write write, boolean lostAnUpdate) {}

    /**
     * What a worker holds in its "register" at a moment: the value it last read or computed, and
     * whether it still has to write it back (between a read and its write).
     *
     * @param variable the shared variable it came from
     * @param nanos    when the read or write that filled it happened
     */
    public record Register(int lane, int variable, long value, boolean pending, long nanos) {}

    /** The register of a lane at a moment, or null if it has touched no shared variable recently. */
    public Register registerAt(int lane, long nanos) {
        LaneLog log = feed.lane(lane);
        int i = log.lastAtOrBefore(nanos);
        List<TraceInfo.StepInfo> steps = feed.info().steps();
        Long added = null;
        for (int k = i; k >= 0 && k > i - 64; k--) {
            TraceEvent e = log.event(k);
            switch (e) {
                case TraceEvent.SharedWritten w -> {
                    return new Register(lane, w.variable(), w.value(), false, w.nanos());
                }
                case TraceEvent.SharedRead r -> {
                    return new Register(lane, r.variable(), added != null ? added : r.value(), true, r.nanos());
                }
                case TraceEvent.StepEnded s -> {
                    if (added == null && steps.get(s.step()).kind().equals("add")) {
                        added = s.result();
                    }
                }
                default -> { }
            }
        }
        return null;
    }

    /** Every lost update of every variable so far, in the order of the writes that lost them (a list kept until new writes come). */
    public List<LostUpdate> lostUpdates() {
        if (lostUpdates != null && lostUpdatesWrites == totalWrites) {
            return lostUpdates;
        }
        List<LostUpdate> out = new ArrayList<>();
        int variablesWithLost = 0;
        for (int v = 0; v < writes.size(); v++) {
            sort(v);
            List<Write> list = writes.get(v);
            int before = out.size();
            for (int i = 1; i < list.size(); i++) {
                if (stale[v][i]) {
                    out.add(new LostUpdate(v, list.get(i - 1), list.get(i)));
                }
            }
            variablesWithLost += out.size() > before ? 1 : 0;
        }
        if (variablesWithLost > 1) { // each variable's are in time order already; only several need merging
            out.sort((a, b) -> Long.compare(a.overwriting().nanos(), b.overwriting().nanos()));
        }
        lostUpdates = java.util.Collections.unmodifiableList(out);
        lostUpdatesWrites = totalWrites;
        return lostUpdates;
    }

    /** Writes to a variable so far. */
    public int writeCount(int v) {
        return writes.get(v).size();
    }
}

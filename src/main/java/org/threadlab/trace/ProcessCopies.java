package org.threadlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each child process's own copy of the shared variables through time, for the memory view of the
 * process modes. A child starts with a copy of the lesson's initial values; only the writes of
 * lanes that ran in that child (same PID) change it. Variables declared process-shared are left
 * out: they have one value for every process, which {@link MemoryHistory} keeps.
 *
 * <p>Fed from a {@link TraceFeed} like {@link MemoryHistory}: {@link #update()} takes only the new
 * events. Used on one thread (the view's).
 */
public final class ProcessCopies {
    /** One child process: its PID, the lanes it ran (in the order they appeared), its writes per variable. */
    private static final class Child {
        final long pid;
        final List<Integer> lanes = new ArrayList<>();
        final long[][] times;
        final long[][] values;
        final int[] sizes;

        Child(long pid, int vars) {
            this.pid = pid;
            times = new long[vars][8];
            values = new long[vars][8];
            sizes = new int[vars];
        }

        void add(int v, long nanos, long value) {
            int n = sizes[v];
            if (n == times[v].length) {
                times[v] = Arrays.copyOf(times[v], n * 2);
                values[v] = Arrays.copyOf(values[v], n * 2);
            }
            // lanes of one pool child run one after another, so writes arrive in time order; keep
            // the array sorted anyway in case two lanes' pulls interleave
            int at = n;
            while (at > 0 && times[v][at - 1] > nanos) {
                at--;
            }
            System.arraycopy(times[v], at, times[v], at + 1, n - at);
            System.arraycopy(values[v], at, values[v], at + 1, n - at);
            times[v][at] = nanos;
            values[v][at] = value;
            sizes[v] = n + 1;
        }
    }

    private final TraceFeed feed;
    private final long[] initial;
    private final Map<Long, Child> children = new LinkedHashMap<>();
    private int[] processed = new int[0];

    public ProcessCopies(TraceFeed feed, long[] initialValues) {
        this.feed = feed;
        this.initial = initialValues.clone();
    }

    /** Takes the events the feed gained since the last call. */
    public void update() {
        List<LaneLog> lanes = feed.lanes();
        if (processed.length < lanes.size()) {
            processed = Arrays.copyOf(processed, lanes.size());
        }
        TraceInfo info = feed.info();
        for (int l = 0; l < lanes.size(); l++) {
            LaneLog lane = lanes.get(l);
            LaneInfo li = lane.info();
            if (!li.inChildProcess() || li.pid() <= 0 || li.pid() == ProcessHandle.current().pid()) {
                continue; // not (yet) bound to a child process: nothing of it to show
            }
            Child child = children.computeIfAbsent(li.pid(), pid -> new Child(pid, initial.length));
            if (!child.lanes.contains(l)) {
                child.lanes.add(l);
            }
            for (int i = processed[l]; i < lane.size(); i++) {
                if (lane.event(i) instanceof TraceEvent.SharedWritten w
                        && w.variable() < initial.length && !info.variableProcessShared(w.variable())) {
                    child.add(w.variable(), w.nanos(), w.value());
                }
            }
            processed[l] = lane.size();
        }
    }

    /** Forgets what was processed (the feed was replaced by the final trace) and takes it all again. */
    public void reset() {
        children.clear();
        processed = new int[0];
        update();
    }

    /** The child processes seen so far, in the order their lanes appear. */
    public List<Long> pids() {
        return List.copyOf(children.keySet());
    }

    /** Lane indexes run by the child {@code pid}. */
    public List<Integer> lanes(long pid) {
        Child c = children.get(pid);
        return c == null ? List.of() : List.copyOf(c.lanes);
    }

    /** The child's own value of variable {@code v} at {@code nanos}: its last write, else the initial copy. */
    public long valueAt(long pid, int v, long nanos) {
        Child c = children.get(pid);
        if (c == null) {
            return initial[v];
        }
        long[] t = c.times[v];
        int lo = 0;
        int hi = c.sizes[v] - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= nanos) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? initial[v] : c.values[v][found];
    }

    /** How many times the child wrote its copy of {@code v} up to {@code nanos}. */
    public int writesAt(long pid, int v, long nanos) {
        Child c = children.get(pid);
        if (c == null) {
            return 0;
        }
        int n = 0;
        long[] t = c.times[v];
        int lo = 0;
        int hi = c.sizes[v] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= nanos) {
                n = mid + 1;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return n;
    }
}

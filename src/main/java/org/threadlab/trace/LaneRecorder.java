package org.threadlab.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The event buffer of one lane. Only the worker that owns the lane writes to it, so recording
 * takes no lock and never makes two workers wait for each other: a shared lock here would
 * serialise the very workers whose race a lesson wants to show.
 *
 * <p>Events are stored in columns (time, packed code, value) in chunks that grow. The writer
 * publishes each event with a release store of the count; readers (a live view, a snapshot) read
 * the count with an acquire load and may then read every event below it while the writer goes on.
 *
 * <p>Reading the clock is the dearest part of recording (about 28 ns here, four times the store), so
 * a step's start and the shared read or write inside it reuse the time of the lane's previous event
 * instead of reading the clock again. That is honest because the interpreter goes straight from
 * one step's end (or a state change) to the next step's start, and from a step's start to its one
 * memory access, doing nothing in between that takes measurable time; anything that can take time
 * (a step's end, a state change, a lock acquired or released, a print) reads the clock afresh. So a
 * read or write carries the last clock reading taken before it, and events within a lane keep
 * their order.
 */
public final class LaneRecorder {
    /** The first chunk is small, so ten thousand short-lived lanes cost little; later ones double up to the max. */
    private static final int FIRST_CHUNK = 64;
    private static final int MAX_CHUNK = 1 << 14;
    static final int ARG_BITS = 24;
    static final int ARG_MASK = (1 << ARG_BITS) - 1;
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(LaneRecorder.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Columns for the events {@code base} to {@code base + capacity - 1}. */
    static final class Chunk {
        final int base;
        final int capacity;
        final long[] time;
        final int[] code;
        final long[] value;
        /** Print texts; allocated on the first print in this chunk. */
        String[] text;

        Chunk(int base, int capacity) {
            this.base = base;
            this.capacity = capacity;
            time = new long[capacity];
            code = new int[capacity];
            value = new long[capacity];
        }

        /** A chunk whose events were let go of ({@link #forgetBefore}): its place, no columns. */
        private Chunk(Chunk forgotten) {
            base = forgotten.base;
            capacity = forgotten.capacity;
            time = null;
            code = null;
            value = null;
        }
    }

    private final int index;
    private final String name;
    private final String kind;
    private final long origin;
    private final boolean enabled;
    private volatile long pid = ProcessHandle.current().pid();
    private volatile String threadName = "";
    private volatile long threadId = -1;
    private volatile long cpuNanos = -1;

    private Chunk[] chunks = new Chunk[8];
    private int chunkCount;
    private Chunk current;
    /** Time of the last event recorded, for events that reuse it; written by the owning thread only. */
    private long lastTime = -1;
    @SuppressWarnings("unused") // accessed through COUNT
    private int count;

    LaneRecorder(int index, String name, String kind, long origin, boolean enabled) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.origin = origin;
        this.enabled = enabled;
    }

    /** Called by the thread that runs this lane's steps, once it is running. */
    public void bindCurrentThread() {
        Thread t = Thread.currentThread();
        threadName = t.getName();
        threadId = t.threadId();
    }

    /** Names the thread that ran this lane in another process (reported by that process). */
    public void bindThread(String name, long id) {
        threadName = name;
        threadId = id;
    }

    /** Sets the process id, for a lane run in another process. */
    public void bindProcess(long processId) {
        pid = processId;
    }

    /** Sets the CPU time the lane used, in nanoseconds, or -1 where the platform cannot tell. */
    public void cpuNanos(long nanos) {
        cpuNanos = nanos;
    }

    public LaneInfo info() {
        return new LaneInfo(index, name, kind, pid, threadName, threadId);
    }

    public long cpuNanos() {
        return cpuNanos;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public void state(WorkerState state) {
        record(EventKind.STATE, state.ordinal(), 0);
    }

    /** A step starts; stamped with the time of the lane's previous event (see the class comment). */
    public void stepStart(int step) {
        recordSameInstant(EventKind.STEP_START, step, 0);
    }

    public void stepEnd(int step, long result) {
        record(EventKind.STEP_END, step, result);
    }

    /** A shared read, stamped with the time of the step start just before it. */
    public void read(int variable, long value) {
        recordSameInstant(EventKind.READ, variable, value);
    }

    /** A shared write, stamped with the time of the event just before it (its step's start or read). */
    public void write(int variable, long value) {
        recordSameInstant(EventKind.WRITE, variable, value);
    }

    public void lockAcquired(int lock, boolean contended) {
        record(EventKind.LOCK_ACQUIRED, lock, contended ? 1 : 0);
    }

    public void lockWaiting(int lock) {
        record(EventKind.LOCK_WAITING, lock, 0);
    }

    public void lockReleased(int lock) {
        record(EventKind.LOCK_RELEASED, lock, 0);
    }

    /**
     * A value went onto queue {@code queue} as message number {@code message}. Reads the clock
     * afresh, since the put may have waited. Both sides read their clocks after the queue's lock is
     * let go, so a taker already running can record its take a few microseconds before this put:
     * readers order a queue's messages by their numbers, not by these times (see {@code SyncHistory}).
     */
    public void messagePut(int queue, long message) {
        record(EventKind.MESSAGE_PUT, queue, message);
    }

    /** Message number {@code message} was taken off queue {@code queue}. */
    public void messageTaken(int queue, long message) {
        record(EventKind.MESSAGE_TAKEN, queue, message);
    }

    public void returned(long value) {
        record(EventKind.RETURN, 0, value);
    }

    public void print(String text) {
        if (!enabled) {
            return;
        }
        long t = System.nanoTime() - origin;
        lastTime = t;
        recordAt(t, code(EventKind.PRINT, 0), 0, text);
    }

    private void record(EventKind kind, int arg, long value) {
        if (!enabled) {
            return;
        }
        long t = System.nanoTime() - origin;
        lastTime = t;
        int n = (int) COUNT.getOpaque(this);
        store(chunkFor(n), n, t, code(kind, arg), value);
    }

    private void recordSameInstant(EventKind kind, int arg, long value) {
        if (!enabled) {
            return;
        }
        long t = lastTime;
        if (t < 0) {
            record(kind, arg, value); // the lane's first event: nothing to share a time with
            return;
        }
        int n = (int) COUNT.getOpaque(this);
        store(chunkFor(n), n, t, code(kind, arg), value);
    }

    /**
     * Records an event with a timestamp taken elsewhere (nanoseconds since the trace origin), for
     * events that reach the parent from another process. Must be called from one thread only.
     */
    public void recordAt(long nanosSinceOrigin, int packedCode, long value, String text) {
        int n = (int) COUNT.getOpaque(this);
        Chunk c = chunkFor(n);
        if (text != null) {
            if (c.text == null) {
                c.text = new String[c.capacity];
            }
            c.text[n - c.base] = text;
        }
        store(c, n, nanosSinceOrigin, packedCode, value);
    }

    private void store(Chunk c, int n, long t, int code, long value) {
        int i = n - c.base;
        c.time[i] = t;
        c.code[i] = code;
        c.value[i] = value;
        COUNT.setRelease(this, n + 1);
    }

    private Chunk chunkFor(int n) {
        Chunk c = current;
        if (c != null && n - c.base < c.capacity) {
            return c;
        }
        c = new Chunk(n, c == null ? FIRST_CHUNK : Math.min(MAX_CHUNK, c.capacity * 2));
        Chunk[] dir = chunks;
        if (chunkCount == dir.length) {
            dir = Arrays.copyOf(dir, dir.length * 2);
        }
        dir[chunkCount] = c;
        chunks = dir; // published to readers by the release store of the count that follows
        chunkCount++;
        current = c;
        return c;
    }

    static int code(EventKind kind, int arg) {
        return (kind.ordinal() << ARG_BITS) | (arg & ARG_MASK);
    }

    /**
     * Lets go of the full chunks of events below {@code n}, which no reader will ask for again: a
     * child process streams its events to its parent and need not keep them. Call it from the one
     * reader that copies events away; {@link #slice} must not be asked for them afterwards.
     */
    public void forgetBefore(int n) {
        int limit = Math.min(n, size());
        Chunk[] dir = chunks;
        for (int k = 0; k < dir.length && dir[k] != null; k++) {
            Chunk c = dir[k];
            if (c.time != null && c != current && c.base + c.capacity <= limit) {
                dir[k] = new Chunk(c); // if the writer copies the directory meanwhile, the old chunk merely lives on
            }
        }
    }

    /** Number of events recorded so far; everything below it may be read. */
    public int size() {
        return (int) COUNT.getAcquire(this);
    }

    /** Copies the first {@code n} events (n at most {@link #size()}) into a frozen lane. */
    LaneEvents copy(int n) {
        return slice(0, n);
    }

    /**
     * Copies events {@code from} (inclusive) to {@code to} (exclusive, at most {@link #size()}), so
     * a live view can take only what is new since its last frame. Event {@code i} of the result is
     * event {@code from + i} of the lane.
     */
    public LaneEvents slice(int from, int to) {
        Chunk[] dir = chunks;
        int n = to - from;
        long[] time = new long[n];
        int[] code = new int[n];
        long[] value = new long[n];
        String[] text = null;
        for (int k = 0; k < dir.length && dir[k] != null && dir[k].base < to; k++) {
            Chunk c = dir[k];
            int start = Math.max(from, c.base);
            int end = Math.min(to, c.base + c.capacity);
            if (start >= end) {
                continue;
            }
            int len = end - start;
            System.arraycopy(c.time, start - c.base, time, start - from, len);
            System.arraycopy(c.code, start - c.base, code, start - from, len);
            System.arraycopy(c.value, start - c.base, value, start - from, len);
            if (c.text != null) {
                if (text == null) {
                    text = new String[n];
                }
                System.arraycopy(c.text, start - c.base, text, start - from, len);
            }
        }
        return new LaneEvents(info(), cpuNanos, time, code, value, text);
    }
}

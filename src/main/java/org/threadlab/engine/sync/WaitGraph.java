package org.threadlab.engine.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntUnaryOperator;

/**
 * What each lane of a live run waits for (a lock, a condition's notify, a semaphore's permit, room
 * on a queue or a value from it) and who holds which thread lock, for the run's stuck watch. Workers
 * publish with release stores only, and only on their slow path (when they are about to wait), so
 * keeping the graph costs them next to nothing; the watcher reads it from its own thread.
 *
 * <p>Each lane's wait is one packed long, its <em>mark</em>: a serial number that grows with every
 * wait the lane begins, the kind of wait and the index of what it waits on. A child process sends its
 * worker's marks to the parent, which puts them here with {@link #remoteMark}, so the same watch sees
 * the lanes of every process.
 *
 * <p>A read of the graph can be stale for an instant (a worker that has just got its lock may still
 * be marked as waiting), so what it shows counts only when the run's real locks, semaphores and
 * queues agree (see {@link StuckWatch}).
 */
public final class WaitGraph {
    /** Made on first use: the management classes cost a child process milliseconds of its start-up. */
    private static final class Jvm {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    }

    /** What a lane can wait on; the ordinal is stored in the mark. */
    public enum Kind {
        NONE, LOCK, CONDITION, PERMIT, TAKE, PUT;

        private static final Kind[] VALUES = values();
    }

    private static final int INDEX_BITS = 24;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /** Lane number of each thread lock's owner, or -1. */
    private final AtomicIntegerArray owners;
    /** Each lane's mark: serial << 32 | kind << 24 | index. */
    private final AtomicLongArray marks;
    /** Permits of the semaphore it waits for that a lane holds itself, while it waits for one. */
    private final AtomicIntegerArray ownPermits;
    private final AtomicReferenceArray<Thread> threads;
    /** 1 for a lane run in a child process: its marks come from there and it has no thread here. */
    private final AtomicIntegerArray remote;
    /** 1 while a lane runs its steps: not before it starts, after it ends, or while main waits for its workers. */
    private final AtomicIntegerArray active;
    /** 1 once a lane has begun, and in {@link #ended} once it has ended: a lane in neither still waits for a thread. */
    private final AtomicIntegerArray begun;
    private final AtomicIntegerArray ended;
    /** Counts lanes starting and stopping: a snapshot read across one of them is not used. */
    private final AtomicLong changes = new AtomicLong();
    /** Threads the mode has for the workers' lanes: 1 sequential, the pool's size, else unbounded. */
    private volatile int workerThreads = Integer.MAX_VALUE;
    /** The main thread's lane, which runs on a thread of its own; -1 if the lesson has none. */
    private volatile int mainLane = -1;
    /** Whether main has started the workers; before that, a worker that has not begun cannot begin. */
    private volatile boolean launched;

    /** One edge: {@code lane} (on {@code thread}, null in another process) waits for {@code lock}, which {@code owner} holds. */
    record Wait(int lane, Thread thread, int lock, int owner) {}

    /**
     * A lane that cannot move now: it waits on {@code kind} number {@code index}; {@code mark} is its
     * whole mark (so a wait begun again is not the same wait); {@code ownPermits} the permits of that
     * semaphore it holds itself (PERMIT only).
     */
    record Waiter(int lane, Thread thread, Kind kind, int index, long mark, int ownPermits, boolean remote) {}

    /**
     * Every active lane waits, as the graph showed it after {@code changes} changes; {@code queued}
     * are lanes that never began because every thread the mode has is taken by a waiting lane (a
     * pool's starvation, or sequential mode's one thread) or, when {@code notStarted}, because main
     * waits in its 'before' steps and has not started the workers; empty otherwise.
     */
    record Stuck(long changes, List<Waiter> waiters, List<Integer> queued, boolean notStarted) {
        Stuck {
            waiters = List.copyOf(waiters);
            queued = List.copyOf(queued);
        }
    }

    public WaitGraph(int locks, int lanes) {
        owners = new AtomicIntegerArray(locks);
        for (int i = 0; i < locks; i++) {
            owners.set(i, -1);
        }
        marks = new AtomicLongArray(lanes);
        ownPermits = new AtomicIntegerArray(lanes);
        threads = new AtomicReferenceArray<>(lanes);
        remote = new AtomicIntegerArray(lanes);
        active = new AtomicIntegerArray(lanes);
        begun = new AtomicIntegerArray(lanes);
        ended = new AtomicIntegerArray(lanes);
    }

    /** How many threads the run has for its workers' lanes, and which lane is the main thread's (-1: none). */
    public void threads(int workerThreads, int mainLane) {
        this.workerThreads = workerThreads;
        this.mainLane = mainLane;
    }

    /** Main starts the workers now: those that have not begun can begin. */
    public void launched() {
        launched = true;
        changes.incrementAndGet();
    }

    /** One of a pool's threads (a process of a process pool) is gone and takes no more workers. */
    public synchronized void threadGone() {
        workerThreads = Math.max(0, workerThreads - 1);
        changes.incrementAndGet();
    }

    /** A lane ended: it holds no thread of the mode any more. */
    public void ended(int lane) {
        active.setRelease(lane, 0);
        ended.setRelease(lane, 1);
        changes.incrementAndGet();
    }

    /** A lane starts running steps, or stops (the main thread waits for its workers). */
    public void active(int lane, boolean running) {
        threads.setRelease(lane, Thread.currentThread());
        if (running) {
            begun.setRelease(lane, 1);
        }
        active.setRelease(lane, running ? 1 : 0);
        changes.incrementAndGet();
    }

    /** A lane that a child process runs has begun there: its marks will come from {@link #remoteMark}. */
    public void remoteBegun(int lane) {
        remote.setRelease(lane, 1);
        begun.setRelease(lane, 1);
        active.setRelease(lane, 1);
        changes.incrementAndGet();
    }

    /** The mark a child process sent for one of its lanes. */
    public void remoteMark(int lane, long mark) {
        marks.setRelease(lane, mark);
    }

    /** The calling lane begins to wait on {@code kind} number {@code index}. */
    public void waitOn(int lane, Kind kind, int index) {
        threads.setRelease(lane, Thread.currentThread());
        long serial = (marks.getPlain(lane) >>> 32) + 1;
        marks.setRelease(lane, serial << 32 | (long) kind.ordinal() << INDEX_BITS | index);
    }

    /** The calling lane waits for a permit of {@code semaphore}, holding {@code own} of its permits itself. */
    public void waitForPermit(int lane, int semaphore, int own) {
        ownPermits.setRelease(lane, own);
        waitOn(lane, Kind.PERMIT, semaphore);
    }

    /** The calling lane no longer waits (it got what it waited for, or was interrupted). */
    public void done(int lane) {
        marks.setRelease(lane, marks.getPlain(lane) & ~0xFFFF_FFFFL);
    }

    /** The calling lane took thread lock {@code lock} (after a wait, or at once). */
    public void acquired(int lane, int lock) {
        owners.setRelease(lock, lane);
    }

    /** The calling lane took a lock it had waited for. */
    public void acquiredAfterWait(int lane, int lock) {
        owners.setRelease(lock, lane);
        done(lane);
    }

    public void released(int lock) {
        owners.setRelease(lock, -1);
    }

    /** The lane's mark now, as a child process sends it to its parent. */
    public long mark(int lane) {
        return marks.getAcquire(lane);
    }

    static Kind kind(long mark) {
        return Kind.VALUES[(int) (mark >>> INDEX_BITS & 0xFF)];
    }

    static int index(long mark) {
        return (int) (mark & INDEX_MASK);
    }

    /**
     * When every active lane waits: who waits on what. Null if some active lane can move, some lane
     * not begun yet can still get a thread, or the graph changed while being read.
     */
    Stuck findStuck() {
        long before = changes.getAcquire();
        List<Waiter> out = new ArrayList<>();
        for (int lane = 0; lane < active.length(); lane++) {
            if (active.getAcquire(lane) == 0) {
                continue;
            }
            long mark = marks.getAcquire(lane);
            Kind kind = kind(mark);
            if (kind == Kind.NONE) {
                return null;
            }
            out.add(new Waiter(lane, threads.getAcquire(lane), kind, index(mark), mark,
                    kind == Kind.PERMIT ? ownPermits.getAcquire(lane) : 0, remote.getAcquire(lane) == 1));
        }
        if (out.isEmpty()) {
            return null; // nobody runs steps: the run is starting its workers, or ending
        }
        // a lane that has not begun may still begin and change things, unless every thread is held by a waiter
        List<Integer> queued = new ArrayList<>();
        int holdingThreads = 0;
        for (int lane = 0; lane < begun.length(); lane++) {
            if (lane == mainLane) {
                continue;
            }
            if (begun.getAcquire(lane) == 0) {
                queued.add(lane);
            } else if (ended.getAcquire(lane) == 0) {
                holdingThreads++;
            }
        }
        boolean notStarted = !launched && mainLane >= 0;
        if (!queued.isEmpty() && holdingThreads < workerThreads && !notStarted) {
            return null;
        }
        return changes.getAcquire() == before ? new Stuck(before, out, queued, notStarted) : null;
    }

    /** Owner lane of thread lock {@code lock} as recorded here, or -1. */
    int owner(int lock) {
        return owners.getAcquire(lock);
    }

    /** A cycle of lock waits as the graph shows it now, with each lock's owner from {@code ownerOf}; or an empty list. */
    List<Wait> findCycle(IntUnaryOperator ownerOf) {
        int lanes = marks.length();
        for (int start = 0; start < lanes; start++) {
            List<Wait> path = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            int at = start;
            while (at >= 0 && at < lanes && !seen.contains(at)) {
                long mark = marks.getAcquire(at);
                if (kind(mark) != Kind.LOCK) {
                    break;
                }
                int lock = index(mark);
                int owner = ownerOf.applyAsInt(lock);
                seen.add(at);
                path.add(new Wait(at, threads.getAcquire(at), lock, owner));
                at = owner;
            }
            if (at >= 0 && seen.contains(at)) {
                return List.copyOf(path.subList(seen.indexOf(at), path.size()));
            }
        }
        return List.of();
    }

    /** Whether the JVM's own detector can look at the cycle: every thread of it a platform thread of this process. */
    static boolean jvmCanTell(List<Wait> cycle) {
        return cycle.stream().allMatch(w -> w.thread() != null && !w.thread().isVirtual());
    }

    /** Whether the JVM's own detector reports every thread of the cycle; false if any is virtual or remote. */
    static boolean jvmAgrees(List<Wait> cycle) {
        if (!jvmCanTell(cycle)) {
            return false;
        }
        long[] stuck = Jvm.THREADS.findDeadlockedThreads();
        if (stuck == null) {
            return false;
        }
        for (Wait w : cycle) {
            boolean found = false;
            for (long id : stuck) {
                found |= id == w.thread().threadId();
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}

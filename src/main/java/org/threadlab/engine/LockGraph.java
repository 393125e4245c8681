package org.threadlab.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who holds which lock and who waits for which, for a live run's deadlock watch. Workers publish
 * with release stores only (no lock, no fence on their path), so keeping the graph costs them next
 * to nothing; the watcher reads it from its own thread.
 *
 * <p>A read of the graph can be stale for an instant (a worker that has just got its lock may still
 * be marked as waiting), so a cycle counts only when {@link #confirm} agrees: every thread in it is
 * really queued on its lock, the lock really held, and, for platform threads, the JVM's own
 * {@link ThreadMXBean#findDeadlockedThreads()} reports them too.
 */
final class LockGraph {
    /** Made on first use: the management classes cost a child process milliseconds of its start-up. */
    private static final class Jvm {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    }

    /** Lane number of each lock's owner, or -1. */
    private final AtomicIntegerArray owners;
    /** Lock each lane waits for, or -1. */
    private final AtomicIntegerArray waiting;
    private final AtomicReferenceArray<Thread> threads;
    /** Condition each lane waits on, or -1. */
    private final AtomicIntegerArray conditionWaits;
    /** 1 while a lane runs its steps: not before it starts, after it ends, or while main waits for its workers. */
    private final AtomicIntegerArray active;
    /** 1 once a lane has begun, and in {@link #ended} once it has ended: a lane in neither still waits for a thread. */
    private final AtomicIntegerArray begun;
    private final AtomicIntegerArray ended;
    /** Counts what can unstick a run: condition waits begun and ended, notifies, lanes starting and stopping. */
    private final AtomicLong changes = new AtomicLong();
    /** Threads the mode has for the workers' lanes: 1 sequential, the pool's size, else unbounded. */
    private volatile int workerThreads = Integer.MAX_VALUE;
    /** The main thread's lane, which runs on a thread of its own; -1 if the lesson has none. */
    private volatile int mainLane = -1;

    /** One edge: {@code lane} (on {@code thread}) waits for {@code lock}, which {@code owner} holds. */
    record Wait(int lane, Thread thread, int lock, int owner) {}

    /** A lane that cannot move: in a condition's wait set ({@code condition >= 0}) or waiting for {@code lock}. */
    record Waiter(int lane, Thread thread, int condition, int lock) {}

    /**
     * Every active lane waits, at least one on a condition, as the graph showed it after
     * {@code changes} changes; {@code queued} are lanes that never began because every thread the
     * mode has is taken by a waiting lane (a pool's starvation), empty otherwise.
     */
    record Stuck(long changes, List<Waiter> waiters, List<Integer> queued) {
        Stuck {
            waiters = List.copyOf(waiters);
            queued = List.copyOf(queued);
        }
    }

    LockGraph(int locks, int lanes) {
        owners = new AtomicIntegerArray(locks);
        for (int i = 0; i < locks; i++) {
            owners.set(i, -1);
        }
        waiting = new AtomicIntegerArray(lanes);
        for (int i = 0; i < lanes; i++) {
            waiting.set(i, -1);
        }
        threads = new AtomicReferenceArray<>(lanes);
        conditionWaits = new AtomicIntegerArray(lanes);
        for (int i = 0; i < lanes; i++) {
            conditionWaits.set(i, -1);
        }
        active = new AtomicIntegerArray(lanes);
        begun = new AtomicIntegerArray(lanes);
        ended = new AtomicIntegerArray(lanes);
    }

    /** How many threads the run has for its workers' lanes, and which lane is the main thread's (-1: none). */
    void threads(int workerThreads, int mainLane) {
        this.workerThreads = workerThreads;
        this.mainLane = mainLane;
    }

    /** A lane ended: it holds no thread of the mode any more. */
    void ended(int lane) {
        ended.setRelease(lane, 1);
        changes.incrementAndGet();
    }

    /** A lane starts running steps, or stops (it ended, or the main thread waits for its workers). */
    void active(int lane, boolean running) {
        threads.setRelease(lane, Thread.currentThread());
        if (running) {
            begun.setRelease(lane, 1);
        }
        active.setRelease(lane, running ? 1 : 0);
        changes.incrementAndGet();
    }

    /** A lane let its condition's lock go and joins the condition's wait set. */
    void conditionWaiting(int lane, int condition) {
        threads.setRelease(lane, Thread.currentThread());
        conditionWaits.setRelease(lane, condition);
        changes.incrementAndGet();
    }

    /** A lane is back from a condition wait (notified, or interrupted), holding the lock again. */
    void conditionWoken(int lane) {
        conditionWaits.setRelease(lane, -1);
        changes.incrementAndGet();
    }

    /** A notify or notify-all was done. */
    void notified() {
        changes.incrementAndGet();
    }

    /**
     * When every active lane waits, on a condition or for a lock, and at least one on a condition:
     * who waits on what. Null if some active lane can move, or the graph changed while being read.
     */
    Stuck findStuck() {
        long before = changes.getAcquire();
        List<Waiter> out = new ArrayList<>();
        boolean onCondition = false;
        for (int lane = 0; lane < active.length(); lane++) {
            if (active.getAcquire(lane) == 0) {
                continue;
            }
            int condition = conditionWaits.getAcquire(lane);
            int lock = waiting.getAcquire(lane);
            if (condition < 0 && lock < 0) {
                return null;
            }
            onCondition |= condition >= 0;
            out.add(new Waiter(lane, threads.getAcquire(lane), condition, condition >= 0 ? -1 : lock));
        }
        if (!onCondition) {
            return null;
        }
        // a lane that has not begun may still begin and notify, unless every thread is held by a waiter
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
        if (!queued.isEmpty() && holdingThreads < workerThreads) {
            return null;
        }
        return changes.getAcquire() == before ? new Stuck(before, out, queued) : null;
    }

    /**
     * Whether the real threads agree: each condition waiter is parked and not queued for its lock
     * (a notified thread would be), each lock waiter is queued on a held lock.
     */
    static boolean confirm(Stuck stuck, StepLock[] locks, int[] conditionLocks) {
        for (Waiter w : stuck.waiters()) {
            int lockIndex = w.condition() >= 0 ? conditionLocks[w.condition()] : w.lock();
            if (w.thread() == null || !(locks[lockIndex] instanceof ReentrantLock lock)) {
                return false;
            }
            boolean waits = w.condition() >= 0
                    ? w.thread().getState() == Thread.State.WAITING && !lock.hasQueuedThread(w.thread())
                    : lock.isLocked() && lock.hasQueuedThread(w.thread());
            if (!waits) {
                return false;
            }
        }
        return true;
    }

    void waiting(int lane, int lock) {
        threads.setRelease(lane, Thread.currentThread());
        waiting.setRelease(lane, lock);
    }

    void acquired(int lane, int lock) {
        owners.setRelease(lock, lane);
        waiting.setRelease(lane, -1);
    }

    void released(int lock) {
        owners.setRelease(lock, -1);
    }

    /** A lane that stops waiting without the lock (interrupted). */
    void gaveUp(int lane) {
        waiting.setRelease(lane, -1);
    }

    /** A cycle of waits as the graph shows it now, or an empty list. */
    List<Wait> findCycle() {
        int lanes = waiting.length();
        for (int start = 0; start < lanes; start++) {
            List<Wait> path = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            int at = start;
            while (at >= 0 && !seen.contains(at)) {
                int lock = waiting.getAcquire(at);
                if (lock < 0) {
                    break;
                }
                int owner = owners.getAcquire(lock);
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

    /** Whether the real locks and threads agree that this cycle is a deadlock. */
    static boolean confirm(List<Wait> cycle, StepLock[] locks) {
        for (Wait w : cycle) {
            // only a lock of this process has a queue to look at; the graph never sees other processes' waits
            if (w.thread() == null || !(locks[w.lock()] instanceof ReentrantLock lock) || !lock.isLocked()
                    || !lock.hasQueuedThread(w.thread())) {
                return false;
            }
        }
        if (cycle.stream().anyMatch(w -> w.thread().isVirtual())) {
            return true; // the JVM's detector does not look at virtual threads; the queues above must do
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

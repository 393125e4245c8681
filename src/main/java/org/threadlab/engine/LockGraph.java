package org.threadlab.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
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

    /** One edge: {@code lane} (on {@code thread}) waits for {@code lock}, which {@code owner} holds. */
    record Wait(int lane, Thread thread, int lock, int owner) {}

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

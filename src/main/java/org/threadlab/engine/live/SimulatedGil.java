package org.threadlab.engine.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A <em>simulation</em> of CPython's global interpreter lock, for lessons that show why CPU-bound
 * Python threads do not run in parallel. A worker must hold it to execute any step. It is let go
 * while sleeping, downloading or waiting for a lock. Like CPython since 3.2, a worker that has
 * waited a whole switch interval asks the holder to drop it; the holder checks that request
 * between steps (and often within long computations), drops the GIL, and does not take it back
 * until another worker has had it.
 *
 * <p>Not used on the recording path: it is part of what is being shown, not of how it is watched.
 */
public final class SimulatedGil {
    private static final int NOBODY = -1;

    private final long intervalNanos;
    private final ReentrantLock state = new ReentrantLock();
    private final Condition changed = state.newCondition();
    private int holder = NOBODY;
    /** Counts hand-overs, so a worker that dropped the GIL can tell when someone else took it. */
    private long generation;
    private volatile boolean dropRequested;

    public SimulatedGil(long switchIntervalNanos) {
        if (switchIntervalNanos <= 0) {
            throw new IllegalArgumentException("switch interval must be positive");
        }
        this.intervalNanos = switchIntervalNanos;
    }

    public long switchIntervalNanos() {
        return intervalNanos;
    }

    /** Cheap check, made between steps: has a waiting worker asked for the GIL? */
    public boolean dropRequested() {
        return dropRequested;
    }

    /** Takes the GIL if nobody holds it; returns whether it did. */
    public boolean tryAcquire(int worker) {
        state.lock();
        try {
            if (holder != NOBODY) {
                return false;
            }
            holder = worker;
            generation++;
            dropRequested = false;
            changed.signalAll();
            return true;
        } finally {
            state.unlock();
        }
    }

    /** Takes the GIL for {@code worker}, waiting as long as it takes. */
    public void acquire(int worker) throws InterruptedException {
        state.lockInterruptibly();
        try {
            while (holder != NOBODY) {
                long seen = generation;
                long left = changed.awaitNanos(intervalNanos);
                if (left <= 0 && holder != NOBODY && generation == seen) {
                    dropRequested = true; // a whole interval without a hand-over: ask the holder to drop it
                }
            }
            holder = worker;
            generation++;
            dropRequested = false;
            changed.signalAll(); // wakes a worker in switchTo() waiting to see someone else take it
        } finally {
            state.unlock();
        }
    }

    /** Lets go of the GIL; only its holder may call this. */
    public void release(int worker) {
        state.lock();
        try {
            if (holder == worker) {
                holder = NOBODY;
                changed.signalAll();
            }
        } finally {
            state.unlock();
        }
    }

    /**
     * Drops the GIL on request and takes it back once another worker has held it (CPython's forced
     * switch), so a busy worker cannot take it straight back.
     */
    public void switchTo(int worker) throws InterruptedException {
        state.lockInterruptibly();
        try {
            if (holder == worker) {
                long dropped = generation;
                holder = NOBODY;
                changed.signalAll();
                // Wait briefly for a waiter to take it; if none comes (it was cancelled), go on.
                long deadline = System.nanoTime() + 4 * intervalNanos;
                while (generation == dropped && System.nanoTime() < deadline) {
                    changed.await(intervalNanos, TimeUnit.NANOSECONDS);
                }
            }
        } finally {
            state.unlock();
        }
        acquire(worker);
    }
}

package org.threadlab.engine.sync;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock that {@code lock} and {@code unlock} steps take: a thread lock of one process
 * ({@link ThreadLock}), or one lock for every process of a run ({@link MappedLock}).
 */
public sealed interface StepLock permits StepLock.ThreadLock, MappedLock {
    /** Takes the lock if it is free; returns whether it did. */
    boolean tryLock();

    /** Takes the lock, waiting as long as it takes; a waiting thread can be interrupted. */
    void lockInterruptibly() throws InterruptedException;

    void unlock();

    /** A lock of one process, like {@code threading.Lock}: a plain {@link ReentrantLock}. */
    final class ThreadLock extends ReentrantLock implements StepLock {
        private static final long serialVersionUID = 1L;
    }
}

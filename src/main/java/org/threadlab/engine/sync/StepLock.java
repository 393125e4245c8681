package org.threadlab.engine.sync;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.threadlab.lesson.ReadWritePolicy;
import org.threadlab.lesson.SharedState;

/**
 * A lock that {@code lock} and {@code unlock} steps take: a thread lock of one process
 * ({@link ThreadLock}), one lock for every process of a run ({@link MappedLock}), or one side of a
 * read-write lock of one process ({@link ReadWriteSide}).
 */
public sealed interface StepLock permits StepLock.ThreadLock, MappedLock, StepLock.ReadWriteSide {
    /** Takes the lock if it is free; returns whether it did. */
    boolean tryLock();

    /** Takes the lock, waiting as long as it takes; a waiting thread can be interrupted. */
    void lockInterruptibly() throws InterruptedException;

    void unlock();

    /** A lock of one process, like {@code threading.Lock}: a plain {@link ReentrantLock}. */
    final class ThreadLock extends ReentrantLock implements StepLock {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The thread locks of a run in one process, one per name of {@link SharedState#locks()}: a plain
     * lock each, and for a read-write lock its two sides, made from one real read-write lock.
     */
    static StepLock[] forThreads(SharedState shared) {
        List<String> names = shared.locks();
        StepLock[] out = new StepLock[names.size()];
        for (int i = 0; i < out.length; i++) {
            String rw = shared.readWriteLockOf(i);
            if (rw == null) {
                out[i] = new ThreadLock();
            } else if (shared.isReadSide(i)) {
                ReadWriteSide[] sides = ReadWriteSide.pair(shared.readWriteLocks().get(rw));
                out[i] = sides[0];
                out[shared.otherSide(i)] = sides[1];
            }
        }
        return out;
    }

    /**
     * One side of a read-write lock: the read side, which any number of threads hold together
     * while no thread holds the write side, or the write side, which one thread holds alone. The
     * non-fair and fair kinds are Java's own {@link ReentrantReadWriteLock}; the readers-first kind
     * is {@link ReadersFirst}.
     */
    final class ReadWriteSide implements StepLock {
        private final Lock side;
        private final boolean write;
        /**
         * Whether to try with {@code tryLock(0, ...)}: the untimed {@code tryLock()} of Java's lock
         * barges in past the queue (its read side even past a waiting writer, in either mode), so a
         * worker that tries first and waits after would make every kind readers-first. The timed
         * one keeps the lock's own rules.
         */
        private final boolean timedTry;
        private final ReentrantReadWriteLock java;
        private final ReadersFirst readersFirst;

        private ReadWriteSide(Lock side, boolean write, boolean timedTry, ReentrantReadWriteLock java,
                              ReadersFirst readersFirst) {
            this.side = side;
            this.write = write;
            this.timedTry = timedTry;
            this.java = java;
            this.readersFirst = readersFirst;
        }

        /** The read side and the write side of a new read-write lock of this kind. */
        static ReadWriteSide[] pair(ReadWritePolicy policy) {
            if (policy == ReadWritePolicy.READERS_FIRST) {
                ReadersFirst lock = new ReadersFirst();
                return new ReadWriteSide[] {new ReadWriteSide(lock.readLock, false, false, null, lock),
                        new ReadWriteSide(lock.writeLock, true, false, null, lock)};
            }
            ReentrantReadWriteLock lock = new ReentrantReadWriteLock(policy == ReadWritePolicy.FAIR);
            return new ReadWriteSide[] {new ReadWriteSide(lock.readLock(), false, true, lock, null),
                    new ReadWriteSide(lock.writeLock(), true, true, lock, null)};
        }

        public boolean isWriteSide() {
            return write;
        }

        @Override
        public boolean tryLock() {
            if (!timedTry) {
                return side.tryLock();
            }
            try {
                return side.tryLock(0, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // lockInterruptibly, next, throws it
                return false;
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            side.lockInterruptibly();
        }

        @Override
        public void unlock() {
            side.unlock();
        }

        /** Whether anybody holds either side. */
        public boolean isHeld() {
            return java != null ? java.isWriteLocked() || java.getReadLockCount() > 0 : readersFirst.held();
        }

        /** Whether {@code thread} is queued for either side. */
        public boolean hasQueuedThread(Thread thread) {
            return java != null ? java.hasQueuedThread(thread) : readersFirst.hasQueuedThread(thread);
        }
    }

    /**
     * The textbook read-write lock: a reader goes in whenever no writer holds the lock, even while a
     * writer waits; a writer goes in only when nobody holds it. A steady stream of readers can keep
     * a writer out for ever. Built on {@link AbstractQueuedSynchronizer} (state: -1 while a writer
     * holds it, else the number of readers in) so that waiting threads park, queue and can be
     * interrupted like any Java lock's.
     */
    final class ReadersFirst {
        private static final class Sync extends AbstractQueuedSynchronizer {
            private static final long serialVersionUID = 1L;

            @Override
            protected int tryAcquireShared(int unused) {
                while (true) {
                    int c = getState();
                    if (c < 0) {
                        return -1; // a writer is in
                    }
                    if (compareAndSetState(c, c + 1)) {
                        return 1; // no look at waiting writers: that is what makes it readers-first
                    }
                }
            }

            @Override
            protected boolean tryReleaseShared(int unused) {
                while (true) {
                    int c = getState();
                    if (compareAndSetState(c, c - 1)) {
                        return c == 1;
                    }
                }
            }

            @Override
            protected boolean tryAcquire(int unused) {
                return compareAndSetState(0, -1);
            }

            @Override
            protected boolean tryRelease(int unused) {
                setState(0);
                return true;
            }

            boolean held() {
                return getState() != 0;
            }
        }

        private final Sync sync = new Sync();
        private final Lock readLock = new Side(false);
        private final Lock writeLock = new Side(true);

        boolean held() {
            return sync.held();
        }

        boolean hasQueuedThread(Thread thread) {
            return sync.isQueued(thread);
        }

        /** One side, as a {@link Lock} (conditions are not offered). */
        private final class Side implements Lock {
            private final boolean write;

            Side(boolean write) {
                this.write = write;
            }

            @Override
            public void lock() {
                if (write) {
                    sync.acquire(1);
                } else {
                    sync.acquireShared(1);
                }
            }

            @Override
            public void lockInterruptibly() throws InterruptedException {
                if (write) {
                    sync.acquireInterruptibly(1);
                } else {
                    sync.acquireSharedInterruptibly(1);
                }
            }

            @Override
            public boolean tryLock() {
                return write ? sync.tryAcquire(1) : sync.tryAcquireShared(1) >= 0;
            }

            @Override
            public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
                return write ? sync.tryAcquireNanos(1, unit.toNanos(time))
                        : sync.tryAcquireSharedNanos(1, unit.toNanos(time));
            }

            @Override
            public void unlock() {
                if (write) {
                    sync.release(1);
                } else {
                    sync.releaseShared(1);
                }
            }

            @Override
            public java.util.concurrent.locks.Condition newCondition() {
                throw new UnsupportedOperationException("a readers-first lock has no conditions");
            }
        }
    }
}

package org.threadlab.engine.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue that works across processes, like Python's {@code multiprocessing.Queue}: a
 * ring buffer of longs in the memory-mapped file every process of the run maps. Its layout, in
 * 8-byte slots from {@code offset}: a {@link MappedLock} word, the count of values ever put, the
 * count ever taken, then {@code capacity} value slots; value number {@code n} (counting from 0)
 * sits in slot {@code n % capacity}. The counts are the message numbers, so they need no slot of
 * their own. Values are copied in and out: a process never sees another's memory, only the numbers.
 *
 * <p>The processes share no futex to sleep on, so a putter that finds the queue full (a taker that
 * finds it empty) lets the lock go and parks, first for a few microseconds and then for longer, up
 * to a millisecond, before it looks again. An interrupt (how a run is cancelled) ends the wait.
 */
public final class MappedQueue implements MessageQueue {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long FIRST_PARK_NANOS = 20_000;
    private static final long LONGEST_PARK_NANOS = 1_000_000;
    static final int HEADER_SLOTS = 3;

    private final ByteBuffer buffer;
    private final MappedLock lock;
    private final int puts;
    private final int takes;
    private final int ring;
    private final int capacity;

    public MappedQueue(ByteBuffer buffer, int offset, int capacity) {
        this.buffer = buffer;
        this.lock = new MappedLock(buffer, offset);
        this.puts = offset + 8;
        this.takes = offset + 16;
        this.ring = offset + 8 * HEADER_SLOTS;
        this.capacity = capacity;
    }

    /** Slots a queue of this capacity takes in the segment. */
    public static int slots(int capacity) {
        return HEADER_SLOTS + capacity;
    }

    @Override
    public long tryPut(long value) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return tryPutLocked(value);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long put(long value) throws InterruptedException {
        long park = FIRST_PARK_NANOS;
        while (true) {
            lock.lockInterruptibly();
            long message;
            try {
                message = tryPutLocked(value);
            } finally {
                lock.unlock();
            }
            if (message > 0) {
                return message;
            }
            park = waitABit(park);
        }
    }

    @Override
    public Message tryTake() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return tryTakeLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Message take() throws InterruptedException {
        long park = FIRST_PARK_NANOS;
        while (true) {
            lock.lockInterruptibly();
            Message m;
            try {
                m = tryTakeLocked();
            } finally {
                lock.unlock();
            }
            if (m != null) {
                return m;
            }
            park = waitABit(park);
        }
    }

    // Read without the queue's lock: the stuck watch only needs a recent view, and asks more than once.
    @Override
    public boolean isEmpty() {
        return (long) LONGS.getAcquire(buffer, takes) == (long) LONGS.getAcquire(buffer, puts);
    }

    @Override
    public boolean isFull() {
        // puts first: a take between the two reads can then only make the queue look less full, never more
        long put = (long) LONGS.getAcquire(buffer, puts);
        return put - (long) LONGS.getAcquire(buffer, takes) >= capacity;
    }

    // The lock's compare-and-set and release store order these plain accesses between processes.
    private long tryPutLocked(long value) {
        long put = (long) LONGS.get(buffer, puts);
        if (put - (long) LONGS.get(buffer, takes) >= capacity) {
            return 0;
        }
        LONGS.set(buffer, ring + 8 * (int) (put % capacity), value);
        LONGS.set(buffer, puts, put + 1);
        return put + 1;
    }

    private Message tryTakeLocked() {
        long taken = (long) LONGS.get(buffer, takes);
        if (taken == (long) LONGS.get(buffer, puts)) {
            return null;
        }
        long value = (long) LONGS.get(buffer, ring + 8 * (int) (taken % capacity));
        LONGS.set(buffer, takes, taken + 1);
        return new Message(taken + 1, value);
    }

    private static long waitABit(long park) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        LockSupport.parkNanos(park);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return Math.min(LONGEST_PARK_NANOS, park * 2);
    }
}

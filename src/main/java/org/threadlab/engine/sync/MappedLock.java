package org.threadlab.engine.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock that works across processes, like Python's {@code multiprocessing.Lock}: one long in a
 * memory-mapped file that every process of the run maps, 0 when free and the holder's pid when
 * held, taken with a compare-and-set. The processes share no futex, so a waiter spins briefly
 * and then parks for a few microseconds at a time before it tries again. Not reentrant, as
 * {@code multiprocessing.Lock} is not. A process killed while holding it leaves it held, as a
 * real one would.
 */
public final class MappedLock implements StepLock {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long TOKEN = ProcessHandle.current().pid();
    private static final int SPINS = 128;
    private static final long PARK_NANOS = 20_000;

    private final ByteBuffer buffer;
    private final int offset;

    public MappedLock(ByteBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
    }

    @Override
    public boolean tryLock() {
        return LONGS.compareAndSet(buffer, offset, 0L, TOKEN);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        int tries = 0;
        while (!tryLock()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (++tries < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    /** The pid of the process that holds the lock now, or 0 when it is free. */
    long holder() {
        return (long) LONGS.getAcquire(buffer, offset);
    }

    @Override
    public void unlock() {
        LONGS.setRelease(buffer, offset, 0L);
    }
}

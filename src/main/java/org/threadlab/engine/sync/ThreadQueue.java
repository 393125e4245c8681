package org.threadlab.engine.sync;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue shared by the threads of one process, built as {@code ArrayBlockingQueue} is (a
 * ring buffer, one fair lock, a condition for "not full" and one for "not empty"), plus the counts
 * of values ever put and taken, which number the messages.
 */
public final class ThreadQueue implements MessageQueue {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final long[] ring;
    private long puts;
    private long takes;

    public ThreadQueue(int capacity) {
        ring = new long[capacity];
    }

    @Override
    public long tryPut(long value) {
        lock.lock();
        try {
            return puts - takes == ring.length ? 0 : enqueue(value);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long put(long value) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (puts - takes == ring.length) {
                notFull.await();
            }
            return enqueue(value);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Message tryTake() {
        lock.lock();
        try {
            return puts == takes ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Message take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (puts == takes) {
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        lock.lock();
        try {
            return puts == takes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isFull() {
        lock.lock();
        try {
            return puts - takes == ring.length;
        } finally {
            lock.unlock();
        }
    }

    private long enqueue(long value) {
        ring[(int) (puts % ring.length)] = value;
        puts++;
        notEmpty.signal();
        return puts;
    }

    private Message dequeue() {
        long value = ring[(int) (takes % ring.length)];
        takes++;
        notFull.signal();
        return new Message(takes, value);
    }
}

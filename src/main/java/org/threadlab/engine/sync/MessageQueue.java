package org.threadlab.engine.sync;

/**
 * A bounded first-in, first-out queue of numbers that numbers its messages: the n-th value ever
 * put on a queue is its message number n, and whoever takes it learns that number too, so the
 * trace can tie each put to its take. Either a queue of one process's threads ({@link ThreadQueue})
 * or one in the memory every process of a run maps ({@link MappedQueue}).
 */
public sealed interface MessageQueue permits ThreadQueue, MappedQueue {

    /** A value taken off a queue, with the number it was put under. */
    record Message(long number, long value) {}

    /** Puts the value if there is room; returns its message number (1, 2, ...), or 0 if the queue is full. */
    long tryPut(long value) throws InterruptedException;

    /** Puts the value, waiting while the queue is full; returns its message number. */
    long put(long value) throws InterruptedException;

    /** Takes the head if there is one, else returns null. */
    Message tryTake() throws InterruptedException;

    /** Takes the head, waiting while the queue is empty. */
    Message take() throws InterruptedException;

    /** Whether the queue holds no value now (for the stuck watch, which reads it from another thread). */
    boolean isEmpty();

    /** Whether the queue has no room now. */
    boolean isFull();
}

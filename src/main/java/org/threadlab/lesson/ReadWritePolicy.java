package org.threadlab.lesson;

/**
 * How a read-write lock chooses between readers and a writer that wait. Every kind lets any number
 * of readers in together and a writer in alone; they differ in who goes first when both wait.
 */
public enum ReadWritePolicy {
    /**
     * Java's {@code new ReentrantReadWriteLock()}: no queue order is promised, but a reader that
     * comes while a writer is first in the queue waits behind it, so a writer is not starved.
     */
    NON_FAIR("non-fair"),
    /** Java's {@code new ReentrantReadWriteLock(true)}: threads get the lock in the order they asked. */
    FAIR("fair"),
    /**
     * The textbook lock made from a condition variable (Python's usual recipe): a reader goes in
     * whenever no writer holds the lock, even while a writer waits, so a stream of readers can keep
     * a writer out for ever.
     */
    READERS_FIRST("readers-first");

    private final String label;

    ReadWritePolicy(String label) {
        this.label = label;
    }

    /** As written in a lesson file. */
    public String label() {
        return label;
    }

    /** Whether a reader must wait while a writer waits for the lock (it holds back new readers). */
    public boolean writerWaitingBlocksReaders() {
        return this != READERS_FIRST;
    }

    /** The kind written as {@code label}, or null. */
    public static ReadWritePolicy of(String label) {
        for (ReadWritePolicy p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        return null;
    }
}

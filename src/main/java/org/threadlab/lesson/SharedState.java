package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * What the workers share: integer variables with their initial values, and locks.
 *
 * @param variables     name to initial value, in declaration order
 * @param locks         lock names, in declaration order; a read-write lock {@code book} is here as its
 *                      two sides, {@code book (read)} then {@code book (write)} (see {@link #readSide})
 * @param processShared the variables, locks and queues that live in memory shared by every process
 *                      of a run, like Python's {@code multiprocessing.Value}, {@code Lock} and
 *                      {@code Queue}. In the process modes every other variable is copied into each
 *                      process and every other lock exists once per process (a queue must be
 *                      process-shared there); in the thread modes all are shared anyway and this
 *                      changes nothing.
 */
public record SharedState(Map<String, Long> variables, List<String> locks, List<String> processShared,
                          Map<String, Long> semaphores, Map<String, Long> queues, Map<String, String> conditions,
                          Map<String, ReadWritePolicy> readWriteLocks) {
    public static final SharedState EMPTY = new SharedState(Map.of(), List.of());

    /**
     * @param semaphores counting semaphores: name to the permits it starts with, in declaration order
     * @param queues     bounded queues: name to capacity, in declaration order; each starts empty
     * @param conditions condition variables: name to the lock it belongs to, in declaration order
     * @param readWriteLocks read-write locks: name to how it orders waiting readers and writers, in
     *                   declaration order; each one's two sides are in {@code locks}
     */
    public SharedState {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        locks = List.copyOf(locks);
        processShared = List.copyOf(processShared);
        semaphores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(semaphores));
        queues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queues));
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
        readWriteLocks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(readWriteLocks));
    }

    /** Without read-write locks. */
    public SharedState(Map<String, Long> variables, List<String> locks, List<String> processShared,
                       Map<String, Long> semaphores, Map<String, Long> queues, Map<String, String> conditions) {
        this(variables, locks, processShared, semaphores, queues, conditions, Map.of());
    }

    /** The lock name of a read-write lock's read side: readers share it. */
    public static String readSide(String readWriteLock) {
        return readWriteLock + " (read)";
    }

    /** The lock name of a read-write lock's write side: a writer holds it alone. */
    public static String writeSide(String readWriteLock) {
        return readWriteLock + " (write)";
    }

    /** The name of one side of a read-write lock. */
    public static String side(String readWriteLock, boolean write) {
        return write ? writeSide(readWriteLock) : readSide(readWriteLock);
    }

    /**
     * For lock number {@code lock}: the number of the other side of its read-write lock, or -1 for a
     * plain lock (or a number past the lesson's locks, such as the simulated GIL's).
     */
    public int otherSide(int lock) {
        String rw = readWriteLockOf(lock);
        if (rw == null) {
            return -1;
        }
        return isReadSide(lock) ? locks.indexOf(writeSide(rw)) : locks.indexOf(readSide(rw));
    }

    /** Whether lock number {@code lock} is the read side of a read-write lock. */
    public boolean isReadSide(int lock) {
        String rw = readWriteLockOf(lock);
        return rw != null && locks.get(lock).equals(readSide(rw));
    }

    /** The read-write lock that lock number {@code lock} is a side of, or null. */
    public String readWriteLockOf(int lock) {
        if (lock < 0 || lock >= locks.size()) {
            return null;
        }
        String name = locks.get(lock);
        for (String rw : readWriteLocks.keySet()) {
            if (name.equals(readSide(rw)) || name.equals(writeSide(rw))) {
                return rw;
            }
        }
        return null;
    }

    /** Without condition variables. */
    public SharedState(Map<String, Long> variables, List<String> locks, List<String> processShared,
                       Map<String, Long> semaphores, Map<String, Long> queues) {
        this(variables, locks, processShared, semaphores, queues, Map.of());
    }

    /** Variables and locks, some shared between processes; no semaphores or queues. */
    public SharedState(Map<String, Long> variables, List<String> locks, List<String> processShared) {
        this(variables, locks, processShared, Map.of(), Map.of());
    }

    /** Variables and locks with nothing shared between processes. */
    public SharedState(Map<String, Long> variables, List<String> locks) {
        this(variables, locks, List.of());
    }

    public List<String> variableNames() {
        return List.copyOf(variables.keySet());
    }

    /** Whether the variable, lock or queue of this name is shared between processes. */
    public boolean isProcessShared(String name) {
        return processShared.contains(name);
    }
}

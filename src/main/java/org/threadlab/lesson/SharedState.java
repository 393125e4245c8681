package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * What the workers share: integer variables with their initial values, and locks.
 *
 * @param variables     name to initial value, in declaration order
 * @param locks         lock names, in declaration order
 * @param processShared the variables, locks and queues that live in memory shared by every process
 *                      of a run, like Python's {@code multiprocessing.Value}, {@code Lock} and
 *                      {@code Queue}. In the process modes every other variable is copied into each
 *                      process and every other lock exists once per process (a queue must be
 *                      process-shared there); in the thread modes all are shared anyway and this
 *                      changes nothing.
 */
public record SharedState(Map<String, Long> variables, List<String> locks, List<String> processShared,
                          Map<String, Long> semaphores, Map<String, Long> queues, Map<String, String> conditions) {
    public static final SharedState EMPTY = new SharedState(Map.of(), List.of());

    /**
     * @param semaphores counting semaphores: name to the permits it starts with, in declaration order
     * @param queues     bounded queues: name to capacity, in declaration order; each starts empty
     * @param conditions condition variables: name to the lock it belongs to, in declaration order
     */
    public SharedState {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        locks = List.copyOf(locks);
        processShared = List.copyOf(processShared);
        semaphores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(semaphores));
        queues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queues));
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
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

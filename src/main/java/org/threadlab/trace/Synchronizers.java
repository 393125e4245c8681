package org.threadlab.trace;

import java.util.List;
import java.util.Map;

/**
 * The semaphores, bounded queues and condition variables a run declares, and which of them each step uses: what
 * {@link SyncHistory} needs beside the trace, since a step's events name the step, not its target.
 *
 * @param semaphores       semaphore names, by semaphore number
 * @param permits          each semaphore's permits, by semaphore number
 * @param queues           queue names, by queue number
 * @param capacities       each queue's capacity, by queue number
 * @param semaphoreOfStep  for each acquire and release step (by step number), its semaphore
 * @param queueOfStep      for each put and take step (by step number), its queue
 * @param conditions       condition names, by condition number
 * @param conditionLocks   the name of the lock each condition belongs to, by condition number
 * @param conditionOfStep  for each wait, notify and notify-all step (by step number), its condition
 */
public record Synchronizers(List<String> semaphores, List<Integer> permits, List<String> queues,
                            List<Integer> capacities, Map<Integer, Integer> semaphoreOfStep,
                            Map<Integer, Integer> queueOfStep, List<String> conditions, List<String> conditionLocks,
                            Map<Integer, Integer> conditionOfStep) {
    public static final Synchronizers NONE = new Synchronizers(List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of());

    /** Semaphores and queues, no condition variables. */
    public Synchronizers(List<String> semaphores, List<Integer> permits, List<String> queues, List<Integer> capacities,
                         Map<Integer, Integer> semaphoreOfStep, Map<Integer, Integer> queueOfStep) {
        this(semaphores, permits, queues, capacities, semaphoreOfStep, queueOfStep, List.of(), List.of(), Map.of());
    }

    public Synchronizers {
        semaphores = List.copyOf(semaphores);
        permits = List.copyOf(permits);
        queues = List.copyOf(queues);
        capacities = List.copyOf(capacities);
        semaphoreOfStep = Map.copyOf(semaphoreOfStep);
        queueOfStep = Map.copyOf(queueOfStep);
        conditions = List.copyOf(conditions);
        conditionLocks = List.copyOf(conditionLocks);
        conditionOfStep = Map.copyOf(conditionOfStep);
        if (conditionLocks.size() != conditions.size()) {
            throw new IllegalArgumentException("one lock per condition");
        }
    }

    public boolean isEmpty() {
        return semaphores.isEmpty() && queues.isEmpty() && conditions.isEmpty();
    }
}

package org.threadlab.trace;

import java.util.List;
import java.util.Map;

/**
 * The semaphores and bounded queues a run declares, and which of them each step uses: what
 * {@link SyncHistory} needs beside the trace, since a step's events name the step, not its target.
 *
 * @param semaphores       semaphore names, by semaphore number
 * @param permits          each semaphore's permits, by semaphore number
 * @param queues           queue names, by queue number
 * @param capacities       each queue's capacity, by queue number
 * @param semaphoreOfStep  for each acquire and release step (by step number), its semaphore
 * @param queueOfStep      for each put and take step (by step number), its queue
 */
public record Synchronizers(List<String> semaphores, List<Integer> permits, List<String> queues,
                            List<Integer> capacities, Map<Integer, Integer> semaphoreOfStep,
                            Map<Integer, Integer> queueOfStep) {
    public static final Synchronizers NONE = new Synchronizers(List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of());

    public Synchronizers {
        semaphores = List.copyOf(semaphores);
        permits = List.copyOf(permits);
        queues = List.copyOf(queues);
        capacities = List.copyOf(capacities);
        semaphoreOfStep = Map.copyOf(semaphoreOfStep);
        queueOfStep = Map.copyOf(queueOfStep);
    }

    public boolean isEmpty() {
        return semaphores.isEmpty() && queues.isEmpty();
    }
}

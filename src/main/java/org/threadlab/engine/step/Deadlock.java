package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.List;
import org.threadlab.engine.sync.DeadlockCycle;

/**
 * Nobody can move, yet not every lane is done: the lanes in {@code cycle} each wait for a lock that
 * the next one holds, the last one's lock being held by the first.
 *
 * @param cycle the waits that close the circle, in order
 * @param alsoStuck lanes that are stuck behind the cycle (waiting for a lock held by one of its
 *                  lanes, or the main thread waiting to join), by lane number
 */
public record Deadlock(List<Wait> cycle, List<Integer> alsoStuck, String stuck) {
    public Deadlock {
        cycle = List.copyOf(cycle);
        alsoStuck = List.copyOf(alsoStuck);
        stuck = stuck == null ? "" : stuck;
    }

    public Deadlock(List<Wait> cycle, List<Integer> alsoStuck) {
        this(cycle, alsoStuck, "");
    }

    /**
     * Nobody can move and no circle of lock waits explains it: every lane left waits on a semaphore
     * with no permit, a queue that stays full or empty, or in a condition's wait set, and no one is
     * left to change that (for a condition: to notify it, a lost wake-up).
     *
     * @param stuck e.g. {@code consumer waits for an item on buffer, which is empty}
     */
    public static Deadlock withoutCycle(List<Integer> lanes, String stuck) {
        return new Deadlock(List.of(), lanes, stuck);
    }

    /** One edge of the wait-for graph: {@code lane} waits for {@code lock}, which {@code owner} holds. */
    public record Wait(int lane, String laneName, int lock, String lockName, int owner, String ownerName) {}

    /** The circle by name, as live runs report theirs; {@link DeadlockCycle#NONE} when there is none. */
    public DeadlockCycle named() {
        List<DeadlockCycle.Link> links = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            Wait w = cycle.get(i);
            Wait before = cycle.get((i + cycle.size() - 1) % cycle.size());
            links.add(new DeadlockCycle.Link(w.laneName(), before.lockName(), w.lockName()));
        }
        return new DeadlockCycle(links, false);
    }

    /** e.g. {@code worker-1 holds fork-a and waits for fork-b; worker-2 holds fork-b and waits for fork-a}. */
    public String describe() {
        if (cycle.isEmpty()) {
            return stuck;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            Wait w = cycle.get(i);
            Wait before = cycle.get((i + cycle.size() - 1) % cycle.size());
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(w.laneName()).append(" holds ").append(before.lockName()).append(" and waits for ")
                    .append(w.lockName());
        }
        return sb.toString();
    }

    /** The lock names of the cycle in order, to tell deadlocks apart: {@code fork-b,fork-a}. */
    public String key() {
        if (cycle.isEmpty()) {
            return "stuck: " + stuck;
        }
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i).lane() < cycle.get(start).lane()) {
                start = i;
            }
        }
        for (int i = 0; i < cycle.size(); i++) {
            Wait w = cycle.get((start + i) % cycle.size());
            sb.append(i == 0 ? "" : " ").append(w.laneName()).append("->").append(w.lockName());
        }
        return sb.toString();
    }
}

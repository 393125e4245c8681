package org.threadlab.engine.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * A circle of lock waits by name, as a run found it: each worker holds one lock and waits for the
 * next worker's. Live runs fill it from the engine's wait-for graph, step mode from its own state,
 * and views draw it without knowing which.
 *
 * @param links     the workers around the circle, in order; empty when there was no deadlock
 * @param jvmAgreed whether the JVM's own detector ({@code ThreadMXBean.findDeadlockedThreads}) reported
 *                  the same threads; it looks at platform threads only, so never for virtual threads
 *                  or step mode
 */
public record DeadlockCycle(List<Link> links, boolean jvmAgreed) {
    /** No deadlock. */
    public static final DeadlockCycle NONE = new DeadlockCycle(List.of(), false);

    public DeadlockCycle {
        links = List.copyOf(links);
    }

    /** One worker of the circle: it holds {@code holds} and waits for {@code waitsFor}, which the next worker holds. */
    public record Link(String worker, String holds, String waitsFor) {}

    public boolean isEmpty() {
        return links.isEmpty();
    }

    /** The workers around the circle, in order. */
    public List<String> workers() {
        return links.stream().map(Link::worker).toList();
    }

    /** The locks waited for, in the order of {@link #workers()}. */
    public List<String> locks() {
        List<String> out = new ArrayList<>();
        links.forEach(l -> out.add(l.waitsFor()));
        return out;
    }

    /** e.g. {@code to-bob holds alice-lock and waits for bob-lock; to-alice holds bob-lock and waits for alice-lock}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Link l : links) {
            sb.append(sb.isEmpty() ? "" : "; ").append(l.worker()).append(" holds ").append(l.holds())
                    .append(" and waits for ").append(l.waitsFor());
        }
        return sb.toString();
    }
}

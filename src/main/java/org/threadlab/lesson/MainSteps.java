package org.threadlab.lesson;

import java.util.List;

/**
 * What the main thread does: steps before it starts the workers, steps right after starting them
 * (while they run), and steps after it has joined them all. Shown as a lane of its own named
 * {@code main}.
 */
public record MainSteps(List<Step> before, List<Step> during, List<Step> after) {
    public static final MainSteps NONE = new MainSteps(List.of(), List.of(), List.of());

    public MainSteps {
        before = List.copyOf(before);
        during = List.copyOf(during);
        after = List.copyOf(after);
    }

    public boolean isEmpty() {
        return before.isEmpty() && during.isEmpty() && after.isEmpty();
    }

    /** The three parts in the order they run. */
    public List<List<Step>> parts() {
        return List.of(before, during, after);
    }
}

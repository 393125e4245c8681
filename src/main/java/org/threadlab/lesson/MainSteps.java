package org.threadlab.lesson;

import java.util.List;

/**
 * What the main thread does: steps before it starts the workers, and steps after it has joined
 * them all. Shown as a lane of its own named {@code main}.
 */
public record MainSteps(List<Step> before, List<Step> after) {
    public static final MainSteps NONE = new MainSteps(List.of(), List.of());

    public MainSteps {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }
}

package org.threadlab.lesson;

import java.util.List;

/**
 * A worker declaration: a body of steps run by {@code copies} workers at once.
 *
 * @param copies how many workers run this body, an expression over the lesson's params
 */
public record Worker(String name, Expr copies, List<Step> steps, Pos pos) {
    public Worker {
        steps = List.copyOf(steps);
    }
}

package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * What the workers share: integer variables with their initial values, and locks.
 *
 * @param variables name to initial value, in declaration order
 * @param locks     lock names, in declaration order
 */
public record SharedState(Map<String, Long> variables, List<String> locks) {
    public static final SharedState EMPTY = new SharedState(Map.of(), List.of());

    public SharedState {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        locks = List.copyOf(locks);
    }

    public List<String> variableNames() {
        return List.copyOf(variables.keySet());
    }
}

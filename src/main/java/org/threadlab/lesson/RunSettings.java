package org.threadlab.lesson;

import java.time.Duration;
import java.util.List;

/**
 * How a lesson runs unless told otherwise.
 *
 * @param mode       default mode name
 * @param modes      mode names the lesson allows
 * @param workers    default value of the {@code workers} param
 * @param minWorkers smallest allowed {@code workers}
 * @param maxWorkers largest allowed {@code workers}
 * @param poolSize   threads in the pool for {@code thread-pool} mode
 * @param timeout    run time after which a run is cancelled and reported
 */
public record RunSettings(String mode, List<String> modes, int workers, int minWorkers, int maxWorkers,
                          int poolSize, Duration timeout) {
    public RunSettings {
        modes = List.copyOf(modes);
    }
}

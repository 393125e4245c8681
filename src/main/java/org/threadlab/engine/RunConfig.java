package org.threadlab.engine;

import java.time.Duration;
import java.util.Map;
import org.threadlab.lesson.Lesson;

/**
 * What to run and how.
 *
 * @param lesson         the lesson as parsed (not resolved)
 * @param variant        variant name, or {@code ""} for the default
 * @param mode           run mode, or null for the lesson's default
 * @param workers        the {@code workers} param, or null for the lesson's default
 * @param gil            whether to simulate CPython's GIL
 * @param switchInterval the simulated GIL's switch interval (CPython's default is 5 ms)
 * @param timeout        run time after which the run is cancelled, or null for the lesson's
 * @param params         param overrides by name
 * @param recording      false to record nothing (only to measure what recording costs)
 */
public record RunConfig(Lesson lesson, String variant, RunMode mode, Integer workers, boolean gil,
                        Duration switchInterval, Duration timeout, Map<String, Long> params, boolean recording) {

    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    public RunConfig {
        variant = variant == null ? "" : variant;
        switchInterval = switchInterval == null ? DEFAULT_SWITCH_INTERVAL : switchInterval;
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** The lesson's defaults: default variant, mode and workers, no GIL. */
    public static RunConfig of(Lesson lesson) {
        return new RunConfig(lesson, "", null, null, false, null, null, Map.of(), true);
    }

    public RunConfig withVariant(String v) {
        return new RunConfig(lesson, v, mode, workers, gil, switchInterval, timeout, params, recording);
    }

    public RunConfig withMode(RunMode m) {
        return new RunConfig(lesson, variant, m, workers, gil, switchInterval, timeout, params, recording);
    }

    public RunConfig withWorkers(Integer n) {
        return new RunConfig(lesson, variant, mode, n, gil, switchInterval, timeout, params, recording);
    }

    public RunConfig withGil(boolean on, Duration interval) {
        return new RunConfig(lesson, variant, mode, workers, on, interval, timeout, params, recording);
    }

    public RunConfig withTimeout(Duration t) {
        return new RunConfig(lesson, variant, mode, workers, gil, switchInterval, t, params, recording);
    }

    public RunConfig withParams(Map<String, Long> p) {
        return new RunConfig(lesson, variant, mode, workers, gil, switchInterval, timeout, p, recording);
    }

    public RunConfig withRecording(boolean on) {
        return new RunConfig(lesson, variant, mode, workers, gil, switchInterval, timeout, params, on);
    }
}

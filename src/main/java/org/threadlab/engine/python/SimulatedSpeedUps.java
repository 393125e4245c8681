package org.threadlab.engine.python;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;

/**
 * ThreadLab's own side of the real-against-simulated comparison: the lesson's variant run live
 * once per mode, sequential without the GIL and every other mode with the simulated GIL, one after
 * another (never two at once, so they do not share the two cores), and each mode's speed-up over
 * the sequential run. Its counts are the lesson's; a speed-up is a ratio, so it compares with
 * CPython's at the listing's own (scaled) counts.
 *
 * @param wallNanos the wall time of each mode's run, in the order run
 * @param failures  the modes whose run did not complete, with why
 */
public record SimulatedSpeedUps(Map<String, Long> wallNanos, Map<String, String> failures) {
    public SimulatedSpeedUps {
        wallNanos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(wallNanos));
        failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * Runs {@code modes} (among sequential, threads, processes; sequential is run first whether
     * named or not) of the lesson's variant, the GIL simulated with {@code switchInterval}.
     */
    public static SimulatedSpeedUps measure(Engine engine, Lesson lesson, String variant, List<String> modes,
                                            Duration switchInterval) throws InterruptedException {
        return measure(engine, lesson, variant, modes, switchInterval, Map.of());
    }

    /** The same with param overrides (smaller counts in tests). */
    public static SimulatedSpeedUps measure(Engine engine, Lesson lesson, String variant, List<String> modes,
                                            Duration switchInterval, Map<String, Long> params) throws InterruptedException {
        Map<String, Long> walls = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> order = new java.util.ArrayList<>(List.of("sequential"));
        modes.stream().filter(m -> !m.equals("sequential")).forEach(order::add);
        int pool = lesson.resolve(variant).run().poolSize();
        for (String mode : order) {
            boolean gil = !mode.equals("sequential");
            RunResult r;
            try {
                r = engine.run(RunConfig.of(lesson).withVariant(variant).withMode(RunMode.of(mode, pool))
                        .withGil(gil, switchInterval).withParams(params));
            } catch (IllegalArgumentException e) { // a mode the lesson does not run in, say
                failures.put(mode, e.getMessage());
                continue;
            }
            if (r.status() == RunStatus.COMPLETED) {
                walls.put(mode, r.wallNanos());
            } else {
                failures.put(mode, r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (r.messages().isEmpty() ? "" : ": " + r.messages().get(0)));
            }
        }
        return new SimulatedSpeedUps(walls, failures);
    }

    /** A mode's speed-up over the sequential run (sequential wall / its wall), or NaN when either did not complete. */
    public double speedUp(String mode) {
        Long seq = wallNanos.get("sequential");
        Long own = wallNanos.get(mode);
        return seq == null || own == null || own <= 0 ? Double.NaN : (double) seq / own;
    }

    /** How close two speed-ups must be to agree: within 15 % of the simulated one. */
    public static final double AGREEMENT = 0.15;

    /** Whether a real speed-up agrees with a simulated one within {@link #AGREEMENT}. */
    public static boolean agree(double real, double simulated) {
        return !Double.isNaN(real) && !Double.isNaN(simulated) && Math.abs(real - simulated) <= AGREEMENT * simulated;
    }

    /** {@code agree within 15 %} or {@code differ by N %} (N relative to the simulated speed-up), both measured. */
    public static String verdict(double real, double simulated) {
        return agree(real, simulated) ? "agree within 15 %"
                : String.format(java.util.Locale.ROOT, "differ by %.0f %%", 100 * Math.abs(real - simulated) / simulated);
    }
}

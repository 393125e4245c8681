package org.threadlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.stress.Stress;
import org.threadlab.engine.stress.StressOutcome;
import org.threadlab.engine.stress.StressSnapshot;
import org.threadlab.lesson.LessonLibrary;

/**
 * Stress trial rate and exploration speed, run as parts of {@link WholeRuns} ({@code stress},
 * {@code explore}). Not a test: it prints figures next to their targets.
 *
 * <p>Stress: shared-counter with 2 workers, {@code n} increments each per trial, for the variants
 * no-lock, lock and atomic; one warm-up, then {@code reps} timed stresses of 5,000,000 trials (or 5 s)
 * each, alternating variants. Explore: shared-counter no-lock with 2 workers and growing {@code n},
 * and deadlock with n = 3; states per second over the whole walk.
 */
final class StepBench {
    private final LessonLibrary library = LessonLibrary.standard();
    private final int reps;

    StepBench(int reps) {
        this.reps = reps;
    }

    void stress() throws Exception {
        for (long n : new long[] {1, 10}) {
            System.out.println();
            System.out.println("## stress: shared-counter, 2 workers x " + n + " increment" + (n == 1 ? "" : "s")
                    + " per trial, one platform thread each; target >= 1,000,000 trials/s for no-lock n=1");
            System.out.println("load average " + load());
            List<String> variants = List.of("no-lock", "lock", "atomic");
            Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
            Map<String, long[]> interesting = new java.util.LinkedHashMap<>();
            for (String v : variants) {
                rates.put(v, new ArrayList<>());
                interesting.put(v, new long[2]);
                stress(v, n); // warm-up
            }
            for (int r = 0; r < reps; r++) {
                for (String v : variants) {
                    StressSnapshot s = stress(v, n);
                    rates.get(v).add(s.trialsPerSecond());
                    long lost = s.outcomes().stream().filter(o -> o.shared().get("counter") < 2 * n)
                            .mapToLong(StressOutcome::trials).sum();
                    interesting.get(v)[0] += lost;
                    interesting.get(v)[1] += s.trials();
                }
            }
            for (String v : variants) {
                double[] sorted = rates.get(v).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                long[] li = interesting.get(v);
                System.out.printf(Locale.ROOT, "%-8s trials/s median %,.0f (min %,.0f, max %,.0f, n=%d); trials with lost"
                                + " updates %,d of %,d (%.4f%%)%n", v, sorted[sorted.length / 2], sorted[0],
                        sorted[sorted.length - 1], sorted.length, li[0], li[1], 100.0 * li[0] / li[1]);
            }
        }
    }

    private StressSnapshot stress(String variant, long n) throws Exception {
        CompiledLesson c = CompiledLesson.of(library.find("shared-counter"), variant, 2, Map.of("n", n));
        return new Stress(c, new Stress.Limits(5_000_000, Duration.ofSeconds(5))).start().await();
    }

    void explore() throws Exception {
        System.out.println();
        System.out.println("## explore: every interleaving, states per second (whole walk, memoised states)");
        System.out.println("load average " + load());
        record Case(String lesson, String variant, long n) {}
        List<Case> cases = List.of(new Case("shared-counter", "no-lock", 3), new Case("shared-counter", "no-lock", 6),
                new Case("shared-counter", "no-lock", 10), new Case("shared-counter", "no-lock", 20),
                new Case("shared-counter", "lock", 20), new Case("deadlock", "opposite-order", 3),
                new Case("deadlock", "opposite-order", 20));
        for (Case c : cases) {
            StepModel model = new StepModel(CompiledLesson.of(library.find(c.lesson()), c.variant(), 2, Map.of("n", c.n())));
            Explorer.explore(model); // warm-up
            List<Double> rates = new ArrayList<>();
            ExploreResult last = null;
            for (int r = 0; r < reps; r++) {
                last = new Explorer(model, new Explorer.Limits(20_000_000, Duration.ofSeconds(60)), () -> false).run();
                rates.add(last.states() * 1e9 / last.nanos());
            }
            double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-15s %-15s n=%-3d states %,10d, steps %,11d, outcomes %3d, %s;"
                            + " wall %.3f s; states/s median %,.0f (min %,.0f, max %,.0f)%n", c.lesson(), c.variant(), c.n(),
                    last.states(), last.transitions(), last.outcomes().size(),
                    last.complete() ? "complete" : "stopped at " + last.stopReason(), last.nanos() / 1e9,
                    sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

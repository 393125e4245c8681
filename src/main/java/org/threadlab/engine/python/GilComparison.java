package org.threadlab.engine.python;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The same listing run once per mode of its {@code modes:} (sequential, threads, processes), one
 * after another at the same counts, for CPython's real speed-ups beside ThreadLab's simulated GIL.
 *
 * @param runs one per mode run, in the order run; fewer than the modes when it was stopped
 */
public record GilComparison(List<PythonResult> runs) {
    public static final String SEQUENTIAL = "sequential";

    public GilComparison {
        runs = List.copyOf(runs);
    }

    public Optional<PythonResult> run(String mode) {
        return runs.stream().filter(r -> r.mode().equals(mode)).findFirst();
    }

    /**
     * The measured speed-up of a mode: the sequential run's wall time over this mode's (2.0 = twice
     * as fast, 0.7 = slower). Empty unless both runs completed.
     */
    public OptionalDouble speedUp(String mode) {
        Optional<PythonResult> sequential = run(SEQUENTIAL).filter(r -> r.ending() == PythonResult.Ending.COMPLETED);
        Optional<PythonResult> other = run(mode).filter(r -> r.ending() == PythonResult.Ending.COMPLETED);
        if (sequential.isEmpty() || other.isEmpty() || other.get().wall().isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) sequential.get().wall().toNanos() / other.get().wall().toNanos());
    }

    /** Every run completed. */
    public boolean complete(List<String> modes) {
        return modes.stream().allMatch(m -> run(m).map(r -> r.ending() == PythonResult.Ending.COMPLETED).orElse(false));
    }
}

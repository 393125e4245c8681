package org.threadlab.ui.pinned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.ui.result.Measured;

/**
 * A pinned run's speed-up against a pinned sequential run, or why there is none. Only like with
 * like compares: the same lesson, variant, number of workers and params (the same work), both
 * completed, both measured on the same machine. Nothing is invented: without such a sequential
 * run the band says so.
 */
public sealed interface SpeedUp {
    /** The sentence the band shows. */
    String text();

    /** This run is a completed sequential run: the others are measured against it. */
    record Baseline() implements SpeedUp {
        public String text() {
            return "the baseline for the speed-ups of this work";
        }
    }

    /**
     * The sequential run's wall time over this run's. {@code cores} is the number of cores of the
     * machine both ran on, or 0 if unknown: a speed-up beyond it cannot come from running in
     * parallel, and the band says so rather than let it pass for one.
     */
    record Over(double factor, PinnedRun against, int cores) implements SpeedUp {
        public String text() {
            String text = "speed-up " + Measured.ratio(factor) + " over #" + against.number() + " (sequential, "
                    + Measured.seconds(against.result().wallNanos()) + ")";
            if (cores > 0 && factor > cores * 1.1) {
                text += "; more than " + cores + (cores == 1 ? " core" : " cores") + " can give by running at once:"
                        + " something else made the difference (a cold start, other programs); run both again";
            }
            return text;
        }
    }

    /**
     * No completed sequential run of this lesson is pinned; {@code possible} is false where the
     * lesson (in this variant) has no sequential mode, so there is nothing to pin for one.
     */
    record NoBaseline(boolean possible) implements SpeedUp {
        public String text() {
            return possible ? "speed-up: no sequential run of this work is pinned; run and pin one to compare"
                    : "no speed-up: this lesson does not run sequentially; compare the wall times";
        }
    }

    /** A sequential run is pinned, but it did other work or was measured elsewhere. */
    record NotComparable(PinnedRun against, String difference) implements SpeedUp {
        public String text() {
            return "speed-up not comparable: #" + against.number() + " (sequential) " + difference;
        }
    }

    /** The run did not complete its work: its wall time is not the work's. */
    record NotFinished(RunStatus status) implements SpeedUp {
        public String text() {
            return "no speed-up: the run was " + status.label() + ", its work not done";
        }
    }

    /** The speed-up of {@code run} among the pinned {@code runs}, in a lesson that can run sequentially. */
    static SpeedUp of(PinnedRun run, List<PinnedRun> runs) {
        return of(run, runs, true);
    }

    /**
     * The speed-up of {@code run} among the pinned {@code runs}; {@code sequentialPossible} says
     * whether the lesson, in the run's variant, has a sequential mode.
     */
    static SpeedUp of(PinnedRun run, List<PinnedRun> runs, boolean sequentialPossible) {
        RunResult r = run.result();
        if (r.status() != RunStatus.COMPLETED) {
            return new NotFinished(r.status());
        }
        if (run.sequential()) {
            return new Baseline();
        }
        List<PinnedRun> sequential = runs.stream().filter(p -> p.sequential() && p.result().status() == RunStatus.COMPLETED
                && p.result().lesson().equals(r.lesson())).toList();
        PinnedRun like = null;
        for (PinnedRun p : sequential) {
            if (difference(r, run, p) == null) {
                like = p; // the latest of them: the freshest measurement
            }
        }
        if (like != null) {
            double factor = like.result().wallNanos() / (double) Math.max(1, r.wallNanos());
            return new Over(factor, like, run.madeHere() ? Runtime.getRuntime().availableProcessors() : run.cores());
        }
        if (sequential.isEmpty()) {
            return new NoBaseline(sequentialPossible);
        }
        PinnedRun nearest = sequential.getLast();
        return new NotComparable(nearest, difference(r, run, nearest));
    }

    /** How the sequential run's work differs from this run's, in words; null if it is the same work, measured alike. */
    private static String difference(RunResult r, PinnedRun run, PinnedRun sequential) {
        RunResult s = sequential.result();
        if (!s.variant().equals(r.variant())) {
            return "ran variant " + quoted(s.variant()) + ", this run " + quoted(r.variant());
        }
        if (s.workers() != r.workers()) {
            return "ran " + s.workers() + " workers, this run " + r.workers();
        }
        List<String> params = new ArrayList<>();
        Map<String, Long> mine = new TreeMap<>(r.params());
        Map<String, Long> theirs = new TreeMap<>(s.params());
        for (String name : mine.keySet()) {
            if (!name.equals("workers") && !Objects.equals(mine.get(name), theirs.get(name))) {
                params.add(name + " = " + theirs.get(name) + " there, " + mine.get(name) + " here");
            }
        }
        for (String name : theirs.keySet()) {
            if (!name.equals("workers") && !mine.containsKey(name)) {
                params.add(name + " = " + theirs.get(name) + " there only");
            }
        }
        if (!params.isEmpty()) {
            return "did other work: " + String.join(", ", params);
        }
        // the same machine compares, whenever each run was recorded on it; another machine never does
        if (!Objects.equals(run.machine(), sequential.machine())) {
            String origin = run.origin();
            return sequential.origin() == null ? "ran on this machine, this run " + origin
                    : "was " + sequential.origin() + (origin == null ? ", this run on this machine" : ", this run " + origin);
        }
        return null;
    }

    private static String quoted(String variant) {
        return variant.isEmpty() ? "(default)" : "'" + variant + "'";
    }
}

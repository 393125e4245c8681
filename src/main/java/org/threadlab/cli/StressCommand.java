package org.threadlab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.stress.Stress;
import org.threadlab.engine.stress.StressOutcome;
import org.threadlab.engine.stress.StressSnapshot;
import org.threadlab.lesson.Grade;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code stress LESSON ...}: the lesson's race many times on real threads; the outcomes seen, the
 * trial rate, and the outcomes that exploring every interleaving says are possible but that the
 * hardware never produced.
 */
@Command(name = "stress", description = "Runs a lesson's race many times on real threads (short trials, in strides the workers run together)"
        + " and prints the outcomes seen, the trial rate, and the possible outcomes never seen.")
final class StressCommand implements Callable<Integer> {
    private static final int SHOWN_OUTCOMES = 20;
    /** How far the comparison with every interleaving may go before it gives up. */
    private static final Explorer.Limits COMPARE_LIMITS = new Explorer.Limits(1_000_000, Duration.ofSeconds(10));

    @CommandLine.ParentCommand
    Cli parent;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin
    LessonOptions lesson;
    @Option(names = "--trials", paramLabel = "N", description = "How many trials (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    long trials;
    @Option(names = "--seconds", paramLabel = "S", description = "Stop after this many seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    double seconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (trials < 1 || seconds <= 0) {
            err.println("--trials and --seconds must be positive");
            return Cli.USAGE;
        }
        CompiledLesson compiled = lesson.compile(parent, err);
        if (compiled == null) {
            return Cli.REFUSED;
        }
        Optional<String> why = Stress.unsupported(compiled);
        if (why.isPresent()) {
            err.println(lesson.lessonName + ": " + why.get());
            return Cli.REFUSED;
        }
        Stress stress = new Stress(compiled, new Stress.Limits(trials, Duration.ofNanos((long) (seconds * 1e9))));
        Thread cancelOnExit = new Thread(stress::cancel, "threadlab-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        StressSnapshot s;
        try {
            s = stress.start().await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        out.println(LessonOptions.heading(compiled) + ", one platform thread each");
        out.printf(Locale.ROOT, "trials:  %,d in %s: %,.0f trials/s (stopped after %s)%n", s.trials(),
                ExploreCommand.millis(s.nanos()), s.trialsPerSecond(), s.stopReason());
        if (s.sampledTrials() > 0) {
            out.printf(Locale.ROOT, "overlap: %s of %,d sampled trials had another worker inside the same trial at once"
                    + " (an estimate from marks the workers leave around the sampled trials; the workers start each stride of trials together, at moments on a timetable of the"
                    + " shared clock)%n",
                    LessonOptions.percent(s.overlappedTrials(), s.sampledTrials()), s.sampledTrials());
        } else {
            out.println("overlap: not measured, too few trials to sample one");
        }
        out.println();
        Map<Grade, Long> byGrade = new EnumMap<>(Grade.class);
        long deadlocks = 0;
        int shown = 0;
        for (StressOutcome o : s.outcomes()) {
            if (o.deadlock()) {
                deadlocks += o.trials();
            } else {
                byGrade.merge(o.grade(), o.trials(), Long::sum);
            }
            if (shown++ < SHOWN_OUTCOMES) {
                out.printf(Locale.ROOT, "%-28s %-12s %,13d  %-7s %,13.0f/s%n", o.deadlock() ? "DEADLOCK" : LessonOptions.values(o.shared()),
                        o.deadlock() ? "-" : o.grade().label().toUpperCase(Locale.ROOT), o.trials(),
                        LessonOptions.percent(o.trials(), s.trials()), s.perSecond(o));
            }
        }
        if (s.outcomes().size() > SHOWN_OUTCOMES) {
            out.printf(Locale.ROOT, "... and %,d more outcomes%n", s.outcomes().size() - SHOWN_OUTCOMES);
        }
        StringBuilder summary = new StringBuilder();
        byGrade.forEach((g, n) -> summary.append(summary.isEmpty() ? "" : ", ").append(g.label()).append(' ')
                .append(LessonOptions.percent(n, s.trials())));
        if (deadlocks > 0) {
            summary.append(summary.isEmpty() ? "" : ", ").append("deadlock ").append(LessonOptions.percent(deadlocks, s.trials()));
        }
        out.println("by grade: " + summary);
        List<String> meanings = new ArrayList<>();
        s.outcomes().stream().filter(o -> !o.deadlock()).map(o -> org.threadlab.lesson.Outcome.forCounts(o.text()))
                .distinct().forEach(meanings::add);
        s.outcomes().stream().filter(StressOutcome::deadlock).findFirst().ifPresent(o -> meanings.add(o.text()));
        for (String m : meanings) {
            out.println("  - " + m);
        }
        neverSeen(out, compiled, s);
        return s.stopReason().equals("cancelled") ? Cli.INCOMPLETE : Cli.OK;
    }

    /** Compares with every interleaving: what could happen but did not. */
    private static void neverSeen(PrintWriter out, CompiledLesson compiled, StressSnapshot s) {
        ExploreResult all = new Explorer(new StepModel(compiled), COMPARE_LIMITS, () -> false).run();
        Set<Map<String, Long>> seen = new HashSet<>();
        boolean sawDeadlock = false;
        for (StressOutcome o : s.outcomes()) {
            seen.add(o.shared());
            sawDeadlock |= o.deadlock();
        }
        List<String> missing = new ArrayList<>();
        for (ExploredOutcome o : all.outcomes()) {
            if (o.kind() == ExploredOutcome.Kind.DEADLOCK && !sawDeadlock) {
                missing.add("DEADLOCK: " + o.deadlock().describe());
            } else if (o.kind() == ExploredOutcome.Kind.COMPLETED && !seen.contains(o.shared())) {
                missing.add(LessonOptions.values(o.shared()) + " (" + o.grade().label() + ")");
            }
        }
        out.println();
        if (!all.complete()) {
            out.printf(Locale.ROOT, "possible but never seen: not known; exploring every interleaving stopped at %s"
                    + " (try smaller params, e.g. %s)%n", all.stopReason(), LessonOptions.smallerParams(compiled));
            if (!missing.isEmpty()) {
                out.println("  found possible so far, never seen: " + String.join("; ", missing.subList(0,
                        Math.min(missing.size(), SHOWN_OUTCOMES))));
            }
        } else if (missing.isEmpty()) {
            out.println(all.outcomes().size() == 1
                    ? "possible but never seen: none; the one outcome that exploring every interleaving finds was seen"
                    : "possible but never seen: none; all " + all.outcomes().size() + " outcomes that exploring every"
                            + " interleaving finds were seen");
        } else {
            out.printf(Locale.ROOT, "possible but never seen (%d of the %d outcomes that exploring every interleaving"
                    + " finds):%n", missing.size(), all.outcomes().size());
            missing.stream().limit(SHOWN_OUTCOMES).forEach(m -> out.println("  " + m));
            if (missing.size() > SHOWN_OUTCOMES) {
                out.printf(Locale.ROOT, "  ... and %d more%n", missing.size() - SHOWN_OUTCOMES);
            }
        }
    }
}

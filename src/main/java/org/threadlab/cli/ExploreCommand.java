package org.threadlab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.step.Schedules;
import org.threadlab.engine.step.StepModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code explore LESSON ...}: every interleaving of a small lesson, as a histogram of graded outcomes. */
@Command(name = "explore", description = "Tries every interleaving of a lesson's steps and prints each final outcome,"
        + " its grade, how many schedules reach it and one schedule that does.")
final class ExploreCommand implements Callable<Integer> {
    /** Schedules longer than this are cut in the printout. */
    private static final int SHOWN_STEPS = 120;

    @CommandLine.ParentCommand
    Cli parent;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin
    LessonOptions lesson;
    @Option(names = "--max-states", paramLabel = "N", description = "Stop after this many states (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000000")
    long maxStates;
    @Option(names = "--max-seconds", paramLabel = "S", description = "Stop after this many seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    double maxSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxStates < 1 || maxSeconds <= 0) {
            err.println("--max-states and --max-seconds must be positive");
            return Cli.USAGE;
        }
        CompiledLesson compiled = lesson.compile(parent, err);
        if (compiled == null) {
            return Cli.REFUSED;
        }
        StepModel model = new StepModel(compiled);
        ExploreResult r = new Explorer(model, new Explorer.Limits(maxStates,
                Duration.ofNanos((long) (maxSeconds * 1e9))), () -> false).run();
        out.println(LessonOptions.heading(compiled));
        StringBuilder legend = new StringBuilder();
        model.lanes().forEach(l -> legend.append(legend.isEmpty() ? "" : ", ")
                .append(l.label().equals(l.name()) ? l.name() : l.label() + " = " + l.name()));
        out.println("lanes:    " + legend);
        if (r.complete()) {
            out.printf(Locale.ROOT, "explored: every schedule, %s in all, through %,d states (%,d steps) in %s%n",
                    count(r.schedules()), r.states(), r.transitions(), millis(r.nanos()));
        } else {
            out.printf(Locale.ROOT, "explored: %,d states (%,d steps) in %s, stopped at %s; the outcomes below are"
                    + " those found so far, not all%n", r.states(), r.transitions(), millis(r.nanos()), r.stopReason());
            String hint = LessonOptions.smallerParams(compiled);
            if (!hint.isEmpty()) {
                out.println("          smaller params explore fully, e.g. " + hint);
            }
        }
        out.println();
        int i = 0;
        for (ExploredOutcome o : r.outcomes()) {
            String what = o.kind() == ExploredOutcome.Kind.DEADLOCK ? "DEADLOCK"
                    : o.kind() == ExploredOutcome.Kind.FAILED ? "FAILED" : LessonOptions.values(o.shared());
            String grade = o.kind() == ExploredOutcome.Kind.COMPLETED ? o.grade().label().toUpperCase(Locale.ROOT) : "-";
            String count = o.schedules() < 0 ? "" : count(o.schedules()) + " schedule" + (o.schedules() == 1 ? "" : "s")
                    + " (" + LessonOptions.percent(o.schedules(), r.schedules()) + ")";
            out.printf(Locale.ROOT, "%d. %-28s %-12s %s%n", ++i, what, grade, count);
            out.println("   " + org.threadlab.lesson.Outcome.forCounts(o.text()));
            String schedule = Schedules.describe(model, o.schedule().size() > SHOWN_STEPS
                    ? o.schedule().subList(0, SHOWN_STEPS) : o.schedule());
            out.println("   one schedule: " + schedule + (o.schedule().size() > SHOWN_STEPS
                    ? " ... (" + o.schedule().size() + " steps in all)" : ""));
        }
        return r.complete() ? Cli.OK : Cli.INCOMPLETE;
    }

    private static String count(long n) {
        return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format(Locale.ROOT, "%,d", n);
    }

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}

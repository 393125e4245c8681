package org.threadlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.threadlab.engine.challenge.Verdicts;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code challenge LESSON [ID...] [--solve]}: a lesson's challenges, and with --solve a shortest win of each. */
@Command(name = "challenge", description = "Lists a lesson's challenges (step mode games where you schedule the"
        + " workers); with --solve, prints a shortest winning schedule of each.")
final class ChallengeCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Cli parent;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "LESSON", description = "Lesson id (from the lessons folder) or path to a .yaml file.")
    String lessonName;
    @Parameters(index = "1..*", paramLabel = "ID", description = "Only these challenges (default: all).")
    List<String> ids = List.of();
    @Option(names = "--solve", description = "Search every schedule and print a shortest win (fewest steps, then fewest switches).")
    boolean solve;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Lesson lesson;
        try {
            lesson = parent.library().find(lessonName);
        } catch (LessonException e) {
            e.problems().stream().map(LessonProblem::format).forEach(err::println);
            return Cli.REFUSED;
        }
        for (String id : ids) {
            if (lesson.challenge(id).isEmpty()) {
                err.println(lessonName + ": no challenge '" + id + "'; challenges: " + (lesson.challenges().isEmpty()
                        ? "none" : lesson.challenges().stream().map(Challenge::id).collect(Collectors.joining(", "))));
                return Cli.USAGE;
            }
        }
        if (lesson.challenges().isEmpty()) {
            out.println(lesson.id() + " has no challenges.");
            return Cli.OK;
        }
        int result = Cli.OK;
        int i = 0;
        for (Challenge c : lesson.challenges()) {
            if (!ids.isEmpty() && !ids.contains(c.id())) {
                continue;
            }
            out.printf(Locale.ROOT, "%s%d. %s (%s)%n", i++ == 0 ? "" : System.lineSeparator(), i, c.title(), c.id());
            out.println("   " + c.task());
            out.println("   goal:    " + Verdicts.goalText(c));
            out.println("   played:  " + setting(lesson, c));
            if (c.budget() > 0) {
                out.println("   budget:  " + c.budget() + " steps");
            }
            if (!solve) {
                continue;
            }
            Verdicts.Verdict v = Verdicts.of(lesson, c);
            if (v.winnable()) {
                var s = v.solution();
                out.printf(Locale.ROOT, "   shortest win: %d steps, %d switch%s between workers%n", s.moves(), s.switches(),
                        s.switches() == 1 ? "" : "es");
                out.println("   " + (s.text().isEmpty() ? "(the goal holds before any step)" : s.text()));
            } else {
                out.println("   " + v.problem());
                result = v.solution() != null && v.solution().verdict() == org.threadlab.engine.challenge.Solver.Verdict.UNKNOWN
                        && result == Cli.OK ? Cli.INCOMPLETE : Cli.REFUSED;
            }
        }
        return result;
    }

    /** {@code variant no-lock, 2 workers, n = 2}. */
    private static String setting(Lesson lesson, Challenge c) {
        String variant = c.variant().isEmpty() ? lesson.defaultVariant() : c.variant();
        Lesson resolved = lesson.resolve(c.variant());
        int workers = c.workers() == 0 ? resolved.run().workers() : c.workers();
        Map<String, Long> params = org.threadlab.engine.challenge.Goal.params(lesson, c);
        StringBuilder sb = new StringBuilder(variant.isEmpty() ? "" : "variant " + variant + ", ");
        sb.append(workers).append(workers == 1 ? " worker" : " workers");
        params.forEach((k, v) -> sb.append(", ").append(k).append(" = ").append(v));
        return sb.toString();
    }
}

package org.threadlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.threadlab.engine.python.GilComparison;
import org.threadlab.engine.python.OutputLine;
import org.threadlab.engine.python.PythonInterpreter;
import org.threadlab.engine.python.PythonJob;
import org.threadlab.engine.python.PythonListener;
import org.threadlab.engine.python.PythonResult;
import org.threadlab.engine.python.PythonRunner;
import org.threadlab.engine.python.PythonTask;
import org.threadlab.engine.python.PythonUnavailableException;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code python LESSON}: runs the lesson's Python listing on the learner's own interpreter. It
 * first prints the exact code and the interpreter; a lesson from outside the built-in library (an
 * added folder, a file path) runs only with {@code --yes}, since its listing is code ThreadLab did
 * not write. Then the listing's output as it comes, then how it ended, wall and CPU time.
 *
 * <p>Exit codes: 0 it ran as the lesson expects (completed, or for a listing that hangs on purpose,
 * still hanging at its timeout); 1 the lesson or Python cannot be had, or the listing failed (exit
 * code not 0); 2 usage, or refused without {@code --yes}; 3 it did not end as expected (timed out,
 * stopped, or a listing meant to hang completed).
 */
@Command(name = "python", description = "Runs the lesson's Python listing on your Python (python3, else python,"
        + " or --python), after printing the code and the interpreter; counts scaled so it ends in a few seconds.")
final class PythonCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Cli parent;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LESSON", description = "Lesson id (from the lessons folder) or path to a .yaml file.")
    String lessonName;
    @Option(names = "--variant", paramLabel = "V", description = "Variant whose listing runs (default: the lesson's first).")
    String variant;
    @Option(names = "--python", paramLabel = "PATH", description = "The interpreter: a command or a path, e.g."
            + " python3.13t or .venv/bin/python (default: python3, else python, on PATH).")
    String python;
    @Option(names = "--scale", paramLabel = "K", description = "Divide the listing's counts by K (default: the"
            + " lesson's python-run scale, a run of a few seconds; 1 = the numbers written in it).")
    Long scale;
    @Option(names = "--mode", paramLabel = "M", description = "Pass --mode M (one of the listing's modes).")
    String mode;
    @Option(names = "--compare", description = "Run once per mode of the listing (sequential, threads, processes),"
            + " one after another, and print the measured speed-ups over sequential.")
    boolean compare;
    @Option(names = "--json", description = "Print one JSON object on standard output (the code, the listing's"
            + " output and the rest on standard error).")
    boolean json;
    @Option(names = "--yes", description = "Run the listing of a lesson from outside the built-in library"
            + " (added with --lessons or given as a path): read the code it prints first.")
    boolean yes;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter talk = json ? err : out; // with --json, standard output carries the object alone
        LessonLibrary library = parent.library();
        Lesson lesson;
        try {
            lesson = library.find(lessonName);
        } catch (LessonException e) {
            e.problems().stream().map(LessonProblem::format).forEach(err::println);
            return Cli.REFUSED;
        }
        PythonTask task;
        try {
            task = PythonTask.of(lesson, variant);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage()); // names the lesson (and variant)
            return Cli.REFUSED;
        }
        if (compare && mode != null) {
            err.println("--compare runs every mode of the listing; leave out --mode");
            return Cli.USAGE;
        }
        try {
            if (scale != null) {
                task = task.atScale(scale);
            }
            if (mode != null) {
                task = task.inMode(mode);
            }
        } catch (IllegalArgumentException e) {
            err.println(lessonName + ": " + e.getMessage());
            return Cli.USAGE;
        }
        if (compare && task.run().modes().isEmpty()) {
            err.println(lessonName + ": its listing has no modes to compare (no modes: in its python-run)");
            return Cli.USAGE;
        }
        PythonInterpreter interpreter;
        try {
            interpreter = PythonInterpreter.find(python);
        } catch (PythonUnavailableException e) {
            err.println(e.getMessage());
            return Cli.REFUSED;
        }
        String resolvedVariant = lesson.resolve(variant).defaultVariant();
        String heading = lesson.id() + (resolvedVariant.isEmpty() ? "" : " [" + resolvedVariant + "]");
        printCode(talk, heading, task, interpreter);
        boolean builtIn = library.isBuiltIn(lesson);
        if (!builtIn && !yes) {
            talk.flush();
            err.println(lessonName + ": not run. This lesson comes from outside ThreadLab's built-in library ("
                    + lesson.source() + "), so its Python listing is code ThreadLab did not write. Read it above;"
                    + " to run it on " + interpreter.label() + " as you, add --yes.");
            return Cli.USAGE;
        }
        talk.flush();
        PythonRunner runner = new PythonRunner(interpreter);
        PythonListener listener = new Printer(talk, err);
        PythonJob<?> job;
        try {
            job = compare ? runner.compare(task, listener) : runner.start(task, listener);
        } catch (IOException e) {
            err.println("cannot start " + interpreter.command() + ": " + e.getMessage());
            return Cli.REFUSED;
        }
        // Ctrl+C: the listing's whole process tree goes with us
        Thread onExit = new Thread(() -> {
            job.stop();
            try {
                job.result().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // leaving anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(onExit);
        Object result;
        try {
            result = job.await();
        } catch (IOException e) {
            err.println("cannot start " + interpreter.command() + ": " + e.getMessage());
            return Cli.REFUSED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook does its work
            }
        }
        List<PythonResult> runs = result instanceof GilComparison c ? c.runs() : List.of((PythonResult) result);
        talk.println();
        org.threadlab.engine.python.SimulatedSpeedUps simulated = null;
        if (result instanceof GilComparison c) {
            printComparison(talk, c, task);
            if (c.complete(task.run().modes())) {
                // ThreadLab's side after CPython's, never beside it: two at once would share the cores
                talk.println();
                talk.println("ThreadLab's own runs of the lesson, one after another: sequential, then "
                        + String.join(" and ", task.run().modes().stream().filter(m -> !m.equals(GilComparison.SEQUENTIAL)).toList())
                        + " with the simulated GIL (" + org.threadlab.engine.RunConfig.DEFAULT_SWITCH_INTERVAL.toMillis()
                        + " ms switch interval), at the lesson's own counts...");
                talk.flush();
                try {
                    simulated = org.threadlab.engine.python.SimulatedSpeedUps.measure(new org.threadlab.engine.Engine(), lesson,
                            resolvedVariant, task.run().modes(), org.threadlab.engine.RunConfig.DEFAULT_SWITCH_INTERVAL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (simulated != null) {
                    printAgainstSimulated(talk, c, simulated, task.run().modes());
                }
            }
        } else {
            printSummary(talk, (PythonResult) result);
        }
        if (json) {
            out.println(toJson(lesson, resolvedVariant, builtIn, interpreter, task, runs,
                    result instanceof GilComparison c ? c : null, simulated));
        }
        return exitCode(runs);
    }

    /** 0 every run as the lesson expects; 1 one failed; 3 one timed out, was stopped, or did not hang as it should. */
    static int exitCode(List<PythonResult> runs) {
        if (runs.stream().anyMatch(r -> r.ending() == PythonResult.Ending.FAILED)) {
            return Cli.REFUSED;
        }
        return runs.stream().allMatch(PythonResult::asExpected) ? Cli.OK : Cli.INCOMPLETE;
    }

    private static void printCode(PrintWriter talk, String heading, PythonTask task, PythonInterpreter interpreter) {
        talk.println(heading + ": the Python listing, run exactly as shown");
        String rule = "---- " + task.fileName() + " ";
        talk.println(rule + "-".repeat(Math.max(4, 60 - rule.length())));
        talk.println(task.listing().code());
        talk.println("-".repeat(60));
        talk.println("python:  " + interpreter.label() + ", " + interpreter.gilLabel() + " (" + interpreter.executable() + ")");
        String counts = task.countsText();
        talk.println("counts:  " + (counts.isEmpty() ? "none" : counts) + (task.scale() == 1 ? " (as written)"
                : " (the listing's numbers / " + task.scale() + ")"));
        talk.println("runs in: a new temporary folder, deleted after; stopped after " + task.timeout().toSeconds() + " s"
                + (task.run().hangsOnPurpose() ? " (it hangs on purpose: " + task.run().hangs() + ")" : "")
                + (task.run().server() ? "; a loopback download server is started for it" : ""));
    }

    /** Prints the listing's lines as they come: standard output to {@code out}, standard error to {@code err}. */
    private record Printer(PrintWriter out, PrintWriter err) implements PythonListener {
        @Override
        public void line(OutputLine line) {
            PrintWriter w = line.stderr() ? err : out;
            synchronized (Printer.class) {
                w.println(line.text());
                w.flush();
            }
        }

        @Override
        public void started(PythonTask task, List<String> command, long pid) {
            synchronized (Printer.class) {
                out.println();
                out.println("$ " + String.join(" ", command) + "    (pid " + pid + ")");
                out.flush();
            }
        }
    }

    private static void printSummary(PrintWriter talk, PythonResult r) {
        talk.println("ended:   " + r.endingText());
        talk.println("wall:    " + r.wallText() + " (from starting the interpreter to its exit)");
        talk.println("cpu:     " + r.cpuText() + " (user + system, the interpreter and its child processes"
                + (r.cpuAtExit() ? ")" : "; only sampled while it ran: a lower bound)"));
        talk.println("counts:  " + (r.counts().isEmpty() ? "none" : r.task().countsText())
                + (r.mode().isEmpty() ? "" : "; mode " + r.mode()));
        talk.println("python:  " + r.interpreter().label() + ", " + r.interpreter().gilLabel());
        notes(talk, r);
    }

    private static void notes(PrintWriter talk, PythonResult r) {
        if (r.droppedLines() > 0) {
            talk.println("note:    " + String.format(Locale.ROOT, "%,d", r.droppedLines())
                    + " earlier lines were printed above but not kept");
        }
        if (r.leftoversKilled() > 0) {
            talk.println("note:    killed " + r.leftoversKilled() + " process" + (r.leftoversKilled() == 1 ? "" : "es")
                    + " the listing left running after it ended");
        }
    }

    private static void printComparison(PrintWriter talk, GilComparison c, PythonTask task) {
        talk.println("the same listing once per mode, one after another, at " + (task.countsText().isEmpty() ? "its own counts" : task.countsText()) + ", on " + c.runs().get(0).interpreter().label() + ", "
                + c.runs().get(0).interpreter().gilLabel() + " (" + Runtime.getRuntime().availableProcessors()
                + " cores seen):");
        talk.printf(Locale.ROOT, "  %-11s %-10s %-10s %-24s %s%n", "mode", "wall", "cpu", "speed-up over sequential", "ended");
        for (PythonResult r : c.runs()) {
            OptionalDouble s = c.speedUp(r.mode());
            talk.printf(Locale.ROOT, "  %-11s %-10s %-10s %-24s %s%n", r.mode(), r.wallText(), r.cpuText(),
                    s.isPresent() ? String.format(Locale.ROOT, "%.2fx", s.getAsDouble()) : "-", r.endingText());
        }
        talk.println("measured once each, here and now (wall time includes the interpreter's start-up); run it again to see how much they vary");
        for (PythonResult r : c.runs()) {
            notes(talk, r);
        }
    }

    /** CPython's real speed-ups beside ThreadLab's simulated ones, and whether each pair agrees within 15 %. */
    private static void printAgainstSimulated(PrintWriter talk, GilComparison c,
                                              org.threadlab.engine.python.SimulatedSpeedUps s, List<String> modes) {
        talk.printf(Locale.ROOT, "  %-11s %-18s %-26s %s%n", "mode", "CPython (real)", "ThreadLab (simulated GIL)", "");
        for (String m : modes) {
            if (m.equals(GilComparison.SEQUENTIAL)) {
                continue;
            }
            OptionalDouble real = c.speedUp(m);
            double sim = s.speedUp(m);
            String verdict = real.isEmpty() || Double.isNaN(sim) ? "not comparable"
                    : org.threadlab.engine.python.SimulatedSpeedUps.verdict(real.getAsDouble(), sim);
            talk.printf(Locale.ROOT, "  %-11s %-18s %-26s %s%n", m,
                    real.isPresent() ? String.format(Locale.ROOT, "%.2fx", real.getAsDouble()) : "-",
                    Double.isNaN(sim) ? "-" : String.format(Locale.ROOT, "%.2fx", sim), verdict);
        }
        s.failures().forEach((m, why) -> talk.println("  ThreadLab's " + m + " run did not complete: " + why));
        talk.println("speed-ups over each side's own sequential run; the counts differ, the ratios compare");
    }

    static String toJson(Lesson lesson, String variant, boolean builtIn, PythonInterpreter p, PythonTask task,
                         List<PythonResult> runs, GilComparison comparison) {
        return toJson(lesson, variant, builtIn, p, task, runs, comparison, null);
    }

    static String toJson(Lesson lesson, String variant, boolean builtIn, PythonInterpreter p, PythonTask task,
                         List<PythonResult> runs, GilComparison comparison,
                         org.threadlab.engine.python.SimulatedSpeedUps simulated) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("lesson", lesson.id());
        root.put("variant", variant);
        root.put("builtIn", builtIn);
        root.put("file", task.fileName());
        root.put("scale", task.scale());
        ObjectNode py = root.putObject("python");
        py.put("command", p.command());
        py.put("executable", p.executable());
        py.put("implementation", p.implementation());
        py.put("version", p.version());
        py.put("gilEnabled", p.gilEnabled());
        py.put("freeThreadedBuild", p.freeThreadedBuild());
        py.put("label", p.label() + ", " + p.gilLabel());
        ArrayNode array = root.putArray("runs");
        for (PythonResult r : runs) {
            ObjectNode o = array.addObject();
            o.put("mode", r.mode());
            ObjectNode counts = o.putObject("counts");
            r.counts().forEach(counts::put);
            ArrayNode command = o.putArray("command");
            r.command().forEach(command::add);
            o.put("ending", r.ending().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            o.put("asExpected", r.asExpected());
            o.put("hangsOnPurpose", r.hangsOnPurpose());
            o.put("exitCode", r.exitCode());
            o.put("wallMillis", r.wall().toNanos() / 1e6);
            if (r.cpu().isPresent()) {
                o.put("cpuMillis", r.cpu().get().toNanos() / 1e6);
                o.put("cpuAtExit", r.cpuAtExit());
            } else {
                o.putNull("cpuMillis");
            }
            o.put("droppedLines", r.droppedLines());
            o.put("leftoversKilled", r.leftoversKilled());
            ArrayNode output = o.putArray("output");
            for (OutputLine l : r.output()) {
                output.addObject().put("stream", l.stderr() ? "stderr" : "stdout").put("text", l.text());
            }
        }
        if (comparison != null) {
            ObjectNode speedUps = root.putObject("speedUps");
            for (PythonResult r : runs) {
                OptionalDouble s = comparison.speedUp(r.mode());
                if (s.isPresent()) {
                    speedUps.put(r.mode(), s.getAsDouble());
                } else {
                    speedUps.putNull(r.mode());
                }
            }
        }
        if (simulated != null) {
            ObjectNode sim = root.putObject("simulatedSpeedUps");
            ObjectNode agree = root.putObject("agreeWithin15Percent");
            for (PythonResult r : runs) {
                double x = simulated.speedUp(r.mode());
                if (Double.isNaN(x)) {
                    sim.putNull(r.mode());
                } else {
                    sim.put(r.mode(), x);
                }
                OptionalDouble real = comparison.speedUp(r.mode());
                if (!r.mode().equals(GilComparison.SEQUENTIAL) && real.isPresent() && !Double.isNaN(x)) {
                    agree.put(r.mode(), org.threadlab.engine.python.SimulatedSpeedUps.agree(real.getAsDouble(), x));
                }
            }
        }
        return root.toString();
    }
}

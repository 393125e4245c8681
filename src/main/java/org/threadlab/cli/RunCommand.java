package org.threadlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.threadlab.engine.Engine;
import org.threadlab.engine.Run;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.engine.process.ChildImage;
import org.threadlab.engine.process.ProcessSummary;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFile;
import org.threadlab.runfile.RunFileException;
import org.threadlab.trace.ChromeTraceExporter;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.WorkerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code run LESSON ...}: runs a lesson headless and prints what happened. */
@Command(name = "run", description = "Runs a lesson (by id or path) and prints a summary.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Cli parent;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LESSON", description = "Lesson id (from the lessons folder) or path to a .yaml file.")
    String lessonName;
    @Option(names = "--variant", paramLabel = "V", description = "Variant to run (default: the lesson's first).")
    String variant;
    @Option(names = "--mode", paramLabel = "M", description = "sequential, threads, virtual-threads, thread-pool,"
            + " processes or process-pool.")
    String mode;
    @Option(names = "--workers", paramLabel = "N", description = "How many workers (the lesson's 'workers' param).")
    Integer workers;
    @Option(names = "--pool-size", paramLabel = "N", description = "Threads (or processes) in the pool, for"
            + " thread-pool (or process-pool) mode.")
    Integer poolSize;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets one of the lesson's params, e.g. n=1000.")
    Map<String, Long> params = new LinkedHashMap<>();
    @Option(names = "--gil", description = "Simulate CPython's global interpreter lock (a simulation, labelled so).")
    boolean gil;
    @Option(names = "--switch-interval", paramLabel = "MS", description = "Simulated GIL switch interval in ms (default: 5).")
    Double switchIntervalMillis;
    @Option(names = "--timeout", paramLabel = "S", description = "Cancel the run after this many seconds (default: the lesson's, 60).")
    Double timeoutSeconds;
    @Option(names = "--trace", paramLabel = "FILE", description = "Write the trace as Chrome trace-event JSON (opens in Perfetto).")
    Path traceFile;
    @Option(names = "--json", description = "Print one JSON object instead of the readable summary.")
    boolean json;
    @Option(names = "--kill", paramLabel = "WORKER@MS", description = "In a process mode, kill the child process"
            + " running WORKER with SIGKILL MS milliseconds after the start, e.g. squarer-2@500. Repeatable.")
    java.util.List<String> kills = new java.util.ArrayList<>();
    @Option(names = "--quiet-console", description = "Do not print the lines the lesson's print steps wrote.")
    boolean quietConsole;
    @Option(names = "--save", paramLabel = "FILE", description = "Save the whole run (lesson, settings, machine,"
            + " trace) to a run file, NAME.threadlab, for `replay` or the window's Open run.")
    Path saveFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Lesson lesson;
        try {
            lesson = parent.library().find(lessonName);
        } catch (LessonException e) {
            e.problems().stream().map(LessonProblem::format).forEach(err::println);
            return Cli.REFUSED;
        }
        String lessonText = null;
        if (saveFile != null) {
            Path folder = saveFile.toAbsolutePath().getParent();
            if (folder == null || !java.nio.file.Files.isDirectory(folder) || java.nio.file.Files.isDirectory(saveFile)) {
                err.println(saveFile + ": cannot save the run there: " + (java.nio.file.Files.isDirectory(saveFile)
                        ? "it is a folder" : "there is no folder " + folder) + " (nothing was run)");
                return Cli.REFUSED;
            }
            try {
                lessonText = Recording.lessonText(lesson);
            } catch (RunFileException e) {
                err.println(e.getMessage());
                return Cli.REFUSED;
            }
        }
        java.util.List<Kill> killList = new java.util.ArrayList<>();
        for (String k : kills) {
            Kill parsed = Kill.parse(k);
            if (parsed == null) {
                err.println(lessonName + ": --kill takes WORKER@MS, e.g. squarer-2@500; got '" + k + "'");
                return Cli.REFUSED;
            }
            killList.add(parsed);
        }
        Run run;
        try {
            RunMode runMode = null;
            if (mode != null) {
                runMode = RunMode.of(mode, poolSize != null ? poolSize : lesson.run().poolSize());
            } else if (poolSize != null) {
                runMode = RunMode.of("thread-pool", poolSize);
            }
            Duration interval = switchIntervalMillis == null ? null
                    : Duration.ofNanos(Math.round(switchIntervalMillis * 1_000_000));
            Duration timeout = timeoutSeconds == null ? null : Duration.ofMillis(Math.round(timeoutSeconds * 1000));
            RunConfig config = RunConfig.of(lesson).withVariant(variant).withMode(runMode).withWorkers(workers)
                    .withGil(gil, interval).withTimeout(timeout).withParams(params);
            if (!killList.isEmpty() && (config.mode() == null ? !RunMode.of(lesson.resolve(variant).run().mode(), 1)
                    .usesProcesses() : !config.mode().usesProcesses())) {
                err.println(lessonName + ": --kill needs a process mode (processes or process-pool): a thread cannot"
                        + " be killed from outside, only asked to stop");
                return Cli.REFUSED;
            }
            boolean processes = config.mode() == null ? RunMode.of(lesson.resolve(variant).run().mode(), 1).usesProcesses()
                    : config.mode().usesProcesses();
            if (processes) {
                prepareChildImage(err);
            }
            run = new Engine().start(config);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(lessonName + ": " + e.getMessage());
            return Cli.REFUSED;
        }
        for (Kill k : killList) {
            Run target = run;
            Thread.ofVirtual().name("threadlab-kill").start(() -> k.perform(target, err));
        }
        Thread cancelOnExit = new Thread(run::cancel, "threadlab-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        RunResult result;
        try {
            result = run.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        if (traceFile != null) {
            try {
                new ChromeTraceExporter().write(result.trace(), traceFile);
            } catch (IOException e) {
                err.println("cannot write trace to " + traceFile + ": " + e.getMessage());
                return Cli.REFUSED;
            }
        }
        if (json) {
            out.println(toJson(result));
        } else {
            printSummary(out, result, quietConsole);
        }
        if (saveFile != null) {
            try {
                RunFile.write(Recording.of(lesson, lessonText, run.mode(), result), saveFile);
                err.printf(Locale.ROOT, "saved the run to %s (%,d events, %,d bytes); `replay %s` shows it again%n",
                        saveFile, result.trace().size(), java.nio.file.Files.size(saveFile), saveFile);
            } catch (RunFileException | IOException e) {
                err.println(e.getMessage());
                return Cli.REFUSED;
            }
        }
        return exitCode(result);
    }

    /** 0 for a completed run, 3 for one that was cancelled, timed out, failed or deadlocked. */
    static int exitCode(RunResult result) {
        return result.status() == RunStatus.COMPLETED ? Cli.OK : Cli.INCOMPLETE;
    }

    /** A {@code --kill WORKER@MS}: kill the child running a worker some time after the start. */
    record Kill(String worker, long millis) {
        static Kill parse(String s) {
            int at = s.lastIndexOf('@');
            if (at <= 0) {
                return null;
            }
            try {
                long ms = Long.parseLong(s.substring(at + 1).replace("_", ""));
                return ms < 0 ? null : new Kill(s.substring(0, at), ms);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        void perform(Run run, PrintWriter err) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            var lanes = run.recorder().lanes();
            for (var lane : lanes) {
                if (lane.name().equals(worker)) {
                    if (!run.kill(lane.index()) && !run.isDone()) {
                        err.println("--kill " + worker + "@" + millis + ": " + worker
                                + " is not running in a child process at that moment (queued or ended)");
                    }
                    return;
                }
            }
            err.println("--kill " + worker + "@" + millis + ": no worker '" + worker + "'; workers: "
                    + String.join(", ", lanes.stream().map(l -> l.name()).toList()));
        }
    }

    static String toJson(RunResult r) {
        return toJson(r, ProcessHandle.current().pid());
    }

    /** The {@code --json} object of a run whose ThreadLab (the parent of any child process) had pid {@code parentPid}. */
    static String toJson(RunResult r, long parentPid) {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("lesson", r.lesson());
        root.put("variant", r.variant());
        root.put("mode", r.mode());
        root.put("gil", r.gil());
        if (r.gil()) {
            root.put("gilSimulated", true);
            root.put("switchIntervalMillis", r.gilSwitchNanos() / 1e6);
        }
        root.put("workers", r.workers());
        ObjectNode params = root.putObject("params");
        r.params().forEach(params::put);
        root.put("status", r.status().label());
        var messages = root.putArray("messages");
        r.messages().forEach(messages::add);
        if (!r.deadlock().isEmpty()) {
            ObjectNode deadlock = root.putObject("deadlock");
            deadlock.put("jvmAgreed", r.deadlock().jvmAgreed());
            var cycle = deadlock.putArray("cycle");
            for (var link : r.deadlock().links()) {
                cycle.addObject().put("worker", link.worker()).put("holds", link.holds()).put("waitsFor", link.waitsFor());
            }
        }
        root.put("wallMillis", r.wallNanos() / 1e6);
        ObjectNode shared = root.putObject("shared");
        r.shared().forEach(shared::put);
        root.put("parentPid", parentPid);
        if (!r.processes().isEmpty()) {
            var processes = root.putArray("processes");
            for (ProcessSummary p : r.processes()) {
                ObjectNode node = processes.addObject();
                node.put("name", p.name());
                node.put("pid", p.pid());
                var laneNames = node.putArray("lanes");
                p.lanes().forEach(laneNames::add);
                if (p.exitStatus() >= 0) {
                    node.put("exitStatus", p.exitStatus());
                } else {
                    node.putNull("exitStatus");
                }
                ObjectNode copy = node.putObject("shared");
                p.shared().forEach(copy::put);
            }
        }
        List<RunResult.ReturnedValue> returned = r.returnedValues();
        if (!returned.isEmpty()) {
            ObjectNode returns = root.putObject("returned");
            returns.put("reachParent", r.returnsReachParent());
            ObjectNode values = returns.putObject("values");
            returned.forEach(v -> values.put(v.lane(), v.value()));
        }
        ObjectNode outcome = root.putObject("outcome");
        outcome.put("grade", r.grade().label());
        outcome.put("text", r.outcomeText().strip());
        var lanes = root.putArray("lanes");
        for (RunResult.LaneSummary l : r.lanes()) {
            ObjectNode lane = lanes.addObject();
            lane.put("name", l.name());
            lane.put("kind", l.kind());
            lane.put("pid", l.pid());
            lane.put("thread", l.threadName());
            lane.put("threadId", l.threadId());
            if (l.cpuNanos() >= 0) {
                lane.put("cpuMillis", l.cpuNanos() / 1e6);
            } else {
                lane.putNull("cpuMillis");
            }
            ObjectNode states = lane.putObject("stateMillis");
            l.stateNanos().forEach((s, n) -> states.put(s.label(), n / 1e6));
            lane.put("finalState", l.finalState() == null ? null : l.finalState().label());
        }
        return root.toString();
    }

    static void printSummary(PrintWriter out, RunResult r, boolean quietConsole) {
        out.printf("%s%s - %s, %d worker%s%s%n", r.lesson(), r.variant().isEmpty() ? "" : " [" + r.variant() + "]",
                r.mode(), r.workers(), r.workers() == 1 ? "" : "s",
                r.gil() ? ", simulated CPython GIL (switch interval " + fmt(r.gilSwitchNanos() / 1e6) + " ms)" : "");
        if (!quietConsole) {
            int shown = 0;
            for (TraceEvent e : r.trace().events()) {
                if (e instanceof TraceEvent.Printed p) {
                    if (shown++ < 200) {
                        out.printf("  [%s] %s%n", r.trace().lane(p.lane()).info().name(), p.text());
                    }
                }
            }
            if (shown > 200) {
                out.printf("  ... %d more printed lines%n", shown - 200);
            }
        }
        out.printf("status:  %s after %s ms%n", r.status().label(), fmt(r.wallNanos() / 1e6));
        for (String m : r.messages()) {
            out.println("         " + m);
        }
        if (!r.shared().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            r.shared().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" = ")
                    .append(String.format(Locale.ROOT, "%,d", v)));
            out.println("shared:  " + sb + (r.processes().isEmpty() ? "" : "  (as the parent sees them)"));
        }
        if (!r.processes().isEmpty()) {
            out.println("processes (each with its own copy of the shared variables):");
            for (ProcessSummary p : r.processes()) {
                StringBuilder copy = new StringBuilder();
                p.shared().forEach((k, v) -> copy.append(copy.isEmpty() ? "" : ", ").append(k).append(" = ")
                        .append(String.format(Locale.ROOT, "%,d", v)));
                out.printf("  %-12s pid %d  exit %s  ran %s%s%n", p.name(), p.pid(),
                        p.exitStatus() < 0 ? "?" : String.valueOf(p.exitStatus()), String.join(", ", p.lanes()),
                        copy.isEmpty() ? "" : "  | " + copy);
            }
        }
        List<RunResult.ReturnedValue> returned = r.returnedValues();
        if (!returned.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            int n = 0;
            for (RunResult.ReturnedValue v : returned) {
                if (n++ == 20) {
                    sb.append(", ... ").append(returned.size() - 20).append(" more");
                    break;
                }
                sb.append(sb.isEmpty() ? "" : ", ").append(v.lane()).append(" = ")
                        .append(String.format(Locale.ROOT, "%,d", v.value()));
            }
            out.println("returned: " + sb);
            out.println("          " + r.whereReturnsGo());
        }
        out.println("outcome: " + r.grade().label().toUpperCase(Locale.ROOT) + " - " + r.outcomeText().strip());
        out.println("lanes:");
        int nameWidth = Math.max(6, r.lanes().stream().mapToInt(l -> l.name().length()).max().orElse(6));
        int shownLanes = 0;
        for (RunResult.LaneSummary l : r.lanes()) {
            if (shownLanes++ == 40) {
                out.printf("  ... and %d more lanes%n", r.lanes().size() - 40);
                break;
            }
            StringBuilder states = new StringBuilder();
            for (var e : l.stateNanos().entrySet()) {
                if (e.getValue() > 0 && e.getKey() != WorkerState.DONE) {
                    states.append(' ').append(e.getKey().label()).append(' ').append(fmt(e.getValue() / 1e6)).append(" ms");
                }
            }
            out.printf("  %-" + nameWidth + "s %-15s pid %d  %-16s cpu %s |%s%n", l.name(), l.kind(), l.pid(),
                    l.threadName().isEmpty() ? "-" : l.threadName() + " #" + l.threadId(),
                    l.cpuNanos() < 0 ? "n/a" : fmt(l.cpuNanos() / 1e6) + " ms", states);
        }
    }

    private static String fmt(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f" : millis >= 10 ? "%.1f" : "%.2f", millis);
    }

    /**
     * Builds the children's class-data archive before the run if this build has none yet (a couple
     * of seconds, once per build), so that the run's children start from it and no training child
     * competes with them for the cores, which would inflate the start-up the lanes show.
     */
    private static void prepareChildImage(PrintWriter err) {
        if (ChildImage.isReady()) {
            return;
        }
        err.println("Preparing the class-data archive that child JVMs start from (once per build)...");
        try {
            ChildImage.prepareNow();
        } catch (java.io.IOException e) {
            err.println("No class-data archive, children start slower: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

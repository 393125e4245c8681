package org.threadlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threadlab.engine.Engine;
import org.threadlab.engine.Run;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.StateInterval;
import org.threadlab.trace.WorkerState;

/**
 * Times whole lesson runs through {@link Engine}, several repetitions each, and prints median,
 * min and max. Not a test: it asserts nothing, it reports each figure next to its target.
 *
 * <p>Arguments: any of {@code races squares downloads virtual stress explore} (or {@code all}, the
 * default), and
 * optionally {@code reps=N} (timed runs per configuration, default 5) and {@code raceRuns=N}
 * (runs per recording setting for the lost-update rate, default 30). Lessons come from
 * {@code -Dthreadlab.lessons} or {@code ./lessons}.
 *
 * <p>Every configuration gets one untimed warm-up run first, so the JIT has compiled the engine's
 * worker loop; configurations that are compared are run alternately, so a burst of load from
 * elsewhere hits both rather than one.
 */
public final class WholeRuns {
    private final Engine engine = new Engine();
    private final LessonLibrary library = LessonLibrary.standard();
    private int reps = 5;
    private int raceRuns = 30;

    public static void main(String[] args) throws Exception {
        WholeRuns bench = new WholeRuns();
        List<String> parts = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("reps=")) {
                bench.reps = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("raceRuns=")) {
                bench.raceRuns = Integer.parseInt(a.substring(9));
            } else if (!a.isBlank()) {
                parts.add(a);
            }
        }
        if (parts.isEmpty() || parts.contains("all")) {
            parts = List.of("races", "squares", "downloads", "virtual", "stress", "explore", "processes");
        }
        bench.header();
        for (String part : parts) {
            switch (part) {
                case "races" -> bench.races();
                case "squares" -> bench.squares();
                case "downloads" -> bench.downloads();
                case "virtual" -> bench.virtual();
                case "stress" -> new StepBench(bench.reps).stress();
                case "explore" -> new StepBench(bench.reps).explore();
                case "processes" -> {
                    new ProcessRuns(bench.reps).startCost();
                    new ProcessRuns(bench.reps).squares();
                }
                default -> throw new IllegalArgumentException("unknown part '" + part
                        + "'; parts: races, squares, downloads, virtual, stress, explore, processes, all; options: reps=N, raceRuns=N");
            }
        }
        System.out.println();
        System.out.println("load average at the end: " + load());
    }

    private void header() {
        System.out.println("# ThreadLab whole-run benchmarks");
        System.out.println("java.home       " + System.getProperty("java.home"));
        System.out.println("java.version    " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.vm.version") + ")");
        System.out.println("processors      " + Runtime.getRuntime().availableProcessors());
        System.out.println("max heap        " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        System.out.println("lessons         " + library.folder().toAbsolutePath());
        System.out.println("reps            " + reps + " timed runs per configuration (+1 warm-up), races: " + raceRuns
                + " runs per setting (+3 warm-up)");
        System.out.println("load average    " + load());
    }

    // ---------------------------------------------------------------- races

    /** shared-counter, no-lock, on threads: lost updates with recording on and off. */
    private void races() throws Exception {
        section("races stay visible: shared-counter, variant no-lock, mode threads, 2 workers x n=100000");
        Lesson lesson = lesson("shared-counter");
        RunConfig base = RunConfig.of(lesson).withVariant("no-lock").withMode(new RunMode.Threads());
        RunConfig on = base.withRecording(true);
        RunConfig off = base.withRecording(false);
        for (int i = 0; i < 3; i++) {
            run(on);
            run(off);
        }
        List<Long> lostOn = new ArrayList<>();
        List<Long> lostOff = new ArrayList<>();
        List<Double> wallOn = new ArrayList<>();
        List<Double> wallOff = new ArrayList<>();
        for (int i = 0; i < raceRuns; i++) {
            Timed a = run(on);
            lostOn.add(a.lost);
            wallOn.add(a.engineSeconds());
            Timed b = run(off);
            lostOff.add(b.lost);
            wallOff.add(b.engineSeconds());
        }
        raceLine("recording on ", lostOn, wallOn);
        raceLine("recording off", lostOff, wallOff);
        System.out.println("lost per run, recording on : " + lostOn);
        System.out.println("lost per run, recording off: " + lostOff);
    }

    private static long lost(RunResult r) {
        long expected = r.params().get("workers") * r.params().get("n");
        return expected - r.shared().get("counter");
    }

    private void raceLine(String label, List<Long> lost, List<Double> wall) {
        long withLoss = lost.stream().filter(l -> l > 0).count();
        double mean = lost.stream().mapToLong(Long::longValue).average().orElse(0);
        long[] sorted = lost.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT,
                "%s: runs with lost updates %d/%d (%.0f%%), lost per run mean %.0f, median %d, min %d, max %d;"
                        + " engine wall %s%n",
                label, withLoss, lost.size(), 100.0 * withLoss / lost.size(), mean, sorted[sorted.length / 2],
                sorted[0], sorted[sorted.length - 1], Stats.of(wall));
    }

    // ---------------------------------------------------------------- squares

    /** squares with 2 workers: threads and threads under the simulated GIL against sequential. */
    private void squares() throws Exception {
        section("squares: 2 workers, sequential vs threads vs threads with the simulated GIL (5 ms switch)");
        Lesson lesson = lesson("squares");
        RunConfig base = RunConfig.of(lesson).withWorkers(2);
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        configs.put("sequential", base.withMode(new RunMode.Sequential()));
        configs.put("threads", base.withMode(new RunMode.Threads()));
        configs.put("threads --gil", base.withMode(new RunMode.Threads())
                .withGil(true, RunConfig.DEFAULT_SWITCH_INTERVAL));
        Map<String, List<Timed>> timed = alternate(configs);
        double seq = Stats.median(engineSeconds(timed.get("sequential")));
        for (var e : timed.entrySet()) {
            List<Double> s = engineSeconds(e.getValue());
            System.out.printf(Locale.ROOT, "%-14s engine wall %s; outer %s; speed-up vs sequential %.2fx; cpu per lane %s%n",
                    e.getKey(), Stats.of(s), Stats.of(outerSeconds(e.getValue())), seq / Stats.median(s),
                    e.getValue().get(e.getValue().size() - 1).cpu);
        }
        double threads = seq / Stats.median(engineSeconds(timed.get("threads")));
        double gil = seq / Stats.median(engineSeconds(timed.get("threads --gil")));
        verdict("threads speed-up", threads, ">= 1.8x", threads >= 1.8, "x");
        verdict("threads --gil speed-up", gil, "<= 1.15x", gil <= 1.15, "x");
    }

    private static String cpu(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (RunResult.LaneSummary lane : r.lanes()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(lane.name()).append(' ')
                    .append(lane.cpuNanos() < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f s", lane.cpuNanos() / 1e9));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- downloads

    /** downloads: 3 workers x one 2 s download, threads vs sequential. */
    private void downloads() throws Exception {
        section("downloads: 3 workers x one 2 s loopback download, threads vs sequential");
        Lesson lesson = lesson("downloads");
        RunConfig base = RunConfig.of(lesson).withWorkers(3);
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        configs.put("threads", base.withMode(new RunMode.Threads()));
        configs.put("sequential", base.withMode(new RunMode.Sequential()));
        Map<String, List<Timed>> timed = alternate(configs);
        for (var e : timed.entrySet()) {
            System.out.printf(Locale.ROOT, "%-11s engine wall %s; outer %s%n", e.getKey(),
                    Stats.of(engineSeconds(e.getValue())), Stats.of(outerSeconds(e.getValue())));
        }
        double threads = Stats.median(engineSeconds(timed.get("threads")));
        double seq = Stats.median(engineSeconds(timed.get("sequential")));
        verdict("downloads on threads", threads, "<= 2.2 s (2 s + 10%)", threads <= 2.2, " s");
        verdict("downloads sequential", seq, "~6 s (3 x 2 s)", seq >= 6.0 && seq <= 6.6, " s");
    }

    // ---------------------------------------------------------------- virtual threads

    /** virtual-threads: 10,000 concurrent 1 s sleeps and 5,000 concurrent 1 s downloads. */
    private void virtual() throws Exception {
        section("virtual-threads: 10,000 x sleep 1 s; 5,000 x loopback download 1 s (mode virtual-threads)");
        Lesson lesson = lesson("virtual-threads");
        RunConfig base = RunConfig.of(lesson).withMode(new RunMode.VirtualThreads());
        RunConfig sleeps = base.withVariant("sleeps").withWorkers(10_000);
        RunConfig downloads = base.withVariant("downloads").withWorkers(5_000);
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        configs.put("10000 sleeps", sleeps);
        configs.put("5000 downloads", downloads);
        Map<String, List<Timed>> timed = alternate(configs);
        for (var e : timed.entrySet()) {
            System.out.printf(Locale.ROOT, "%-15s engine wall %s; outer (start() to result) %s%n", e.getKey(),
                    Stats.of(engineSeconds(e.getValue())), Stats.of(outerSeconds(e.getValue())));
        }
        double s = Stats.median(outerSeconds(timed.get("10000 sleeps")));
        double d = Stats.median(outerSeconds(timed.get("5000 downloads")));
        verdict("10,000 sleeps, outer wall", s, "<= 1.5 s", s <= 1.5, " s");
        verdict("5,000 downloads, outer wall", d, "<= 2.0 s", d <= 2.0, " s");
        for (var e : timed.entrySet()) {
            List<Timed> runs = e.getValue();
            System.out.printf(Locale.ROOT, "%-15s where the time goes (medians): before the run's clock %.3f s,"
                            + " engine wall %.3f s (of which until start() returned, i.e. making the lanes: %.3f s),"
                            + " after the run's end (trace, result) %.3f s%n", e.getKey(),
                    Stats.median(runs.stream().map(Timed::beforeSeconds).toList()),
                    Stats.median(engineSeconds(runs)),
                    Stats.median(runs.stream().map(t -> t.setUpNanos() / 1e9).toList()),
                    Stats.median(runs.stream().map(Timed::afterSeconds).toList()));
            System.out.printf(Locale.ROOT, "%-15s %s", e.getKey(), runs.get(runs.size() / 2).phases());
        }
    }

    /**
     * Inside the engine's wall time, from one run's trace: when the workers got to run, when their
     * wait (sleep or download) started and how long it took, and when they were done.
     */
    private static String phases(RunResult r) {
        StringBuilder out = new StringBuilder();
        List<Double> running = new ArrayList<>();
        List<Double> waitStart = new ArrayList<>();
        List<Double> waitLength = new ArrayList<>();
        List<Double> done = new ArrayList<>();
        long events = 0;
        StringBuilder mainStates = null;
        for (LaneEvents lane : r.trace().lanes()) {
            events += lane.size();
            if (lane.info().name().equals("main")) {
                mainStates = new StringBuilder();
                for (StateInterval s : lane.stateIntervals(r.wallNanos())) {
                    mainStates.append(String.format(Locale.ROOT, " %s %.3f-%.3f", s.state().label(), s.startNanos() / 1e9,
                            s.endNanos() / 1e9));
                }
                continue;
            }
            long firstRunning = -1;
            long waitFrom = -1;
            long waitTo = -1;
            long end = -1;
            for (StateInterval s : lane.stateIntervals(r.wallNanos())) {
                if (s.state() == WorkerState.RUNNING && firstRunning < 0) {
                    firstRunning = s.startNanos();
                }
                if ((s.state() == WorkerState.SLEEPING || s.state() == WorkerState.IO) && waitFrom < 0) {
                    waitFrom = s.startNanos();
                    waitTo = s.endNanos();
                }
                end = s.endNanos();
            }
            if (firstRunning >= 0) {
                running.add(firstRunning / 1e9);
            }
            if (waitFrom >= 0) {
                waitStart.add(waitFrom / 1e9);
                waitLength.add((waitTo - waitFrom) / 1e9);
            }
            done.add(end / 1e9);
        }
        out.append(String.format(Locale.ROOT, "%d lanes, %d events; seconds since the run's start, in the"
                + " middle one of the timed runs:%n", r.trace().lanes().size(), events));
        if (mainStates != null) {
            out.append("    main thread states  ").append(mainStates)
                    .append("  (its first 'waiting' is the launch of the workers, the second the join)\n");
        }
        out.append("    worker first running ").append(Stats.spread(running)).append('\n');
        out.append("    wait begins          ").append(Stats.spread(waitStart)).append('\n');
        out.append("    wait lasts           ").append(Stats.spread(waitLength)).append('\n');
        out.append("    worker done          ").append(Stats.spread(done)).append('\n');
        out.append(String.format(Locale.ROOT, "    run ends             %.3f%n", r.wallNanos() / 1e9));
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * What is kept of one run (not its trace, so that many runs of 10,000 lanes do not fill the
     * heap): {@code outerNanos} from {@code Engine.start} to the result, {@code beforeNanos} of it
     * spent before the run's clock started (checks, compiling the lesson), {@code setUpNanos} from
     * the run's clock starting to {@code start()} returning (making the lanes, starting the run
     * thread), the engine's own wall time ({@link RunResult#wallNanos}), and the rest after the
     * run's end (freezing the trace, building the result).
     */
    record Timed(long wallNanos, long outerNanos, long beforeNanos, long setUpNanos, long lost, String cpu,
                 String phases) {
        double engineSeconds() {
            return wallNanos / 1e9;
        }

        double outerSeconds() {
            return outerNanos / 1e9;
        }

        double beforeSeconds() {
            return beforeNanos / 1e9;
        }

        double afterSeconds() {
            return (outerNanos - beforeNanos - wallNanos) / 1e9;
        }
    }

    private Timed run(RunConfig config) throws InterruptedException {
        long t0 = System.nanoTime();
        Run started = engine.start(config);
        long returned = System.nanoTime();
        long before = started.recorder().origin() - t0;
        long setUp = returned - started.recorder().origin();
        RunResult r = started.await();
        long outer = System.nanoTime() - t0;
        if (r.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("run of " + r.lesson() + " " + r.variant() + " " + r.mode() + " ended "
                    + r.status() + ": " + r.messages());
        }
        boolean many = r.lanes().size() > 100;
        return new Timed(r.wallNanos(), outer, before, setUp,
                r.shared().containsKey("counter") ? lost(r) : 0, many ? "" : cpu(r), many ? phases(r) : "");
    }

    /** One warm-up of each, then {@link #reps} rounds running each configuration once, in turn. */
    private Map<String, List<Timed>> alternate(Map<String, RunConfig> configs) throws InterruptedException {
        Map<String, List<Timed>> out = new LinkedHashMap<>();
        for (var e : configs.entrySet()) {
            Timed warmUp = run(e.getValue());
            System.out.printf(Locale.ROOT, "  %s warm-up run, not counted (the first of it in this JVM): engine wall %.3f s,"
                    + " outer %.3f s%n", e.getKey(), warmUp.engineSeconds(), warmUp.outerSeconds());
            out.put(e.getKey(), new ArrayList<>());
        }
        for (int i = 0; i < reps; i++) {
            for (var e : configs.entrySet()) {
                out.get(e.getKey()).add(run(e.getValue()));
            }
        }
        for (var e : out.entrySet()) {
            System.out.println("  " + e.getKey() + " engine wall per run (s): "
                    + e.getValue().stream().map(t -> String.format(Locale.ROOT, "%.3f", t.engineSeconds())).toList());
        }
        return out;
    }

    private static List<Double> engineSeconds(List<Timed> runs) {
        return runs.stream().map(Timed::engineSeconds).toList();
    }

    private static List<Double> outerSeconds(List<Timed> runs) {
        return runs.stream().map(Timed::outerSeconds).toList();
    }

    private Lesson lesson(String id) throws LessonException {
        return library.find(id);
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("## " + title);
        System.out.println("load average " + load());
    }

    private static void verdict(String what, double value, String target, boolean met, String unit) {
        System.out.printf(Locale.ROOT, "RESULT %-30s %.3f%s  target %-22s %s%n", what, value, unit, target,
                met ? "MET" : "MISSED");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** Median, min and max of some seconds. */
    static final class Stats {
        static double median(List<Double> xs) {
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        static String of(List<Double> xs) {
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return String.format(Locale.ROOT, "median %.3f s (min %.3f, max %.3f, n=%d)", median(xs), s[0],
                    s[s.length - 1], s.length);
        }

        /** Min, quartiles and max, for the spread of times across thousands of workers. */
        static String spread(List<Double> xs) {
            if (xs.isEmpty()) {
                return "none";
            }
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return String.format(Locale.ROOT, "min %.3f  p25 %.3f  p50 %.3f  p75 %.3f  p99 %.3f  max %.3f",
                    s[0], s[s.length / 4], s[s.length / 2], s[s.length * 3 / 4], s[(int) (s.length * 0.99)],
                    s[s.length - 1]);
        }

        private Stats() {}
    }

    private WholeRuns() {}
}

package org.threadlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.stress.Stress;
import org.threadlab.engine.stress.StressOutcome;
import org.threadlab.engine.stress.StressSnapshot;
import org.threadlab.lesson.LessonLibrary;

/**
 * ThreadLab's Real stress and jcstress 0.16 on the same race, one after the other in one run (issue 18):
 * {@code shared-counter}, variant {@code no-lock}, {@code n=1} (two threads, one unlocked {@code counter++}
 * each, then the counter is read) against {@link LostUpdateJcstress} (two actors {@code v++}, the arbiter
 * reads). For both: trials per second, the share of each outcome (2 = both landed, 1 = lost update) and
 * lost updates per second.
 *
 * <p>What the times include. ThreadLab: the stress's own clock, from the start of its workers to the end of
 * the last stride, in this JVM, cold (the JIT compiles while it runs, as in the window). jcstress runs in a
 * child JVM ({@code org.openjdk.jcstress.Main}) that probes the OS and the VM, then forks one JVM per
 * configuration (compilation modes, stress flags), each with warm-up and timed iterations. Its rates are
 * given three ways: over the whole child process, over its testing phase (from the end of the probing to
 * the last result) and over the nominal sampling time (configurations x iterations x time per iteration,
 * as jcstress prints them), the most favourable to jcstress.
 *
 * <p>System properties: {@code bench.stressSeconds} (default 10), {@code bench.jcstress} (jcstress options,
 * default {@code -m quick -f 1}), {@code bench.results} (folder for jcstress's output and report).
 */
public final class JcstressSideBySide {
    private static final Pattern RESULT_ROW = Pattern.compile("^\\s*([12])\\s+([\\d,]+)\\s+[\\d.]+%\\s+\\S+.*$");
    private static final Pattern ITERATIONS = Pattern.compile("Iterations per fork:\\s*(\\d+)");
    private static final Pattern ITERATION_MS = Pattern.compile("Time per iteration:\\s*(\\d+)\\s*ms");

    private JcstressSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        double stressSeconds = Double.parseDouble(System.getProperty("bench.stressSeconds", "10"));
        String jcstressOptions = System.getProperty("bench.jcstress", "-m quick -f 1").trim();
        Path results = Path.of(System.getProperty("bench.results", "target/jcstress-results")).toAbsolutePath();
        System.out.println("# Real stress against jcstress 0.16, shared-counter no-lock n=1, " + ZonedDateTime.now());
        System.out.println("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, load average before: " + load());

        Side threadlab = threadLab(stressSeconds);
        System.out.println("load average between: " + load());
        Side jcstress = jcstress(jcstressOptions, results);
        System.out.println("load average after: " + load());

        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %12s %14s %16s %9s %9s %14s%n", "", "time s", "trials", "trials/s",
                "2 (both)", "1 (lost)", "lost/s");
        threadlab.print();
        jcstress.print();
        for (Side.Rate r : jcstress.rates()) {
            double ours = threadlab.rates().getFirst().lostPerSecond(threadlab);
            double theirs = r.lostPerSecond(jcstress);
            System.out.printf(Locale.ROOT, "target (ThreadLab lost/s >= jcstress lost/s over %s): %s (%.2fx)%n", r.what(),
                    ours >= theirs ? "MET" : "NOT MET", ours / theirs);
        }
    }

    /** One side's counts and the time spans its rates are given over. */
    private record Side(String name, long both, long lost, List<Rate> rates) {
        record Rate(String what, double seconds) {
            double lostPerSecond(Side s) {
                return s.lost / seconds;
            }
        }

        long trials() {
            return both + lost;
        }

        void print() {
            for (Rate r : rates) {
                System.out.printf(Locale.ROOT, "%-58s %12.2f %,14d %,16.0f %8.2f%% %8.2f%% %,14.0f%n",
                        name + ", " + r.what(), r.seconds(), trials(), trials() / r.seconds(), 100.0 * both / trials(),
                        100.0 * lost / trials(), lost / r.seconds());
            }
        }
    }

    private static Side threadLab(double seconds) throws Exception {
        CompiledLesson c = CompiledLesson.of(LessonLibrary.standard().find("shared-counter"), "no-lock", 2, Map.of("n", 1L));
        System.out.printf(Locale.ROOT, "%n## ThreadLab Stress, %.0f s (cold: the first stress in this JVM)%n", seconds);
        long wallStart = System.nanoTime();
        StressSnapshot s = new Stress(c, new Stress.Limits(Long.MAX_VALUE, Duration.ofNanos((long) (seconds * 1e9))))
                .start().await();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        long both = 0;
        long lost = 0;
        for (StressOutcome o : s.outcomes()) {
            long counter = o.shared().get("counter");
            if (o.deadlock() || counter < 1 || counter > 2) {
                throw new IllegalStateException("unexpected outcome " + o);
            }
            if (counter == 2) {
                both += o.trials();
            } else {
                lost += o.trials();
            }
        }
        if (both + lost != s.trials()) {
            throw new IllegalStateException("outcomes " + (both + lost) + " != trials " + s.trials());
        }
        System.out.printf(Locale.ROOT, "%,d trials, stopped after %s; %.2f %% of %,d sampled trials overlapped;"
                + " start and await took %.2f s%n", s.trials(), s.stopReason(), 100 * s.overlapShare(), s.sampledTrials(), wall);
        return new Side("ThreadLab Stress", both, lost, List.of(new Side.Rate("stress clock", s.nanos() / 1e9)));
    }

    private static Side jcstress(String options, Path results) throws IOException, InterruptedException {
        Files.createDirectories(results);
        Path log = results.resolve("jcstress-output.txt");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "org.openjdk.jcstress.Main",
                "-t", LostUpdateJcstress.class.getSimpleName(), "-r", results.resolve("report").toString()));
        command.addAll(Arrays.asList(options.split("\\s+")));
        System.out.println();
        System.out.println("## jcstress: " + String.join(" ", command.subList(3, command.size())));
        System.out.println("(its whole output goes to " + log + ")");
        long start = System.nanoTime();
        long testingStart = -1;
        long lastResult = -1;
        int configurations = 0;
        int iterations = -1;
        int iterationMs = -1;
        boolean summary = false;
        String lastProgress = "";
        long both = -1;
        long lost = -1;
        Process p = new ProcessBuilder(command).directory(results.toFile()).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                long now = System.nanoTime();
                Matcher m;
                if ((m = ITERATIONS.matcher(line)).find()) {
                    iterations = Integer.parseInt(m.group(1));
                } else if ((m = ITERATION_MS.matcher(line)).find()) {
                    iterationMs = Integer.parseInt(m.group(1));
                } else if (line.contains("Attached the non-interactive output stream")) {
                    testingStart = now; // probing done: from here on the forks run the test
                } else if (line.startsWith("RUN RESULTS")) {
                    summary = true;
                } else if (!summary && line.trim().startsWith("Fork: #")) {
                    configurations++; // one result block per configuration and fork
                    lastResult = now;
                } else if (summary && line.contains("Results across all configurations")) {
                    System.out.println(line);
                } else if (summary && (m = RESULT_ROW.matcher(line)).matches()) {
                    System.out.println(line);
                    long n = Long.parseLong(m.group(2).replace(",", ""));
                    if (m.group(1).equals("2")) {
                        both = n;
                    } else {
                        lost = n;
                    }
                } else if (line.startsWith("(Results:") && !line.equals(lastProgress)) {
                    System.out.println(line); // jcstress repeats its progress line; show each new count once
                    lastProgress = line;
                }
            }
        } finally {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (both < 0 || testingStart < 0) {
            throw new IllegalStateException("jcstress (exit " + exit + ") printed no result table; see " + log);
        }
        if (lost < 0) {
            lost = 0; // no row for "1": jcstress saw no lost update
        }
        System.out.printf(Locale.ROOT, "exit %d; %d configurations x %d iterations x %d ms; whole run %.2f s%n", exit,
                configurations, iterations, iterationMs, wall);
        List<Side.Rate> rates = new ArrayList<>();
        rates.add(new Side.Rate("whole run, start-up and forks", wall));
        rates.add(new Side.Rate("testing phase (after probing)", (lastResult - testingStart) / 1e9));
        if (iterations > 0 && iterationMs > 0) {
            rates.add(new Side.Rate("nominal sampling time", configurations * iterations * iterationMs / 1e3));
        }
        return new Side("jcstress", both, lost, rates);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}

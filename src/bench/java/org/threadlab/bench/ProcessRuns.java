package org.threadlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.ToolProvider;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.engine.process.ChildImage;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.WorkerState;

/**
 * The process modes' costs (part {@code processes} of {@link WholeRuns}):
 *
 * <ul>
 *   <li>a child's start-up: from the parent's {@code start} (the lane's {@code starting} state) to
 *       the child's first step, in runs of {@code process-memory}, with and without the
 *       class-data-sharing archive of {@link ChildImage}, against two bare hello-world JVMs started
 *       side by side ({@code java -cp DIR Hello}, timed from {@code ProcessBuilder.start()} to the
 *       {@code System.nanoTime()} it prints first thing in {@code main}: the same monotonic clock),
 *       one with the children's own JVM flags (the fair baseline, which the target is against) and
 *       one without them;
 *   <li>{@code squares} with 2 processes and the simulated GIL on, against {@code sequential}.
 * </ul>
 * The configurations run alternately, so a burst of load hits all of them.
 */
final class ProcessRuns {
    private final Engine engine = new Engine();
    private final LessonLibrary library = LessonLibrary.standard();
    private final int reps;

    ProcessRuns(int reps) {
        this.reps = reps;
    }

    void startCost() throws Exception {
        System.out.println();
        System.out.println("## processes: child start-to-first-event vs a bare hello-world JVM");
        System.out.println("load average " + load());
        long t = System.nanoTime();
        boolean ready = ChildImage.prepareNow();
        System.out.printf(Locale.ROOT, "CDS archive of the child's classes ready: %s (%.2f s, 0 when cached)%n", ready,
                (System.nanoTime() - t) / 1e9);
        Path hello = helloDir();
        Lesson lesson = library.find("process-memory");
        RunConfig config = RunConfig.of(lesson).withMode(new RunMode.Processes());
        int n = Math.max(reps, 5) * 3;
        // process-memory does not compute, so its children get the lean flags (C1 only, serial GC, small heap)
        List<String> childFlags = ChildImage.childJvmFlags(false);
        List<Double> bare = new ArrayList<>();
        List<Double> sameFlags = new ArrayList<>();
        List<Double> cds = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        // warm up: the parent's JIT, the page cache
        firstStep(config, true);
        firstStep(config, false);
        bare(hello, List.of());
        bare(hello, childFlags);
        for (int i = 0; i < n; i++) {
            bare.add(bare(hello, List.of()));
            sameFlags.add(bare(hello, childFlags));
            cds.add(firstStep(config, true));
            plain.add(firstStep(config, false));
        }
        double b = WholeRuns.Stats.median(bare);
        double f = WholeRuns.Stats.median(sameFlags);
        double c = WholeRuns.Stats.median(cds);
        double p = WholeRuns.Stats.median(plain);
        System.out.printf(Locale.ROOT, "child flags: %s%n", String.join(" ", childFlags));
        System.out.printf(Locale.ROOT, "bare java -cp DIR Hello, start to main  %s%n", ms(bare));
        System.out.printf(Locale.ROOT, "bare java, child flags, start to main   %s%n", ms(sameFlags));
        System.out.printf(Locale.ROOT, "child with the CDS archive, to 1st step %s  = %.2fx bare with the same flags, %.2fx bare without%n",
                ms(cds), c / f, c / b);
        System.out.printf(Locale.ROOT, "child without it (-Dthreadlab.noAppCds) %s  = %.2fx bare with the same flags, %.2fx bare without%n",
                ms(plain), p / f, p / b);
        System.out.printf(Locale.ROOT, "TARGET child start-to-first-event <= 1.5x a bare JVM with the same flags: %.2fx -> %s%n",
                c / f, c / f <= 1.5 ? "MET" : "NOT MET");
        System.out.println("load average " + load());
    }

    void squares() throws Exception {
        System.out.println();
        System.out.println("## processes: squares, 2 workers, sequential vs 2 processes with the simulated GIL (5 ms)");
        System.out.println("load average " + load());
        ChildImage.prepareNow();
        Lesson lesson = library.find("squares");
        RunConfig base = RunConfig.of(lesson).withWorkers(2);
        RunConfig seq = base.withMode(new RunMode.Sequential());
        RunConfig procs = base.withMode(new RunMode.Processes()).withGil(true, RunConfig.DEFAULT_SWITCH_INTERVAL);
        RunConfig threadsGil = base.withMode(new RunMode.Threads()).withGil(true, RunConfig.DEFAULT_SWITCH_INTERVAL);
        RunConfig threads = base.withMode(new RunMode.Threads());
        engine.run(seq);
        engine.run(procs);
        engine.run(threadsGil);
        engine.run(threads);
        List<Double> s = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> g = new ArrayList<>();
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            s.add(wall(seq));
            p.add(wall(procs));
            g.add(wall(threadsGil));
            t.add(wall(threads));
        }
        double speedUp = WholeRuns.Stats.median(s) / WholeRuns.Stats.median(p);
        System.out.printf(Locale.ROOT, "sequential            wall %s%n", WholeRuns.Stats.of(s));
        System.out.printf(Locale.ROOT, "processes --gil       wall %s  speed-up %.2fx%n", WholeRuns.Stats.of(p), speedUp);
        System.out.printf(Locale.ROOT, "threads --gil         wall %s  speed-up %.2fx%n", WholeRuns.Stats.of(g),
                WholeRuns.Stats.median(s) / WholeRuns.Stats.median(g));
        System.out.printf(Locale.ROOT, "threads (no GIL)      wall %s  speed-up %.2fx (what the machine's free cores allow)%n",
                WholeRuns.Stats.of(t), WholeRuns.Stats.median(s) / WholeRuns.Stats.median(t));
        System.out.printf(Locale.ROOT, "TARGET processes --gil >= 1.6x sequential: %.2fx -> %s%n", speedUp,
                speedUp >= 1.6 ? "MET" : "NOT MET");
        System.out.println("load average " + load());
    }

    private double wall(RunConfig config) throws InterruptedException {
        RunResult r = engine.run(config);
        if (r.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException(r.status() + ": " + r.messages());
        }
        return r.wallNanos() / 1e9;
    }

    /** Seconds from the child lane's "starting" to its first step. */
    private double firstStep(RunConfig config, boolean cds) throws InterruptedException {
        System.setProperty("threadlab.noAppCds", Boolean.toString(!cds));
        try {
            RunResult r = engine.run(config);
            long start = -1;
            for (TraceEvent e : r.trace().events()) {
                if (e instanceof TraceEvent.StateChanged s && r.trace().lanes().get(s.lane()).info().inChildProcess()) {
                    if (s.state() == WorkerState.STARTING) {
                        start = s.nanos();
                    } else if (start >= 0) {
                        return (s.nanos() - start) / 1e9;
                    }
                }
            }
            throw new IllegalStateException("no start-up in " + r.status() + " " + r.messages());
        } finally {
            System.clearProperty("threadlab.noAppCds");
        }
    }

    /** Seconds from ProcessBuilder.start() to the first thing a bare JVM's main does, started with {@code flags}. */
    private static double bare(Path dir, List<String> flags) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", dir.toString(), "Hello"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        p.waitFor();
        return (Long.parseLong(line.trim()) - t0) / 1e9;
    }

    private static Path helloDir() throws IOException {
        Path dir = Files.createTempDirectory("threadlab-hello");
        Path src = dir.resolve("Hello.java");
        Files.writeString(src, "public class Hello { public static void main(String[] a) {"
                + " System.out.println(System.nanoTime()); } }");
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), src.toString()) != 0) {
            throw new IOException("cannot compile Hello");
        }
        Files.delete(src);
        dir.toFile().deleteOnExit();
        dir.resolve("Hello.class").toFile().deleteOnExit();
        return dir;
    }

    private static String ms(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %5.0f ms (min %.0f, max %.0f, n=%d)", WholeRuns.Stats.median(xs) * 1e3,
                s[0] * 1e3, s[s.length - 1] * 1e3, s.length);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

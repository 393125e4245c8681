package org.threadlab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.python.GilComparison;
import org.threadlab.engine.python.PythonInterpreter;
import org.threadlab.engine.python.PythonRunner;
import org.threadlab.engine.python.PythonTask;
import org.threadlab.engine.python.SimulatedSpeedUps;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;

/**
 * Real CPython against ThreadLab's simulated GIL, side by side in one run (issue 17,
 * docs/performance.md): for each lesson about speed, its Python listing once per mode at its
 * python-run scale (sequential, threads, processes, one after another), then the lesson itself on
 * ThreadLab, sequential and each mode with the simulated GIL; ROUNDS rounds in turn, medians of the
 * speed-ups over sequential. Nothing runs beside anything else, so no two share the cores.
 */
public final class PythonGilBench {
    private PythonGilBench() {}

    /** Lesson and variant ("" = default). */
    private static final List<String[]> CASES = List.of(
            new String[] {"squares", ""}, new String[] {"process-squares", "sum"},
            new String[] {"downloads", ""}, new String[] {"compare", "cpu"}, new String[] {"compare", "io"});

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        PythonInterpreter python = PythonInterpreter.find(System.getProperty("bench.python"));
        PythonRunner runner = new PythonRunner(python);
        Engine engine = new Engine();
        LessonLibrary library = LessonLibrary.standard();
        System.out.printf(Locale.ROOT, "%s, %s (%s); %d processors; load before %s%n", python.label(), python.gilLabel(),
                python.executable(), Runtime.getRuntime().availableProcessors(), load());
        Map<String, List<Double>> real = new LinkedHashMap<>();
        Map<String, List<Double>> simulated = new LinkedHashMap<>();
        Map<String, String> counts = new LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            for (String[] c : CASES) {
                Lesson lesson = library.find(c[0]);
                PythonTask task = PythonTask.of(lesson, c[1]);
                List<String> modes = task.run().modes();
                GilComparison g = runner.compare(task, line -> {}).await();
                SimulatedSpeedUps s = SimulatedSpeedUps.measure(engine, lesson, c[1], modes, RunConfig.DEFAULT_SWITCH_INTERVAL);
                String key = c[0] + (c[1].isEmpty() ? "" : " (" + c[1] + ")");
                counts.put(key, task.countsText() + ", scale " + task.scale());
                for (String mode : modes) {
                    if (mode.equals(GilComparison.SEQUENTIAL)) {
                        continue;
                    }
                    real.computeIfAbsent(key + "|" + mode, k -> new ArrayList<>()).add(g.speedUp(mode).orElse(Double.NaN));
                    simulated.computeIfAbsent(key + "|" + mode, k -> new ArrayList<>()).add(s.speedUp(mode));
                }
                System.out.printf(Locale.ROOT, "round %d %-26s real %s  simulated %s%n", r, key, walls(g, modes), s.wallNanos());
            }
        }
        System.out.println();
        System.out.println("| lesson | CPython counts | mode | CPython speed-up (real) | ThreadLab speed-up (simulated GIL) | agree within 15 % |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (var e : real.entrySet()) {
            String[] k = e.getKey().split("\\|");
            double rm = median(e.getValue());
            double sm = median(simulated.get(e.getKey()));
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2fx (%s) | %.2fx (%s) | %s |%n", k[0], counts.get(k[0]), k[1],
                    rm, list(e.getValue()), sm, list(simulated.get(e.getKey())),
                    SimulatedSpeedUps.agree(rm, sm) ? "yes" : "no");
        }
        System.out.println("load after " + load());
    }

    private static String walls(GilComparison g, List<String> modes) {
        StringBuilder sb = new StringBuilder();
        for (String m : modes) {
            sb.append(m).append('=').append(g.run(m).map(r -> r.wallText() + (r.asExpected() ? "" : " " + r.endingText()))
                    .orElse("-")).append(' ');
        }
        return sb.toString().strip();
    }

    private static String list(List<Double> xs) {
        return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }
}

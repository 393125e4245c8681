package org.threadlab.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.threadlab.engine.WarmUp;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneLog;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * The first Run in a fresh window: from the click on Run to the first picture with lanes in it,
 * in a new JVM each time (nothing loaded, nothing compiled), without the engine's warm-up and
 * with it, side by side. The whole window at 1280x800 on a headless (Monocle) screen with the
 * software renderer.
 *
 * <p>Each sample is its own JVM: it opens the window and the lesson, waits {@code settle} ms (a
 * learner reads the lesson before pressing Run; both kinds wait the same), clicks the Run button
 * and notes, at the end of each pulse's layout, when the run was taken over by the window (the
 * end of "Starting..."), when the timeline first drew a lane, and, from the trace, how far into
 * the run the first lane's first event lies (the empty space at the left of the timeline).
 * Cold samples turn the warm-up off with {@code -Dthreadlab.warmUp=false}; cold and warm JVMs
 * alternate, so a busy machine slows both alike.
 *
 * <p>Run: {@code mvn -B -P bench test-compile exec:exec -Dexec.args="-cp %classpath
 * org.threadlab.bench.FirstRunBench"}; options after the class name: {@code samples=5
 * settle=3000 lesson=shared-counter}.
 */
public final class FirstRunBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("samples", "5", "settle", "3000",
                "lesson", "shared-counter"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("options are name=value; got " + a);
            }
            options.put(kv[0], kv[1]);
        }
        if (options.containsKey("child")) {
            child(options.get("lesson"), Long.parseLong(options.get("settle")));
            return;
        }
        int samples = Integer.parseInt(options.get("samples"));
        System.out.printf(Locale.ROOT, "first Run of %s in a fresh window, 1280x800, %d samples each, %s ms after"
                        + " the lesson opened; Java %s, %d processors%n", options.get("lesson"), samples,
                options.get("settle"), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Map<Boolean, List<double[]>> results = new LinkedHashMap<>();
        results.put(false, new ArrayList<>());
        results.put(true, new ArrayList<>());
        for (int i = 1; i <= samples; i++) {
            for (boolean warm : new boolean[] {false, true}) {
                double[] r = sample(warm, options.get("lesson"), options.get("settle"));
                results.get(warm).add(r);
                System.out.printf(Locale.ROOT, "  %d %-5s run started %5.0f ms, first lane drawn %5.0f ms after"
                                + " the click; first event %5.1f ms into the run; run %5.0f ms%n", i, warm ? "warm" : "cold",
                        r[4], r[1], r[2], r[3]);
            }
        }
        System.out.println("median over the samples:");
        for (var e : results.entrySet()) {
            List<double[]> rs = e.getValue();
            System.out.printf(Locale.ROOT, "  %-5s run started %5.0f ms, first lane drawn %5.0f ms after the click;"
                    + " first event %5.1f ms into the run%n", e.getKey() ? "warm" : "cold", median(rs, 4), median(rs, 1),
                    median(rs, 2));
        }
    }

    private static double median(List<double[]> rs, int column) {
        double[] v = rs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    /** One sample in its own JVM: its figures, in ms. */
    private static double[] sample(boolean warm, String lesson, String settle) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dthreadlab.warmUp=" + warm));
        if (System.getProperty("threadlab.lessons") != null) {
            command.add("-Dthreadlab.lessons=" + System.getProperty("threadlab.lessons"));
        }
        command.addAll(List.of(FirstRunBench.class.getName(), "child=1", "lesson=" + lesson, "settle=" + settle));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        double[] figures = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("FIGURES ")) {
                    figures = Arrays.stream(line.substring(8).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                } else if (!line.isBlank() && !line.contains("WARNING")) {
                    System.out.println("    | " + line);
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || figures == null) {
            p.destroyForcibly();
            throw new IllegalStateException("a sample JVM gave no figures");
        }
        return figures;
    }

    /** The child JVM: one fresh window, one click on Run. */
    private static void child(String lessonId, long settleMillis) throws Exception {
        try {
            measureChild(lessonId, settleMillis);
        } finally {
            System.exit(0); // the FX threads would keep a failed sample's JVM alive
        }
    }

    private static void measureChild(String lessonId, long settleMillis) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1280x800-32");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        var lesson = LessonLibrary.standard().find(lessonId);
        MainWindow[] window = new MainWindow[1];
        long[] clicked = {0};
        long[] takenOver = {0};
        long[] adopted = {0};
        long[] firstLane = {0};
        CompletableFuture<Void> drawn = new CompletableFuture<>();
        fx(() -> {
            Stage stage = new Stage();
            window[0] = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), CompletionStore.inMemory());
            window[0].open(lesson);
            Scene scene = stage.getScene();
            window[0].session().startingProperty().addListener((o, was, now) -> {
                if (!now && adopted[0] == 0) {
                    adopted[0] = System.nanoTime(); // in the frame that takes the run over, before it draws
                }
            });
            scene.addPostLayoutPulseListener(() -> {
                if (clicked[0] == 0) {
                    return;
                }
                long now = System.nanoTime();
                if (takenOver[0] == 0 && !window[0].session().startingProperty().get()) {
                    takenOver[0] = now;
                }
                if (firstLane[0] == 0 && window[0].timeline().drawnLaneCount() > 0) {
                    firstLane[0] = now;
                    drawn.complete(null);
                }
            });
        });
        Thread.sleep(settleMillis);
        fx(() -> {
            clicked[0] = System.nanoTime();
            ((Button) window[0].getScene().lookup("#run")).fire();
        });
        drawn.get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        fx(() -> {
            window[0].session().resultProperty().addListener((o, a, r) -> {
                if (r != null) {
                    ended.complete(null);
                }
            });
            if (window[0].session().resultProperty().get() != null) {
                ended.complete(null); // it ended before the first lane was drawn
            }
        });
        ended.get(120, TimeUnit.SECONDS);
        double[] out = new double[5];
        fx(() -> {
            var result = window[0].session().resultProperty().get();
            long first = Long.MAX_VALUE;
            for (LaneLog lane : window[0].session().feedProperty().get().lanes()) {
                if (lane.size() > 0) {
                    first = Math.min(first, lane.nanos(0));
                }
            }
            out[0] = (takenOver[0] - clicked[0]) / 1e6;
            out[1] = (firstLane[0] - clicked[0]) / 1e6;
            out[2] = first / 1e6;
            out[3] = result.wallNanos() / 1e6;
            out[4] = (adopted[0] - clicked[0]) / 1e6;
            System.out.println("warm-up ran: " + WarmUp.runs());
            window[0].dispose();
        });
        System.out.printf(Locale.ROOT, "FIGURES %.1f %.1f %.2f %.1f %.1f%n", out[0], out[1], out[2], out[3], out[4]);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        f.get(60, TimeUnit.SECONDS);
    }
}

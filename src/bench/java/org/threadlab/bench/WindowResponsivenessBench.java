package org.threadlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * How fast the real window reacts to a replay control while a big run goes on: by default the
 * {@code virtual-threads} lesson with 10,000 virtual threads, in the whole window at 1920x1080 with
 * the software renderer on a headless (Monocle) screen. Target: at most 100 ms.
 *
 * <p>While the run is in progress, a bench thread presses Home (rewind), Right (step to the next
 * event), Space (play or pause) and the play button in turn every 25 ms, the keys as key events
 * sent to the window and the button as a click on it: the replay controls a learner uses while a
 * run goes on. Each press is timed from the moment it
 * is posted to the end of the first layout pass after the FX thread dispatched it to the window's
 * key handler: the moment the new position can be drawn. (Timing the playhead's change instead
 * would miss presses that leave it where it was, such as Home while it is still at 0.) That includes waiting for the FX thread, which is what a learner
 * feels. Presses made after the run finished are not counted.
 *
 * <p>Run: {@code mvn -B -P bench test-compile exec:exec -Dexec.args="-Xmx2g -cp %classpath
 * org.threadlab.bench.WindowResponsivenessBench"}; options after the class name: {@code
 * workers=10000 runs=5 width=1920 height=1080 lesson=virtual-threads}.
 */
public final class WindowResponsivenessBench {
    /** The presses in turn: Home, Right, Space, then the play button (null). */
    private static final KeyCode[] PRESSES = {KeyCode.HOME, KeyCode.RIGHT, KeyCode.SPACE, null};
    private int workers = 10_000;
    private int runs = 5;
    private int width = 1920;
    private int height = 1080;
    private String lessonId = "virtual-threads";

    private MainWindow window;
    private Scene scene;
    /** Posted-at time of the press being measured, or 0; set by the bench thread, read on the FX thread. */
    private volatile long pressedAt;
    private volatile boolean reacted;
    private final List<Long> latencies = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        WindowResponsivenessBench bench = new WindowResponsivenessBench();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "workers" -> bench.workers = Integer.parseInt(kv[1].replace("_", ""));
                case "runs" -> bench.runs = Integer.parseInt(kv[1]);
                case "width" -> bench.width = Integer.parseInt(kv[1]);
                case "height" -> bench.height = Integer.parseInt(kv[1]);
                case "lesson" -> bench.lessonId = kv[1];
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        // Monocle clears and composes its whole headless screen every frame: make it the window's
        // size, as a real screen showing the window full-size would be, not a larger one
        System.setProperty("headless.geometry", bench.width + "x" + bench.height + "-32");
        bench.run();
        Platform.exit();
        System.exit(0);
    }

    private void run() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Lesson lesson = LessonLibrary.standard().find(lessonId);
        fx(() -> {
            Stage stage = new Stage();
            window = new ThreadLabApp().start(stage, AppOptions.parse("--size", width + "x" + height),
                    CompletionStore.inMemory());
            scene = stage.getScene();
            window.open(lesson);
            window.session().workersProperty().set(workers);
            // a scene filter sees the press just before the window's own key filter handles it
            scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (pressedAt != 0) {
                    reacted = true;
                }
            });
            scene.addPostLayoutPulseListener(() -> {
                long at = pressedAt;
                if (at != 0 && reacted) {
                    latencies.add(System.nanoTime() - at);
                    reacted = false;
                    pressedAt = 0;
                }
            });
        });
        System.out.printf(Locale.ROOT, "lesson %s, %d workers, window %dx%d, %d runs, Java %s%n", lessonId, workers,
                width, height, runs, System.getProperty("java.version"));
        for (int r = 1; r <= runs; r++) {
            int before = fxCall(latencies::size);
            fx(() -> window.session().start());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int lost = 0;
            int press = 0;
            while (fxCall(() -> window.session().runningProperty().get()) && System.nanoTime() < deadline) {
                KeyCode key = PRESSES[press++ % PRESSES.length];
                pressedAt = System.nanoTime();
                if (key == null) {
                    Platform.runLater(() -> {
                        reacted = true; // the play button, clicked: its action runs now
                        ((javafx.scene.control.Button) scene.lookup("#play")).fire();
                    });
                } else {
                    Platform.runLater(() -> Event.fireEvent(scene.getFocusOwner() != null ? scene.getFocusOwner() : window,
                            new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false)));
                }
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (pressedAt != 0 && System.nanoTime() < waitUntil) {
                    Thread.sleep(1);
                }
                if (pressedAt != 0) {
                    lost++; // no reaction within 5 s: counted apart, never hidden
                    pressedAt = 0;
                }
                Thread.sleep(25);
            }
            // the last press may have landed after the run ended; keep only those made while it ran
            List<Long> mine = fxCall(() -> new ArrayList<>(latencies.subList(before, latencies.size())));
            var result = window.session().resultProperty().get();
            System.out.printf(Locale.ROOT, "run %d: %s in %d ms; %s%s%n", r, result == null ? "?" : result.status(),
                    result == null ? -1 : result.wallNanos() / 1_000_000, summary(mine),
                    lost > 0 ? "; " + lost + " presses got no reaction within 5 s" : "");
            Thread.sleep(500);
        }
        System.out.println("all runs: " + summary(fxCall(() -> new ArrayList<>(latencies))));
    }

    private static String summary(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no presses";
        }
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "%d presses, reaction median %.1f ms, p95 %.1f ms, max %.1f ms", s.length,
                s[s.length / 2] / 1e6, s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] / 1e6,
                s[s.length - 1] / 1e6);
    }

    private static void fx(Runnable r) throws Exception {
        fxCall(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T fxCall(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}

package org.threadlab.ui.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.python.PythonInterpreter;
import org.threadlab.engine.python.Pythons;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * The Python tab in the real window, headless: a lesson's Python listing runs on the machine's
 * Python only after consent, its output and times come to the screen and the wall-time chart, and
 * another lesson stops and clears it. Skipped, with the reason, where there is no Python 3.10+.
 */
@ExtendWith(ApplicationExtension.class)
class PythonTabWindowTest {
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<PythonPanel.ConsentRequest> asked = new CopyOnWriteArrayList<>();
    private volatile boolean agree = true;
    private MainWindow window;
    private Thread.UncaughtExceptionHandler previous;
    @TempDir
    Path dir;

    /** A lesson from outside the built-in library whose Python listing prints its count, then waits if told to. */
    private static final String OWN_LESSON = """
            id: %ID%
            title: Own
            summary: A lesson of the teacher's own.
            narration: Two workers add.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            params:
              n: 10
            shared:
              variables: {counter: 0}
            workers:
              - name: adder
                copies: 2
                steps:
                  - repeat: n
                    steps:
                      - increment: counter
            listings:
              java: "x();"
              python: |
                import argparse, os, threading
                if __name__ == "__main__":
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--n", type=int, default=1000)
                    args = parser.parse_args()
                    print(f"pid {os.getpid()} counting to {args.n}", flush=True)
                    %WAIT%
                    print("done")
            %RUN%
            run:
              modes: [threads]
            outcomes:
              - when: counter >= 0
                grade: acceptable
                text: Fine.
            """;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1600x1000"), CompletionStore.inMemory());
    }

    @BeforeEach
    void setUp() throws Exception {
        fx(() -> {
            previous = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            return null;
        });
    }

    @AfterEach
    void noExceptionReachedTheFxThread() throws Exception {
        fx(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
            window.dispose();
            return null;
        });
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(20, TimeUnit.SECONDS);
    }

    private void open(Lesson lesson) throws Exception {
        fx(() -> {
            window.open(lesson);
            PythonPanel panel = window.pythonPanel();
            panel.setConsent(r -> {
                asked.add(r);
                return agree;
            });
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Lesson own(String id, String wait, String run) throws Exception {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, OWN_LESSON.replace("%ID%", id).replace("%WAIT%", wait)
                .replace("%RUN%", run.isEmpty() ? "" : run.strip().indent(2).stripTrailing()));
        return new LessonParser().parse(file);
    }

    /** Presses the listing's Run on my Python and waits until the run, if any, has ended. */
    private void runAndWait(Duration limit) throws Exception {
        fx(() -> {
            window.runPythonListing();
            return null;
        });
        waitUntil(limit, () -> !window.pythonPanel().isRunning() && !window.pythonPanel().statusText().isEmpty()
                && !window.pythonPanel().statusText().startsWith("Running"));
    }

    private static void waitUntil(Duration limit, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!fx(condition)) {
            assertTrue(System.nanoTime() < end, "not reached within " + limit);
            Thread.sleep(50);
        }
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    @Test
    void aBuiltInListingRunsAfterConsentAndItsOutputAndTimesReachTheScreen(FxRobot robot) throws Exception {
        PythonInterpreter python = Pythons.require();
        Lesson lesson = LessonLibrary.standard().find("check-then-act");
        open(lesson);
        runAndWait(Duration.ofSeconds(60));
        assertEquals(1, asked.size(), "asked once before running");
        PythonPanel.ConsentRequest r = asked.get(0);
        assertTrue(r.builtIn(), "check-then-act is one of ThreadLab's own lessons");
        assertEquals(lesson.resolve("").listing("python").orElseThrow().code(), r.code(), "the exact code is shown");
        assertTrue(r.command().endsWith("check_then_act.py"), r.command()); // no counts: it runs as written
        assertEquals(python.executable(), r.interpreter().executable());
        String status = fx(() -> window.pythonPanel().statusText());
        assertTrue(status.startsWith("Completed (exit 0)"), status);
        assertTrue(status.contains(python.label()), status);
        String out = fx(() -> window.pythonPanel().outputText());
        assertTrue(out.contains("balance "), () -> "the listing's last line is on screen: " + out);
        Label row = robot.lookup("#variant-time-python").queryAs(Label.class);
        assertTrue(fx(() -> robot.lookup("#variant-times").query().isVisible() && row.isVisible()),
                "the wall-time chart (in Run, Result) shows the Python run");
        assertTrue(row.getText().contains("ms wall"), row.getText());
        assertTrue(robot.lookup("#variant-time-python-name").queryAs(Label.class).getText()
                .equals(python.label() + " (real)"));
    }

    @Test
    void withoutConsentNothingRuns(FxRobot robot) throws Exception {
        Pythons.require();
        agree = false;
        Lesson lesson = own("refused", "pass", "python-run: {counts: {n: 1000}}");
        open(lesson);
        runAndWait(Duration.ofSeconds(30));
        assertEquals(1, asked.size());
        assertFalse(asked.get(0).builtIn(), "a lesson from a temporary folder is not ThreadLab's own");
        assertTrue(fx(() -> window.pythonPanel().statusText()).startsWith("Not run"));
        assertEquals("", fx(() -> window.pythonPanel().outputText()));
        assertFalse(fx(() -> robot.lookup("#variant-times").query().isVisible()), "no Python row without a run");
    }

    @Test
    void anotherLessonStopsAHangingRunKillsItAndClearsTheTab(FxRobot robot) throws Exception {
        Pythons.require();
        Lesson hanging = own("hanging", "threading.Event().wait()",
                "python-run: {counts: {n: 1000}, hangs: deadlock, timeout: 120}");
        open(hanging);
        fx(() -> {
            window.runPythonListing();
            return null;
        });
        waitUntil(Duration.ofSeconds(30), () -> window.pythonPanel().outputText().contains("counting to"));
        Matcher m = Pattern.compile("pid (\\d+) counting to 1000").matcher(fx(() -> window.pythonPanel().outputText()));
        assertTrue(m.find(), "the listing printed its pid and the count it was given");
        long pid = Long.parseLong(m.group(1));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the listing waits, alive");
        assertTrue(fx(() -> window.pythonPanel().isRunning()));

        open(LessonLibrary.standard().find("check-then-act"));
        assertFalse(fx(() -> window.pythonPanel().isRunning()), "the panel shows the new lesson, idle");
        assertEquals("", fx(() -> window.pythonPanel().outputText()), "nothing of the last lesson's run stays");
        waitUntil(Duration.ofSeconds(20), () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertFalse(fx(() -> robot.lookup("#python-run").queryButton().isDisabled()), "the new lesson can run");
    }

    @Test
    void aListingThatDoesNotSayHowItRunsHasNoButtonAndALessonWithoutOneNoTab(FxRobot robot) throws Exception {
        open(own("unsaid", "pass", ""));
        fx(() -> {
            window.modes().getSelectionModel().select(window.modes().getTabs().stream()
                    .filter(t -> "python-tab".equals(t.getId())).findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> showing(robot.lookup("#run-python-listing").query())),
                "no Run on my Python for a listing without python-run");
        assertTrue(fx(() -> robot.lookup("#python-run").queryButton().isDisabled()));

        Path file = dir.resolve("javaonly.yaml");
        Files.writeString(file, OWN_LESSON.replace("%ID%", "javaonly").replaceAll("(?s)  python: \\|.*?\\n(?=run:)", "")
                .replace("%RUN%", ""));
        open(new LessonParser().parse(file));
        assertEquals(List.of("java"), fx(() -> window.lessonView().languages()), "no Python tab in the lesson");
        assertFalse(fx(() -> window.pythonPanel().canRun()));
        assertTrue(fx(() -> robot.lookup("#python-run").queryButton().isDisabled()));
    }

    @Test
    void ownLessonsMayBeTrustedOnceLessonsFromElsewhereAreAskedEveryTime(FxRobot robot) throws Exception {
        PythonInterpreter python = new PythonInterpreter("python3", "/usr/bin/python3", "3.11.7", "CPython", false, true);
        Lesson builtIn = LessonLibrary.standard().find("check-then-act");
        Lesson other = own("elsewhere", "pass", "python-run: {counts: {n: 1000}}");
        var ownRequest = new PythonPanel.ConsentRequest(builtIn, true, "print(1)", "python3 x.py", python,
                Duration.ofSeconds(9), 1);
        var otherRequest = new PythonPanel.ConsentRequest(other, false, "print(2)", "python3 y.py --n 5", python,
                Duration.ofSeconds(9), 3);
        assertTrue(ConsentDialog.mustAsk(ownRequest, false));
        assertFalse(ConsentDialog.mustAsk(ownRequest, true), "trusted once, the built-in lessons run at once");
        assertTrue(ConsentDialog.mustAsk(otherRequest, true), "trust in the built-in lessons does not reach others");
        ConsentDialog consent = new ConsentDialog(() -> null, () -> true, t -> {});
        String otherText = fx(() -> texts(consent.dialog(otherRequest).getDialogPane().getContent()));
        assertTrue(otherText.contains("does not come with ThreadLab") && otherText.contains(other.source().toString()),
                otherText);
        assertTrue(otherText.contains("$ python3 y.py --n 5") && otherText.contains("print(2)"), otherText);
        assertTrue(otherText.contains("3 times (once per mode)") && otherText.contains("after 9 s each"), otherText);
        assertFalse(otherText.contains("Do not ask again"), "no way to stop being asked about a stranger's code");
        String ownText = fx(() -> texts(consent.dialog(ownRequest).getDialogPane().getContent()));
        assertTrue(ownText.contains("Do not ask again for ThreadLab's own lessons"), ownText);
        assertTrue(ownText.contains("/usr/bin/python3") && ownText.contains("CPython 3.11.7"), ownText);
    }

    /** Every text of a node and its children, labels, check boxes and text areas alike. */
    private static String texts(Node node) {
        StringBuilder sb = new StringBuilder();
        if (node instanceof javafx.scene.control.Labeled l) {
            sb.append(l.getText()).append('\n');
        } else if (node instanceof javafx.scene.control.TextInputControl t) {
            sb.append(t.getText()).append('\n');
        }
        if (node instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                sb.append(texts(c));
            }
        }
        return sb.toString();
    }

    @Test
    void theComparisonSetsCPythonsRealSpeedUpsBesideThreadLabsSimulatedOnes(FxRobot robot) throws Exception {
        Pythons.require();
        Path file = dir.resolve("speeds.yaml");
        Files.writeString(file, """
                id: speeds
                title: Speeds
                summary: The same sums three ways.
                narration: Sums.
                prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
                params:
                  n: 2000
                shared:
                  variables: {done: 0}
                workers:
                  - name: summer
                    copies: 2
                    steps:
                      - repeat: n
                        steps:
                          - increment: done
                            atomic: true
                listings:
                  java: "x();"
                  python: |
                    import argparse
                    if __name__ == "__main__":
                        parser = argparse.ArgumentParser()
                        parser.add_argument("--n", type=int, default=1000)
                        parser.add_argument("--mode", default="threads")
                        args = parser.parse_args()
                        print(f"{args.mode} {sum(i * i for i in range(args.n))}")
                  python-run:
                    counts: {n: 1000}
                    modes: [sequential, threads, processes]
                run:
                  modes: [sequential, threads, processes]
                outcomes:
                  - when: done >= 0
                    grade: acceptable
                    text: Fine.
                """);
        open(new LessonParser().parse(file));
        fx(() -> {
            window.runPythonListing(); // finds the interpreter and runs once; the comparison comes next
            return null;
        });
        waitUntil(Duration.ofSeconds(60), () -> !window.pythonPanel().isRunning()
                && window.pythonPanel().statusText().startsWith("Completed"));
        fx(() -> {
            robot.lookup("#python-compare").queryButton().fire();
            return null;
        });
        waitUntil(Duration.ofSeconds(120), () -> !window.pythonPanel().isRunning()
                && window.pythonPanel().statusText().startsWith("Compared"));
        fx(() -> { // the table was just added: styled and laid out, its scroll pane holds it in the scene graph
            window.pythonPanel().applyCss();
            window.pythonPanel().layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, asked.size(), "asked again before the comparison");
        assertEquals(3, asked.get(1).runs(), "the learner is told it runs once per mode");
        String out = fx(() -> window.pythonPanel().outputText());
        for (String mode : List.of("sequential", "threads", "processes")) {
            assertTrue(out.contains(mode + " 332833500"), () -> mode + " ran with its --mode: " + out);
        }
        for (String mode : List.of("threads", "processes")) {
            String speedUp = robot.lookup("#python-speedup-" + mode).queryAs(Label.class).getText();
            assertTrue(speedUp.matches("\\d+\\.\\d\\dx"), () -> mode + ": " + speedUp);
            String agree = robot.lookup("#python-agree-" + mode).queryAs(Label.class).getText();
            assertTrue(agree.equals("agree within 15 %") || agree.matches("differ by \\d+ %"), () -> mode + ": " + agree);
        }
    }
}

package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.TraceInfo;
import org.threadlab.ui.lesson.CompletionStore;

/** Drives the real window headless: open, run, switch, replay, as a learner would. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private MainWindow window;
    private Thread.UncaughtExceptionHandler previous;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1600x1000"), CompletionStore.inMemory());
    }

    @BeforeEach
    void watchTheFxThread() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            previous = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        }).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void noExceptionReachedTheFxThread() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().setUncaughtExceptionHandler(previous))
                .get(5, TimeUnit.SECONDS);
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
        WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
    }

    private static Lesson lesson(String id) throws Exception {
        return LessonLibrary.standard().find(id);
    }

    private void open(String id) throws Exception {
        Lesson l = lesson(id);
        WaitForAsyncUtils.asyncFx(() -> window.open(l)).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        assertTrue(condition.getAsBoolean(), what);
    }

    private RunResult runAndWait(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> { }).get(5, TimeUnit.SECONDS);
        RunResult before = window.session().resultProperty().get();
        robot.clickOn("#run");
        waitUntil(() -> window.session().resultProperty().get() != null && window.session().resultProperty().get() != before,
                "the run finished");
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    @Test
    void runTheCounterAndSeeOneLanePerWorkerTheValueAndTheLostUpdates(FxRobot robot) throws Exception {
        open("shared-counter");
        // the lost updates must show: run again (a few times at most) until a run loses some
        RunResult r = runAndWait(robot);
        for (int again = 0; again < 5 && r.shared().get("counter") == 200_000; again++) {
            r = runAndWait(robot);
        }
        assertEquals(2, window.timeline().laneCount(), "one lane per worker");
        long counter = r.shared().get("counter");
        assertTrue(counter < 200_000, "no run of 6 lost an update: the race never showed");
        Label grade = robot.lookup("#grade").queryAs(Label.class);
        assertTrue(grade.getText().startsWith(r.grade().label().toUpperCase(java.util.Locale.ROOT)), grade.getText());
        robot.clickOn("Shared memory");
        WaitForAsyncUtils.waitForFxEvents(5);
        String memoryText = UiTexts.texts(robot, ".tl-variable");
        assertTrue(memoryText.contains(String.format(java.util.Locale.ROOT, "%,d", counter)), memoryText);
        long lost = 200_000 - counter;
        assertTrue(memoryText.contains(String.format(java.util.Locale.ROOT, "lost %,d update", lost)), memoryText);
        assertTrue(memoryText.contains("expected 200,000"), memoryText);
        String resultText = UiTexts.texts(robot, "#final-values");
        assertTrue(resultText.contains(String.format(java.util.Locale.ROOT, "%,d updates lost", lost))
                || resultText.contains("1 update lost"), resultText);
    }

    @Test
    void steppingShowsTheValueTravellingBetweenMemoryAndTheWorker(FxRobot robot) throws Exception {
        open("shared-counter");
        runAndWait(robot);
        robot.clickOn("Shared memory");
        robot.clickOn("#rewind");
        for (int i = 0; i < 12; i++) {
            robot.clickOn("#step");
        }
        WaitForAsyncUtils.waitForFxEvents(5);
        Label token = robot.lookup(".tl-access-token").queryAs(Label.class);
        assertTrue(token.getParent().isVisible(), "the arrow of the latest access is shown");
        // the token names the access and its value, and the register chip of its worker agrees
        String chips = UiTexts.texts(robot, ".tl-register");
        String text = token.getText();
        assertTrue(text.matches("(read|write) [0-9,]+"), text);
        String value = text.substring(text.indexOf(' ') + 1);
        assertTrue(chips.contains(value), text + " / " + chips);
        // the listing lights the lines the workers are on: every lit line is the increment's
        var lit = robot.lookup(".tl-code-line").match(n -> n.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("highlighted"))).queryAll();
        for (int i = 0; i < 40 && lit.isEmpty(); i++) {
            robot.clickOn("#step"); // between two steps a worker is on no line; step into one
            WaitForAsyncUtils.waitForFxEvents(3);
            lit = robot.lookup(".tl-code-line").match(n -> n.getPseudoClassStates().stream()
                    .anyMatch(p -> p.getPseudoClassName().equals("highlighted"))).queryAll();
        }
        assertFalse(lit.isEmpty(), "a worker's line is lit during replay");
        java.util.Set<Integer> incLines = new java.util.HashSet<>();
        for (var listing : lesson("shared-counter").resolve("no-lock").listings()) {
            incLines.add(listing.marks().get("inc"));
        }
        for (Node row : lit) {
            StringBuilder number = new StringBuilder();
            UiTexts.collect(row, number); // the row's labels: its line number first
            int line = Integer.parseInt(number.toString().strip().split("\\s+")[0]);
            assertTrue(incLines.contains(line), "lit line " + line + " is not an increment's line " + incLines);
        }
    }

    @Test
    void openALessonFromTheLibraryAndRunIt(FxRobot robot) throws Exception {
        robot.clickOn(".tl-search").write("hello");
        WaitForAsyncUtils.waitForFxEvents(5);
        robot.clickOn(robot.lookup(".tl-card-title").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(lesson("hello-threads").title())).queryLabeled());
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals("hello-threads", window.session().lessonProperty().get().id());
        RunResult r = runAndWait(robot);
        assertEquals(r.lanes().size(), window.timeline().laneCount(), "one lane per worker, main included");
        robot.clickOn("Console");
        WaitForAsyncUtils.waitForFxEvents(5);
        long printed = r.trace().events().stream().filter(e -> e instanceof org.threadlab.trace.TraceEvent.Printed).count();
        assertEquals(printed, robot.lookup(".tl-console").queryListView().getItems().size(), "every printed line, at the end");
    }

    @Test
    void switchVariantAndModeThenRunAgain(FxRobot robot) throws Exception {
        open("shared-counter");
        robot.clickOn("#lesson-variant-lock"); // the one variant picker: beside the listing
        robot.clickOn("#mode-virtual-threads");
        assertEquals("lock", window.session().variantProperty().get());
        assertEquals("virtual-threads", window.session().modeProperty().get());
        RunResult r = runAndWait(robot);
        assertEquals("virtual-threads", r.mode());
        assertEquals(200_000L, r.shared().get("counter"));
        assertEquals(Grade.ACCEPTABLE, r.grade());
        robot.clickOn("Locks");
        WaitForAsyncUtils.waitForFxEvents(5);
        String locks = UiTexts.texts(robot, ".tl-lock");
        assertTrue(locks.contains("counter-lock"), locks);
        assertTrue(locks.contains("200,000 acquisitions"), locks);
    }

    @Test
    void stopEndsARunningLessonAndKeepsItsTraceForReplay(FxRobot robot) throws Exception {
        open("downloads");
        WaitForAsyncUtils.asyncFx(() -> { }).get(5, TimeUnit.SECONDS);
        robot.clickOn("#run");
        waitUntil(() -> window.session().runningProperty().get(), "the run started");
        robot.clickOn("#stop");
        waitUntil(() -> window.session().resultProperty().get() != null, "the run ended");
        RunResult r = window.session().resultProperty().get();
        assertEquals(org.threadlab.engine.RunStatus.CANCELLED, r.status());
        assertTrue(r.lanes().stream().allMatch(l -> l.finalState() != null && l.finalState().isFinal()),
                "every lane ended: " + r.lanes());
        assertEquals("Stopped", robot.lookup("#status").queryAs(Label.class).getText());
        assertTrue(window.timeline().laneCount() >= 3, "the stopped run's lanes stay for replay");
    }

    @Test
    void theGilSwitchShowsTheGilAsASimulatedLock(FxRobot robot) throws Exception {
        open("shared-counter");
        robot.clickOn("#gil .thumb-area");
        assertTrue(window.session().gilProperty().get());
        RunResult r = runAndWait(robot);
        assertTrue(r.gil());
        robot.clickOn("Locks");
        WaitForAsyncUtils.waitForFxEvents(5);
        String locks = UiTexts.texts(robot, ".tl-lock");
        assertTrue(locks.contains(TraceInfo.GIL_LOCK_NAME), locks);
        assertTrue(locks.contains("simulated"), locks);
    }

    @Test
    void replayControlsMoveThePlayhead(FxRobot robot) throws Exception {
        open("hello-threads");
        runAndWait(robot);
        double end = window.session().endNanosProperty().get();
        assertEquals(end, window.session().playheadProperty().get(), 1);
        robot.clickOn("#rewind");
        assertEquals(0, window.session().playheadProperty().get());
        robot.clickOn("#step");
        double afterStep = window.session().playheadProperty().get();
        assertTrue(afterStep > 0 && afterStep < end, "a step moves to the next event");
        robot.type(KeyCode.HOME);
        assertEquals(0, window.session().playheadProperty().get(), "Home rewinds");
        robot.type(KeyCode.RIGHT);
        assertEquals(afterStep, window.session().playheadProperty().get(), 1, "Right steps");
        robot.type(KeyCode.SPACE);
        assertTrue(window.session().playingProperty().get(), "Space plays");
        robot.type(KeyCode.SPACE);
        assertFalse(window.session().playingProperty().get(), "Space pauses");
        String console = UiTexts.texts(robot, ".tl-console");
        assertNotNull(console);
    }
}

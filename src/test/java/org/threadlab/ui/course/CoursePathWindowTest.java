package org.threadlab.ui.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.Windows;
import org.threadlab.ui.lesson.CompletionStore;
import org.threadlab.ui.lesson.LessonView;
import org.threadlab.ui.settings.Settings;

/**
 * The course path in the real window, with the learner's progress in a store the test owns: the
 * marks it shows, the lesson a row opens, the next step on the path, on the first screen and under
 * a run's result, what a run records, and the reset that asks first.
 */
@ExtendWith(ApplicationExtension.class)
class CoursePathWindowTest {
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final List<Lesson> COURSE = LessonLibrary.standard().loadAll().inCourseOrder();
    private Stage stage;
    private MainWindow window;
    private final CompletionStore store = CompletionStore.inMemory();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            Windows.dispose(window);
        }
    }

    private MainWindow startWindow() throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"),
                Settings.inMemory(store))).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        return window;
    }

    private static Lesson lesson(String id) {
        return COURSE.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    private static int number(String id) {
        return COURSE.indexOf(lesson(id)) + 1;
    }

    /** Every lesson before {@code id} in the course run in every variant. */
    private void doneBefore(String id) {
        for (Lesson l : COURSE.subList(0, number(id) - 1)) {
            store.recordRun(l.id(), l.defaultVariant());
            l.variants().forEach(v -> store.recordRun(l.id(), v.name()));
        }
    }

    private Node row(FxRobot robot, String lessonId) {
        return robot.lookup("#course-path .tl-path-lesson").match(n -> lessonId.equals(n.getUserData())).query();
    }

    private static Optional<Label> mark(FxRobot robot, Node row, String kind) {
        return robot.from(row).lookup(".tl-path-mark-" + kind).tryQueryAs(Label.class);
    }

    private static boolean done(Node n) {
        return n.getPseudoClassStates().contains(DONE);
    }

    private void showPath(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(window.isCoursePathShown(), "Ctrl+G shows the course path");
    }

    @Test
    void thePathShowsTheCourseUnderItsIdeasWithEachLessonsMarks(FxRobot robot) throws Exception {
        Lesson counter = lesson("shared-counter");
        store.recordPrediction("shared-counter", true);
        store.recordRun("shared-counter", "no-lock");
        store.recordRun("shared-counter", "lock");
        store.recordRun("hello-threads", "");
        store.recordPrediction("deadlock", false);
        startWindow();
        showPath(robot);

        List<String> rows = robot.lookup("#course-path .tl-path-lesson").queryAll().stream()
                .map(n -> (String) n.getUserData()).toList();
        assertEquals(COURSE.stream().map(Lesson::id).toList(), rows, "every lesson, in course order");
        List<String> ideas = robot.lookup("#course-path .tl-path-idea").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals("1. " + CourseIdeas.ALL.get(0).title(), ideas.get(0));
        assertTrue(ideas.contains("6. Shared memory needs a lock"), ideas.toString());

        Node counterRow = row(robot, "shared-counter");
        Label predicted = mark(robot, counterRow, "predicted").orElseThrow();
        assertEquals("Predicted right", predicted.getText());
        assertTrue(done(predicted));
        assertEquals("Ran", mark(robot, counterRow, "ran").orElseThrow().getText());
        Label variants = mark(robot, counterRow, "variants").orElseThrow();
        assertEquals("Variants 2 of " + counter.variants().size(), variants.getText());
        assertFalse(done(variants), "two variants are left");
        assertFalse(done(counterRow));
        Label challenges = mark(robot, counterRow, "challenges").orElseThrow();
        assertEquals("Challenges 0 of " + counter.challenges().size(), challenges.getText());
        assertFalse(done(challenges), "none won yet");

        Node hello = row(robot, "hello-threads");
        assertTrue(done(hello), "a lesson without variants is done once run");
        assertTrue(mark(robot, hello, "variants").isEmpty(), "no variants to count");
        Node deadlock = row(robot, "deadlock");
        assertEquals("Predicted, wrong", mark(robot, deadlock, "predicted").orElseThrow().getText());
        assertEquals("Not run yet", mark(robot, deadlock, "ran").orElseThrow().getText());
        assertFalse(done(mark(robot, deadlock, "ran").orElseThrow()));

        String summary = robot.lookup("#course-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("1 of " + COURSE.size() + " lessons done, 2 begun"), summary); // counter, deadlock
        assertTrue(summary.contains("2 of " + COURSE.stream().filter(l -> l.prediction() != null).count()
                + " questions answered, 1 right"), summary);
        String next = robot.lookup("#course-next-text").queryAs(Label.class).getText();
        assertTrue(next.startsWith("Next: lesson 1, \u201C" + COURSE.get(0).title() + "\u201D"), next);
        assertTrue(robot.from(row(robot, COURSE.get(0).id())).lookup(".tl-path-next-badge").tryQuery().isPresent(),
                "the next lesson's row says so");
    }

    @Test
    void aRowOpensItsLessonAndBackReturnsToTheLessonAsItWas(FxRobot robot) throws Exception {
        startWindow();
        assertTrue(robot.lookup("#welcome").query().isVisible());
        robot.clickOn("#welcome-course-path");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(window.isCoursePathShown(), "the first screen's button shows the path");
        assertEquals("Back to the start", robot.lookup("#course-close").queryButton().getText());
        robot.clickOn("#course-close");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isCoursePathShown());
        assertTrue(robot.lookup("#welcome").query().isVisible(), "back to the first screen");

        showPath(robot);
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isCoursePathShown(), "Ctrl+G again hides it");
        showPath(robot);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isCoursePathShown(), "so does Esc");
        assertTrue(robot.lookup("#welcome").query().isVisible());

        showPath(robot);
        robot.interact(() -> row(robot, "semaphore").requestFocus());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals("semaphore", window.session().lessonProperty().get().id(), "Enter on a row opens its lesson");
        assertFalse(window.isCoursePathShown(), "the lesson takes the pane");
        LessonView opened = robot.lookup(n -> n instanceof LessonView).queryAs(LessonView.class);

        robot.clickOn("#course-toggle");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(window.isCoursePathShown(), "the toolbar's button shows it too");
        Node semaphoreRow = row(robot, "semaphore");
        javafx.geometry.Bounds shown = window.coursePath().scroll().localToScene(window.coursePath().scroll().getLayoutBounds());
        javafx.geometry.Bounds at = semaphoreRow.localToScene(semaphoreRow.getLayoutBounds());
        assertTrue(window.coursePath().scroll().getVvalue() > 0 && shown.contains(at.getMinX() + 1, at.getMinY() + 1),
                "the path opens at the lesson on screen: " + at + " in " + shown);
        assertEquals("Open", robot.from(semaphoreRow).lookup(".tl-path-open-badge").queryAs(Label.class).getText(),
                "its row says it is the one open");
        assertEquals(1, robot.lookup("#course-path .tl-path-open-badge").queryAll().size());
        assertFalse(opened.isVisible(), "the path covers the lesson");
        assertEquals("Back to the lesson", robot.lookup("#course-close").queryButton().getText());
        robot.clickOn("#course-close");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertSame(opened, robot.lookup(n -> n instanceof LessonView).queryAs(LessonView.class),
                "the same lesson view, as it was");
        assertTrue(opened.isVisible());
        assertEquals("semaphore", window.session().lessonProperty().get().id());

        showPath(robot);
        // shown over a lesson, the path is scrolled to that lesson's row: the next one is in sight to click
        String after = COURSE.get(number("semaphore")).id();
        Node afterTitle = robot.from(row(robot, after)).lookup(".tl-path-lesson-title").query();
        robot.clickOn(afterTitle);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(after, window.session().lessonProperty().get().id(), "a click on a row opens its lesson");
        assertFalse(robot.lookup("#course-toggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
    }

    @Test
    void theNextStepOnThePathAndOnTheFirstScreenChoosesTheVariantLeft(FxRobot robot) throws Exception {
        doneBefore("shared-counter");
        store.recordRun("shared-counter", "no-lock");
        startWindow();
        Lesson counter = lesson("shared-counter");
        Button carryOn = robot.lookup("#welcome-continue").queryButton();
        assertEquals("Continue with lesson " + number("shared-counter") + ": try \u201C"
                + counter.variants().get(1).title() + "\u201D", carryOn.getText());
        assertTrue(robot.lookup("#welcome-course-path").tryQuery().isPresent());
        robot.clickOn(carryOn);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals("shared-counter", window.session().lessonProperty().get().id(), "the first screen's button takes the step");
        assertEquals(counter.variants().get(1).name(), window.session().variantProperty().get());
        robot.interact(() -> window.session().variantProperty().set(counter.defaultVariant())); // the learner looks back

        showPath(robot);
        Button go = robot.lookup("#course-next").queryButton();
        assertEquals("Try \u201C" + counter.variants().get(1).title() + "\u201D in lesson " + number("shared-counter"),
                go.getText());
        robot.clickOn(go);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(window.isCoursePathShown());
        assertEquals("shared-counter", window.session().lessonProperty().get().id());
        assertEquals(counter.variants().get(1).name(), window.session().variantProperty().get(), "the variant left is chosen");
        assertTrue(window.session().messageProperty().get().contains("press Run"), window.session().messageProperty().get());
    }

    @Test
    void aRunRecordsItsVariantAndAnsweredGuessAndTheResultSaysWhatIsNext(FxRobot robot) throws Exception {
        startWindow();
        Lesson counter = lesson("shared-counter");
        Windows.open(window, "shared-counter");
        // the learner locks in the right answer, then runs the variant the question is about
        int answer = counter.prediction().answer();
        RadioButton choice = robot.lookup(".tl-prediction-choice").queryAllAs(RadioButton.class).stream()
                .filter(b -> Integer.valueOf(answer).equals(b.getUserData())).findFirst().orElseThrow();
        robot.interact(choice::fire); // as a click (the question may be below the lesson pane's fold)
        robot.interact(() -> robot.lookup(".tl-lock-in").queryButton().fire());
        assertTrue(robot.lookup(".tl-lock-in").queryButton().isDisabled(), "the guess is locked in");
        RunResult before = window.session().resultProperty().get();
        robot.clickOn("#run");
        Windows.waitUntil(() -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before, "the run ends");
        WaitForAsyncUtils.waitForFxEvents(5);

        assertEquals(Optional.of(true), store.prediction("shared-counter"), "the guess was right, and the store knows");
        assertEquals(Set.of(counter.defaultVariant()), store.variantsRun("shared-counter"));
        assertTrue(store.hasRun("shared-counter"));
        var result = robot.lookup("#result-next").queryAs(javafx.scene.control.Hyperlink.class);
        assertTrue(result.isVisible());
        assertEquals("Next: try the variant \u201C" + counter.variants().get(1).title() + "\u201D of lesson "
                + number("shared-counter") + ", \u201C" + counter.title() + "\u201D.", result.getText());

        var status = robot.lookup("#status-next").queryAs(javafx.scene.control.Hyperlink.class);
        assertTrue(status.isVisible(), "the status line says it too, whichever tab is selected");
        assertEquals("Next: Try \u201C" + counter.variants().get(1).title() + "\u201D in lesson " + number("shared-counter"),
                status.getText());

        robot.interact(result::fire); // the link, as a click on it (the result pane may need scrolling to it)
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(counter.variants().get(1).name(), window.session().variantProperty().get());
        assertFalse(robot.lookup("#result-next").query().isVisible(), "the suggestion leaves with the run it followed");
        assertFalse(status.isVisible(), "from the status line too");

        showPath(robot);
        Label variants = mark(robot, row(robot, "shared-counter"), "variants").orElseThrow();
        assertEquals("Variants 1 of " + counter.variants().size(), variants.getText(), "the path shows the run");
        assertEquals("Predicted right", mark(robot, row(robot, "shared-counter"), "predicted").orElseThrow().getText());
    }

    @Test
    void aResetAsksFirstAndThenForgetsAllProgress(FxRobot robot) throws Exception {
        doneBefore("process-memory");
        store.markCompleted("game-threads");
        store.recordPrediction("shared-counter", true);
        store.challengeWon("deadlock", "both-stuck");
        startWindow();
        showPath(robot);
        assertTrue(done(row(robot, "game-threads")));
        robot.interact(() -> window.coursePath().scroll().setVvalue(1)); // the reset is at the bottom of the page

        robot.clickOn("#course-reset");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(robot.lookup("#course-reset-ask").query().isVisible(), "it asks first");
        assertTrue(store.hasRun("game-threads"), "nothing forgotten yet");
        robot.interact(() -> window.coursePath().scroll().setVvalue(1));
        robot.clickOn("#course-reset-cancel");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(robot.lookup("#course-reset-ask").tryQuery().isEmpty(), "kept: the question goes");
        assertTrue(store.hasRun("game-threads"), "kept");

        robot.clickOn("#course-reset");
        robot.interact(() -> window.coursePath().scroll().setVvalue(1));
        robot.clickOn("#course-reset-confirm");
        WaitForAsyncUtils.waitForFxEvents(5);
        for (Lesson l : COURSE) {
            assertFalse(store.hasRun(l.id()), l.id());
            assertFalse(store.isCompleted(l.id()), l.id());
            assertEquals(Optional.empty(), store.prediction(l.id()), l.id());
        }
        assertEquals(Set.of(), store.challengesWon("deadlock"));
        assertFalse(done(row(robot, "game-threads")), "the path shows it at once");
        assertEquals("Not run yet", mark(robot, row(robot, "game-threads"), "ran").orElseThrow().getText());
        assertTrue(robot.lookup("#course-summary").queryAs(Label.class).getText().startsWith("0 of "));
        String counts = robot.lookup(".tl-library-counts").queryAs(Label.class).getText();
        assertTrue(counts.endsWith(" 0 completed"), counts);
        List<Node> ticks = new ArrayList<>(robot.from(window.library()).lookup(".tl-completed-mark").queryAll());
        assertFalse(ticks.isEmpty(), "the library has its marks");
        ticks.removeIf(n -> !n.isVisible());
        assertTrue(ticks.isEmpty(), "no card keeps a tick");

        robot.interact(() -> window.coursePath().scroll().setVvalue(0));
        robot.clickOn("#course-close");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(robot.lookup("#welcome-continue").tryQuery().isEmpty(), "the first screen starts over too");
        assertNotNull(robot.lookup("#welcome-start").queryButton().getText());
        assertTrue(robot.lookup("#welcome-start").queryButton().getText().startsWith("Start with lesson 1: "));
    }
}

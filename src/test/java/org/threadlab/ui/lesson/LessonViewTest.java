package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.threadlab.lesson.Lesson;

/** One lesson: header, narration, listings with highlights, variants, prediction. */
@ExtendWith(ApplicationExtension.class)
class LessonViewTest {
    @TempDir
    Path dir;

    private Lesson lesson;
    private LessonView view;
    private final List<Integer> locked = new ArrayList<>();

    @AfterAll
    static void plainTheme() {
        Application.setUserAgentStylesheet(null);
    }

    @Start
    void start(Stage stage) {
        // The views' CSS uses AtlantaFX's looked-up colours, as in the app.
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        lesson = LessonFixtures.counter(dir);
        view = new LessonView(lesson);
        view.onPredictionLocked(locked::add);
        stage.setScene(new Scene(view, 1280, 800));
        stage.sizeToScene(); // the stage is shared with earlier tests, which may have resized it
        stage.show();
    }

    /** Runs on the FX thread and returns the result. */
    private static <T> T fx(java.util.concurrent.Callable<T> action) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(action).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Node> rows(FxRobot robot, String language) {
        return List.copyOf(robot.from(view.listingView(language).orElseThrow()).lookup(".tl-code-line").queryAll());
    }

    private List<RadioButton> choices(FxRobot robot) {
        return List.copyOf(robot.lookup(".tl-prediction-choice").queryAllAs(RadioButton.class));
    }

    @Test
    void headerShowsTitleLevelAndSummary(FxRobot robot) {
        assertEquals("Two threads, one counter", robot.lookup(".tl-lesson-title").queryAs(Label.class).getText());
        assertEquals("Beginner", robot.lookup(".tl-level-badge").queryAs(Label.class).getText());
        assertEquals(lesson.summary().strip(), robot.lookup(".tl-lesson-summary").queryAs(Label.class).getText());
    }

    @Test
    void narrationIsRenderedMarkdown(FxRobot robot) {
        Node narration = robot.lookup(".tl-narration").query();
        assertEquals(3, robot.from(narration).lookup(".tl-md-ordered .tl-md-list-item").queryAll().size());
        assertEquals("counter += 1", robot.from(narration).lookup(".tl-md-code").queryAs(Label.class).getText());
    }

    @Test
    void javaAndPythonTabsShowEveryLineWithoutMarkers(FxRobot robot) {
        assertEquals(List.of("java", "python"), view.languages());
        List<String> tabTitles = robot.lookup(".tl-listing-tabs .tab-label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(List.of("Java", "Python"), tabTitles);

        ListingView java = view.listingView("java").orElseThrow();
        assertEquals(lesson.listing("java").orElseThrow().lines().size(), java.lineCount());
        assertEquals(8, java.lineCount());
        assertEquals(8, rows(robot, "java").size());
        assertEquals(6, view.listingView("python").orElseThrow().lineCount());
        assertTrue(java.lineText(5).contains("counter += 1"), java.lineText(5));
        assertFalse(java.lineText(5).contains("[inc]"), "markers are cut from the listing");
        assertEquals("", view.listingView("python").orElseThrow().lineText(2), "blank line kept");
    }

    @Test
    void highlightMarkLightsTheMarkedLine(FxRobot robot) {
        assertTrue(fx(() -> view.highlightMark("java", "inc")));
        assertEquals(Set.of(5), view.highlightedLines("java"));
        List<Node> rows = rows(robot, "java");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i == 4, rows.get(i).getPseudoClassStates().contains(ListingView.HIGHLIGHTED), "row " + (i + 1));
        }
        assertEquals(Set.of(), view.highlightedLines("python"), "each language separately");

        assertTrue(fx(() -> view.highlightMark("python", "loop")));
        assertEquals(Set.of(5), view.highlightedLines("python"));
        assertTrue(fx(() -> view.highlightMark("java", "loop")));
        assertEquals(Set.of(4), view.highlightedLines("java"), "a new mark replaces the old");

        assertFalse(fx(() -> view.highlightMark("java", "lock")), "no such marker in this variant");
        assertEquals(Set.of(), view.highlightedLines("java"));
        assertFalse(fx(() -> view.highlightMark("rust", "inc")));
    }

    @Test
    void highlightLinesAndClear(FxRobot robot) {
        robot.interact(() -> view.highlightLines("java", Set.of(1, 3, 99)));
        assertEquals(Set.of(1, 3), view.highlightedLines("java"), "lines outside the listing are ignored");
        robot.interact(() -> view.highlightLines("python", Set.of(6)));
        robot.interact(view::clearHighlights);
        assertEquals(Set.of(), view.highlightedLines("java"));
        assertEquals(Set.of(), view.highlightedLines("python"));
        assertTrue(rows(robot, "java").stream().noneMatch(r -> r.getPseudoClassStates().contains(ListingView.HIGHLIGHTED)));
    }

    @Test
    void switchingVariantShowsItsListingsAndDescription(FxRobot robot) {
        assertEquals("no-lock", view.variant());
        assertEquals("The race.", robot.lookup(".tl-variant-description").queryAs(Label.class).getText());
        robot.interact(() -> view.highlightMark("java", "inc"));

        robot.interact(() -> view.setVariant("lock"));
        assertEquals("lock", view.variant());
        assertEquals("lock", view.resolvedLesson().variants().get(0).name());
        assertEquals(11, view.listingView("java").orElseThrow().lineCount());
        assertEquals(11, rows(robot, "java").size());
        assertEquals(9, view.listingView("python").orElseThrow().lineCount());
        assertEquals(Set.of(), view.highlightedLines("java"), "highlights cleared: lines moved");
        assertEquals("One worker at a time.", robot.lookup(".tl-variant-description").queryAs(Label.class).getText());
        assertTrue(fx(() -> view.highlightMark("java", "lock")));
        assertEquals(Set.of(6), view.highlightedLines("java"));
        robot.interact(() -> view.highlightMark("java", "inc"));
        assertEquals(Set.of(7), view.highlightedLines("java"));

        assertFalse(robot.lookup(".tl-variant-button").match(n -> "lock".equals(n.getUserData()))
                .queryAs(javafx.scene.control.ToggleButton.class).isMnemonicParsing());
        robot.clickOn("No lock"); // the variant button
        assertEquals("no-lock", view.variant());
        assertEquals(8, view.listingView("java").orElseThrow().lineCount());

        robot.clickOn("No lock"); // clicking the chosen one keeps it chosen
        assertEquals("no-lock", view.variant());

        assertThrows(IllegalArgumentException.class, () -> view.setVariant("nope"));
    }

    @Test
    void lockedInGuessIsRecordedAndGradedAfterTheRun(FxRobot robot) {
        Button lockIn = robot.lookup(".tl-lock-in").queryButton();
        assertEquals(Optional.empty(), view.chosenPrediction());
        assertTrue(lockIn.isDisabled(), "nothing chosen yet");

        List<RadioButton> choices = choices(robot);
        assertEquals(3, choices.size());
        assertEquals("C.  Always n_half = 100", choices.get(2).getText());
        assertFalse(choices.get(2).isMnemonicParsing(), "underscores are shown, not taken as shortcuts");
        robot.clickOn(choices.get(0));
        assertFalse(lockIn.isDisabled());
        assertEquals(Optional.empty(), view.chosenPrediction(), "chosen but not locked in");

        robot.clickOn(lockIn);
        assertEquals(Optional.of(0), view.chosenPrediction());
        assertEquals(List.of(0), locked);
        assertTrue(view.isPredictionLocked());
        assertTrue(choices.stream().allMatch(RadioButton::isDisabled), "a locked guess cannot change");

        robot.interact(() -> view.showPredictionResult("counter = 150"));
        // The file says "answer: 2", 1-based: the second choice, index 1.
        assertTrue(choices.get(1).getStyleClass().contains("tl-choice-correct"));
        assertTrue(choices.get(0).getStyleClass().contains("tl-choice-wrong"));
        assertFalse(choices.get(2).getStyleClass().contains("tl-choice-wrong"));
        String verdict = robot.lookup(".tl-verdict").queryAs(Label.class).getText();
        assertTrue(verdict.contains("answer is B"), verdict);
        assertTrue(robot.lookup(".tl-observed").queryAs(Label.class).getText().contains("counter = 150"));
        assertTrue(robot.lookup(".tl-explanation").query().isVisible());
        assertEquals(Optional.of(0), view.chosenPrediction(), "still readable after the result");

        robot.interact(view::resetPrediction);
        assertEquals(Optional.empty(), view.chosenPrediction());
        assertTrue(choices.stream().noneMatch(RadioButton::isDisabled));
    }

    /** A run that cannot answer the question says so and leaves the guess locked in and the answer hidden. */
    @Test
    void aRunOfAnotherVariantLeavesTheQuestionOpen(FxRobot robot) {
        assertEquals("For a run of \u201cNo lock\u201d on threads.", robot.lookup(".tl-prediction-about").queryAs(Label.class)
                .getText(), "the question says which runs answer it: by default the first variant in the default mode");
        List<RadioButton> choices = choices(robot);
        robot.clickOn(choices.get(0));
        robot.clickOn(".tl-lock-in");
        robot.interact(() -> view.showPredictionNote("The question was about No lock on threads; this run used With a lock."));
        assertTrue(choices.stream().noneMatch(c -> c.getStyleClass().contains("tl-choice-correct")
                || c.getStyleClass().contains("tl-choice-wrong")), "no answer is revealed");
        assertTrue(robot.lookup(".tl-verdict").tryQuery().isEmpty(), "no verdict");
        assertEquals("The question was about No lock on threads; this run used With a lock.",
                robot.lookup(".tl-locked-note").queryAs(Label.class).getText());
        assertEquals(Optional.of(0), view.chosenPrediction(), "the guess stays locked in for a run that answers it");

        robot.interact(() -> view.showPredictionResult("No lock on threads: counter = 150"));
        robot.interact(() -> view.showPredictionNote("This run of With a lock on threads was stopped before the end."));
        assertEquals("This run of With a lock on threads was stopped before the end.",
                robot.lookup(".tl-observed").queryAs(Label.class).getText(),
                "the earlier run's line does not stay under the answer, and the note is not prefixed twice");
    }

    @Test
    void aRightGuessIsSaidToBeRight(FxRobot robot) {
        robot.clickOn(choices(robot).get(1));
        robot.clickOn(".tl-lock-in");
        robot.interact(() -> view.showPredictionResult());
        assertTrue(robot.lookup(".tl-verdict").queryAs(Label.class).getStyleClass().contains("tl-verdict-right"));
    }

    @Test
    void aLessonWithoutVariantsHidesTheVariantBar(FxRobot robot) {
        Path other = dir.resolve("plain");
        LessonView plain = fx(() -> {
            java.nio.file.Files.createDirectories(other);
            LessonView v = new LessonView(LessonFixtures.library(other).lessons().stream()
                    .filter(l -> l.id().equals("hello")).findFirst().orElseThrow());
            robot.targetWindow().getScene().setRoot(v);
            return v;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(); // a pulse, so the skins (and their children) exist
        assertEquals("", plain.variant());
        assertFalse(robot.from(plain).lookup(".tl-variant-bar").query().isVisible());
        assertEquals(List.of("java", "python"), plain.languages());
        assertEquals(1, plain.listingView("java").orElseThrow().lineCount());
        assertEquals(Set.of(), plain.highlightedLines("java"));
    }
}

package org.threadlab.ui.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
import org.threadlab.engine.challenge.ChallengeGame;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.lesson.CompletionStore;

/** A challenge played in the real window, headless, with the number keys as a learner plays it. */
@ExtendWith(ApplicationExtension.class)
class ChallengeWindowTest {
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private MainWindow window;
    private Thread.UncaughtExceptionHandler previous;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1600x1000"), CompletionStore.inMemory());
    }

    @BeforeEach
    void watchTheFxThread() throws Exception {
        fx(() -> {
            previous = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            window.open(LessonLibrary.standard().find("shared-counter"));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
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
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static boolean showing(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void press(FxRobot robot, String keys) {
        for (char c : keys.toCharArray()) {
            robot.type(c == '1' ? KeyCode.DIGIT1 : c == '2' ? KeyCode.DIGIT2 : KeyCode.BACK_SPACE);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theLowestTotalIsWonWithTheKeysAndTheShortestWinIsShownBesideTheLearners(FxRobot robot) throws Exception {
        fx(() -> {
            window.playChallenge("lowest-total");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#challenge-task").startsWith("The lowest total"), text(robot, "#challenge-task"));
        assertTrue(text(robot, "#challenge-goal").contains("counter == 2 at the end"), text(robot, "#challenge-goal"));
        robot.clickOn("#step-lane-1 .tl-step-card-title"); // a click on a card moves its worker: A reads
        press(robot, "1111" + "222222" + "1"); // A stops before its last write; B runs through; A's stale write
        ChallengeGame game = window.stepPanel().game();
        assertEquals(ChallengeGame.Status.WON, game.status(), () -> game.session().scheduleText() + " moves " + game.moves() + " history " + robot.lookup("#step-history .label").queryAllAs(Label.class).stream().map(Label::getText).toList() + " " + text(robot, "#step-message"));
        assertEquals("counter = 2", text(robot, "#step-var-counter"));
        assertTrue(text(robot, "#challenge-verdict").startsWith("Won in 12 steps with 2 switches"),
                text(robot, "#challenge-verdict"));
        assertEquals(java.util.Set.of("lowest-total"), window.progress().challengesWon("shared-counter"),
                "the win is kept in the learner's progress");
        String next = robot.lookup("#challenge-next").queryAs(javafx.scene.control.Hyperlink.class).getText();
        assertTrue(next.startsWith("Next: "), "the course's next step follows the win: " + next);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#challenge-shortest").startsWith("Your schedule"));
        String shortest = text(robot, "#challenge-shortest");
        assertTrue(shortest.contains("Shortest (12 steps, 2 switches)"), shortest);
        assertTrue(shortest.contains("Yours is as short as it gets."), shortest);
        assertTrue(robot.lookup("#step-challenge").queryComboBox().getItems().contains("\u2713 The lowest total"),
                "a won challenge is ticked in the choice");

        press(robot, "\b"); // undo the winning write: playing again, the verdict and the shortest win go
        assertEquals(ChallengeGame.Status.PLAYING, game.status());
        assertEquals("", text(robot, "#challenge-verdict"));
        assertEquals("", text(robot, "#challenge-shortest"));
        assertTrue(text(robot, "#challenge-score").contains("Played: 12, taken back: 1"), text(robot, "#challenge-score"));
    }

    @Test
    void aGameThatEndsWithoutTheGoalSaysSoAndRefusesMoreSteps(FxRobot robot) throws Exception {
        fx(() -> {
            window.playChallenge("lowest-total");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#step-lane-1 .tl-step-card-title");
        press(robot, "11111" + "222222"); // one after the other: 4, nothing lost
        assertEquals(ChallengeGame.Status.LOST, window.stepPanel().game().status());
        assertTrue(text(robot, "#challenge-verdict").startsWith("Every worker has ended and the goal does not hold"),
                text(robot, "#challenge-verdict"));
        robot.clickOn("#challenge-hint");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#challenge-hints .label").queryAs(Label.class).getText().startsWith("1. "),
                "a hint is shown when asked for");
        assertTrue(window.progress().challengesWon("shared-counter").isEmpty(), "a lost game wins nothing");
    }

    @Test
    void choosingAStoryOrNoneLeavesTheChallenge(FxRobot robot) throws Exception {
        fx(() -> {
            window.playChallenge("lose-one");
            window.stepPanel().chooseChallenge("");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.stepPanel().game());
        assertFalse(showing(robot.lookup("#challenge-task").query()), "no challenge, no task on screen");
        assertEquals(ChallengeBox.NONE, robot.lookup("#step-challenge").queryComboBox().getValue());
    }
}

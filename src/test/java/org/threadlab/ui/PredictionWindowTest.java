package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * In the real window, a run of the lock variant does not answer shared-counter's no-lock question:
 * the result and the lesson pane say so and confirm nothing, and a run of no-lock then does.
 */
@ExtendWith(ApplicationExtension.class)
class PredictionWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), CompletionStore.inMemory());
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
    }

    private RunResult run(FxRobot robot, String variant) throws Exception {
        RunResult before = window.session().resultProperty().get();
        WaitForAsyncUtils.asyncFx(() -> {
            window.session().variantProperty().set(variant);
            window.session().paramsProperty().set(Map.of("n", 20_000L));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(5);
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().resultProperty().get() != null
                && window.session().resultProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents(5);
        return window.session().resultProperty().get();
    }

    @Test
    void aLockRunLeavesTheNoLockQuestionOpenAndANoLockRunAnswersIt(FxRobot robot) throws Exception {
        var lesson = LessonLibrary.standard().find("shared-counter");
        WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(5, TimeUnit.SECONDS);

        RunResult lock = run(robot, "lock");
        assertEquals("lock", lock.variant());
        String result = robot.lookup("#prediction-result").queryAs(Label.class).getText();
        assertTrue(result.startsWith("The question was about \u201cNo lock\u201d on threads, virtual threads or a thread"
                + " pool; this run used \u201cWith a lock\u201d on threads, so it does not answer it."), result);
        assertTrue(robot.lookup(".tl-verdict").tryQuery().isEmpty(), "the lesson pane confirms nothing after a lock run");
        assertTrue(robot.lookup(".tl-locked-note").queryAs(Label.class).getText().startsWith("The question was about"));

        RunResult noLock = run(robot, "no-lock");
        assertEquals("no-lock", noLock.variant());
        result = robot.lookup("#prediction-result").queryAs(Label.class).getText();
        assertTrue(result.startsWith("You made no prediction. The answer to the question about \u201cNo lock\u201d"), result);
        assertTrue(result.contains("This run (\u201cNo lock\u201d on threads): counter = "
                + String.format(java.util.Locale.ROOT, "%,d", noLock.shared().get("counter"))), result);
        String verdict = robot.lookup(".tl-verdict").queryAs(Label.class).getText();
        assertTrue(verdict.startsWith("No guess was locked in. The answer is B"), verdict);
    }
}

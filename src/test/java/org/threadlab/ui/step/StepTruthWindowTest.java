package org.threadlab.ui.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * Step through, Every interleaving and Real stress tell the truth of what is on screen, at
 * 1280x800: a lost update is named at the write that causes it, only the locks the variant takes
 * are listed, a deadlock has its own grade and colour, and a tab that cannot apply says why.
 */
@ExtendWith(ApplicationExtension.class)
class StepTruthWindowTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1280x800"), CompletionStore.inMemory());
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            window.dispose();
            return null;
        });
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private void open(String id, String variant, String tab) throws Exception {
        Lesson l = LessonLibrary.standard().find(id);
        fx(() -> {
            window.open(l);
            window.session().variantProperty().set(variant);
            window.modes().getSelectionModel().select(tab(tab));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Tab tab(String id) {
        return window.modes().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void snapshot(String name) throws Exception {
        fx(() -> {
            ThreadLabApp.save(stage.getScene().snapshot(null), Path.of("target", "snapshots", name));
            return null;
        });
    }

    private void press(FxRobot robot, KeyCode... keys) {
        for (KeyCode k : keys) {
            robot.type(k);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<Label> lostChips(FxRobot robot) {
        return robot.lookup("#step-history .tl-step-chip").queryAllAs(Label.class).stream()
                .filter(l -> l.getPseudoClassStates().contains(StepPanel.LOST)).toList();
    }

    @Test
    void aLostUpdateIsNamedAtTheWriteThatCausesItAndTheCountFollowsUndo(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "step-tab");
        robot.clickOn("#step-lane-1 .tl-step-card-title"); // A.read, and the window has the focus
        press(robot, KeyCode.DIGIT2, KeyCode.DIGIT1, KeyCode.DIGIT1, KeyCode.DIGIT2); // B.read A.add A.write B.add
        assertEquals("0 updates lost so far.", text(robot, "#step-lost"));
        assertTrue(lostChips(robot).isEmpty());
        press(robot, KeyCode.DIGIT2); // B.write
        String sentence = "B's write of 1 to counter destroyed A's update: B read 0 before A wrote 1";
        assertTrue(text(robot, "#step-last").endsWith("Lost update: " + sentence + "."), text(robot, "#step-last"));
        assertTrue(robot.lookup("#step-last").query().getPseudoClassStates().contains(StepPanel.LOST));
        assertEquals("1 update lost so far: shared memory no longer holds it.\nStep 6: " + sentence + ".",
                text(robot, "#step-lost"));
        assertEquals(List.of("B.write: A's update lost"), lostChips(robot).stream().map(Label::getText).toList());
        assertEquals("counter = 1", text(robot, "#step-var-counter"));
        snapshot("step-lost-update.png");
        press(robot, KeyCode.BACK_SPACE);
        assertEquals("0 updates lost so far.", text(robot, "#step-lost"), "undo takes the lost update back");
        assertTrue(lostChips(robot).isEmpty());
        assertFalse(robot.lookup("#step-last").query().getPseudoClassStates().contains(StepPanel.LOST));
    }

    @Test
    void theLockVariantLosesNothingAndOnlyItListsTheLock(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "step-tab");
        assertEquals(List.of(), lockCells(robot), "the no-lock variant takes no lock");
        open("shared-counter", "lock", "step-tab");
        assertEquals(List.of("counter-lock: free"), lockCells(robot));
        robot.clickOn("#step-lane-1 .tl-step-card-title");
        assertEquals(List.of("counter-lock: held by adder-1"), lockCells(robot));
        open("shared-counter", "atomic", "step-tab");
        assertEquals(List.of(), lockCells(robot));
        assertFalse(onScreen(robot.lookup("#step-lost").query()), "atomic increments write nothing plainly: no count");
    }

    /** Whether the node and every parent of it are visible. */
    private static boolean onScreen(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private List<String> lockCells(FxRobot robot) {
        return robot.lookup(".tl-step-lock").queryAllAs(Label.class).stream().filter(StepTruthWindowTest::onScreen)
                .map(Label::getText).filter(t -> t.contains("lock")).toList();
    }

    @Test
    void aDeadlockHasItsOwnGradeAndColourAndLongValuesAreWhole(FxRobot robot) throws Exception {
        open("deadlock", "opposite-order", "explore-tab");
        robot.clickOn("#explore-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.explorePanel().result() != null);
        WaitForAsyncUtils.waitForFxEvents(5);
        snapshot("explore-deadlock.png");
        List<HBox> rows = robot.lookup("#explore-bars .tl-bar-row").queryAllAs(HBox.class).stream().toList();
        assertEquals(2, rows.size());
        HBox completed = rows.stream().filter(r -> !values(r).equals("DEADLOCK")).findFirst().orElseThrow();
        HBox deadlock = rows.stream().filter(r -> values(r).equals("DEADLOCK")).findFirst().orElseThrow();
        assertEquals("deadlock", ((Label) deadlock.getChildren().get(2)).getText());
        Color deadlockColour = barColour(deadlock);
        assertFalse(deadlockColour.equals(barColour(completed)), "not the colour of a graded outcome");
        assertTrue(deadlockColour.getSaturation() > 0.3, "not a grey bar: " + deadlockColour);
        Label values = (Label) completed.getChildren().get(0);
        assertEquals("alice = 1000, bob = 1000", values.getText());
        assertEquals(values.getText(), shown(values), "the values are shown whole, not cut");
    }

    private static String values(HBox row) {
        return ((Label) row.getChildren().get(0)).getText();
    }

    private static Color barColour(HBox row) {
        Region bar = (Region) row.lookup(".tl-bar");
        return (Color) bar.getBackground().getFills().get(0).getFill();
    }

    /** The text a label draws, wrapped lines joined: an ellipsis shows when it is cut. */
    private static String shown(Label label) {
        return label.lookupAll(".text").stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getText())
                .findFirst().orElse("").replace("\n", " ").replaceAll(" +", " ").strip();
    }

    @Test
    void aTabThatCannotApplySaysWhyAndTheMarkGoesWithTheLesson(FxRobot robot) throws Exception {
        open("process-memory", "", "stress-tab");
        String reason = window.stressPanel().notApplicable().orElseThrow();
        assertTrue(reason.contains("child processes"), reason);
        Tab stress = tab("stress-tab");
        assertTrue(stress.getStyleClass().contains(StepTabs.NOT_APPLICABLE));
        assertEquals(reason, stress.getTooltip().getText());
        assertEquals(reason, text(robot, "#stress-summary"));
        assertFalse(onScreen(robot.lookup("#stress-run").query()), "no button that cannot work");
        assertFalse(tab("step-tab").getStyleClass().contains(StepTabs.NOT_APPLICABLE), "step mode plays it as threads");
        snapshot("stress-not-applicable.png");
        open("virtual-threads", "sleeps", "step-tab");
        assertTrue(tab("step-tab").getStyleClass().contains(StepTabs.NOT_APPLICABLE));
        assertTrue(window.stepPanel().notApplicable().orElseThrow().contains("1,000 workers"));
        assertTrue(robot.lookup("#step-message").queryAs(Label.class).getText().contains("1,000 workers"));
        snapshot("step-not-applicable.png");
        open("shared-counter", "no-lock", "stress-tab");
        for (String id : List.of("step-tab", "explore-tab", "stress-tab")) {
            assertFalse(tab(id).getStyleClass().contains(StepTabs.NOT_APPLICABLE), id + " applies to the counter race");
            assertEquals(null, tab(id).getTooltip());
        }
        assertTrue(onScreen(robot.lookup("#stress-run").query()));
    }
}

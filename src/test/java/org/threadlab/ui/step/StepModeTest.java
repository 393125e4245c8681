package org.threadlab.ui.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.step.StepSession;
import org.threadlab.engine.step.StepState;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.AppOptions;
import org.threadlab.ui.MainWindow;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.lesson.CompletionStore;

/** Step mode, exploration and stress in the real window, headless, driven as a learner would. */
@ExtendWith(ApplicationExtension.class)
class StepModeTest {
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private MainWindow window;
    private Stage stage;
    private Thread.UncaughtExceptionHandler previous;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1600x1000"), CompletionStore.inMemory());
    }

    @BeforeEach
    void watchTheFxThread() throws Exception {
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
            return null;
        });
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
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
            window.modes().getSelectionModel().select(window.modes().getTabs().stream()
                    .filter(t -> tab.equals(t.getId())).findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private StepSession session() {
        return window.stepPanel().session();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void press(FxRobot robot, KeyCode... keys) {
        for (KeyCode k : keys) {
            robot.type(k);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(String name) throws Exception {
        fx(() -> {
            ThreadLabApp.save(stage.getScene().snapshot(null), Path.of("target", "snapshots", name));
            return null;
        });
    }

    @Test
    void numberKeysReproduceASchedule(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "step-tab");
        robot.clickOn("#step-lane-1 .tl-step-card-title"); // focus inside the window, and a click moves a worker
        press(robot, KeyCode.DIGIT2, KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT1, KeyCode.DIGIT2);
        assertEquals("A.read B.read A.add B.add A.write B.write", session().scheduleText());
        assertEquals(List.of("A.read", "B.read", "A.add", "B.add", "A.write", "B.write: A's update lost"),
                robot.lookup("#step-history .tl-step-chip").queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertEquals("counter = 1", text(robot, "#step-var-counter"), "two increments, one lost");
        assertEquals(List.of(0, 1, 0, 1, 0, 1), session().schedule());
    }

    @Test
    void theLineOpensIntoReadAddWriteAndIsLitInTheListings(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "step-tab");
        Node card = robot.lookup("#step-lane-1").query();
        HBox expansion = robot.from(card).lookup(".tl-step-expansion").queryAs(HBox.class);
        assertFalse(expansion.isVisible(), "before the read, counter += 1 is one line");
        // the lines marked [inc] in the lesson's listings, wherever the listings put them
        org.threadlab.lesson.Lesson counter = org.threadlab.lesson.LessonLibrary.standard().find("shared-counter").resolve("no-lock");
        assertEquals(Set.of(counter.listing("java").orElseThrow().marks().get("inc")), fx(() -> litLines("java")),
                "the increment's line in the Java listing");
        assertEquals(Set.of(counter.listing("python").orElseThrow().marks().get("inc")), fx(() -> litLines("python")));
        robot.clickOn("#step-next-1");
        assertTrue(expansion.isVisible(), "after the read it opens into its three steps");
        List<String> parts = expansion.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertEquals(3, parts.size());
        assertTrue(parts.get(0).contains("read counter") && parts.get(2).contains("write"), parts::toString);
        assertTrue(expansion.getChildren().get(1).getPseudoClassStates().contains(StepPanel.CURRENT), "at the add");
        assertTrue(text(robot, "#step-lane-1 .tl-step-registers").contains("tmp = 0"));
    }

    private Set<Integer> litLines(String language) {
        return new TreeSet<>(window.lookupAll(".tl-code").stream()
                .map(n -> (org.threadlab.ui.lesson.ListingView) n)
                .filter(v -> v.listing() != null && v.listing().language().equals(language))
                .findFirst().orElseThrow().highlightedLines());
    }

    @Test
    void undoReturnsToTheIdenticalState(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "step-tab");
        robot.clickOn("#step-next-1");
        robot.clickOn("#step-next-2");
        StepState before = session().state();
        String memory = text(robot, "#step-var-counter");
        robot.clickOn("#step-next-2");
        robot.clickOn("#step-next-2");
        robot.clickOn("#step-next-2");
        assertEquals("counter = 1", text(robot, "#step-var-counter"));
        press(robot, KeyCode.BACK_SPACE, KeyCode.BACK_SPACE);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, session().state());
        assertEquals(2, session().position());
        assertEquals(memory, text(robot, "#step-var-counter"));
        robot.clickOn("#step-reset");
        assertEquals(0, session().position());
        assertTrue(robot.lookup("#step-undo").queryButton().isDisabled());
    }

    @Test
    void aBlockedWorkerCannotBeChosen(FxRobot robot) throws Exception {
        open("shared-counter", "lock", "step-tab");
        press(robot, KeyCode.DIGIT1); // A takes the lock
        assertTrue(robot.lookup("#step-next-2").queryAs(Button.class).isDisabled());
        assertTrue(text(robot, "#step-status-2").contains("blocked on counter-lock (held by adder-1)"));
        press(robot, KeyCode.DIGIT2);
        robot.clickOn("#step-lane-2 .tl-step-card-title");
        assertEquals(1, session().position(), "neither the key nor a click moved the blocked worker");
        assertFalse(robot.lookup("#step-next-1").queryAs(Button.class).isDisabled());
    }

    @Test
    void aWorkerWaitsForAPermitAndTheBufferShowsItsSlots(FxRobot robot) throws Exception {
        open("semaphore", "two-permits", "step-tab");
        press(robot, KeyCode.DIGIT1, KeyCode.DIGIT2);
        assertTrue(text(robot, "#step-sem-connections").contains("0 of 2 permits free"));
        assertTrue(robot.lookup("#step-next-3").queryAs(Button.class).isDisabled());
        assertEquals("blocked: connections has no permit left", text(robot, "#step-status-3"));
        snapshot("step-semaphore.png");
        open("producer-consumer", "", "step-tab");
        press(robot, KeyCode.DIGIT1, KeyCode.DIGIT1);
        assertEquals("buffer: [1 | 2]", text(robot, "#step-queue-buffer"));
        assertEquals("blocked: buffer is full", text(robot, "#step-status-1"));
        assertTrue(robot.lookup("#step-next-1").queryAs(Button.class).isDisabled());
    }

    @Test
    void aWorkerInAWaitSetCannotBeChosenUntilNotified(FxRobot robot) throws Exception {
        open("producer-consumer", "wait-notify", "step-tab");
        assertEquals("not-empty (of buffer-lock): nobody waits", text(robot, "#step-cond-not-empty"));
        press(robot, KeyCode.DIGIT2, KeyCode.DIGIT2); // the consumer takes the lock, finds count 0 and waits
        assertEquals("not-empty (of buffer-lock): wait set {consumer}", text(robot, "#step-cond-not-empty"));
        assertEquals("in the wait set of not-empty: sleeps until notified", text(robot, "#step-status-2"));
        assertTrue(robot.lookup("#step-next-2").queryAs(Button.class).isDisabled());
        snapshot("step-condition.png");
        press(robot, KeyCode.DIGIT2);
        assertEquals(2, session().position(), "the key did not move the waiting worker");
        press(robot, KeyCode.DIGIT1, KeyCode.DIGIT1, KeyCode.DIGIT1, KeyCode.DIGIT1, KeyCode.DIGIT1, KeyCode.DIGIT1);
        assertEquals("not-empty (of buffer-lock): nobody waits", text(robot, "#step-cond-not-empty"));
        assertEquals("blocked on buffer-lock (held by producer), to take it back after a notify",
                text(robot, "#step-status-2"));
        press(robot, KeyCode.DIGIT1); // the producer lets the lock go
        assertFalse(robot.lookup("#step-next-2").queryAs(Button.class).isDisabled());
        assertEquals("Next step: reacquire", robot.lookup("#step-next-2").queryAs(Button.class).getText());
    }

    @Test
    void theDeadlockIsAnnouncedWithItsCircle(FxRobot robot) throws Exception {
        open("deadlock", "opposite-order", "step-tab");
        press(robot, KeyCode.DIGIT1, KeyCode.DIGIT2); // each takes its first lock
        assertTrue(text(robot, "#step-outcome").startsWith("Deadlock: nobody can move."), text(robot, "#step-outcome"));
        DeadlockView circle = robot.lookup("#step-deadlock").queryAs(DeadlockView.class);
        assertTrue(circle.isVisible());
        assertEquals(List.of("to-bob", "bob-lock", "to-alice", "alice-lock"), circle.ring());
        assertTrue(robot.lookup("#step-next-1").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#step-next-2").queryAs(Button.class).isDisabled());
        snapshot("step-deadlock.png");
        press(robot, KeyCode.BACK_SPACE);
        assertFalse(circle.isVisible(), "one step back, the circle is open again");
    }

    @Test
    void theStoryPlaysForwardAndBack(FxRobot robot) throws Exception {
        open("shared-counter", "lock", "step-tab");
        fx(() -> {
            window.stepPanel().lookupAll(".combo-box").stream().map(n -> (javafx.scene.control.ComboBox<?>) n)
                    .filter(c -> "step-story".equals(c.getId())).findFirst().orElseThrow().getSelectionModel().select(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("no-lock", window.stepPanel().variant(), "the story's variant");
        assertEquals("no-lock", window.session().variantProperty().get(), "the lesson shows the story's listing");
        assertEquals(Set.of(7), fx(() -> litLines("java")));
        for (int i = 0; i < 6; i++) {
            robot.clickOn("#story-forward");
        }
        assertTrue(text(robot, "#story-say").startsWith("Step 6 of 12:"), text(robot, "#story-say"));
        assertTrue(text(robot, "#story-say").contains("lost update"));
        assertEquals("counter = 1", text(robot, "#step-var-counter"));
        snapshot("step-story.png");
        robot.clickOn("#story-back");
        assertTrue(text(robot, "#story-say").startsWith("Step 5 of 12:"));
        for (int i = 0; i < 7; i++) {
            robot.clickOn("#story-forward");
        }
        assertTrue(session().finished());
        assertEquals("counter = 3", text(robot, "#step-var-counter"));
        assertTrue(robot.lookup("#story-forward").queryButton().isDisabled());
    }

    @Test
    void explorationFindsTwoThreeAndFourAndABarReplaysItsSchedule(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "explore-tab");
        robot.clickOn("#explore-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.explorePanel().result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> values = robot.lookup("#explore-bars .tl-bar-values").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(List.of("counter = 2", "counter = 3", "counter = 4"), values);
        // each row says what it means, in the lesson's words; a sentence already shown is pointed to, not repeated
        List<String> meanings = window.explorePanel().rowMeanings();
        assertEquals(3, meanings.size(), meanings::toString);
        assertTrue(meanings.get(0).startsWith("Lost updates. Two workers read the same value"), meanings::toString);
        assertEquals("As for counter = 2 above.", meanings.get(1));
        assertTrue(meanings.get(2).startsWith("Every increment arrived. With no lock that proves nothing"), meanings::toString);
        assertTrue(window.explorePanel().result().complete());
        assertTrue(text(robot, "#explore-summary").startsWith("Every schedule explored with n = 2: 924 in all"),
                "the summary names the small counts it explored: " + text(robot, "#explore-summary"));
        snapshot("explore-counter.png");
        robot.clickOn(robot.lookup("#explore-bars .tl-bar-values").match((Label l) -> l.getText().equals("counter = 2"))
                .queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("step-tab", window.modes().getSelectionModel().getSelectedItem().getId());
        assertTrue(session().finished());
        assertEquals(2L, session().model().shared(session().state()).get("counter"));
        assertEquals("counter = 2", text(robot, "#step-var-counter"));
    }

    @Test
    void theOutcomeRowsLineUpAndValuesThatFitStayOnOneLine(FxRobot robot) throws Exception {
        open("check-then-act", "no-lock", "explore-tab");
        robot.clickOn("#explore-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.explorePanel().result() != null);
        WaitForAsyncUtils.waitForFxEvents(5);
        List<Node> tracks = List.copyOf(robot.lookup("#explore-bars .tl-bar-track").queryAll());
        List<Label> values = robot.lookup("#explore-bars .tl-bar-values").queryAllAs(Label.class).stream().toList();
        assertEquals(3, tracks.size());
        assertTrue(values.stream().anyMatch(l -> l.getText().equals("balance = -60, paid_out = 160")),
                () -> values.stream().map(Label::getText).toList().toString());
        for (int i = 1; i < tracks.size(); i++) {
            var first = tracks.get(0).localToScene(tracks.get(0).getLayoutBounds());
            var other = tracks.get(i).localToScene(tracks.get(i).getLayoutBounds());
            assertEquals(first.getMinX(), other.getMinX(), 0.5, "every bar starts in line");
            assertEquals(first.getWidth(), other.getWidth(), 0.5, "every bar's track is as wide");
        }
        for (Label l : values) {
            assertTrue(l.getHeight() < 2 * l.getFont().getSize(), () -> "'" + l.getText() + "' fits on one line but took "
                    + l.getHeight() + " px at a font of " + l.getFont().getSize());
        }
    }

    @Test
    void explorationWithTheLockFindsOnlyFour(FxRobot robot) throws Exception {
        open("shared-counter", "lock", "explore-tab");
        robot.clickOn("#explore-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.explorePanel().result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("counter = 4"), robot.lookup("#explore-bars .tl-bar-values").queryAllAs(Label.class)
                .stream().map(Label::getText).toList());
    }

    @Test
    void explorationFindsTheDeadlock(FxRobot robot) throws Exception {
        open("deadlock", "opposite-order", "explore-tab");
        robot.clickOn("#explore-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.explorePanel().result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> values = robot.lookup("#explore-bars .tl-bar-values").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(List.of("alice = 1000, bob = 1000", "DEADLOCK"), values);
        assertTrue(window.explorePanel().rowMeanings().get(1).startsWith("Deadlock: "),
                () -> "the deadlock's row says what is stuck, as a sentence: " + window.explorePanel().rowMeanings());
        robot.clickOn(robot.lookup("#explore-bars .tl-bar-values").match((Label l) -> l.getText().equals("DEADLOCK"))
                .queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(session().deadlock().isPresent(), "the replayed schedule ends in the deadlock");
        assertTrue(robot.lookup("#step-deadlock").queryAs(DeadlockView.class).isVisible());
    }

    @Test
    void stressCountsRealTrialsAndStopsWhenAskedOrWhenTheLessonChanges(FxRobot robot) throws Exception {
        open("shared-counter", "no-lock", "stress-tab");
        robot.clickOn("#stress-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.stressPanel().stress().snapshot().trials() > 0);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(text(robot, "#stress-rate").contains("trials/s"));
        robot.clickOn("#stress-stop");
        var stress = window.stressPanel().stress();
        assertTrue(stress.await(java.time.Duration.ofSeconds(30)), "the stress threads ended");
        // Every outcome exploration finds is listed: counted if seen, else marked possible but never seen.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.stressPanel().rowTexts().size() == 3);
        for (String rows : window.stressPanel().rowTexts()) {
            assertTrue(rows.matches("counter = [234] \\| ([0-9,]+ \\(.*%\\)  ·  [0-9,]+/s|0   possible, never seen)"), rows);
        }
        // what each outcome means is on screen under its row, not only in a tooltip; an outcome never seen
        // says what it would mean ("If it happens: ...") rather than that it happened
        List<String> rowTexts = window.stressPanel().rowTexts();
        List<String> shown = rowTexts.stream().map(r -> r.substring(0, r.indexOf(" |"))).toList();
        List<String> meanings = new java.util.ArrayList<>();
        for (int k = 0; k < rowTexts.size(); k++) {
            String m = window.stressPanel().rowMeanings().get(k);
            boolean unseen = rowTexts.get(k).contains("| 0   possible, never seen");
            assertEquals(unseen, m.startsWith("If it happens: "), rowTexts.get(k) + " / " + m);
            meanings.add(m.replaceFirst("^If it happens: ", ""));
        }
        int two = shown.indexOf("counter = 2");
        int three = shown.indexOf("counter = 3");
        String lost = "Lost updates. Two workers read the same value";
        assertTrue(meanings.get(Math.min(two, three)).startsWith(lost), meanings::toString);
        assertEquals("As for " + shown.get(Math.min(two, three)) + " above.", meanings.get(Math.max(two, three)));
        assertTrue(meanings.get(shown.indexOf("counter = 4")).startsWith("Every increment arrived."), meanings::toString);
        assertTrue(text(robot, "#stress-how").startsWith("A trial: each of the 2 workers runs its steps once (n = 2)"),
                () -> text(robot, "#stress-how"));
        assertTrue(text(robot, "#stress-how").endsWith("then the trial's end state is counted."),
                () -> text(robot, "#stress-how"));
        assertTrue(text(robot, "#stress-how-detail").contains("this one has " + Runtime.getRuntime().availableProcessors()
                + " processor"), () -> text(robot, "#stress-how-detail"));
        String overlap = text(robot, "#stress-overlap");
        assertTrue(overlap.matches("This run: [0-9,]+ trials, [0-9,]+ a second\\. In about [0-9.]+ % of the trials sampled"
                + " \\([0-9,]+ of [0-9,]+\\) two workers were inside the same trial at the same moment, as far as the marks"
                + " they leave around those trials show: only those can race\\."),
                overlap);
        snapshot("stress-counter.png");
        robot.clickOn("#stress-run");
        WaitForAsyncUtils.waitForFxEvents();
        stress = window.stressPanel().stress();
        open("deadlock", "opposite-order", "stress-tab"); // another lesson: the old stress is cancelled
        assertTrue(stress.await(java.time.Duration.ofSeconds(30)), "the stress threads ended");
        assertTrue(stress.snapshot().finished());
        List<String> rows = window.stressPanel().rowTexts();
        assertTrue(rows.isEmpty(), "the new lesson starts with an empty histogram: " + rows);
    }

    @Test
    void theResultComparesTheWallTimesOfTheVariantsRun(FxRobot robot) throws Exception {
        open("lock-contention", "atomic", "step-tab");
        for (String variant : List.of("atomic", "local-sums")) {
            var before = window.session().resultProperty().get();
            fx(() -> {
                window.session().variantProperty().set(variant);
                window.session().start();
                return null;
            });
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.session().resultProperty().get() != null
                    && window.session().resultProperty().get() != before);
            WaitForAsyncUtils.waitForFxEvents(5);
        }
        assertEquals(Set.of("atomic", "local-sums"), window.variantTimes().times().keySet());
        assertTrue(window.variantTimes().isVisible());
        assertTrue(text(robot, "#variant-time-local-sums").matches("[0-9,]+ ms   threads, 2 workers"),
                text(robot, "#variant-time-local-sums"));
        fx(() -> {
            window.modes().getSelectionModel().select(0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        snapshot("variant-times.png");
    }
}

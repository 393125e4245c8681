package org.threadlab.ui.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.threadlab.engine.challenge.ChallengeGame;
import org.threadlab.engine.challenge.Solver;
import org.threadlab.engine.challenge.Verdicts;
import org.threadlab.engine.step.Schedules;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;

/**
 * The challenge part of step mode: which challenge is played, its task and goal, the moves and the
 * budget, hints one at a time, and after a win the learner's schedule beside the shortest one (found
 * by {@link Solver} off the FX thread).
 */
final class ChallengeBox extends VBox {
    static final String NONE = "None: step freely";
    private static final PseudoClass WON = PseudoClass.getPseudoClass("won");
    private static final PseudoClass OVER = PseudoClass.getPseudoClass("over");

    private final ComboBox<String> choice = new ComboBox<>();
    private final Label task = new Label();
    private final Label goal = new Label();
    private final Label score = new Label();
    private final Label verdict = new Label();
    /** What a win shows, from the lesson: said under the verdict. */
    private final Label lessonOfWin = new Label();
    private final Label shortest = new Label();
    /** The course's next step after a win, from the window (may be empty). */
    private final javafx.scene.control.Hyperlink next = new javafx.scene.control.Hyperlink();
    private final Button hint = new Button("Hint", new FontIcon(MaterialDesignL.LIGHTBULB_ON_OUTLINE));
    private final VBox hints = new VBox(4);
    private final VBox details = new VBox(6);
    /** Challenge ids by the text shown in the choice. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private Lesson lesson;
    private ChallengeGame game;
    /** Which game the shortest win on show belongs to: a search that ends after the game changed is dropped. */
    private ChallengeGame solvedFor;
    private boolean filling;
    private Consumer<String> onChoose = id -> {};
    private BiPredicate<String, String> isWon = (lessonId, challengeId) -> false;

    ChallengeBox() {
        getStyleClass().add("tl-challenge");
        setSpacing(6);
        choice.setId("step-challenge");
        choice.valueProperty().addListener((o, a, v) -> {
            if (!filling && v != null) {
                onChoose.accept(ids.getOrDefault(v, ""));
            }
        });
        task.setId("challenge-task");
        task.getStyleClass().add("tl-challenge-task");
        task.setWrapText(true);
        goal.setId("challenge-goal");
        goal.getStyleClass().add("tl-step-hint");
        goal.setWrapText(true);
        score.setId("challenge-score");
        score.setWrapText(true);
        verdict.setId("challenge-verdict");
        verdict.getStyleClass().add("tl-challenge-verdict");
        verdict.setWrapText(true);
        lessonOfWin.setId("challenge-won-text");
        lessonOfWin.setWrapText(true);
        shortest.setId("challenge-shortest");
        shortest.setWrapText(true);
        hint.setId("challenge-hint");
        hint.setOnAction(e -> showHint());
        hints.setId("challenge-hints");
        for (Label l : List.of(verdict, lessonOfWin, shortest)) { // an empty line would leave a gap
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.managedProperty());
        }
        next.setId("challenge-next");
        next.setWrapText(true);
        next.managedProperty().bind(next.textProperty().isNotEmpty());
        next.visibleProperty().bind(next.managedProperty());
        hints.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(hints.getChildren()));
        hints.visibleProperty().bind(hints.managedProperty());
        FlowPane bar = new FlowPane(8, 6, new Label("Challenge:"), choice);
        bar.setAlignment(Pos.CENTER_LEFT);
        FlowPane scoreRow = new FlowPane(12, 6, score, hint);
        scoreRow.setAlignment(Pos.CENTER_LEFT);
        details.getChildren().addAll(task, goal, scoreRow, hints, verdict, lessonOfWin, shortest, next);
        getChildren().addAll(bar, details);
    }

    /** Called with the chosen challenge's id, or {@code ""} for none. */
    void onChoose(Consumer<String> action) {
        this.onChoose = action;
    }

    /** Which challenges the learner has won before (lesson id, challenge id), for the ticks in the choice. */
    void wonBefore(BiPredicate<String, String> won) {
        this.isWon = won;
    }

    /** Lists a lesson's challenges, none chosen; hides the box for a lesson without any. */
    void showLesson(Lesson lesson) {
        this.lesson = lesson;
        this.game = null;
        fill();
        choice.getSelectionModel().select(0);
        boolean any = !lesson.challenges().isEmpty();
        setVisible(any);
        setManaged(any);
        update(null);
    }

    /** Re-reads which challenges are won (after a win) without changing the choice. */
    void refreshChoices() {
        String chosen = game == null ? "" : game.challenge().id();
        fill();
        filling = true; // the same challenge under its new text: not a new game
        try {
            choice.getSelectionModel().select(ids.entrySet().stream().filter(e -> e.getValue().equals(chosen))
                    .map(Map.Entry::getKey).findFirst().orElse(NONE));
        } finally {
            filling = false;
        }
    }

    private void fill() {
        filling = true;
        try {
            ids.clear();
            ids.put(NONE, "");
            for (Challenge c : lesson.challenges()) {
                ids.put((isWon.test(lesson.id(), c.id()) ? "\u2713 " : "") + c.title(), c.id());
            }
            choice.getItems().setAll(new ArrayList<>(ids.keySet()));
        } finally {
            filling = false;
        }
    }

    /** Leaves the challenge (a story or another variant was chosen); the choice goes back to none. */
    void leave() {
        filling = true;
        try {
            choice.getSelectionModel().select(0);
        } finally {
            filling = false;
        }
        update(null);
    }

    /** Shows the game's state; null: no challenge. */
    void update(ChallengeGame g) {
        if (g != game) {
            hints.getChildren().clear();
            shortest.setText("");
            next.setText("");
        }
        this.game = g;
        details.setVisible(g != null);
        details.setManaged(g != null);
        if (g == null) {
            return;
        }
        Challenge c = g.challenge();
        task.setText(c.title() + ": " + c.task());
        goal.setText("Goal: " + Verdicts.goalText(c) + (c.critical().isEmpty() ? ""
                : " (inside: workers about to run line " + String.join(", ", c.critical().stream().map(m -> "[" + m + "]").toList()) + ")")
                + (c.budget() > 0 ? ". Budget: " + c.budget() + " steps." : "."));
        int left = g.movesLeft();
        score.setText(String.format(Locale.ROOT, "Steps on the board: %d%s. Played: %d, taken back: %d.", g.position(),
                left >= 0 ? " (" + left + " left)" : "", g.moves(), g.undos()));
        hint.setText(c.hints().isEmpty() ? "No hints" : "Hint (" + g.hintsShown().size() + " of " + c.hints().size() + ")");
        hint.setDisable(g.hintsShown().size() >= c.hints().size());
        ChallengeGame.Status status = g.status();
        verdict.pseudoClassStateChanged(WON, status == ChallengeGame.Status.WON);
        verdict.pseudoClassStateChanged(OVER, status == ChallengeGame.Status.LOST || status == ChallengeGame.Status.OUT_OF_MOVES);
        verdict.setText(switch (status) {
            case PLAYING -> "";
            case WON -> "Won in " + g.position() + " steps with " + switches(g.session().schedule()) + ".";
            case LOST -> (g.goal().deadlocked(g.session().state()) ? "Nobody can move" : "Every worker has ended")
                    + " and the goal does not hold. Undo (Backspace) to try another order, or Reset.";
            case OUT_OF_MOVES -> "The budget of " + c.budget() + " steps is spent and the goal does not hold."
                    + " Undo (Backspace) to try another order, or Reset.";
        });
        lessonOfWin.setText(status == ChallengeGame.Status.WON ? c.won() : "");
        if (status != ChallengeGame.Status.WON) {
            next.setText("");
        }
        if (status == ChallengeGame.Status.WON && solvedFor != g) {
            solvedFor = g;
            shortest.setText("Searching every schedule for the shortest win...");
            ChallengeGame searched = g;
            Thread.ofVirtual().name("threadlab-challenge-solver").start(() -> {
                Solver.Solution s = Solver.solve(searched.goal());
                Platform.runLater(() -> showShortest(searched, s));
            });
        } else if (status != ChallengeGame.Status.WON && solvedFor == g) {
            solvedFor = null;
            shortest.setText("");
        }
    }

    /** Shows the course's next step under a win; {@code action} null: a sentence without a link. */
    void showNext(String sentence, Runnable action) {
        next.setText(sentence);
        next.setDisable(action == null);
        next.setOnAction(action == null ? null : e -> action.run());
    }

    private void showShortest(ChallengeGame searched, Solver.Solution s) {
        if (searched != game || searched.status() != ChallengeGame.Status.WON) {
            return;
        }
        List<Integer> mine = searched.session().schedule();
        if (s.verdict() != Solver.Verdict.WINNABLE && s.verdict() != Solver.Verdict.OVER_BUDGET) {
            shortest.setText("Your schedule: " + searched.session().scheduleText());
            return;
        }
        boolean asShort = mine.size() == s.moves() && switchCount(mine) <= s.switches();
        shortest.setText("Your schedule (" + mine.size() + " steps, " + switches(mine) + "): "
                + searched.session().scheduleText() + "\nShortest (" + s.moves() + " steps, " + s.switches() + " switch"
                + (s.switches() == 1 ? "" : "es") + "): " + Schedules.describe(searched.goal().model(), s.schedule())
                + (asShort ? "\nYours is as short as it gets." : ""));
    }

    private void showHint() {
        if (game == null) {
            return;
        }
        String h = game.nextHint();
        if (h != null) {
            Label l = new Label(game.hintsShown().size() + ". " + h);
            l.setWrapText(true);
            l.getStyleClass().add("tl-challenge-hint");
            l.setGraphic(new FontIcon(MaterialDesignT.TOOLTIP_TEXT_OUTLINE));
            hints.getChildren().add(l);
        }
        update(game);
    }

    private static int switchCount(List<Integer> schedule) {
        int n = 0;
        for (int i = 1; i < schedule.size(); i++) {
            if (!schedule.get(i).equals(schedule.get(i - 1))) {
                n++;
            }
        }
        return n;
    }

    private static String switches(List<Integer> schedule) {
        int n = switchCount(schedule);
        return n + " switch" + (n == 1 ? "" : "es") + " between workers";
    }

    /** The choice's texts, for tests. */
    List<String> choices() {
        return List.copyOf(choice.getItems());
    }

    void choose(String challengeId) {
        ids.entrySet().stream().filter(e -> e.getValue().equals(challengeId)).findFirst()
                .ifPresent(e -> choice.getSelectionModel().select(e.getKey()));
    }
}

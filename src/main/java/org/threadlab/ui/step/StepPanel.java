package org.threadlab.ui.step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.threadlab.engine.challenge.ChallengeGame;
import org.threadlab.engine.step.Deadlock;
import org.threadlab.engine.step.LaneStatus;
import org.threadlab.engine.step.LostUpdate;
import org.threadlab.engine.step.LostUpdates;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.StepResult;
import org.threadlab.engine.step.StepSession;
import org.threadlab.engine.step.Stories;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Listing;
import org.threadlab.lesson.Outcome;
import org.threadlab.lesson.Stepping;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * Step mode: the learner is the scheduler. One card per lane (name, current line, registers,
 * status, a "next step" button); shared memory; the steps taken; a guided story if the lesson has
 * one; the deadlock circle when nobody can move. No threads run: a {@link StepSession} computes each
 * state, so undo is exact.
 *
 * <p>Keys (when the panel is showing; see {@link #handleKey}): 1..9 move lane N, Ctrl+Z or
 * Backspace undo. The owner lights the listing: {@link #onLines} gets the marks each lane is on.
 */
public final class StepPanel extends VBox {
    static final PseudoClass CAN_MOVE = PseudoClass.getPseudoClass("can-move");
    static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");
    static final PseudoClass ENDED = PseudoClass.getPseudoClass("ended");
    static final PseudoClass LATEST = PseudoClass.getPseudoClass("latest");
    static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    static final PseudoClass PAST = PseudoClass.getPseudoClass("past");
    static final PseudoClass LOST = PseudoClass.getPseudoClass("lost");
    /** On a panel's summary when the tab cannot apply to the lesson and says why instead. */
    static final PseudoClass NOT_APPLICABLE = PseudoClass.getPseudoClass("not-applicable");

    private static final String FREE = "Free stepping (you choose)";

    private final Label heading = new Label();
    private final Label message = new Label();
    private final HBox lanesBox = new HBox(10);
    private final FlowPane memoryBox = new FlowPane(10, 6);
    private final FlowPane historyBox = new FlowPane(4, 4);
    private final Label lastStep = new Label();
    private final Label lostLabel = new Label();
    private final Label outcome = new Label();
    private final DeadlockView deadlockView = new DeadlockView();
    private final Button undo = new Button("Undo", new FontIcon(MaterialDesignU.UNDO));
    private final Button reset = new Button("Reset", new FontIcon(MaterialDesignR.RESTORE));
    private final ComboBox<String> storyChoice = new ComboBox<>();
    private final Button storyBack = new Button("Back", new FontIcon(MaterialDesignS.SKIP_PREVIOUS));
    private final Button storyForward = new Button("Forward", new FontIcon(MaterialDesignS.SKIP_NEXT));
    private final Label storySay = new Label();
    private final VBox storyBox = new VBox(6);
    private final List<LaneCard> cards = new ArrayList<>();
    private final ChallengeBox challengeBox = new ChallengeBox();
    /** The challenge being played, or null when stepping freely or in a story. */
    private ChallengeGame game;
    private java.util.function.BiConsumer<String, String> onChallengeWon = (lessonId, challengeId) -> {};
    /** Why step mode cannot apply to the lesson on show, in plain words; empty when it can. */
    private Optional<String> notApplicable = Optional.empty();

    private Lesson lesson;
    private String variant = "";
    private StepSession session;
    private Stepping.Story story;
    private List<Integer> storySchedule = List.of();
    private String language = "java";
    private Consumer<Set<String>> onLines = marks -> {};
    private Consumer<String> onVariant = v -> {};

    public StepPanel() {
        getStyleClass().add("tl-step");
        getStylesheets().add(Objects.requireNonNull(StepPanel.class.getResource("step.css")).toExternalForm());
        setSpacing(10);
        heading.getStyleClass().add("tl-step-heading");
        heading.setWrapText(true);
        message.getStyleClass().add("tl-step-message");
        message.setId("step-message");
        message.setWrapText(true);
        undo.setId("step-undo");
        undo.setTooltip(new Tooltip("Take back the last step (Ctrl+Z or Backspace)"));
        undo.setOnAction(e -> undo());
        reset.setId("step-reset");
        reset.setTooltip(new Tooltip("Back to the start"));
        reset.setOnAction(e -> reset());
        historyBox.setId("step-history");
        historyBox.getStyleClass().add("tl-step-history");
        lastStep.setId("step-last");
        lastStep.getStyleClass().add("tl-step-last");
        lastStep.setWrapText(true);
        lostLabel.setId("step-lost");
        lostLabel.getStyleClass().add("tl-step-lost");
        lostLabel.setWrapText(true);
        outcome.setId("step-outcome");
        outcome.getStyleClass().add("tl-step-outcome");
        outcome.setWrapText(true);
        deadlockView.setId("step-deadlock");

        storyChoice.setId("step-story");
        storyChoice.valueProperty().addListener((o, a, v) -> chooseStory(v));
        storyBack.setId("story-back");
        storyBack.setOnAction(e -> undo());
        storyForward.setId("story-forward");
        storyForward.setOnAction(e -> storyForward());
        storySay.setId("story-say");
        storySay.getStyleClass().add("tl-story-say");
        storySay.setWrapText(true);
        storySay.managedProperty().bind(storySay.textProperty().isNotEmpty()); // no empty line under the bar
        HBox storyBar = new HBox(8, new Label("Story:"), storyChoice, storyBack, storyForward);
        storyBar.setAlignment(Pos.CENTER_LEFT);
        storyBox.getChildren().addAll(storyBar, storySay);
        storyBox.getStyleClass().add("tl-story");

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label keys = new Label("Keys: 1-9 move a worker, Backspace or Ctrl+Z undo");
        keys.getStyleClass().add("tl-step-hint");
        HBox bar = new HBox(8, undo, reset, grow, keys);
        bar.setAlignment(Pos.CENTER_LEFT);

        ScrollPane lanesScroll = new ScrollPane(lanesBox);
        lanesScroll.setFitToHeight(true);
        lanesScroll.getStyleClass().add("tl-step-lanes-scroll");
        lanesScroll.setMinHeight(190);
        Label memoryTitle = new Label("Shared memory");
        memoryTitle.getStyleClass().add("tl-step-section");
        Label stepsTitle = new Label("Steps taken");
        stepsTitle.getStyleClass().add("tl-step-section");
        challengeBox.onChoose(this::chooseChallenge);
        getChildren().addAll(heading, challengeBox, storyBox, bar, lanesScroll, memoryTitle, memoryBox, lastStep, lostLabel, outcome,
                deadlockView, stepsTitle, historyBox, message);
        setFillWidth(true);
        showStoryControls(false);
    }

    /** Called with the listing marks the lanes are on (for the listing highlight), after each change. */
    public void onLines(Consumer<Set<String>> action) {
        this.onLines = action;
    }

    /** Called with the lesson's and the challenge's id when a challenge is won. */
    public void onChallengeWon(java.util.function.BiConsumer<String, String> action) {
        this.onChallengeWon = action;
    }

    /** Which challenges the learner won before (lesson id, challenge id): they are ticked in the choice. */
    public void wonBefore(java.util.function.BiPredicate<String, String> won) {
        challengeBox.wonBefore(won);
    }

    /** Called when step mode switches variant by itself (a story or a replay of another variant). */
    public void onVariant(Consumer<String> action) {
        this.onVariant = action;
    }

    /** The language of the listing lines shown on the cards ({@code java} or {@code python}). */
    public void setLanguage(String language) {
        if (language != null && !language.equals(this.language)) {
            this.language = language;
            refresh();
        }
    }

    /**
     * Shows a lesson in step mode, from the start: the variant's workers with the lesson's
     * {@code stepping.params}.
     */
    public void show(Lesson lesson, String variant) {
        String v = variant == null ? "" : variant;
        if (lesson.equals(this.lesson) && v.equals(this.variant) && session != null) { // equal: the library read it again
            return; // the window echoing a variant that step mode chose itself: keep the steps taken
        }
        this.lesson = lesson;
        this.variant = variant == null ? "" : variant;
        this.story = null;
        this.storySchedule = List.of();
        this.game = null;
        challengeBox.showLesson(lesson);
        List<String> items = new ArrayList<>();
        items.add(FREE);
        lesson.stepping().stories().forEach(s -> items.add(s.title()));
        storyChoice.getItems().setAll(items);
        storyChoice.getSelectionModel().select(0);
        showStoryControls(!lesson.stepping().stories().isEmpty());
        load(this.variant);
    }

    private void load(String v) {
        notApplicable = TabReasons.step(lesson, v);
        session = notApplicable.isPresent() ? null : game != null ? game.session() : new StepSession(Stories.model(lesson, v));
        message.setText(notApplicable.orElse(""));
        message.pseudoClassStateChanged(NOT_APPLICABLE, notApplicable.isPresent());
        for (Node n : getChildren()) { // a tab that cannot apply shows its reason alone
            if (n == storyBox) { // a challenge is played without a story
                showStoryControls(session != null && game == null && !lesson.stepping().stories().isEmpty());
            } else if (n == challengeBox) {
                n.setVisible(session != null && !lesson.challenges().isEmpty());
                n.setManaged(n.isVisible());
            } else if (n != message) {
                n.setVisible(session != null);
                n.setManaged(session != null);
            }
        }
        buildCards();
        refresh();
    }

    /** Why step mode cannot apply to the lesson and variant on show, in a sentence; empty when it can. */
    public Optional<String> notApplicable() {
        return notApplicable;
    }

    /** The session being stepped (null if the lesson could not be compiled). */
    public StepSession session() {
        return session;
    }

    /** Plays a schedule from the start (e.g. one the explorer found), leaving any story. */
    public void replay(String forVariant, List<Integer> schedule) {
        if (lesson == null) {
            return;
        }
        storyChoice.getSelectionModel().select(0);
        leaveChallenge();
        if (!Objects.equals(forVariant, variant) || session == null) {
            variant = forVariant == null ? "" : forVariant;
            load(variant);
            onVariant.accept(variant);
        }
        if (session == null) {
            return;
        }
        session.reset();
        try {
            session.play(schedule);
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
        }
        refresh();
    }

    /** Moves a lane one step; false (with the reason shown) if it cannot move. */
    public boolean step(int lane) {
        if (session == null || lane < 0 || lane >= session.model().lanes().size()) {
            return false;
        }
        if (session.status(lane) != LaneStatus.READY) {
            message.setText(session.model().lanes().get(lane).name() + " cannot move: " + status(lane));
            return false;
        }
        if (game != null) {
            if (game.status() != ChallengeGame.Status.PLAYING) {
                message.setText("The challenge is over: undo (Backspace) or Reset to play on.");
                return false;
            }
            game.step(lane);
            if (game.status() == ChallengeGame.Status.WON) {
                onChallengeWon.accept(lesson.id(), game.challenge().id());
                challengeBox.refreshChoices();
            }
        } else {
            session.step(lane);
        }
        message.setText("");
        refresh();
        return true;
    }

    public boolean undo() {
        if (session == null || !(game != null ? game.undo() : session.undo())) {
            return false;
        }
        message.setText("");
        refresh();
        return true;
    }

    public void reset() {
        if (session != null) {
            if (game != null) {
                game.restart();
            } else {
                session.reset();
            }
            message.setText("");
            refresh();
        }
    }

    /** Keys for step mode; true if the key was used. */
    public boolean handleKey(KeyEvent e) {
        if (e.getCode().isDigitKey() && !e.isShortcutDown()) {
            String text = e.getCode().getName();
            char c = text.charAt(text.length() - 1);
            if (c >= '1' && c <= '9') {
                step(c - '1');
                return true;
            }
        }
        if (e.getCode() == KeyCode.BACK_SPACE || new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN).match(e)) {
            undo();
            return true;
        }
        return false;
    }

    // ---- stories

    private void showStoryControls(boolean show) {
        storyBox.setVisible(show);
        storyBox.setManaged(show);
    }

    private void chooseStory(String title) {
        if (lesson == null || title == null) {
            return;
        }
        Optional<Stepping.Story> chosen = lesson.stepping().stories().stream().filter(s -> s.title().equals(title)).findFirst();
        if (chosen.isEmpty()) {
            if (story != null) {
                story = null;
                storySchedule = List.of();
                refresh();
            }
            return;
        }
        story = chosen.get();
        leaveChallenge();
        String v = story.variant().isEmpty() ? lesson.defaultVariant() : story.variant();
        variant = v;
        load(v);
        try {
            storySchedule = session == null ? List.of() : Stories.schedule(session.model(), story);
        } catch (IllegalArgumentException e) {
            storySchedule = List.of();
            message.setText(e.getMessage());
        }
        refresh();
        onVariant.accept(v);
    }

    // ---- challenges

    /** Plays a challenge of the lesson from the start; {@code ""} leaves the challenge for free stepping. */
    public void chooseChallenge(String challengeId) {
        if (lesson == null) {
            return;
        }
        Optional<Challenge> c = lesson.challenge(challengeId == null ? "" : challengeId);
        if (c.isEmpty()) {
            if (game != null) {
                leaveChallenge();
                load(variant);
            }
            return;
        }
        story = null;
        storySchedule = List.of();
        storyChoice.getSelectionModel().select(0);
        String v = c.get().variant().isEmpty() ? lesson.defaultVariant() : c.get().variant();
        try {
            game = new ChallengeGame(lesson, c.get());
        } catch (IllegalArgumentException e) {
            game = null;
            message.setText("This challenge cannot be played: " + e.getMessage());
            return;
        }
        challengeBox.choose(challengeId);
        variant = v;
        load(v);
        onVariant.accept(v);
    }

    /** Shows the course's next step under a won challenge (see {@link #onChallengeWon}). */
    public void showNextStep(String sentence, Runnable action) {
        challengeBox.showNext(sentence, action);
    }

    /** The challenge being played, or null. */
    public ChallengeGame game() {
        return game;
    }

    private void leaveChallenge() {
        if (game != null) {
            game = null;
            challengeBox.leave();
        }
    }

    /** The story's next step, if the learner has kept to the story so far. */
    public boolean storyForward() {
        if (session == null || story == null || !onStory() || session.position() >= storySchedule.size()) {
            return false;
        }
        return step(storySchedule.get(session.position()));
    }

    /** Whether the steps taken so far are the start of the story. */
    private boolean onStory() {
        List<Integer> taken = session.schedule();
        return taken.size() <= storySchedule.size() && storySchedule.subList(0, taken.size()).equals(taken);
    }

    /** The story's sentence for the steps taken, or what to do. */
    private String storyText() {
        if (story == null) {
            return "";
        }
        if (!onStory()) {
            return "You have left the story's path: go Back, or Reset to start it again.";
        }
        int at = session.position();
        if (at == 0) {
            return story.title() + ": press Forward to play the first step (" + story.beats().size() + " in all).";
        }
        return "Step " + at + " of " + story.beats().size() + ": " + story.beats().get(at - 1).say();
    }

    /** The listing marks of the steps the lanes will do next. */
    public Set<String> currentMarks() {
        Set<String> marks = new LinkedHashSet<>();
        if (session != null) {
            for (int lane = 0; lane < session.model().lanes().size(); lane++) {
                StepInfo info = session.model().nextStep(session.state(), lane);
                if (info != null && !info.mark().isEmpty()) {
                    marks.add(info.mark());
                }
            }
        }
        return marks;
    }

    /** The variant being stepped. */
    public String variant() {
        return variant;
    }

    // ---- cards and refresh

    private void buildCards() {
        cards.clear();
        lanesBox.getChildren().clear();
        if (session == null) {
            return;
        }
        List<StepModel.LaneDef> lanes = session.model().lanes();
        for (int i = 0; i < lanes.size(); i++) {
            LaneCard card = new LaneCard(i, lanes.get(i));
            cards.add(card);
            lanesBox.getChildren().add(card);
        }
    }

    /** Reads the session and updates every part; cheap (a few lanes and variables). */
    void refresh() {
        if (session == null) {
            heading.setText(lesson == null ? "" : lesson.title());
            lanesBox.getChildren().clear();
            memoryBox.getChildren().clear();
            deadlockView.show(null);
            onLines.accept(Set.of());
            return;
        }
        StepModel model = session.model();
        String params = describeParams(model, !lesson.steppingParams(variant).isEmpty());
        heading.setText("You are the scheduler: choose who does the next atomic step."
                + (params.isEmpty() ? "" : " " + params)
                + (TabReasons.processMode(lesson, variant) ? " " + TabReasons.AS_THREADS : ""));
        Set<String> marks = new LinkedHashSet<>();
        for (LaneCard card : cards) {
            card.update();
            StepInfo info = model.nextStep(session.state(), card.lane);
            if (info != null && !info.mark().isEmpty()) {
                marks.add(info.mark());
            }
        }
        memoryBox.getChildren().clear();
        List<StepResult> history = session.history();
        StepResult last = history.isEmpty() ? null : history.get(history.size() - 1);
        int i = 0;
        for (Map.Entry<String, Long> e : model.shared(session.state()).entrySet()) {
            Label cell = new Label(e.getKey() + " = " + e.getValue());
            cell.getStyleClass().add("tl-step-variable");
            cell.setId("step-var-" + e.getKey());
            cell.pseudoClassStateChanged(LATEST, last != null && last.variable() == i && "write".equals(last.kind())
                    || last != null && last.variable() == i && "increment".equals(last.kind()));
            memoryBox.getChildren().add(cell);
            i++;
        }
        for (int lock : model.usedLocks()) { // a lock of the lesson that this variant never takes has nothing to show
            Label cell = new Label(model.compiled().locks().get(lock) + ": " + model.holders(session.state(), lock));
            cell.getStyleClass().add("tl-step-lock");
            memoryBox.getChildren().add(cell);
        }
        List<String> semaphores = model.compiled().semaphores();
        for (int k = 0; k < semaphores.size(); k++) {
            Label cell = new Label(semaphores.get(k) + ": " + permitDots(session.state().permits(k),
                    model.compiled().initialPermits()[k]));
            cell.getStyleClass().add("tl-step-lock");
            cell.setId("step-sem-" + semaphores.get(k));
            memoryBox.getChildren().add(cell);
        }
        List<String> queues = model.compiled().queues();
        for (int k = 0; k < queues.size(); k++) {
            long[] items = session.state().queue(k);
            StringBuilder sb = new StringBuilder(queues.get(k)).append(": [");
            int capacity = model.compiled().queueCapacities()[k];
            for (int j = 0; j < capacity; j++) {
                sb.append(j == 0 ? "" : " | ").append(j < items.length ? String.valueOf(items[j]) : " ");
            }
            Label cell = new Label(sb.append("]").toString());
            cell.getStyleClass().add("tl-step-variable");
            cell.setId("step-queue-" + queues.get(k));
            memoryBox.getChildren().add(cell);
        }
        List<String> conditions = model.compiled().conditions();
        for (int k = 0; k < conditions.size(); k++) {
            List<String> waiting = model.waitSet(session.state(), k);
            Label cell = new Label(conditions.get(k) + " (of " + model.compiled().locks().get(model.compiled().conditionLocks()[k])
                    + "): " + (waiting.isEmpty() ? "nobody waits" : "wait set {" + String.join(", ", waiting) + "}"));
            cell.getStyleClass().add("tl-step-lock");
            cell.setId("step-cond-" + conditions.get(k));
            memoryBox.getChildren().add(cell);
        }
        LostUpdates lost = session.lostUpdates();
        Optional<LostUpdate> lostNow = lost.writes().stream().filter(l -> l.step() == history.size()).findFirst();
        lastStep.setText(last == null ? "No step taken yet." : "Step " + history.size() + ": " + last.text()
                + (last.printed() != null ? "  (prints \"" + last.printed() + "\")" : "")
                + lostNow.map(l -> ". Lost update: " + l.describe(model) + ".").orElse(""));
        lastStep.pseudoClassStateChanged(LOST, lostNow.isPresent());
        showLost(model, lost);
        showHistory(model, history, lost);
        Optional<Deadlock> deadlock = session.deadlock();
        if (deadlock.isPresent()) {
            outcome.setText("Deadlock: nobody can move. " + deadlock.get().describe() + ".");
            outcome.pseudoClassStateChanged(BLOCKED, true);
            deadlockView.show(deadlock.get().named());
        } else {
            outcome.pseudoClassStateChanged(BLOCKED, false);
            deadlockView.show(null);
            if (session.finished()) {
                Optional<Outcome> o = model.outcome(session.state());
                outcome.setText("Every worker has ended. " + o.map(x -> x.grade().label().toUpperCase(java.util.Locale.ROOT)
                        + ": " + x.text().strip()).orElse("No outcome of the lesson matches."));
            } else {
                outcome.setText("");
            }
        }
        undo.setDisable(session.position() == 0);
        reset.setDisable(session.position() == 0);
        storySay.setText(storyText());
        challengeBox.update(game);
        storyBack.setDisable(story == null || session.position() == 0);
        storyForward.setDisable(story == null || !onStory() || session.position() >= storySchedule.size());
        onLines.accept(marks);
    }

    /**
     * The lost updates so far: how many updates shared memory is missing, and each write that
     * destroyed one. Shown only where a write can destroy an update (some lane writes a variable
     * that another lane also updates); elsewhere "0 lost" would be noise.
     */
    private void showLost(StepModel model, LostUpdates lost) {
        boolean racy = canLoseUpdates(model);
        lostLabel.setVisible(racy);
        lostLabel.setManaged(racy);
        if (!racy) {
            lostLabel.setText("");
            return;
        }
        StringBuilder sb = new StringBuilder(lost.missing() == 1 ? "1 update lost so far"
                : lost.missing() + " updates lost so far");
        sb.append(lost.missing() == 0 ? "." : ": shared memory no longer holds " + (lost.missing() == 1 ? "it" : "them") + ".");
        int destroyed = 0;
        for (LostUpdate l : lost.writes()) {
            sb.append("\nStep ").append(l.step()).append(": ").append(l.describe(model)).append('.');
            destroyed += l.destroyed().size();
        }
        if (destroyed > lost.missing()) {
            sb.append("\nAn update destroyed earlier came back: the worker that had read it wrote it again with its own.");
        }
        lostLabel.setText(sb.toString());
        lostLabel.pseudoClassStateChanged(LOST, lost.missing() > 0);
    }

    /** Whether some lane does a plain write to a variable that another lane also writes or increments. */
    static boolean canLoseUpdates(StepModel model) {
        Map<Integer, Set<Integer>> updaters = new java.util.HashMap<>();
        Set<Integer> plainWritten = new java.util.HashSet<>();
        List<StepModel.LaneDef> lanes = model.lanes();
        for (int lane = 0; lane < lanes.size(); lane++) {
            for (org.threadlab.engine.program.Program part : lanes.get(lane).parts()) {
                for (org.threadlab.engine.program.Op op : part.ops()) {
                    int variable = switch (op) {
                        case org.threadlab.engine.program.Op.Write w -> {
                            plainWritten.add(w.variable());
                            yield w.variable();
                        }
                        case org.threadlab.engine.program.Op.AtomicAdd a -> a.variable();
                        default -> -1;
                    };
                    if (variable >= 0) {
                        updaters.computeIfAbsent(variable, k -> new java.util.HashSet<>()).add(lane);
                    }
                }
            }
        }
        return plainWritten.stream().anyMatch(v -> updaters.get(v).size() > 1);
    }

    /** The steps taken, one chip each; a write that destroyed an update is marked, with the sentence as its tooltip. */
    private void showHistory(StepModel model, List<StepResult> history, LostUpdates lost) {
        List<Node> chips = new ArrayList<>();
        if (history.isEmpty()) {
            chips.add(new Label("(none)"));
        }
        Map<Integer, LostUpdate> byStep = new java.util.HashMap<>();
        lost.writes().forEach(l -> byStep.put(l.step(), l));
        for (int i = 0; i < history.size(); i++) {
            StepResult r = history.get(i);
            String step = model.lanes().get(r.lane()).label() + "." + r.kind();
            LostUpdate l = byStep.get(i + 1);
            Label chip = new Label(l == null ? step : step + ": " + owners(model, l) + " lost");
            chip.getStyleClass().add("tl-step-chip");
            if (l != null) {
                chip.pseudoClassStateChanged(LOST, true);
                chip.setTooltip(new Tooltip("Step " + l.step() + ": " + l.describe(model)));
            }
            chips.add(chip);
        }
        historyBox.getChildren().setAll(chips);
    }

    /** {@code A's update} or {@code A's and C's updates}. */
    private static String owners(StepModel model, LostUpdate l) {
        List<String> who = l.destroyed().stream().map(u -> model.lanes().get(u.lane()).label() + "'s").distinct().toList();
        return (who.size() == 1 ? who.get(0) : String.join(" and ", who)) + (l.destroyed().size() == 1 ? " update" : " updates");
    }

    /** {@code ●●○ 2 of 3 permits left}: one dot per permit, filled when free. */
    private static String permitDots(int left, int of) {
        return "\u25CF".repeat(Math.max(0, left)) + "\u25CB".repeat(Math.max(0, of - left)) + "  " + left + " of " + of
                + " permits free";
    }

    private static String describeParams(StepModel model, boolean small) {
        StringBuilder sb = new StringBuilder();
        model.compiled().params().forEach((k, v) -> {
            if (!k.equals("workers")) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" = ").append(v);
            }
        });
        return sb.isEmpty() || !small ? "" : "Small counts, to step by hand: " + sb + ".";
    }

    private String status(int lane) {
        StepModel model = session.model();
        LaneStatus s = session.status(lane);
        return switch (s) {
            case READY -> "can move";
            case BLOCKED_ON_LOCK -> {
                int lock = model.waitsFor(session.state(), lane);
                yield "blocked on " + model.compiled().locks().get(lock) + " (" + model.blockedBy(session.state(), lane) + ")"
                        + ("reacquire".equals(model.nextKind(session.state(), lane)) ? ", to take it back after a notify" : "");
            }
            case WAITING_ON_CONDITION -> {
                int condition = model.waitsOn(session.state(), lane);
                yield "in the wait set of " + model.compiled().conditions().get(condition) + ": sleeps until notified";
            }
            case BLOCKED_ON_SEMAPHORE, BLOCKED_ON_QUEUE -> "blocked: " + model.blockedOn(session.state(), lane);
            case SPINNING -> "spinning: " + model.blockedOn(session.state(), lane);
            case NOT_STARTED -> "not started: main starts the workers";
            case JOINING -> "waits to join the workers";
            case DONE -> "done";
            case FAILED -> "failed: " + model.failure(session.state(), lane);
        };
    }

    /** The listing line a step is on, in the chosen language, or the step's own label. */
    private String lineText(StepInfo info) {
        Lesson resolved = lesson.resolve(variant);
        Optional<Listing> listing = resolved.listing(language).or(() -> resolved.listings().stream().findFirst());
        if (listing.isPresent() && !info.mark().isEmpty()) {
            Integer line = listing.get().marks().get(info.mark());
            if (line != null) {
                return line + ":  " + listing.get().lines().get(line - 1).strip();
            }
        }
        return info.label();
    }

    /** One lane: its card. Clicking the card or its button moves it. */
    private final class LaneCard extends VBox {
        final int lane;
        final Label title = new Label();
        final Label line = new Label();
        final HBox expansion = new HBox(4);
        final Label registers = new Label();
        final Label statusLabel = new Label();
        final Button next = new Button("Next step");

        LaneCard(int lane, StepModel.LaneDef def) {
            this.lane = lane;
            getStyleClass().add("tl-step-card");
            setId("step-lane-" + (lane + 1));
            title.setText((lane < 9 ? (lane + 1) + "  " : "") + def.name()
                    + (def.label().equals(def.name()) ? "" : "  (" + def.label() + ")"));
            title.getStyleClass().add("tl-step-card-title");
            line.getStyleClass().add("tl-step-line");
            line.setWrapText(true);
            expansion.getStyleClass().add("tl-step-expansion");
            registers.getStyleClass().add("tl-step-registers");
            statusLabel.getStyleClass().add("tl-step-status");
            statusLabel.setWrapText(true);
            next.setId("step-next-" + (lane + 1));
            next.setOnAction(e -> step(lane));
            next.setMaxWidth(Double.MAX_VALUE);
            setOnMouseClicked(e -> {
                if (!(e.getTarget() instanceof Button)) {
                    step(lane);
                }
            });
            setSpacing(4);
            setMinWidth(200);
            setPrefWidth(240);
            getChildren().addAll(title, line, expansion, registers, statusLabel, next);
        }

        void update() {
            StepModel model = session.model();
            LaneStatus s = session.status(lane);
            StepInfo info = model.nextStep(session.state(), lane);
            String kind = model.nextKind(session.state(), lane);
            line.setText(info != null ? lineText(info)
                    : kind.isEmpty() ? "(ended)" : kind.equals("start") ? "start the workers" : "join the workers");
            showExpansion(model, info);
            Map<String, Long> locals = model.locals(session.state(), lane);
            StringBuilder regs = new StringBuilder();
            locals.remove("copy"); // the worker's copy number: already in its name
            locals.forEach((k, v) -> regs.append(regs.isEmpty() ? "" : "   ").append(k).append(" = ").append(v));
            registers.setText(regs.isEmpty() ? "no registers" : "register: " + regs);
            statusLabel.setText(status(lane));
            statusLabel.setId("step-status-" + (lane + 1));
            pseudoClassStateChanged(CAN_MOVE, s == LaneStatus.READY);
            pseudoClassStateChanged(BLOCKED, s != LaneStatus.READY && s != LaneStatus.DONE && s != LaneStatus.FAILED);
            pseudoClassStateChanged(ENDED, s == LaneStatus.DONE || s == LaneStatus.FAILED);
            next.setDisable(s != LaneStatus.READY);
            next.setText(s == LaneStatus.READY ? "Next step: " + kind : "Next step");
        }

        /**
         * {@code counter += 1} is one line of code but three steps. Before the lane starts it, the
         * card shows the line alone; once the lane has done the read, the line opens into read,
         * add and write, with the one it is at lit.
         */
        private void showExpansion(StepModel model, StepInfo info) {
            expansion.getChildren().clear();
            int at = info == null ? -1 : positionInIncrement(model.compiled().steps(), info);
            boolean open = at > 0;
            expansion.setVisible(open);
            expansion.setManaged(open);
            if (!open) {
                return;
            }
            int first = info.index() - at;
            for (int k = 0; k < 3; k++) {
                StepInfo part = model.compiled().steps().get(first + k);
                Label l = new Label((k + 1) + ". " + part.label());
                l.getStyleClass().add("tl-step-part");
                l.pseudoClassStateChanged(CURRENT, k == at);
                l.pseudoClassStateChanged(PAST, k < at);
                expansion.getChildren().add(l);
            }
        }
    }

    /**
     * Where a step stands in a plain increment's read, add and write (0, 1, 2), or -1 if it is not
     * part of one. An increment compiles to three consecutive steps written at the same place.
     */
    static int positionInIncrement(List<StepInfo> steps, StepInfo info) {
        String[] kinds = {"read", "add", "write"};
        for (int at = 0; at < 3; at++) {
            int first = info.index() - at;
            if (first < 0 || first + 2 >= steps.size()) {
                continue;
            }
            boolean match = true;
            for (int k = 0; k < 3 && match; k++) {
                StepInfo s = steps.get(first + k);
                match = s.kind().equals(kinds[k]) && s.line() == info.line() && s.worker().equals(info.worker())
                        && s.mark().equals(info.mark());
            }
            if (match && info.kind().equals(kinds[at])) {
                return at;
            }
        }
        return -1;
    }
}

package org.threadlab.ui.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Variant;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * The course path: the curriculum's ideas in course order, each with its lessons, and per lesson
 * what the learner has done (predicted, ran, variants tried, challenges won), with the next step
 * on top. A lesson's row opens it; the next step's button takes it. At the bottom the learner can
 * forget all progress, after saying so twice. The page is rebuilt from the store by
 * {@link #refresh()}; it keeps nothing of its own.
 */
public final class CoursePathView extends javafx.scene.layout.BorderPane {
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass NEXT = PseudoClass.getPseudoClass("next");
    private static final PseudoClass WRONG = PseudoClass.getPseudoClass("wrong");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final CompletionStore store;
    private final VBox content = new VBox();
    /** The title, the Back button and the next step: above the page, in sight while it scrolls. */
    private final VBox header = new VBox();
    private final ScrollPane scroll = new ScrollPane();
    private CoursePath path = CoursePath.of(List.of());
    private Consumer<Lesson> onOpen = l -> {};
    private Consumer<NextStep> onStep = s -> {};
    private Runnable onClose = () -> {};
    private Runnable onReset = () -> {};
    private String closeText = "Back";
    /** The lesson open beside the path, marked "Open" on its row; null on the first screen. */
    private String current;
    /** Whether the reset asks "really?" now: it survives a refresh only until the learner answers. */
    private boolean confirmingReset;

    public CoursePathView(CompletionStore store) {
        this.store = Objects.requireNonNull(store, "store");
        setId("course-path");
        getStyleClass().add("tl-path-view");
        getStylesheets().add(Objects.requireNonNull(CoursePathView.class.getResource("course.css")).toExternalForm());
        content.getStyleClass().add("tl-path");
        content.setMinWidth(0);
        VBox page = new VBox(content);
        page.setAlignment(Pos.TOP_CENTER);
        page.getStyleClass().add("tl-path-page");
        page.setMinWidth(0);
        scroll.getStyleClass().add("tl-path-scroll");
        scroll.setContent(page);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        header.getStyleClass().addAll("tl-path-page", "tl-path-header");
        header.setAlignment(Pos.TOP_CENTER);
        header.setMinWidth(0);
        setTop(header);
        setCenter(scroll);
        // the learner's own scroll or click ends it: the page no longer jumps back
        scroll.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> revealing = null);
        scroll.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> revealing = null);
        scroll.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> revealing = null);
        refresh();
    }

    /** Shows these lessons, given in course order. */
    public void setCourse(List<Lesson> courseOrder) {
        path = CoursePath.of(courseOrder);
        refresh();
    }

    /** The scrolling page below the title. */
    public ScrollPane scroll() {
        return scroll;
    }

    public CoursePath path() {
        return path;
    }

    /** Marks the lesson open in the window ("Open" on its row); null for none. */
    public void setCurrent(String lessonId) {
        if (!Objects.equals(current, lessonId)) {
            current = lessonId;
            refresh();
        }
    }

    /** Called with a lesson whose row was clicked (or activated with Enter or Space). */
    public void onOpen(Consumer<Lesson> action) {
        onOpen = action == null ? l -> {} : action;
    }

    /** Called with the next step when its button is pressed. */
    public void onStep(Consumer<NextStep> action) {
        onStep = action == null ? s -> {} : action;
    }

    /** Called by the close button; {@code text} is its label (e.g. "Back to the lesson"). */
    public void onClose(String text, Runnable action) {
        closeText = text == null ? "Back" : text;
        onClose = action == null ? () -> {} : action;
        refresh();
    }

    /** Called after the learner confirmed a reset and the store forgot everything. */
    public void onReset(Runnable action) {
        onReset = action == null ? () -> {} : action;
    }

    /** The first step not done, from the start of the course. */
    public Optional<NextStep> nextStep() {
        return path.nextStep(store);
    }

    /**
     * Scrolls to the lesson's row under its idea's heading, so that the learner sees where the lesson
     * on screen is on the path; to the top for none (or a lesson not on it). The page may not be laid
     * out at its width yet: until the learner scrolls or clicks, each new layout scrolls there again.
     */
    public void reveal(String lessonId) {
        revealing = lessonId;
        scroll.setVvalue(0);
        if (lessonId == null || getScene() == null) {
            return;
        }
        // after each layout pulse (rows are placed only then), a few times at most, or until the learner moves
        javafx.scene.Scene scene = getScene();
        int[] pulses = {0};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (revealing == null || ++pulses[0] > 12 || getScene() != scene) {
                scene.removePostLayoutPulseListener(listener[0]);
                return;
            }
            applyReveal();
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /** The lesson whose row {@link #reveal} keeps in sight while the page settles; null once the learner moves. */
    private String revealing;

    private void applyReveal() {
        if (revealing == null) {
            return;
        }
        Node row = content.getChildren().stream()
                .flatMap(n -> n.lookupAll(".tl-path-lesson").stream())
                .filter(n -> revealing.equals(n.getUserData())).findFirst().orElse(null);
        double contentHeight = scroll.getContent().getLayoutBounds().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (row == null || contentHeight <= viewport || viewport <= 0) {
            return;
        }
        // the top of its idea's section, heading and all, unless that would push the row out of sight
        Node section = row.getParent() == null ? null : row.getParent().getParent();
        double rowY = scroll.getContent().sceneToLocal(row.localToScene(row.getLayoutBounds())).getMinY();
        double y = section == null ? rowY
                : scroll.getContent().sceneToLocal(section.localToScene(section.getLayoutBounds())).getMinY();
        if (rowY - y > viewport * 0.6) {
            y = rowY - viewport * 0.25;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, y / (contentHeight - viewport))));
    }

    /** Builds the page again from the store. */
    public void refresh() {
        List<Node> nodes = new ArrayList<>();
        Label title = new Label("Course path");
        title.getStyleClass().add("tl-path-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button(closeText, new FontIcon(MaterialDesignA.ARROW_LEFT));
        close.setId("course-close");
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> onClose.run());
        // the Back button goes to the right of the title, or under it in a narrow pane
        FlowPane top = new FlowPane(title, close);
        top.getStyleClass().add("tl-path-top");
        top.setAlignment(Pos.CENTER_LEFT);
        top.setMinWidth(0);
        top.widthProperty().addListener((o, a, w) -> top.setHgap(Math.max(16, w.doubleValue()
                - top.snappedLeftInset() - top.snappedRightInset() - title.prefWidth(-1) - close.prefWidth(-1) - 1)));
        header.getChildren().setAll(top);
        boolean anyChallenges = path.lessons().stream().anyMatch(l -> !path.challenges(l).isEmpty());
        nodes.add(wrapped("The ideas of the course in order, and the lessons that show each one. In every lesson:"
                + " lock in a guess, run it, " + (anyChallenges ? "try each of its variants, and win its challenges."
                : "and try each of its variants."), "tl-path-intro"));
        if (path.lessons().isEmpty()) {
            nodes.add(wrapped("No lessons were found, so the course has no path yet.", "tl-path-intro"));
            content.getChildren().setAll(nodes);
            return;
        }
        nodes.add(summary());
        // the next step stays in sight above the page, wherever it is scrolled (to the lesson open, say)
        Node next = nextBox();
        VBox pinned = new VBox(next);
        pinned.getStyleClass().add("tl-path-pinned");
        header.getChildren().add(pinned);
        Optional<NextStep> step = nextStep();
        for (CoursePath.Section section : path.sections()) {
            nodes.add(section(section, step.map(NextStep::lesson).orElse(null)));
        }
        nodes.add(resetBox());
        content.getChildren().setAll(nodes);
    }

    private Label summary() {
        long done = path.lessonsDone(store);
        long begun = path.lessons().stream().filter(l -> {
            LessonMarks m = path.marks(l, store);
            return !m.done() && !m.untouched();
        }).count();
        int total = path.lessons().size();
        List<Lesson> asking = path.lessons().stream().filter(l -> l.prediction() != null).toList();
        long answered = asking.stream().filter(l -> store.prediction(l.id()).isPresent()).count();
        long right = asking.stream().filter(l -> store.prediction(l.id()).orElse(false)).count();
        int challenges = path.lessons().stream().mapToInt(l -> path.challenges(l).size()).sum();
        StringBuilder s = new StringBuilder(done + " of " + total + " lessons done");
        if (begun > 0) {
            s.append(", ").append(begun).append(" begun");
        }
        s.append(" \u00B7 ").append(answered).append(" of ").append(asking.size()).append(" questions answered");
        if (answered > 0) {
            s.append(", ").append(right).append(" right");
        }
        if (challenges > 0) {
            long won = path.lessons().stream().mapToLong(l -> path.marks(l, store).challengesWon()).sum();
            s.append(" \u00B7 ").append(won).append(" of ").append(challenges).append(" challenges won");
        }
        Label l = wrapped(s.toString(), "tl-path-summary");
        l.setId("course-summary");
        return l;
    }

    private Node nextBox() {
        Optional<NextStep> next = nextStep();
        VBox box = new VBox();
        box.getStyleClass().add("tl-path-next");
        if (next.isEmpty()) {
            Label all = wrapped("You have done every step of the course. Open any lesson again to run it with other"
                    + " worker counts or modes, or in Real stress to see how often each outcome comes.", "tl-path-next-text");
            all.setGraphic(icon(MaterialDesignT.TROPHY_OUTLINE, "tl-path-next-icon"));
            all.setId("course-next-text");
            box.getChildren().add(all);
            return box;
        }
        Label text = wrapped(next.get().sentence() + ".", "tl-path-next-text");
        text.setId("course-next-text");
        text.setGraphic(icon(MaterialDesignS.SIGN_DIRECTION, "tl-path-next-icon"));
        Button go = new Button(next.get().action(), new FontIcon(MaterialDesignP.PLAY));
        go.setId("course-next");
        go.getStyleClass().addAll("accent", "tl-path-go");
        go.setWrapText(true);
        go.setMinHeight(Region.USE_PREF_SIZE);
        go.setOnAction(e -> onStep.accept(next.get()));
        box.getChildren().addAll(text, go);
        return box;
    }

    private Node section(CoursePath.Section section, Lesson next) {
        CourseIdea idea = section.idea();
        String heading = (idea.number() > 0 ? idea.number() + ". " : "") + idea.title()
                + (section.continued() ? " (continued)" : "");
        Label h = wrapped(heading, "tl-path-idea");
        VBox box = new VBox(h);
        if (!section.continued()) {
            box.getChildren().add(wrapped(idea.gist(), "tl-path-gist"));
        }
        VBox rows = new VBox();
        rows.getStyleClass().add("tl-path-lessons");
        for (Lesson lesson : section.lessons()) {
            rows.getChildren().add(row(lesson, next != null && next.id().equals(lesson.id())));
        }
        box.getChildren().add(rows);
        box.getStyleClass().add("tl-path-section");
        box.setUserData(idea.number());
        return box;
    }

    private Node row(Lesson lesson, boolean isNext) {
        LessonMarks marks = path.marks(lesson, store);
        Label number = new Label(path.number(lesson) + ".");
        number.getStyleClass().add("tl-path-number");
        number.setMinWidth(Region.USE_PREF_SIZE);
        Label title = wrapped(lesson.title(), "tl-path-lesson-title");
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox head = new HBox(number, title);
        head.getStyleClass().add("tl-path-lesson-head");
        head.setAlignment(Pos.BASELINE_LEFT);
        boolean open = lesson.id().equals(current);
        if (open) {
            Label here = new Label("Open");
            here.getStyleClass().add("tl-path-open-badge");
            here.setMinWidth(Region.USE_PREF_SIZE);
            here.setAccessibleText("the lesson open now");
            head.getChildren().add(here);
        }
        if (isNext) {
            Label badge = new Label("Next");
            badge.getStyleClass().add("tl-path-next-badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            head.getChildren().add(badge);
        } else if (marks.done()) {
            Label tick = new Label(null, icon(MaterialDesignC.CHECK_CIRCLE, "tl-path-done-icon"));
            tick.setAccessibleText("every step done");
            head.getChildren().add(tick);
        }
        FlowPane chips = new FlowPane();
        chips.getStyleClass().add("tl-path-marks");
        if (marks.hasQuestion()) {
            chips.getChildren().add(predictionMark(marks));
        }
        chips.getChildren().add(mark("ran", marks.ran() ? "Ran" : "Not run yet",
                marks.ran() ? MaterialDesignP.PLAY_CIRCLE : MaterialDesignP.PLAY_CIRCLE_OUTLINE, marks.ran(),
                marks.ran() ? "A run of this lesson went to its end." : "No run of this lesson has ended yet."));
        if (marks.variants() >= 2) {
            chips.getChildren().add(mark("variants", "Variants " + marks.variantsTried().size() + " of " + marks.variants(),
                    MaterialDesignS.SWAP_HORIZONTAL, marks.variantsLeft().isEmpty(), variantsTip(marks)));
        }
        if (marks.challenges() > 0) {
            chips.getChildren().add(mark("challenges", "Challenges " + marks.challengesWon() + " of " + marks.challenges(),
                    MaterialDesignT.TROPHY_OUTLINE, marks.challengesLeft().isEmpty(),
                    marks.challengesLeft().isEmpty() ? "Every challenge won."
                            : "Not won yet: " + String.join(", ", marks.challengesLeft().stream()
                            .map(CourseChallenges.Challenge::title).toList()) + "."));
        }
        VBox row = new VBox(head, chips);
        row.getStyleClass().add("tl-path-lesson");
        row.pseudoClassStateChanged(DONE, marks.done());
        row.pseudoClassStateChanged(NEXT, isNext);
        row.pseudoClassStateChanged(CURRENT, open);
        row.setUserData(lesson.id());
        row.setFocusTraversable(true);
        row.setCursor(Cursor.HAND);
        row.setAccessibleText("Lesson " + path.number(lesson) + ": " + lesson.title());
        row.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                onOpen.accept(lesson);
            }
        });
        row.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                onOpen.accept(lesson);
                e.consume();
            }
        });
        Tooltip tip = new Tooltip(lesson.summary().strip());
        tip.setWrapText(true);
        tip.setPrefWidth(480);
        Tooltip.install(head, tip);
        return row;
    }

    private static Label predictionMark(LessonMarks marks) {
        if (marks.prediction().isEmpty()) {
            return mark("predicted", "Not predicted yet", MaterialDesignH.HELP_CIRCLE_OUTLINE, false,
                    "Lock in a guess before a run answers the lesson's question.");
        }
        boolean right = marks.prediction().get();
        Label l = mark("predicted", right ? "Predicted right" : "Predicted, wrong",
                right ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignC.CLOSE_CIRCLE_OUTLINE, true,
                right ? "Your guess was right." : "Your guess was not what happened: the lesson's explanation says why.");
        l.pseudoClassStateChanged(WRONG, !right);
        return l;
    }

    private static String variantsTip(LessonMarks marks) {
        String tried = marks.variantsTried().stream().map(Variant::title).reduce((a, b) -> a + ", " + b).orElse("none");
        String left = marks.variantsLeft().stream().map(Variant::title).reduce((a, b) -> a + ", " + b).orElse("");
        return "Tried: " + tried + "." + (left.isEmpty() ? "" : " Not yet: " + left + ".");
    }

    private static Label mark(String kind, String text, Ikon ikon, boolean done, String tip) {
        Label l = new Label(text, icon(ikon, "tl-path-mark-icon"));
        l.getStyleClass().addAll("tl-path-mark", "tl-path-mark-" + kind);
        l.pseudoClassStateChanged(DONE, done);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setAccessibleText(text);
        Tooltip t = new Tooltip(tip);
        t.setWrapText(true);
        t.setPrefWidth(360);
        l.setTooltip(t);
        return l;
    }

    private Node resetBox() {
        VBox box = new VBox();
        box.getStyleClass().add("tl-path-reset");
        Button reset = new Button("Reset progress\u2026", new FontIcon(MaterialDesignR.RESTORE));
        reset.setId("course-reset");
        reset.setOnAction(e -> {
            confirmingReset = true;
            refresh();
        });
        if (!confirmingReset) {
            box.getChildren().addAll(wrapped("Starting again, or sharing this computer with the next learner?",
                    "tl-path-gist"), reset);
            return box;
        }
        Label ask = wrapped("Forget all progress? Every lesson's tick, prediction, runs, variants tried and challenges"
                + " won are forgotten on this computer. This cannot be undone.", "tl-path-reset-ask");
        ask.setId("course-reset-ask");
        Button forget = new Button("Forget all progress", new FontIcon(MaterialDesignR.RESTORE));
        forget.setId("course-reset-confirm");
        forget.getStyleClass().add("danger");
        forget.setOnAction(e -> {
            confirmingReset = false;
            store.resetAll();
            refresh();
            onReset.run();
        });
        Button keep = new Button("Keep it");
        keep.setId("course-reset-cancel");
        keep.setCancelButton(true);
        keep.setOnAction(e -> {
            confirmingReset = false;
            refresh();
        });
        FlowPane buttons = new FlowPane(forget, keep);
        buttons.getStyleClass().add("tl-path-reset-buttons");
        box.getChildren().addAll(ask, buttons);
        return box;
    }

    private static FontIcon icon(Ikon ikon, String style) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add(style);
        return i;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}

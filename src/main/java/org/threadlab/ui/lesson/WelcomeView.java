package org.threadlab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;

/**
 * The first screen, while no lesson is open: what ThreadLab is, where to start, and the lessons in
 * the order a course takes them ({@link LessonLibrary.Loaded#inCourseOrder()}), with a button for the
 * first lesson and, once some are done, one for the course's next step (as the window's course path
 * says, {@link #setCourse}; without it, the next lesson not completed yet), and one that opens the
 * course path. The library groups the same lessons by concept; this list is the path through them.
 */
public final class WelcomeView extends ScrollPane {
    private final CompletionStore completions;
    private final VBox content = new VBox();
    private List<Lesson> course = List.of();
    private Consumer<Lesson> onOpen = l -> {};
    private Supplier<Optional<CourseStep>> courseStep;
    private Runnable showCoursePath;

    /**
     * The course's next step as the first screen offers it: the button's words, the lesson it is in,
     * whether it only opens that lesson (nothing in it done yet), and what taking it does.
     */
    public record CourseStep(String label, Lesson lesson, boolean opensLesson, Runnable go) {}

    public WelcomeView(LessonLibrary.Loaded loaded, CompletionStore completions) {
        this(loaded, completions, null, null);
    }

    /** The first screen with the course's next step and the course path (see {@link #setCourse}), built once. */
    public WelcomeView(LessonLibrary.Loaded loaded, CompletionStore completions, Supplier<Optional<CourseStep>> next,
                       Runnable showPath) {
        this.completions = Objects.requireNonNull(completions, "completions");
        this.courseStep = next;
        this.showCoursePath = showPath;
        getStyleClass().add("tl-welcome-scroll");
        getStylesheets().add(Objects.requireNonNull(WelcomeView.class.getResource("lesson.css")).toExternalForm());
        setId("welcome");
        content.getStyleClass().add("tl-welcome");
        content.setMinWidth(0);
        // lines of a readable length on a wide screen, centred; the column is what the CSS's max width allows
        VBox page = new VBox(content);
        page.setAlignment(Pos.TOP_CENTER);
        page.getStyleClass().add("tl-welcome-page");
        page.setMinWidth(0);
        setContent(page);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setLibrary(loaded);
    }

    /** Lists these lessons (after the library was loaded again). */
    public void setLibrary(LessonLibrary.Loaded loaded) {
        course = loaded.inCourseOrder();
        refresh();
    }

    /** Called with the lesson when one of the buttons or rows is used. */
    public void onOpen(Consumer<Lesson> action) {
        this.onOpen = action == null ? l -> {} : action;
    }

    /**
     * Where the course goes on from, asked at each {@link #refresh()}, and what shows the course path;
     * the first screen then offers both. Null for either leaves it out.
     */
    public void setCourse(Supplier<Optional<CourseStep>> next, Runnable showPath) {
        this.courseStep = next;
        this.showCoursePath = showPath;
        refresh();
    }

    /** The course's next step, or without a course, the next lesson not completed yet. */
    private Optional<CourseStep> step() {
        if (courseStep != null) {
            return courseStep.get();
        }
        return nextLesson().map(l -> new CourseStep("Continue with lesson " + number(l) + ": " + l.title(), l,
                true, () -> onOpen.accept(l)));
    }

    /** The next lesson of the course not completed yet; empty when every lesson is (or there is none). */
    public Optional<Lesson> nextLesson() {
        return course.stream().filter(l -> !completions.isCompleted(l.id())).findFirst();
    }

    /** The lessons as listed, in course order. */
    public List<Lesson> course() {
        return course;
    }

    /** Builds the page again from the course and the completions, which change as lessons are completed. */
    public void refresh() {
        List<javafx.scene.Node> nodes = new ArrayList<>();
        Label title = wrapped("Welcome to ThreadLab", "tl-welcome-title");
        Label intro = wrapped("Each lesson is a small program that ThreadLab runs here on real threads or real"
                + " processes. Guess what it will do, run it, and watch every worker on a timeline: when it ran,"
                + " what it read and wrote, which lock it waited for.", "tl-welcome-text");
        nodes.add(title);
        nodes.add(intro);
        if (course.isEmpty()) {
            nodes.add(wrapped("No lessons were found. The lessons folder is \u201C"
                    + LessonLibrary.standard().folder() + "\u201D; the library on the left says what went wrong"
                    + " with any file that did not load.", "tl-welcome-text"));
            content.getChildren().setAll(nodes);
            return;
        }
        long done = course.stream().filter(l -> completions.isCompleted(l.id())).count();
        Lesson first = course.get(0);
        Optional<CourseStep> next = step();
        // One button that goes on from where the learner is, and lesson 1 as well when that is not it.
        boolean firstIsNext = next.isPresent() && next.get().lesson() == first && next.get().opensLesson();
        String where;
        if (done == 0 && (next.isEmpty() || firstIsNext)) {
            where = "Start with the first lesson and take them in order: each builds on the ones before.";
        } else if (firstIsNext) {
            where = "You have completed " + done + " of " + course.size() + " lessons, but not the first one:"
                    + " start there, or open any lesson from the list.";
        } else if (next.isPresent()) {
            where = "You have completed " + done + " of " + course.size() + " lessons. Carry on where the course"
                    + " goes next, or open any lesson from the list.";
        } else {
            where = "You have completed all " + course.size() + " lessons. Open any one again to try another"
                    + " variant, mode or worker count.";
        }
        nodes.add(wrapped(where, "tl-welcome-where"));

        FlowPane actions = new FlowPane();
        actions.getStyleClass().add("tl-welcome-actions");
        if (next.isPresent() && !firstIsNext) {
            Button carryOn = new Button(next.get().label(), new FontIcon(MaterialDesignP.PLAY));
            style(carryOn);
            carryOn.setOnAction(e -> next.get().go().run());
            carryOn.setId("welcome-continue");
            carryOn.setDefaultButton(true);
            carryOn.getStyleClass().add("accent");
            actions.getChildren().add(carryOn);
        }
        boolean startHere = firstIsNext || done == 0 && next.isEmpty();
        Button start = button((startHere ? "Start with lesson 1: " : "Lesson 1: ") + first.title(),
                startHere ? MaterialDesignP.PLAY : MaterialDesignS.SKIP_PREVIOUS, first);
        start.setId("welcome-start");
        if (startHere) {
            start.setDefaultButton(true);
            start.getStyleClass().add("accent");
        }
        actions.getChildren().add(start);
        if (showCoursePath != null) {
            Button path = new Button("Course path: your progress", new FontIcon(MaterialDesignM.MAP_MARKER_PATH));
            style(path);
            path.setId("welcome-course-path");
            path.setOnAction(e -> showCoursePath.run());
            actions.getChildren().add(path);
        }
        nodes.add(actions);

        Label heading = wrapped("The course", "tl-welcome-heading");
        Label note = wrapped("The course path (Ctrl+G) shows the same lessons under the ideas they teach, with"
                + " what you have done in each. The library (the bookshelf button at the top left shows or hides it)"
                + " groups them by concept, with a search.", "tl-welcome-note");
        nodes.add(heading);
        nodes.add(note);
        VBox rows = new VBox();
        rows.getStyleClass().add("tl-course");
        for (int i = 0; i < course.size(); i++) {
            rows.getChildren().add(row(i + 1, course.get(i)));
        }
        nodes.add(rows);
        content.getChildren().setAll(nodes);
    }

    private int number(Lesson lesson) {
        return course.indexOf(lesson) + 1;
    }

    private Button button(String text, org.kordamp.ikonli.Ikon ikon, Lesson lesson) {
        Button b = new Button(text, new FontIcon(ikon));
        style(b);
        b.setOnAction(e -> onOpen.accept(lesson));
        return b;
    }

    private static void style(Button b) {
        b.getStyleClass().add("tl-welcome-button");
        b.setWrapText(true);
        b.setMinHeight(Region.USE_PREF_SIZE);
    }

    private HBox row(int number, Lesson lesson) {
        Label n = new Label(number + ".");
        n.getStyleClass().add("tl-course-number");
        n.setMinWidth(Region.USE_PREF_SIZE);
        Label title = wrapped(lesson.title(), "tl-course-title");
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        boolean completed = completions.isCompleted(lesson.id());
        Label level = new Label(Concepts.levelTitle(lesson.level()));
        level.getStyleClass().addAll("tl-course-level", "tl-level-" + lesson.level().label());
        level.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(n, title, level);
        if (completed) {
            FontIcon tick = new FontIcon(MaterialDesignC.CHECK_CIRCLE);
            tick.getStyleClass().add("tl-course-done");
            Label mark = new Label(null, tick);
            mark.setAccessibleText("completed");
            row.getChildren().add(mark);
            row.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("completed"), true);
        }
        row.getStyleClass().add("tl-course-row");
        row.setAlignment(Pos.BASELINE_LEFT);
        row.setUserData(lesson.id());
        row.setFocusTraversable(true);
        row.setCursor(Cursor.HAND);
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
        org.threadlab.ui.LazyTooltip.install(row, lesson.summary().strip(), tip -> {
            tip.setWrapText(true);
            tip.setPrefWidth(480);
        });
        return row;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}

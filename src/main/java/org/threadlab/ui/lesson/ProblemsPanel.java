package org.threadlab.ui.lesson;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.threadlab.lesson.LessonProblem;

/**
 * The problems of a lesson file saved with mistakes, under the lesson as it last checked: one link
 * per problem ({@code file:line:column: key: message}) that shows the file's source at that line.
 */
public final class ProblemsPanel extends VBox {
    private final Label title = new Label();
    private final VBox list = new VBox(2);
    private Consumer<LessonProblem> onOpen = p -> {};

    public ProblemsPanel() {
        getStyleClass().add("tl-problems");
        setId("lesson-problems");
        title.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        title.getStyleClass().add("tl-problems-title");
        title.setWrapText(true);
        getChildren().addAll(title, list);
        show(List.of(), "");
    }

    /** Called with the problem the learner clicked. */
    public void onOpen(Consumer<LessonProblem> action) {
        this.onOpen = action;
    }

    /** Lists the problems of a file (none: the panel goes). */
    public void show(List<LessonProblem> problems, String file) {
        list.getChildren().clear();
        for (LessonProblem p : problems) {
            Hyperlink link = new Hyperlink(p.format());
            link.setWrapText(true);
            link.getStyleClass().add("tl-problem");
            link.setOnAction(e -> onOpen.accept(p));
            list.getChildren().add(link);
        }
        title.setText(problems.size() == 1 ? file + " was saved with a problem; the lesson as it last checked stays here"
                : file + " was saved with " + problems.size() + " problems; the lesson as it last checked stays here");
        setVisible(!problems.isEmpty());
        setManaged(!problems.isEmpty());
    }

    /** The problems listed, as text (for tests). */
    public List<String> shown() {
        return list.getChildren().stream().map(n -> ((Hyperlink) n).getText()).toList();
    }
}

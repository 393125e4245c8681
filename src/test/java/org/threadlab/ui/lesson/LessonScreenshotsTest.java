package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.lesson.Pos;

/**
 * Pictures of the lesson screens at projector size (1280x800), on PrimerLight and PrimerDark, for
 * a person to look at. Off unless asked for:
 * {@code mvn test -Dtest='org.threadlab.ui.lesson.LessonScreenshotsTest' -Dthreadlab.screenshots=/tmp/threadlab-shots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "threadlab.screenshots", matches = ".+")
class LessonScreenshotsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterAll
    static void plainTheme() {
        Application.setUserAgentStylesheet(null);
    }

    private static Path folder() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("threadlab.screenshots")));
    }

    @Test
    void shootLibraryAndLessons(FxRobot robot) throws IOException {
        Path out = folder();
        LessonLibrary.Loaded real = LessonLibrary.standard().loadAll();
        assertFalse(real.lessons().isEmpty(), "no lessons in " + LessonLibrary.standard().folder());
        List<LessonProblem> problems = new ArrayList<>(real.problems());
        problems.add(new LessonProblem(new Pos("lessons/deadlock.yaml", 41, 11, "workers[1].steps[0]"),
                "unknown step 'lok'; did you mean 'lock'?"));
        LessonLibrary.Loaded loaded = new LessonLibrary.Loaded(real.lessons(), problems);
        Lesson counter = real.lessons().stream().filter(l -> l.id().equals("shared-counter")).findFirst().orElseThrow();

        for (String theme : List.of("light", "dark")) {
            String css = theme.equals("light") ? new PrimerLight().getUserAgentStylesheet() : new PrimerDark().getUserAgentStylesheet();
            robot.interact(() -> Application.setUserAgentStylesheet(css));

            CompletionStore done = CompletionStore.inMemory();
            done.markCompleted("hello-threads");
            done.markCompleted("game-threads");
            shoot(robot, () -> new LibraryView(loaded, done), out.resolve("library-" + theme + ".png"));

            shoot(robot, () -> {
                LibraryView v = new LibraryView(loaded, done);
                v.searchTextProperty().set("lock");
                return v;
            }, out.resolve("library-search-" + theme + ".png"));

            shoot(robot, () -> {
                LessonView v = new LessonView(counter);
                v.highlightMark("java", "inc");
                v.highlightMark("python", "inc");
                return v;
            }, out.resolve("lesson-" + theme + ".png"));

            shoot(robot, () -> {
                LessonView v = new LessonView(counter);
                v.setVariant("local-sums");
                v.highlightMark("java", "merge");
                return v;
            }, out.resolve("lesson-variant-" + theme + ".png"));

            // The prediction after a run, scrolled into view.
            shoot(robot, () -> {
                LessonView v = new LessonView(counter);
                v.highlightLines("java", Set.of(6, 7));
                return v;
            }, out.resolve("lesson-prediction-" + theme + ".png"), v -> {
                LessonView lv = (LessonView) v;
                robot.from(lv).lookup(".tl-prediction-choice").nth(0).queryAs(javafx.scene.control.RadioButton.class).setSelected(true);
                lv.lockInGuess();
                lv.showPredictionResult("\u201cNo lock\u201d on threads: counter = 137,518, in 0.41 s of wall time. It shows what"
                        + " the answer says.");
                lv.applyCss();
                lv.layout();
                ScrollPane text = robot.from(lv).lookup(".tl-lesson-text-scroll").queryAs(ScrollPane.class);
                text.setVvalue(1);
            });

            // After a run of another variant: the question stays open and says why.
            shoot(robot, () -> new LessonView(counter), out.resolve("lesson-prediction-other-run-" + theme + ".png"), v -> {
                LessonView lv = (LessonView) v;
                robot.from(lv).lookup(".tl-prediction-choice").nth(1).queryAs(javafx.scene.control.RadioButton.class).setSelected(true);
                lv.lockInGuess();
                lv.showPredictionNote("The question was about \u201cNo lock\u201d on threads, virtual threads or a thread pool; this run"
                        + " used \u201cWith a lock\u201d on threads, so it does not answer it. Run \u201cNo lock\u201d on threads, virtual threads"
                        + " or a thread pool to check your guess.");
                lv.applyCss();
                lv.layout();
                robot.from(lv).lookup(".tl-lesson-text-scroll").queryAs(ScrollPane.class).setVvalue(1);
            });

            for (Lesson other : real.lessons()) {
                if (!other.id().equals("shared-counter")) {
                    shoot(robot, () -> new LessonView(other), out.resolve("lesson-" + other.id() + "-" + theme + ".png"));
                }
            }

            shoot(robot, () -> {
                ScrollPane s = new ScrollPane(new MarkdownRenderer().render(MarkdownRendererTest.SAMPLE));
                s.setFitToWidth(true);
                s.getStyleClass().add("tl-lesson");
                s.getStylesheets().add(LessonView.class.getResource("lesson.css").toExternalForm());
                s.setStyle("-fx-padding: 24px;");
                return s;
            }, out.resolve("markdown-" + theme + ".png"));
        }
    }

    private void shoot(FxRobot robot, java.util.function.Supplier<Parent> view, Path file) {
        shoot(robot, view, file, v -> {});
    }

    private void shoot(FxRobot robot, java.util.function.Supplier<Parent> view, Path file,
                       java.util.function.Consumer<Parent> then) {
        Parent[] root = new Parent[1];
        robot.interact(() -> {
            root[0] = view.get();
            stage.setScene(new Scene(root[0], 1280, 800));
            stage.sizeToScene(); // the stage is shared with earlier tests, which may have resized it
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> then.accept(root[0]));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            WritableImage image = stage.getScene().snapshot(null);
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(Files.exists(file), file::toString);
    }
}

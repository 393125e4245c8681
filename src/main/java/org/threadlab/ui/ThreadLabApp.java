package org.threadlab.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;

/**
 * The ThreadLab window. For now a lesson list; the full window (timeline, memory, locks, replay)
 * comes with the UI issue.
 */
public final class ThreadLabApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(ThreadLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        ListView<String> lessons = new ListView<>();
        for (Lesson l : loaded.lessons()) {
            lessons.getItems().add(l.title() + "  (" + l.id() + ")");
        }
        Label header = new Label("ThreadLab: " + loaded.lessons().size() + " lessons");
        header.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        BorderPane root = new BorderPane(lessons);
        root.setTop(header);
        BorderPane.setMargin(header, new Insets(12));
        stage.setTitle("ThreadLab");
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
    }
}

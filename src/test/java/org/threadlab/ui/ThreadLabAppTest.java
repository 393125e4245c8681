package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opens the real window headless (Monocle) and checks it lists the shipped lessons. */
@ExtendWith(ApplicationExtension.class)
class ThreadLabAppTest {

    @Start
    void start(Stage stage) {
        new ThreadLabApp().start(stage);
    }

    @Test
    void theWindowListsTheLessons(FxRobot robot) {
        Label header = robot.lookup(".label").queryAs(Label.class);
        assertTrue(header.getText().matches("ThreadLab: \\d+ lessons"), header.getText());
        ListView<?> list = robot.lookup(".list-view").queryAs(ListView.class);
        assertTrue(list.getItems().stream().anyMatch(i -> i.toString().contains("shared-counter")), list.getItems()::toString);
    }
}

package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.threadlab.lesson.Listing;

/** A long listing in a small window: a lit line below the fold is scrolled into view. */
@ExtendWith(ApplicationExtension.class)
class ListingViewTest {
    private ListingView view;

    @AfterAll
    static void plainTheme() {
        Application.setUserAgentStylesheet(null);
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        List<String> lines = IntStream.rangeClosed(1, 80).mapToObj(i -> "int x" + i + " = " + i + ";").toList();
        view = new ListingView(new Listing("java", lines, Map.of("last", 80)));
        view.getStylesheets().add(LessonView.class.getResource("lesson.css").toExternalForm());
        stage.setScene(new Scene(view, 400, 300));
        stage.sizeToScene(); // the stage is shared with earlier tests, which may have resized it
        stage.show();
    }

    @Test
    void highlightingALineBelowTheFoldScrollsToIt(FxRobot robot) {
        ScrollPane scroll = robot.from(view).lookup(".tl-code-scroll").queryAs(ScrollPane.class);
        assertEquals(0, scroll.getVvalue());
        robot.interact(() -> view.highlightMark("last"));
        assertEquals(Set.of(80), view.highlightedLines());
        assertTrue(scroll.getVvalue() > 0.9, "vvalue " + scroll.getVvalue());

        robot.interact(() -> view.highlightLines(Set.of(1)));
        assertEquals(0, scroll.getVvalue(), 1e-9);
    }
}

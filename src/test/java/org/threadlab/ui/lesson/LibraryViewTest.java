package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;

/** The library: groups, search, completion marks, broken files, opening a lesson. */
@ExtendWith(ApplicationExtension.class)
class LibraryViewTest {
    @TempDir
    Path dir;

    private LibraryView view;
    private CompletionStore store;
    private final List<Lesson> opened = new ArrayList<>();

    @AfterAll
    static void plainTheme() {
        Application.setUserAgentStylesheet(null);
    }

    @Start
    void start(Stage stage) {
        // The views' CSS uses AtlantaFX's looked-up colours, as in the app.
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        LessonLibrary.Loaded loaded = LessonFixtures.library(dir);
        store = CompletionStore.inMemory();
        store.markCompleted("hello");
        view = new LibraryView(loaded, store);
        view.onOpen(opened::add);
        stage.setScene(new Scene(view, 1280, 800));
        stage.sizeToScene(); // the stage is shared with earlier tests, which may have resized it
        stage.show();
    }

    private Node card(FxRobot robot, String id) {
        return robot.lookup(".tl-lesson-card").match(n -> id.equals(n.getUserData())).query();
    }

    private boolean markShown(FxRobot robot, String id) {
        return robot.from(card(robot, id)).lookup(".tl-completed-mark").query().isVisible();
    }

    @Test
    void eachLessonAppearsOnceUnderItsFirstConceptInCurriculumOrder(FxRobot robot) {
        assertEquals(Map.of("thread", List.of("hello", "zeta"), "shared-memory", List.of("counter"),
                "thread-pool", List.of("pool")), view.visibleGroups());
        assertEquals(List.of("thread", "shared-memory", "thread-pool"), List.copyOf(view.visibleGroups().keySet()));
        List<String> titles = robot.lookup(".tl-group-title").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(List.of("Threads", "Shared memory", "Thread pools"), titles);
        assertEquals(4, robot.lookup(".tl-lesson-card").queryAll().size());
    }

    @Test
    void searchMatchesTitleIdSummaryAndConcepts(FxRobot robot) {
        robot.interact(() -> view.searchTextProperty().set("lock")); // a concept of counter and of pool
        assertEquals(List.of("counter", "pool"), view.visibleLessons().stream().map(Lesson::id).toList());
        assertEquals(List.of("shared-memory", "thread-pool"), List.copyOf(view.visibleGroups().keySet()));

        robot.interact(() -> view.searchTextProperty().set("HELLO"));
        assertEquals(List.of("hello"), ids());
        robot.interact(() -> view.searchTextProperty().set("queue reusable")); // every word must match
        assertEquals(List.of("pool"), ids());
        robot.interact(() -> view.searchTextProperty().set("ten thousand"));
        assertEquals(List.of("zeta"), ids());
        robot.interact(() -> view.searchTextProperty().set("race conditions")); // a concept's title
        assertEquals(List.of("counter"), ids());

        robot.interact(() -> view.searchTextProperty().set("deadlock"));
        assertTrue(view.visibleLessons().isEmpty());
        Label none = robot.lookup(".tl-no-match").queryAs(Label.class);
        assertTrue(none.isVisible());
        assertTrue(none.getText().contains("deadlock"), none.getText());

        robot.interact(() -> view.searchTextProperty().set(""));
        assertEquals(4, view.visibleLessons().size());
        assertFalse(robot.lookup(".tl-no-match").query().isVisible());
    }

    @Test
    void typingInTheSearchFieldFilters(FxRobot robot) {
        robot.clickOn(".tl-search").write("zeta");
        assertEquals(List.of("zeta"), ids());
        robot.type(KeyCode.ESCAPE);
        assertEquals(4, ids().size());
    }

    @Test
    void completedLessonsCarryAMark(FxRobot robot) {
        assertTrue(markShown(robot, "hello"));
        assertFalse(markShown(robot, "counter"));
        assertTrue(robot.lookup(".tl-library-counts").queryAs(Label.class).getText().contains("1 completed"));

        robot.interact(() -> view.markCompleted("counter"));
        assertTrue(markShown(robot, "counter"));
        assertTrue(store.isCompleted("counter"), "stored");
        assertTrue(view.isCompleted("counter"));
        assertTrue(robot.lookup(".tl-library-counts").queryAs(Label.class).getText().contains("2 completed"));
    }

    @Test
    void brokenFilesAreListedWithFileLineAndColumn(FxRobot robot) {
        assertEquals(1, view.problems().stream().map(p -> p.pos().file()).distinct().count());
        assertEquals("1 lesson file could not be loaded", robot.lookup(".tl-problems-title").queryAs(Label.class).getText());
        List<String> shown = robot.lookup(".tl-problem").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(s -> s.matches("(?s).*broken\\.yaml:\\d+:\\d+: .+")), shown::toString);
        assertEquals(4, view.visibleLessons().size(), "the good lessons are all there");
    }

    @Test
    void clickingOrPressingEnterOnACardOpensTheLesson(FxRobot robot) {
        robot.clickOn(card(robot, "counter"));
        assertEquals(List.of("counter"), opened.stream().map(Lesson::id).toList());

        robot.interact(() -> card(robot, "pool").requestFocus());
        robot.type(KeyCode.ENTER);
        assertEquals(List.of("counter", "pool"), opened.stream().map(Lesson::id).toList());
    }

    @Test
    void enterInTheSearchFieldOpensTheOnlyMatch(FxRobot robot) {
        robot.clickOn(".tl-search").write("join").type(KeyCode.ENTER);
        assertEquals(List.of("hello"), opened.stream().map(Lesson::id).toList());
    }

    private List<String> ids() {
        return view.visibleLessons().stream().map(Lesson::id).toList();
    }

    @Test
    void reloadShowsALessonFixedOnDisk(FxRobot robot) throws Exception {
        java.nio.file.Path broken = java.nio.file.Files.list(dir).filter(f -> f.getFileName().toString().equals("broken.yaml"))
                .findFirst().orElseThrow();
        java.nio.file.Files.delete(broken);
        robot.interact(() -> view.setReloader(() -> new LessonLibrary(dir).loadAll()));
        robot.clickOn("#reload-lessons");
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> view.problems().isEmpty());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".tl-problems-title").queryAll().isEmpty(), "the fixed file's problems are gone");
        assertEquals(4, view.visibleLessons().size());
    }

    // ---- readable at any width the column can have

    /** The text a Labeled shows: its skin's text node, which ends in "..." when the label is cut. */
    private static String shown(javafx.scene.control.Labeled l) {
        javafx.scene.text.Text text = (javafx.scene.text.Text) l.lookup(".text");
        return text == null ? "" : text.getText();
    }

    private void narrowTo(FxRobot robot, double width) {
        robot.interact(() -> {
            view.getScene().getWindow().setWidth(width);
            view.getScene().getWindow().setHeight(800);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(5);
    }

    @Test
    void theCountFollowsTheSearch(FxRobot robot) {
        Label counts = robot.lookup("#library-counts").queryAs(Label.class);
        assertEquals("4 lessons \u00B7 1 completed", counts.getText());
        robot.interact(() -> view.searchTextProperty().set("lock"));
        assertEquals("2 of 4 lessons \u00B7 1 completed", counts.getText());
        robot.interact(() -> view.searchTextProperty().set("deadlock"));
        assertEquals("0 of 4 lessons \u00B7 1 completed", counts.getText());
        robot.interact(() -> view.searchTextProperty().set(""));
        assertEquals("4 lessons \u00B7 1 completed", counts.getText());
        assertEquals("1 lesson \u00B7 0 completed", LibraryView.countsText(1, 1, 0));
    }

    @Test
    void atItsNarrowestTheColumnShowsWholeTitlesWithTheTagsBelowThem(FxRobot robot) {
        double narrowest = view.minWidth(-1);
        assertTrue(narrowest >= 200 && narrowest <= 400, "the column's minimum, " + narrowest + " px, is a real column");
        narrowTo(robot, narrowest);
        for (Node card : robot.lookup(".tl-lesson-card").queryAll()) {
            Label title = robot.from(card).lookup(".tl-card-title").queryAs(Label.class);
            Node tags = robot.from(card).lookup(".tl-card-tags").query();
            double em = title.getFont().getSize();
            assertTrue(title.getWidth() >= 8 * em, card.getUserData() + ": the title has " + title.getWidth() + " px");
            assertEquals(title.getText(), shown(title), "the title is whole, not cut");
            // wrapped only between words: every word of the title fits on a line of its own
            for (String word : title.getText().split("\\s+")) {
                javafx.scene.text.Text w = new javafx.scene.text.Text(word);
                w.setFont(title.getFont());
                assertTrue(w.getLayoutBounds().getWidth() <= title.getWidth(), "\"" + word + "\" fits on a line");
            }
            javafx.geometry.Bounds t = title.localToScene(title.getLayoutBounds());
            javafx.geometry.Bounds g = tags.localToScene(tags.getLayoutBounds());
            assertTrue(g.getMinY() >= t.getMaxY() - 1, card.getUserData() + ": the tags sit under the title");
        }
    }

    @Test
    void theHeaderIsWholeAndNothingScrollsSideways(FxRobot robot) {
        narrowTo(robot, view.minWidth(-1));
        Label title = robot.lookup(".tl-library-title").queryAs(Label.class);
        assertEquals("Lessons", shown(title), "the header reads Lessons, not ...");
        Label counts = robot.lookup("#library-counts").queryAs(Label.class);
        assertEquals(counts.getText(), shown(counts).replace("\n", " ").strip());
        Node search = robot.lookup(".tl-search").query();
        assertTrue(search.getLayoutBounds().getWidth() >= 12 * 16, "the search field has room: " + search.getLayoutBounds());
        javafx.scene.control.ScrollPane scroll = robot.lookup(".tl-library-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        assertEquals(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER, scroll.getHbarPolicy());
        Node content = scroll.getContent();
        assertTrue(content.getLayoutBounds().getWidth() <= scroll.getViewportBounds().getWidth() + 0.5,
                "the cards fit the column: " + content.getLayoutBounds().getWidth() + " in " + scroll.getViewportBounds().getWidth());
    }
}

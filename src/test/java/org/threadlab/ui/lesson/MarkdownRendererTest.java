package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Markdown in, the expected JavaFX node types, style classes and text out. */
@ExtendWith(ApplicationExtension.class)
class MarkdownRendererTest {

    /** Every feature once; also rendered by {@link LessonScreenshotsTest} to look at. */
    static final String SAMPLE = """
            # Lost updates

            `counter += 1` looks like *one* action, but the processor does it in **three**,
            and a [lost update](https://en.wikipedia.org/wiki/Race_condition) follows.

            ## The three steps

            1. **read** the counter into a register,
            2. **add** one to the register,
            3. **write** the register back.

            - **no lock**: the race, as most first programs write it.
            - **lock**: one thread at a time.
              - nested: the threads now queue for the lock.

            ```java
            synchronized (lock) {
                counter += 1;
            }
            ```

            > Nothing crashes and nothing warns you.

            | mode | wall time | lost updates |
            |------|----------:|:------------:|
            | no lock | 3 ms | many |
            | lock | 41 ms | none |

            ---

            Line one\\
            line two.
            """;

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static VBox render(String markdown) throws ExecutionException, InterruptedException, TimeoutException {
        // Links carry a tooltip, a popup window: build on the FX thread, as the views do.
        return WaitForAsyncUtils.asyncFx(() -> new MarkdownRenderer().render(markdown)).get(10, TimeUnit.SECONDS);
    }

    /** The text a node shows, runs joined. */
    static String text(Node node) {
        if (node instanceof Text t) {
            return t.getText();
        }
        if (node instanceof Label l) {
            return l.getText();
        }
        if (node instanceof javafx.scene.Parent p) {
            StringBuilder sb = new StringBuilder();
            for (Node child : p.getChildrenUnmodifiable()) {
                sb.append(text(child));
            }
            return sb.toString();
        }
        return "";
    }

    @Test
    void paragraphHasRunsForEmphasisStrongCodeAndLink() throws Exception {
        VBox doc = render("Plain *em* **strong** `x += 1` [docs](https://example.org)\nnext line");
        assertTrue(doc.getStyleClass().contains("tl-md"));
        assertEquals(1, doc.getChildren().size());
        TextFlow p = assertInstanceOf(TextFlow.class, doc.getChildren().get(0));
        assertTrue(p.getStyleClass().contains("tl-md-paragraph"));
        List<Node> runs = p.getChildren();
        assertEquals("Plain em strong x += 1 docs next line", text(p));

        Text em = (Text) runs.stream().filter(n -> n instanceof Text t && t.getText().equals("em")).findFirst().orElseThrow();
        assertTrue(em.getStyleClass().contains("tl-md-em"));
        Text strong = (Text) runs.stream().filter(n -> n instanceof Text t && t.getText().equals("strong")).findFirst().orElseThrow();
        assertTrue(strong.getStyleClass().contains("tl-md-strong"));
        Label code = (Label) runs.stream().filter(n -> n instanceof Label).findFirst().orElseThrow();
        assertEquals("x += 1", code.getText());
        assertTrue(code.getStyleClass().contains("tl-md-code"));
        Text link = (Text) runs.stream().filter(n -> n instanceof Text t && t.getText().equals("docs")).findFirst().orElseThrow();
        assertTrue(link.getStyleClass().contains("tl-md-link"));
        assertEquals("https://example.org", link.getUserData());
    }

    @Test
    void strongInsideEmphasisHasBothStyles() throws Exception {
        TextFlow p = (TextFlow) render("*very **much** so*").getChildren().get(0);
        Text much = (Text) p.getChildren().stream().filter(n -> ((Text) n).getText().equals("much")).findFirst().orElseThrow();
        assertTrue(much.getStyleClass().containsAll(List.of("tl-md-em", "tl-md-strong")));
    }

    @Test
    void headingsCarryTheirLevel() throws Exception {
        VBox doc = render("# One\n\n### Three");
        TextFlow h1 = assertInstanceOf(TextFlow.class, doc.getChildren().get(0));
        TextFlow h3 = assertInstanceOf(TextFlow.class, doc.getChildren().get(1));
        assertTrue(h1.getStyleClass().containsAll(List.of("tl-md-heading", "tl-md-h1")));
        assertTrue(h3.getStyleClass().contains("tl-md-h3"));
        assertEquals("One", text(h1));
        assertEquals("Three", text(h3));
    }

    @Test
    void bulletListHasOneRowPerItemWithMarkerAndContent() throws Exception {
        VBox list = assertInstanceOf(VBox.class, render("- one\n- **two**\n  - nested").getChildren().get(0));
        assertTrue(list.getStyleClass().containsAll(List.of("tl-md-list", "tl-md-bullets")));
        assertEquals(2, list.getChildren().size());
        HBox first = assertInstanceOf(HBox.class, list.getChildren().get(0));
        assertEquals("\u2022", ((Label) first.getChildren().get(0)).getText());
        assertEquals("one", text(first.getChildren().get(1)));
        VBox secondContent = (VBox) ((HBox) list.getChildren().get(1)).getChildren().get(1);
        assertEquals(2, secondContent.getChildren().size(), "a paragraph and the nested list");
        VBox nested = assertInstanceOf(VBox.class, secondContent.getChildren().get(1));
        assertTrue(nested.getStyleClass().contains("tl-md-list"));
        assertEquals("\u25E6", ((Label) ((HBox) nested.getChildren().get(0)).getChildren().get(0)).getText());
    }

    @Test
    void orderedListKeepsItsStartNumber() throws Exception {
        VBox list = (VBox) render("3. read\n4. add\n5. write").getChildren().get(0);
        assertTrue(list.getStyleClass().contains("tl-md-ordered"));
        List<String> markers = list.getChildren().stream().map(n -> ((Label) ((HBox) n).getChildren().get(0)).getText()).toList();
        assertEquals(List.of("3.", "4.", "5."), markers);
        assertEquals("add", text(((HBox) list.getChildren().get(1)).getChildren().get(1)));
    }

    @Test
    void fencedCodeBlockKeepsLinesAndIndentation() throws Exception {
        VBox box = assertInstanceOf(VBox.class, render("```java\nif (x) {\n    y();\n}\n```").getChildren().get(0));
        assertTrue(box.getStyleClass().contains("tl-md-code-block"));
        assertEquals("if (x) {\n    y();\n}", text(box));
        Text code = (Text) ((TextFlow) box.getChildren().get(0)).getChildren().get(0);
        assertTrue(code.getStyleClass().contains("tl-md-code-text"));
    }

    @Test
    void tableBecomesAGridWithHeaderCells() throws Exception {
        GridPane grid = assertInstanceOf(GridPane.class,
                render("| mode | time |\n|---|---:|\n| lock | 41 ms |\n| none | 3 ms |").getChildren().get(0));
        assertTrue(grid.getStyleClass().contains("tl-md-table"));
        assertEquals(6, grid.getChildren().size());
        Node header = grid.getChildren().get(0);
        assertTrue(header.getStyleClass().contains("tl-md-table-header"));
        assertEquals("mode", text(header));
        Node cell = grid.getChildren().stream()
                .filter(n -> GridPane.getRowIndex(n) == 2 && GridPane.getColumnIndex(n) == 1).findFirst().orElseThrow();
        assertEquals("3 ms", text(cell));
        assertEquals(javafx.scene.text.TextAlignment.RIGHT, ((TextFlow) ((VBox) cell).getChildren().get(0)).getTextAlignment());
    }

    @Test
    void quoteRuleAndHardBreak() throws Exception {
        VBox doc = render("> careful\n\n---\n\nline one\\\nline two");
        VBox quote = assertInstanceOf(VBox.class, doc.getChildren().get(0));
        assertTrue(quote.getStyleClass().contains("tl-md-quote"));
        assertEquals("careful", text(quote));
        assertInstanceOf(Separator.class, doc.getChildren().get(1));
        assertEquals("line one\nline two", text(doc.getChildren().get(2)));
    }

    @Test
    void emptyOrNullGivesAnEmptyDocument() throws Exception {
        assertEquals(0, render("").getChildren().size());
        assertEquals(0, render(null).getChildren().size());
    }

    @Test
    void wholeSampleRendersEveryBlock() throws Exception {
        VBox doc = render(SAMPLE);
        List<String> kinds = doc.getChildren().stream().map(n -> n.getStyleClass().isEmpty() ? n.getClass().getSimpleName()
                : n.getStyleClass().get(n.getStyleClass().size() - 1)).toList();
        assertEquals(List.of("tl-md-h1", "tl-md-paragraph", "tl-md-h2", "tl-md-ordered", "tl-md-bullets",
                "tl-md-code-block", "tl-md-quote", "tl-md-table", "tl-md-rule", "tl-md-paragraph"), kinds);
    }
}

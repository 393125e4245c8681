package org.threadlab.ui.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.threadlab.lesson.Listing;

/**
 * One code listing: monospace, line numbers, light syntax colour, and highlighted lines (the line
 * a step belongs to, later the line each worker is on). One row node per line: listings are tens
 * of lines, so nothing needs virtualising, and each row can carry its own highlight.
 *
 * <p>Rows have style class {@code tl-code-line} and the pseudo-class {@code :highlighted} when lit.
 */
public final class ListingView extends StackPane {
    static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");

    private final VBox rows = new VBox();
    private final ScrollPane scroll = new ScrollPane(rows);
    private final List<HBox> lineRows = new ArrayList<>();
    private final Set<Integer> highlighted = new TreeSet<>();
    private Listing listing;

    public ListingView() {
        getStyleClass().add("tl-code");
        rows.getStyleClass().add("tl-code-lines");
        scroll.getStyleClass().add("tl-code-scroll");
        // Rows as wide as the viewport at least, so a highlight spans the whole width; wider
        // lines scroll sideways rather than wrap, as code should.
        rows.minWidthProperty().bind(Bindings.createDoubleBinding(
                () -> scroll.getViewportBounds().getWidth(), scroll.viewportBoundsProperty()));
        scroll.setFitToHeight(false);
        getChildren().add(scroll);
    }

    public ListingView(Listing listing) {
        this();
        setListing(listing);
    }

    /** Shows a listing (null: nothing) and clears the highlights. */
    public void setListing(Listing listing) {
        this.listing = listing;
        highlighted.clear();
        lineRows.clear();
        rows.getChildren().clear();
        if (listing == null) {
            return;
        }
        List<String> lines = listing.lines();
        int digits = Math.max(2, String.valueOf(lines.size()).length());
        CodeHighlighter highlighter = new CodeHighlighter(listing.language());
        for (int i = 0; i < lines.size(); i++) {
            Label number = new Label(String.format("%" + digits + "d", i + 1));
            number.getStyleClass().add("tl-code-gutter");
            number.setMinWidth(Region.USE_PREF_SIZE);
            TextFlow code = new TextFlow();
            code.getStyleClass().add("tl-code-text");
            String line = lines.get(i).replace("\t", "    ");
            for (CodeHighlighter.Token token : highlighter.line(line)) {
                Text t = new Text(token.text());
                t.getStyleClass().addAll("tl-code-token", "tl-code-" + token.kind());
                code.getChildren().add(t);
            }
            if (code.getChildren().isEmpty()) {
                Text blank = new Text(" "); // keeps an empty line one line high
                blank.getStyleClass().addAll("tl-code-token", "tl-code-plain");
                code.getChildren().add(blank);
            }
            code.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(number, code);
            row.getStyleClass().add("tl-code-line");
            HBox.setHgrow(code, Priority.ALWAYS);
            lineRows.add(row);
        }
        rows.getChildren().setAll(lineRows);
        scroll.setVvalue(0);
        scroll.setHvalue(0);
    }

    public Listing listing() {
        return listing;
    }

    public int lineCount() {
        return lineRows.size();
    }

    /** The text shown on a line, 1-based. */
    public String lineText(int line) {
        TextFlow flow = (TextFlow) lineRows.get(line - 1).getChildren().get(1);
        StringBuilder sb = new StringBuilder();
        flow.getChildren().forEach(n -> sb.append(((Text) n).getText()));
        return sb.toString().equals(" ") ? "" : sb.toString();
    }

    /**
     * Lights exactly these lines (1-based; numbers outside the listing are ignored) and scrolls the
     * first into view.
     */
    public void highlightLines(Set<Integer> lines) {
        highlighted.clear();
        for (int line : lines) {
            if (line >= 1 && line <= lineRows.size()) {
                highlighted.add(line);
            }
        }
        for (int i = 0; i < lineRows.size(); i++) {
            lineRows.get(i).pseudoClassStateChanged(HIGHLIGHTED, highlighted.contains(i + 1));
        }
        if (!highlighted.isEmpty()) {
            scrollToLine(highlighted.iterator().next());
        }
    }

    /** Lights the line carrying a marker comment such as {@code // [inc]}; false if there is none. */
    public boolean highlightMark(String mark) {
        Integer line = listing == null ? null : listing.marks().get(mark);
        highlightLines(line == null ? Set.of() : Set.of(line));
        return line != null;
    }

    /** Lights every line that carries one of these markers (several workers, several lines). */
    public void highlightMarks(Set<String> marks) {
        Set<Integer> lines = new java.util.LinkedHashSet<>();
        if (listing != null) {
            for (String m : marks) {
                Integer line = listing.marks().get(m);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        if (!lines.equals(highlighted)) {
            highlightLines(lines);
        }
    }

    public void clearHighlights() {
        highlightLines(Set.of());
    }

    /** The lit lines, 1-based, in order. */
    public Set<Integer> highlightedLines() {
        return Collections.unmodifiableSet(new TreeSet<>(highlighted));
    }

    /** Scrolls vertically, if needed, so that the line is visible. Does nothing before the first layout. */
    private void scrollToLine(int line) {
        HBox row = lineRows.get(line - 1);
        double content = rows.getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (content <= viewport || row.getHeight() <= 0) {
            return;
        }
        double range = content - viewport;
        double top = scroll.getVvalue() * range;
        double y = row.getBoundsInParent().getMinY();
        double bottom = y + row.getHeight();
        double context = row.getHeight(); // one line of context above or below the lit one
        if (y < top) {
            scroll.setVvalue(Math.max(0, (y - context) / range));
        } else if (bottom > top + viewport) {
            scroll.setVvalue(Math.min(1, (bottom + context - viewport) / range));
        }
    }
}

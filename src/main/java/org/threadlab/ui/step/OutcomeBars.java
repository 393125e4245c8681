package org.threadlab.ui.step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.threadlab.lesson.Grade;

/**
 * A horizontal bar chart of outcomes: one row per outcome with its values, a bar as long as its
 * share of the largest count, coloured by grade, and the count, and under the row the lesson's
 * sentence for that outcome (what it means), so that "counter = 2, interesting" says why; without
 * what points at one run's console or wall time ({@link org.threadlab.lesson.Outcome#forCounts}), and
 * for a possible outcome never seen (styled {@code tl-unseen}), as what it would mean. An outcome
 * whose sentence is the same as an earlier row's points to that row instead of repeating it; the
 * whole text is in the tooltip. Rebuilt whole on each change: it has a handful of rows. Every row
 * has the same column widths (in em; the values and count columns as wide as their longest texts),
 * so the bars start and end in line. Every text wraps rather than being cut (the values of a lesson
 * with several variables are long). A deadlock is not a final state the lesson grades: it gets a
 * grade and a colour of its own, as does a failed run.
 */
final class OutcomeBars extends VBox {
    /** What a row stands for: a final state the lesson grades, or a run that never reached one. */
    enum Kind {
        COMPLETED, DEADLOCK, FAILED;

        /** The word in the grade column. */
        String gradeText(Grade grade) {
            return switch (this) {
                case COMPLETED -> grade == Grade.NOT_GRADED ? "" : grade.label();
                case DEADLOCK -> "deadlock";
                case FAILED -> "failed";
            };
        }

        /** The pseudo-class that colours the bar and the grade. */
        PseudoClass style(Grade grade) {
            return PseudoClass.getPseudoClass(this == COMPLETED ? grade.label() : name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One row: what it shows and how long its bar is. {@code note} is shown after the count;
     * {@code text} is the outcome's sentence, for the tooltip ({@code ""}: none).
     */
    record Row(String id, Kind kind, String values, Grade grade, long count, String countText, String note,
               String text) {}

    /** The rows on show, in order (each sits in an entry with its sentence under it). */
    private List<HBox> rows = List.of();

    OutcomeBars() {
        getStyleClass().add("tl-bars");
        setSpacing(10);
    }

    /**
     * Shows the rows, each with its sentence under it; returns the row nodes in the same order. The
     * entries (row and sentence, see {@link #entry}) are this box's children, in the same order.
     */
    List<HBox> show(List<Row> rows) {
        long max = rows.stream().mapToLong(Row::count).max().orElse(1);
        java.util.Map<String, String> firstWithText = new java.util.HashMap<>();
        List<HBox> nodes = new java.util.ArrayList<>();
        List<VBox> entries = new java.util.ArrayList<>();
        for (Row r : rows) {
            HBox row = row(r, Math.max(1, max));
            nodes.add(row);
            String text = r.text().isBlank() ? "" : org.threadlab.lesson.Outcome.forCounts(r.text());
            String earlier = text.isEmpty() ? null : firstWithText.putIfAbsent(text, r.values());
            VBox entry = new VBox(row);
            entry.getStyleClass().add("tl-bar-entry");
            if (r.count() == 0) {
                entry.getStyleClass().add("tl-unseen");
            }
            Tooltip.install(entry, new Tooltip(r.values() + (r.text().isBlank() ? "" : "\n" + r.text().strip())));
            if (!text.isEmpty()) {
                String meaning = earlier == null ? text : "As for " + earlier + " above.";
                // a possible outcome not seen (yet) in this count: what it would mean, not a claim that it happened
                Label label = new Label(r.count() == 0 ? "If it happens: " + meaning : meaning);
                label.getStyleClass().add("tl-bar-text");
                label.setWrapText(true);
                label.setMinHeight(Region.USE_PREF_SIZE);
                label.setMaxWidth(Double.MAX_VALUE);
                entry.getChildren().add(label);
            }
            entries.add(entry);
        }
        getChildren().setAll(entries);
        this.rows = List.copyOf(nodes);
        return this.rows;
    }

    /** The entry that holds {@code row} and the sentence under it: what an owner makes clickable, as a whole. */
    static VBox entry(HBox row) {
        return (VBox) row.getParent();
    }

    /**
     * Gives every row's values column the width of the longest values, and its count column the width
     * of the longest count (as the font on screen draws them; between 8em and 18em, and 8em and 20em),
     * so no row wraps a text that fits, and the bars line up.
     */
    @Override
    protected void layoutChildren() {
        if (!rows.isEmpty()) {
            fitColumn(0, 18);
            fitColumn(3, 20);
        }
        super.layoutChildren();
    }

    private void fitColumn(int column, double maxEm) {
        double want = 0;
        double em = 0;
        for (HBox row : rows) {
            Label cell = (Label) row.getChildren().get(column);
            Text probe = new Text(cell.getText());
            probe.setFont(cell.getFont());
            want = Math.max(want, Math.ceil(probe.getLayoutBounds().getWidth()) + cell.snappedLeftInset()
                    + cell.snappedRightInset() + 1);
            em = Math.max(em, cell.getFont().getSize());
        }
        double width = Math.min(Math.max(want, 8 * em), maxEm * em);
        for (HBox row : rows) {
            Label cell = (Label) row.getChildren().get(column);
            if (cell.getPrefWidth() != width) {
                cell.setPrefWidth(width);
            }
        }
    }

    /** The rows on show, in order. */
    List<HBox> rows() {
        return rows;
    }

    /** The sentence under each row, in order ({@code ""} for a row without one): what a test reads. */
    List<String> meanings() {
        return getChildren().stream().map(entry -> ((VBox) entry).getChildren().size() > 1
                ? ((Label) ((VBox) entry).getChildren().get(1)).getText() : "").toList();
    }

    private static HBox row(Row r, long max) {
        Label values = new Label(r.values());
        values.getStyleClass().add("tl-bar-values");
        values.setWrapText(true);
        values.setMinHeight(Region.USE_PREF_SIZE);
        PseudoClass style = r.kind().style(r.grade());
        Region bar = new Region();
        bar.getStyleClass().add("tl-bar");
        bar.pseudoClassStateChanged(style, true);
        StackPane track = new StackPane(bar);
        track.setAlignment(Pos.CENTER_LEFT);
        track.getStyleClass().add("tl-bar-track");
        double share = r.count() <= 0 ? 0 : (double) r.count() / max;
        // the bar is its share of the track, whatever width the track gets; a count above zero stays visible
        bar.minWidthProperty().bind(track.widthProperty().multiply(share).map(w -> share == 0 ? 0.0 : Math.max(3, w.doubleValue())));
        bar.maxWidthProperty().bind(bar.minWidthProperty());
        bar.setMinHeight(18);
        bar.setMaxHeight(18);
        HBox.setHgrow(track, Priority.SOMETIMES);
        Label grade = new Label(r.kind().gradeText(r.grade()));
        grade.getStyleClass().add("tl-bar-grade");
        grade.pseudoClassStateChanged(style, true);
        Label count = new Label(r.countText() + (r.note().isEmpty() ? "" : "   " + r.note()));
        count.getStyleClass().add("tl-bar-count");
        count.setWrapText(true);
        count.setMinHeight(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, values, track, grade, count);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("tl-bar-row");
        row.setId(r.id());
        return row;
    }

    /** {@code counter = 3} or {@code alice = 999, bob = 1001}. */
    static String values(Map<String, Long> shared) {
        StringBuilder sb = new StringBuilder();
        shared.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" = ").append(v));
        return sb.toString();
    }

    /** A share to one decimal; a rare outcome that was seen never shows as 0.0 % (nor a near miss as 100.0 %). */
    static String percent(long part, long whole) {
        if (whole <= 0) {
            return "";
        }
        double p = 100.0 * part / whole;
        if (part > 0 && p < 0.05) {
            return "<0.1%";
        }
        if (part < whole && p >= 99.95) {
            return ">99.9%";
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }
}

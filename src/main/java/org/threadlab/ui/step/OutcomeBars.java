package org.threadlab.ui.step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.threadlab.lesson.Grade;

/**
 * A horizontal bar chart of outcomes: one row per outcome with its values, a bar as long as its
 * share of the largest count, coloured by grade, and the count. Rebuilt whole on each change: it
 * has a handful of rows.
 */
final class OutcomeBars extends VBox {
    /** One row: what it shows and how long its bar is. {@code note} is shown after the count. */
    record Row(String id, String values, Grade grade, long count, String countText, String note) {}

    private static final double BAR = 260;

    OutcomeBars() {
        getStyleClass().add("tl-bars");
        setSpacing(4);
    }

    /** Shows the rows; returns the row nodes in the same order, for the owner to make clickable. */
    List<HBox> show(List<Row> rows) {
        long max = rows.stream().mapToLong(Row::count).max().orElse(1);
        List<HBox> nodes = rows.stream().map(r -> row(r, Math.max(1, max))).toList();
        getChildren().setAll(nodes);
        return nodes;
    }

    private static HBox row(Row r, long max) {
        Label values = new Label(r.values());
        values.getStyleClass().add("tl-bar-values");
        values.setMinWidth(170);
        values.setPrefWidth(170);
        Region bar = new Region();
        bar.getStyleClass().add("tl-bar");
        bar.pseudoClassStateChanged(PseudoClass.getPseudoClass(r.grade().label()), true);
        double width = r.count() <= 0 ? 0 : Math.max(3, BAR * r.count() / max);
        bar.setMinSize(width, 18);
        bar.setMaxSize(width, 18);
        StackPane track = new StackPane(bar);
        track.setAlignment(Pos.CENTER_LEFT);
        track.getStyleClass().add("tl-bar-track");
        track.setMinWidth(BAR);
        track.setPrefWidth(BAR);
        Label grade = new Label(r.grade() == Grade.NOT_GRADED ? "" : r.grade().label());
        grade.getStyleClass().add("tl-bar-grade");
        grade.pseudoClassStateChanged(PseudoClass.getPseudoClass(r.grade().label()), true);
        grade.setMinWidth(90);
        Label count = new Label(r.countText() + (r.note().isEmpty() ? "" : "   " + r.note()));
        count.getStyleClass().add("tl-bar-count");
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

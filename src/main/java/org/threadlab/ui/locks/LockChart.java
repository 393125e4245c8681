package org.threadlab.ui.locks;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.threadlab.ui.run.RunBar;

/**
 * A small bar chart of lock time: for each row (a lock, or a variant of a lesson), one bar for the
 * time the lock was held and one for the time workers waited for it, on one scale, with the
 * hand-offs beside them. Waiting is the cost of contention; holding is the work done under a lock.
 */
public final class LockChart extends VBox {
    /** One row: what it is, and its totals. */
    public record Row(String name, long heldNanos, long waitedNanos, int acquisitions, int handoffs) {}

    private static final double BAR = 260;
    private static final String HELD = "-color-accent-emphasis";
    private static final String WAITED = "-color-danger-emphasis";
    private final GridPane grid = new GridPane();
    private final Label title = new Label();

    public LockChart(String title) {
        getStyleClass().add("tl-lock-chart");
        setSpacing(6);
        this.title.setText(title);
        this.title.setStyle("-fx-font-weight: bold;");
        grid.setHgap(10);
        grid.setVgap(3);
        HBox legend = new HBox(14, key("held", HELD), key("waited for", WAITED));
        legend.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(this.title, legend, grid);
    }

    private static Label key(String text, String colour) {
        Region swatch = new Region();
        swatch.setMinSize(14, 14);
        swatch.setMaxSize(14, 14);
        swatch.setStyle("-fx-background-radius: 3; -fx-background-color: " + colour + ";");
        Label label = new Label(text, swatch);
        label.getStyleClass().add("tl-caption");
        return label;
    }

    public void show(List<Row> rows) {
        grid.getChildren().clear();
        long max = 1;
        for (Row r : rows) {
            max = Math.max(max, Math.max(r.heldNanos(), r.waitedNanos()));
        }
        int line = 0;
        for (Row r : rows) {
            Label name = new Label(r.name());
            GridPane.setRowSpan(name, 2);
            grid.add(name, 0, line);
            grid.add(bar(r.heldNanos(), max, HELD), 1, line);
            grid.add(figure(r.acquisitions() == 0 ? "no lock taken" : "held " + RunBar.formatTime(r.heldNanos())), 2, line);
            grid.add(bar(r.waitedNanos(), max, WAITED), 1, line + 1);
            Label waited = figure(r.acquisitions() == 0 ? "nobody waited" : String.format(Locale.ROOT,
                    "waited %s  ·  %,d acquisition%s, %,d hand-over%s", RunBar.formatTime(r.waitedNanos()),
                    r.acquisitions(), r.acquisitions() == 1 ? "" : "s", r.handoffs(), r.handoffs() == 1 ? "" : "s"));
            waited.setId("lock-chart-" + r.name().replaceAll("[^A-Za-z0-9-]", "-"));
            grid.add(waited, 2, line + 1);
            line += 2;
        }
        boolean any = !rows.isEmpty();
        setVisible(any);
        setManaged(any);
    }

    private static Label figure(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("tl-caption", "tl-mono");
        return l;
    }

    private static HBox bar(long nanos, long max, String colour) {
        Region bar = new Region();
        double width = nanos <= 0 ? 0 : Math.max(2, BAR * nanos / (double) max);
        bar.setMinSize(width, 12);
        bar.setMaxSize(width, 12);
        bar.setStyle("-fx-background-radius: 3; -fx-background-color: " + colour + ";");
        HBox track = new HBox(bar);
        track.setAlignment(Pos.CENTER_LEFT);
        track.setMinWidth(BAR);
        track.setPrefWidth(BAR);
        return track;
    }
}

package org.threadlab.ui.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Variant;

/**
 * The wall time of the latest completed run of each variant of the open lesson, side by side, so
 * that a lesson like {@code lock-contention} can compare its four ways. Shown once two variants
 * have been run; each row says the mode and workers it ran with, since only like with like compares.
 */
public final class VariantTimes extends VBox {
    /** One finished run: enough to compare. */
    public record Time(String variant, long wallNanos, String mode, int workers, boolean gil) {}

    private static final double BAR = 240;
    private final Label title = new Label("Wall time by variant (latest run of each)");
    private final GridPane rows = new GridPane();
    private final Map<String, Time> times = new LinkedHashMap<>();
    private Lesson lesson;

    public VariantTimes() {
        getStyleClass().add("tl-variant-times");
        setId("variant-times");
        setSpacing(6);
        title.getStyleClass().add("tl-step-section");
        title.setStyle("-fx-font-weight: bold;");
        rows.setHgap(10);
        rows.setVgap(4);
        getChildren().addAll(title, rows);
        show(null);
    }

    /** A new lesson: forget the times of the one before. */
    public void show(Lesson lesson) {
        this.lesson = lesson;
        times.clear();
        redraw();
    }

    /** Records a finished run of the open lesson; runs that did not complete are not comparable. */
    public void record(RunResult r) {
        if (lesson == null || r == null || r.status() != RunStatus.COMPLETED || !lesson.id().equals(r.lesson())) {
            return;
        }
        times.put(r.variant(), new Time(r.variant(), r.wallNanos(), r.mode(), r.workers(), r.gil()));
        redraw();
    }

    /** The times shown, by variant name. */
    public Map<String, Time> times() {
        return Map.copyOf(times);
    }

    private void redraw() {
        rows.getChildren().clear();
        boolean show = lesson != null && lesson.variants().size() > 1 && times.size() > 1;
        setVisible(show);
        setManaged(show);
        if (!show) {
            return;
        }
        long max = times.values().stream().mapToLong(Time::wallNanos).max().orElse(1);
        long min = times.values().stream().mapToLong(Time::wallNanos).min().orElse(1);
        int row = 0;
        for (Variant v : lesson.variants()) { // the lesson's order, so the rows do not jump about
            Time t = times.get(v.name());
            if (t == null) {
                continue;
            }
            Label name = new Label(v.title());
            Region bar = new Region();
            double width = Math.max(3, BAR * t.wallNanos() / (double) Math.max(1, max));
            bar.setMinSize(width, 16);
            bar.setMaxSize(width, 16);
            bar.setStyle("-fx-background-radius: 4; -fx-background-color: "
                    + (t.wallNanos() == min ? "-color-success-emphasis;" : "-color-accent-emphasis;"));
            StackPane track = new StackPane(bar);
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMinWidth(BAR);
            Label value = new Label(String.format(Locale.ROOT, "%,.0f ms   %s, %d worker%s%s", t.wallNanos() / 1e6,
                    t.mode(), t.workers(), t.workers() == 1 ? "" : "s", t.gil() ? ", GIL" : ""));
            value.setId("variant-time-" + v.name());
            rows.addRow(row++, name, track, value);
        }
    }
}

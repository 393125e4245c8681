package org.threadlab.ui.pinned;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.WorkerState;
import org.threadlab.ui.ThreadLabApp;
import org.threadlab.ui.result.Measured;
import org.threadlab.ui.run.ModeText;
import org.threadlab.ui.timeline.StateColors;

/**
 * Runs side by side: the finished runs of the open lesson the learner pinned, one band each,
 * stacked on one shared time axis from 0 to the longest run, so that a run twice as fast is half
 * as long. Each band says what ran (variant, mode, workers, pool, params, the simulated GIL), where
 * (this machine, or where a run file was recorded), its measured wall time, and its speed-up over
 * a pinned sequential run of the same work, or why there is none. Another lesson's runs never stay:
 * opening another lesson clears the stack.
 *
 * <p>Sizes are in em of the window's body text, fed by {@link #setTextScale}; the labels are the
 * window's own text, so they follow its scale and theme. "Export PNG…" saves the stack (without its
 * buttons) as one picture.
 */
public final class PinnedRunsView extends BorderPane {
    /** Runs with more lanes than this are folded into one band of the share of lanes in each state. */
    static final int FOLD_ABOVE = 16;
    /** The body text's size at scale 1, as the stylesheet sets it (app.css, .root). */
    private static final double BODY_PX = 14;

    private final List<PinnedRun> runs = new ArrayList<>();
    private final Map<PinnedRun, RunLanes> lanes = new HashMap<>();
    private final List<Band> bands = new ArrayList<>();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);
    private int nextNumber = 1;
    private Lesson lesson;
    private double textScale = 1;
    private StateColors colors = new StateColors(false);

    private final Label empty = new Label();
    private final Label title = new Label();
    private final Label axisNote = new Label();
    private final FlowPane legend = new FlowPane();
    private final TimeRuler ruler = new TimeRuler();
    private final GridPane grid = new GridPane();
    /** What "Export PNG…" saves: the title, the legend and the stacked runs. */
    private final VBox picture = new VBox();
    private final ScrollPane scroll = new ScrollPane(picture);
    private final Button clear = new Button("Clear", new FontIcon(MaterialDesignC.CLOSE_BOX_MULTIPLE_OUTLINE));
    private final Button export = new Button("Export PNG\u2026", new FontIcon(MaterialDesignE.EXPORT));
    private final Label saved = new Label();

    public PinnedRunsView() {
        getStyleClass().add("tl-pinned");
        setId("pinned-runs");
        empty.setId("pinned-empty");
        empty.setWrapText(true);
        empty.setText("No run pinned yet. Run the lesson, then press Pin in the Run tab (or Ctrl+P) to keep the finished run here."
                + " Pin runs in other modes, with other worker counts or with the simulated GIL to see them on one"
                + " time axis, and a sequential run of the same work to see their speed-ups.");
        title.setId("pinned-title");
        title.setWrapText(true);
        title.setStyle("-fx-font-weight: bold;");
        legend.setId("pinned-legend");
        ruler.setId("pinned-ruler");
        grid.setId("pinned-grid");
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        names.setHalignment(HPos.RIGHT);
        ColumnConstraints bars = new ColumnConstraints();
        bars.setHgrow(Priority.ALWAYS);
        bars.setMinWidth(0);
        grid.getColumnConstraints().setAll(names, bars);
        picture.setId("pinned-picture");
        axisNote.setId("pinned-axis-note");
        axisNote.setWrapText(true);
        picture.getChildren().setAll(new VBox(title, axisNote), legend, grid);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        clear.setId("pinned-clear");
        clear.setOnAction(e -> clear());
        clear.setTooltip(new Tooltip("Unpin every run"));
        export.setId("pinned-export");
        export.setOnAction(e -> chooseAndExport());
        export.setTooltip(new Tooltip("Save the stacked runs as a PNG picture"));
        clear.disableProperty().bind(count.isEqualTo(0));
        export.disableProperty().bind(count.isEqualTo(0));
        saved.setId("pinned-saved");
        saved.setWrapText(true);
        saved.setMaxWidth(40 * BODY_PX); // a long path wraps rather than widening the bar
        Label heading = new Label("Pinned runs");
        heading.setStyle("-fx-font-weight: bold;");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        // a bar that wraps: at a projector's scale in a narrow run area the buttons go onto a second row
        FlowPane bar = new FlowPane(heading, clear, export, saved);
        bar.setAlignment(Pos.CENTER_LEFT);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        setTop(bar);
        BorderPane.setMargin(bar, new Insets(0, 0, 4, 0));
        applySizes();
        show();
    }

    // ---- what is pinned

    /**
     * The lesson whose runs the view holds: another lesson clears the stack, so that nothing of
     * another lesson stays on screen as if it were this one's.
     */
    public void setLesson(Lesson lesson) {
        if (lesson == null || this.lesson == null || !lesson.id().equals(this.lesson.id())) {
            removeAll();
        }
        this.lesson = lesson;
        show();
    }

    /**
     * Pins a finished run of the open lesson, made on this machine ({@code origin} null) or read
     * from a run file ({@code origin} says where and when it was recorded). Returns false, pinning
     * nothing, for no run, a run of another lesson, or a run pinned already.
     */
    public boolean pin(RunResult result, String origin) {
        return pin(result, origin, origin, 0);
    }

    /**
     * As {@link #pin(RunResult, String)}, for a run read from a run file: {@code machine} names the
     * machine it was recorded on (runs of the same machine compare, whenever recorded) and
     * {@code cores} its cores (0 if unknown).
     */
    public boolean pin(RunResult result, String origin, String machine, int cores) {
        if (!canPin(result)) {
            return false;
        }
        PinnedRun run = new PinnedRun(nextNumber++, result, origin, machine, cores);
        lanes.put(run, new RunLanes(result.trace()));
        runs.add(run);
        show();
        return true;
    }

    /**
     * The most runs pinned at once: each keeps its whole trace (tens of MB for a run of a million
     * events), and a stack taller than a screen compares nothing at a glance.
     */
    public static final int MAX_PINNED = 8;

    /** Whether {@link #pin} would take this run: a run of the open lesson, not pinned yet, with room for it. */
    public boolean canPin(RunResult result) {
        return result != null && lesson != null && lesson.id().equals(result.lesson()) && runs.size() < MAX_PINNED
                && runs.stream().noneMatch(p -> p.result() == result);
    }

    /** Unpins one run; the others keep their numbers. */
    public void remove(PinnedRun run) {
        if (runs.remove(run)) {
            lanes.remove(run);
            show();
        }
    }

    /** Unpins every run. */
    public void clear() {
        removeAll();
        show();
    }

    private void removeAll() {
        runs.clear();
        lanes.clear();
        nextNumber = 1;
        saved.setText("");
    }

    /** The pinned runs, in the order they were pinned (top to bottom). */
    public List<PinnedRun> runs() {
        return List.copyOf(runs);
    }

    /** How many runs are pinned. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** A pinned run's speed-up among the runs pinned now. */
    public SpeedUp speedUp(PinnedRun run) {
        return SpeedUp.of(run, runs, sequentialPossible(run));
    }

    /** Whether the lesson, in the run's variant, has a sequential mode (a run file may name a variant gone since). */
    private boolean sequentialPossible(PinnedRun run) {
        if (lesson == null) {
            return true;
        }
        try {
            return lesson.resolve(run.result().variant()).run().modes().contains("sequential");
        } catch (IllegalArgumentException e) {
            return lesson.run().modes().contains("sequential");
        }
    }

    /** The end of the shared time axis: the longest pinned run. */
    public double axisEndNanos() {
        return runs.stream().mapToDouble(p -> Math.max(p.result().wallNanos(),
                p.result().trace() == null ? 0 : p.result().trace().endNanos())).max().orElse(1);
    }

    // ---- window settings

    /** The window's text scale (1 for normal): the bands' heights and gaps follow it, as the text does. */
    public void setTextScale(double scale) {
        textScale = scale;
        applySizes();
        show();
    }

    public double textScale() {
        return textScale;
    }

    public void setDark(boolean dark) {
        colors = new StateColors(dark);
        show();
    }

    private double em() {
        return BODY_PX * textScale;
    }

    private void applySizes() {
        double em = em();
        picture.setSpacing(0.6 * em);
        picture.setPadding(new Insets(0.6 * em, em, em, 0.6 * em));
        legend.setHgap(em);
        legend.setVgap(0.3 * em);
        grid.setHgap(0.6 * em);
        grid.setVgap(0.25 * em);
        FlowPane bar = (FlowPane) getTop();
        bar.setHgap(0.6 * em);
        bar.setVgap(0.3 * em);
        bar.setPadding(new Insets(0.4 * em, 0.6 * em, 0, 0.6 * em));
        ruler.setMinTickPixels(7 * em);
    }

    // ---- drawing

    /** One run's band: its label lines, its lane names (or the folded count) and its strip. */
    private record Band(PinnedRun run, Label heading, Label details, Button remove, Region names, StateStrip strip) {}

    /** Rebuilds the stack: a handful of bands, so only when runs, scale or theme change. */
    private void show() {
        count.set(runs.size());
        bands.clear();
        grid.getChildren().clear();
        picture.setBackground(Background.fill(Color.web(toWeb(colors.background()))));
        if (runs.isEmpty()) {
            setCenter(empty);
            BorderPane.setMargin(empty, new Insets(em()));
            BorderPane.setAlignment(empty, Pos.TOP_LEFT);
            return;
        }
        setCenter(scroll);
        double end = axisEndNanos();
        title.setText(lesson == null ? "" : lesson.id() + ": " + lesson.title());
        axisNote.setText("One time axis for all, 0 to " + StateColors.duration(end) + ". A bar per lane, coloured by its"
                + " state; a vertical line marks where each run ended (its wall time)."
                + (runs.size() >= MAX_PINNED ? " " + MAX_PINNED + " runs are pinned, the most there is room for: unpin one"
                        + " to pin another." : ""));
        showLegend();
        ruler.setAxisEnd(end);
        ruler.setColors(colors);
        grid.add(ruler, 1, 0);
        int row = 1;
        double em = em();
        for (PinnedRun run : runs) {
            Band band = band(run, end, em);
            bands.add(band);
            HBox top = new HBox(0.6 * em, band.heading(), band.remove());
            top.setAlignment(Pos.CENTER_LEFT);
            VBox labels = new VBox(0.1 * em, top, band.details());
            HBox.setHgrow(band.heading(), Priority.ALWAYS);
            band.heading().setMaxWidth(Double.MAX_VALUE);
            labels.setPadding(new Insets(0.5 * em, 0, 0, 0));
            grid.add(labels, 0, row++, 2, 1);
            grid.add(band.names(), 0, row);
            GridPane.setValignment(band.names(), VPos.TOP);
            grid.add(band.strip(), 1, row++);
        }
    }

    private Band band(PinnedRun run, double end, double em) {
        RunResult r = run.result();
        RunLanes runLanes = lanes.get(run);
        Label heading = new Label(headingText(run));
        heading.getStyleClass().add("tl-pinned-heading");
        heading.setStyle("-fx-font-weight: bold;");
        heading.setWrapText(true);
        Label details = new Label(detailsText(run));
        details.getStyleClass().add("tl-pinned-details");
        details.setWrapText(true);
        Button remove = new Button(null, new FontIcon(MaterialDesignP.PIN_OFF_OUTLINE));
        remove.getStyleClass().add("tl-pinned-remove");
        remove.setId("unpin-" + run.number());
        remove.setTooltip(new Tooltip("Unpin run #" + run.number()));
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.setOnAction(e -> remove(run));
        boolean folded = runLanes.laneCount() > FOLD_ABOVE;
        StateStrip strip = new StateStrip(runLanes, folded, r.wallNanos());
        strip.setId("pinned-strip-" + run.number());
        double laneHeight = Math.round(1.5 * em);
        strip.setSizes(laneHeight, Math.round(5 * em));
        strip.setAxis(end, 7 * em);
        strip.setColors(colors);
        Region names;
        if (folded) {
            Label note = new Label(String.format(Locale.ROOT, "%,d lanes,%nfolded: share%nin each state", runLanes.laneCount()));
            note.setMinHeight(Region.USE_PREF_SIZE);
            names = note;
        } else if (runLanes.laneCount() == 0) {
            names = new Label("no trace");
        } else {
            VBox column = new VBox();
            for (int i = 0; i < runLanes.laneCount(); i++) {
                Label name = new Label(runLanes.name(i));
                name.setMinHeight(laneHeight);
                name.setPrefHeight(laneHeight);
                name.setMaxHeight(laneHeight);
                name.setMinWidth(Region.USE_PREF_SIZE);
                column.getChildren().add(name);
            }
            column.setAlignment(Pos.TOP_RIGHT);
            names = column;
        }
        names.getStyleClass().add("tl-pinned-names");
        return new Band(run, heading, details, remove, names, strip);
    }

    /** "#2  threads + simulated GIL · wall 1.21 s · speed-up 1.96× over #1 (sequential, 2.38 s)". */
    String headingText(PinnedRun run) {
        RunResult r = run.result();
        StringBuilder s = new StringBuilder("#").append(run.number()).append("  ").append(r.mode());
        if (r.gil()) {
            s.append(" + simulated GIL");
        }
        s.append(" \u00b7 wall ").append(Measured.seconds(r.wallNanos()));
        if (r.status() != RunStatus.COMPLETED) {
            s.append(" \u00b7 ").append(r.status().label());
        }
        s.append(" \u00b7 ").append(speedUp(run).text());
        return s.toString();
    }

    /** "squares, variant sum-of-squares · 2 workers on 2 threads · n = 3,000,000 · on this machine". */
    String detailsText(PinnedRun run) {
        RunResult r = run.result();
        List<String> parts = new ArrayList<>();
        parts.add(r.lesson() + (r.variant().isEmpty() ? "" : ", variant " + r.variant()));
        parts.add(r.workers() + (r.workers() == 1 ? " worker " : " workers ") + ModeText.where(r));
        String params = r.params().entrySet().stream().filter(e -> !e.getKey().equals("workers"))
                .map(e -> String.format(Locale.ROOT, "%s = %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        if (!params.isEmpty()) {
            parts.add(params);
        }
        if (r.gil()) {
            parts.add("GIL simulated (CPython's, switch interval " + StateColors.duration(r.gilSwitchNanos()) + ")");
        }
        parts.add(run.madeHere() ? "run on this machine" : run.origin());
        return String.join(" \u00b7 ", parts);
    }

    private void showLegend() {
        legend.getChildren().clear();
        int w = (int) Math.round(1.6 * em());
        int h = (int) Math.round(0.9 * em());
        for (WorkerState s : StateColors.shown()) {
            if (runs.stream().anyMatch(p -> lanes.get(p).seen(s))) {
                Label item = new Label(StateColors.label(s), new ImageView(colors.swatch(s, w, h)));
                item.setMinWidth(Region.USE_PREF_SIZE);
                legend.getChildren().add(item);
            }
        }
    }

    // ---- the picture

    /** The stacked runs as one image: the title, the legend and every band, without the buttons. */
    public WritableImage picture() {
        bands.forEach(b -> b.remove().setVisible(false));
        try {
            picture.applyCss();
            picture.layout();
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.web(toWeb(colors.background())));
            return picture.snapshot(params, null);
        } finally {
            bands.forEach(b -> b.remove().setVisible(true));
        }
    }

    /** The size of {@link #picture()} in pixels: the stack as laid out now. */
    public double[] pictureSize() {
        return new double[] {Math.ceil(picture.getLayoutBounds().getWidth()), Math.ceil(picture.getLayoutBounds().getHeight())};
    }

    /** Writes {@link #picture()} to {@code file} as a PNG. */
    public void exportPng(Path file) throws IOException {
        ThreadLabApp.save(picture(), file);
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the pinned runs as a PNG picture");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG picture", "*.png"));
        chooser.setInitialFileName((lesson == null ? "pinned" : lesson.id()) + "-pinned-runs.png");
        java.io.File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen == null) {
            return;
        }
        Path file = chosen.toPath();
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            file = file.resolveSibling(file.getFileName() + ".png");
        }
        try {
            exportPng(file);
            saved.setText("Saved to " + file);
        } catch (IOException e) {
            saved.setText("Cannot save " + file + ": " + e.getMessage());
        }
    }

    // ---- for tests

    /** The bands' heading lines, top to bottom. */
    public List<String> headings() {
        return bands.stream().map(b -> b.heading().getText()).toList();
    }

    /** The bands' detail lines, top to bottom. */
    public List<String> details() {
        return bands.stream().map(b -> b.details().getText()).toList();
    }

    /** The width in pixels of each band's drawn strip (all share one axis, so these are equal). */
    public List<Double> stripWidths() {
        return bands.stream().map(b -> b.strip().getWidth()).toList();
    }

    /** Whether each band is folded into one band of state shares. */
    public List<Boolean> folded() {
        return bands.stream().map(b -> b.strip().folded()).toList();
    }

    private static String toWeb(int argb) {
        return String.format(Locale.ROOT, "#%06X", argb & 0xFFFFFF);
    }
}

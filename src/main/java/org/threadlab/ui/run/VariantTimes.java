package org.threadlab.ui.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.threadlab.trace.LockHistory;
import org.threadlab.ui.locks.LockChart;

/**
 * The wall time of the latest completed run of each variant of the open lesson, side by side, so
 * that a lesson like {@code lock-contention} can compare its four ways. Shown once two variants
 * have been run; each row says the mode and workers it ran with, since only like with like compares.
 * For a lesson with locks each row also says how long workers waited for them and how often a lock
 * was handed over, and a chart sets each variant's lock time held against its time waited.
 */
public final class VariantTimes extends VBox {
    /**
     * One finished run: enough to compare. {@code sequentialNanos} is the wall time of the last
     * sequential run of the same variant, workers and params, or 0 when there is none (or this is it).
     */
    public record Time(String variant, long wallNanos, String mode, int workers, boolean gil, Locking locking,
                       long sequentialNanos) {
        /** Its speed-up over that sequential run, or NaN without one. */
        public double speedUp() {
            return sequentialNanos > 0 && wallNanos > 0 && !mode.equals("sequential")
                    ? (double) sequentialNanos / wallNanos : Double.NaN;
        }
    }

    /**
     * A run's lock totals over the lesson's own locks (the simulated GIL left out): time held, time
     * waited, acquisitions, and hand-overs (the lock passed to a worker that was waiting for it).
     */
    public record Locking(long heldNanos, long waitedNanos, int acquisitions, int handoffs) {
        public static final Locking NONE = new Locking(0, 0, 0, 0);

        /** The totals of a finished run, at its end. */
        public static Locking of(LockHistory locks, long endNanos) {
            if (locks == null) {
                return NONE;
            }
            long held = 0;
            long waited = 0;
            int acquisitions = 0;
            int handoffs = 0;
            for (int i = 0; i < locks.lockCount(); i++) {
                LockHistory.State s = locks.stateAt(i, endNanos);
                if (s.simulated()) {
                    continue;
                }
                held += s.heldNanos();
                waited += s.waitedNanos();
                acquisitions += s.acquisitions();
                handoffs += s.handoffs();
            }
            return new Locking(held, waited, acquisitions, handoffs);
        }
    }

    private static final double BAR = 240;
    private final Label title = new Label("Wall time by variant (latest run of each)");
    private final GridPane rows = new GridPane();
    private final Map<String, Time> times = new LinkedHashMap<>();
    private final LockChart chart = new LockChart("Lock time by variant: held and waited for");
    private Lesson lesson;
    /** The latest real Python run of the open lesson's listing, or null. */
    private org.threadlab.engine.python.PythonResult python;
    private String pythonVariant = "";
    private final Label pythonNote = new Label();

    public VariantTimes() {
        getStyleClass().add("tl-variant-times");
        setId("variant-times");
        setSpacing(6);
        title.getStyleClass().add("tl-step-section");
        title.setStyle("-fx-font-weight: bold;");
        rows.setHgap(10);
        rows.setVgap(4);
        pythonNote.setWrapText(true);
        pythonNote.getStyleClass().add("tl-caption");
        pythonNote.setId("variant-times-python-note");
        getChildren().addAll(title, rows, pythonNote, chart);
        show(null);
    }

    /** A new lesson: forget the times of the one before. */
    public void show(Lesson lesson) {
        this.lesson = lesson;
        times.clear();
        python = null;
        redraw();
    }

    /** Records a finished run of the open lesson; runs that did not complete are not comparable. */
    public void record(RunResult r) {
        record(r, null);
    }

    /** Records a finished run with its lock history (the session's, already built), for the lock totals. */
    public void record(RunResult r, LockHistory locks) {
        record(r, locks, null);
    }

    /**
     * Records a finished run with its lock history and the last sequential run of the same
     * variant, workers and params (or null), whose wall time gives the row its speed-up.
     */
    public void record(RunResult r, LockHistory locks, RunResult sequential) {
        if (lesson == null || r == null || r.status() != RunStatus.COMPLETED || !lesson.id().equals(r.lesson())) {
            return;
        }
        times.put(r.variant(), new Time(r.variant(), r.wallNanos(), r.mode(), r.workers(), r.gil(),
                Locking.of(locks, r.trace().endNanos()), sequential == null ? 0 : sequential.wallNanos()));
        redraw();
    }

    /**
     * Records a finished run of the lesson's Python listing on the learner's own interpreter: a row
     * of its own, labelled with the interpreter, beside the Java runs. A run of another lesson, or
     * one that did not complete, is not shown.
     */
    public void recordPython(org.threadlab.engine.python.PythonResult r, String variant) {
        if (lesson == null || r == null || r.ending() != org.threadlab.engine.python.PythonResult.Ending.COMPLETED) {
            return;
        }
        python = r;
        pythonVariant = variant == null ? "" : variant;
        redraw();
    }

    /** The times shown, by variant name. */
    public Map<String, Time> times() {
        return Map.copyOf(times);
    }

    private void redraw() {
        rows.getChildren().clear();
        boolean show = lesson != null && (lesson.variants().size() > 1 && times.size() > 1 || python != null);
        setVisible(show);
        setManaged(show);
        pythonNote.setVisible(python != null);
        pythonNote.setManaged(python != null);
        title.setText(python == null ? "Wall time by variant (latest run of each)"
                : "Wall time: this lesson's latest runs, and your Python's");
        if (!show) {
            chart.show(List.of());
            return;
        }
        boolean locking = !lesson.shared().locks().isEmpty()
                || lesson.variants().stream().anyMatch(v -> !lesson.resolve(v.name()).shared().locks().isEmpty());
        List<LockChart.Row> chartRows = new ArrayList<>();
        long pythonWall = python == null ? 0 : python.wall().toNanos();
        long max = Math.max(pythonWall, times.values().stream().mapToLong(Time::wallNanos).max().orElse(1));
        long min = times.values().stream().mapToLong(Time::wallNanos).min().orElse(Long.MAX_VALUE);
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
            double speedUp = t.speedUp();
            Label value = new Label(String.format(Locale.ROOT, "%,.0f ms   %s, %d worker%s%s%s", t.wallNanos() / 1e6,
                    t.mode(), t.workers(), t.workers() == 1 ? "" : "s", t.gil() ? ", GIL" : "",
                    Double.isNaN(speedUp) ? "" : String.format(Locale.ROOT, "   %.2fx sequential", speedUp)));
            value.setId("variant-time-" + v.name());
            if (locking) {
                Locking l = t.locking();
                Label cost = new Label(l.acquisitions() == 0 ? "no lock taken" : String.format(Locale.ROOT,
                        "lock waited %s  ·  %,d hand-over%s", RunBar.formatTime(l.waitedNanos()), l.handoffs(),
                        l.handoffs() == 1 ? "" : "s"));
                cost.getStyleClass().add("tl-caption");
                cost.setId("variant-locking-" + v.name());
                rows.addRow(row++, name, track, value, cost);
                chartRows.add(new LockChart.Row(v.title(), l.heldNanos(), l.waitedNanos(), l.acquisitions(), l.handoffs()));
            } else {
                rows.addRow(row++, name, track, value);
            }
        }
        if (python != null) {
            Label name = new Label(python.interpreter().label() + " (real)");
            name.setId("variant-time-python-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Region bar = new Region();
            bar.setMinSize(Math.max(3, BAR * pythonWall / (double) Math.max(1, max)), 16);
            bar.setMaxSize(bar.getMinWidth(), 16);
            bar.setStyle("-fx-background-radius: 4; -fx-background-color: -color-warning-emphasis;");
            StackPane track = new StackPane(bar);
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMinWidth(BAR);
            String counts = python.task().countsText();
            String cpu = python.cpu().map(c -> String.format(Locale.ROOT, "%,d ms", c.toMillis())).orElse("not measured");
            Label value = new Label(String.format(Locale.ROOT, "%,.0f ms wall, %s CPU   %s", pythonWall / 1e6, cpu,
                    python.interpreter().gilLabel()));
            value.setId("variant-time-python");
            rows.addRow(row, name, track, value);
            String variantTitle = lesson.resolve(pythonVariant).variants().stream()
                    .findFirst().map(Variant::title).orElse("");
            pythonNote.setText("The " + python.interpreter().label() + " row is the lesson's Python listing"
                    + (variantTitle.isEmpty() ? "" : " (“" + variantTitle + "”)") + " run on this computer, "
                    + python.interpreter().gilLabel() + ", in " + (python.mode().isEmpty() ? "its default mode"
                    : "mode " + python.mode()) + ", with its own counts" + (counts.isEmpty() ? "" : " (" + counts + ")")
                    + ", not the Java run's: set the times of one language's runs against each other, not against"
                    + " the other's. CPU time counts every process the listing started.");
        }
        chart.show(chartRows);
    }
}

package org.threadlab.ui.timeline;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.TraceInfo;

/**
 * The timeline zoomed in to single events: over each lane, every step whose box is wide enough to
 * see is drawn as a box with what it did ({@code read 41}, {@code + 1 = 42}, {@code write 42},
 * {@code lock m}, {@code put 3}, ...), and every lost update as a red arrow from the write that was
 * overwritten to the write that overwrote it, with the stale read that write was based on marked on
 * its lane. Zoomed out, a lost update is a red tick on top of its lane (a rug that shows where to
 * zoom in). All on a canvas of its own over the lanes, in the run's recorded order.
 */
final class EventMarks {
    /** A step box narrower than this is not drawn: the lane's state colour says enough. */
    private static final double MIN_BOX = 3;
    /** Lost updates in the window above which only ticks are drawn, not arrows. */
    private static final int MAX_ARROWS = 200;
    /** At most this many ticks of lost updates a frame: a pixel column holds one anyway. */
    private static final int MAX_TICKS = 4_000;

    final Canvas canvas = new Canvas();
    private final Measure measure;
    private Font font;
    private Font boldFont;
    private double scale = 1;
    private boolean shown;
    /** What the last frame drew, for tests: the step boxes and the lost updates drawn as arrows. */
    private final java.util.ArrayList<StepBox> drawnBoxes = new java.util.ArrayList<>();
    private final java.util.ArrayList<MemoryHistory.LostUpdate> drawnArrows = new java.util.ArrayList<>();
    /** The right edge of the last lost update's label drawn this frame. */
    private double lastLabelRight;

    EventMarks(Measure measure) {
        this.measure = measure;
        canvas.setMouseTransparent(true);
        setScale(1);
    }

    /** Text widths, cached by the caller's text layers. */
    interface Measure {
        double width(String text, Font font);
    }

    void setScale(double scale) {
        this.scale = scale;
        font = Font.font("System", 14 * scale);
        boldFont = Font.font("System", FontWeight.BOLD, 14 * scale);
    }

    /** The fonts of the texts drawn here. */
    List<Font> fonts() {
        return List.of(font, boldFont);
    }

    /** The step boxes the last frame drew. */
    List<StepBox> drawnBoxes() {
        return List.copyOf(drawnBoxes);
    }

    /** The lost updates the last frame drew as arrows. */
    List<MemoryHistory.LostUpdate> drawnArrows() {
        return List.copyOf(drawnArrows);
    }

    /** A drawable step: its box from start to end, what it did, and whether it lost an update. */
    record StepBox(int lane, long startNanos, long endNanos, String kind, String text, String shortText,
                   boolean lostAnUpdate) {}

    /**
     * Draws the window {@code [start, start + span)} at {@code dt} nanoseconds per pixel; the lost
     * updates are sorted by the time of their overwriting write (null: none known).
     */
    void draw(StatePalette palette, TimelineData data, LaneLayout layout, double start, double span, double dt,
              List<MemoryHistory.LostUpdate> lost) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        if (shown) {
            gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        }
        shown = false;
        drawnBoxes.clear();
        drawnArrows.clear();
        if (data == null || data.laneCount() == 0 || layout.rowHeight() == 0) {
            canvas.setVisible(false);
            return;
        }
        int width = (int) canvas.getWidth();
        if (!layout.aggregated() && layout.barHeight() >= 12) {
            for (int lane = 0; lane < data.laneCount() && lane < layout.rows(); lane++) {
                shown |= drawSteps(gc, palette, data.lane(lane).log(), data.feed().info(), layout, lane, start, span,
                        dt, width, lost);
            }
        }
        if (lost != null && !lost.isEmpty()) {
            shown |= drawLost(gc, palette, layout, start, span, dt, lost);
        }
        canvas.setVisible(shown);
    }

    /** The boxes of one lane's steps in the window; false when there are none or too many to tell apart. */
    private boolean drawSteps(GraphicsContext gc, StatePalette palette, LaneLog log, TraceInfo info, LaneLayout layout,
                              int lane, double start, double span, double dt, int width,
                              List<MemoryHistory.LostUpdate> lost) {
        int first = Math.max(0, log.lastAtOrBefore((long) Math.floor(start)));
        int last = log.lastAtOrBefore((long) Math.ceil(start + span));
        if (last < 0 || last - first > width / 2) {
            return false; // more events than half the pixels: no box would be wide enough to read
        }
        // back to the start of the step the window begins in, so its box is drawn too
        while (first > 0 && first > last - width && !(log.event(first) instanceof TraceEvent.StepStarted)) {
            first--;
        }
        double top = layout.rowOf(lane) * layout.rowHeight() + layout.barTop();
        double height = layout.barHeight();
        boolean any = false;
        StepBuilder open = null;
        for (int i = first; i < log.size() && i <= last + 1; i++) {
            TraceEvent e = log.event(i);
            if (e instanceof TraceEvent.StepStarted s) {
                open = new StepBuilder(lane, s.nanos(), info.steps().get(s.step()));
            } else if (open != null) {
                if (e instanceof TraceEvent.StepEnded end) {
                    StepBox box = open.finish(end, info, lost);
                    open = null;
                    double x0 = (box.startNanos() - start) / dt;
                    double x1 = (box.endNanos() - start) / dt;
                    if (x1 - x0 >= MIN_BOX && x1 >= 0 && x0 <= width) {
                        drawBox(gc, palette, box, x0, x1, top, height);
                        drawnBoxes.add(box);
                        any = true;
                    }
                } else {
                    open.add(e, info);
                }
            }
        }
        return any;
    }

    private void drawBox(GraphicsContext gc, StatePalette palette, StepBox box, double x0, double x1, double top,
                         double height) {
        Color edge = box.lostAnUpdate() ? lostColour(palette) : kindColour(palette, box.kind());
        double inset = Math.max(1, Math.round(height * 0.12));
        double x = Math.max(-2, x0) + 0.5;
        double w = Math.min(x1, canvas.getWidth() + 2) - x - 0.5;
        gc.setFill(palette.panel); // opaque: the state's name on the bar below would show through
        gc.fillRoundRect(x, top + inset, w, height - 2 * inset, 6, 6);
        gc.setStroke(edge);
        gc.setLineWidth(box.lostAnUpdate() ? 3 : 2);
        gc.strokeRoundRect(x, top + inset, w, height - 2 * inset, 6, 6);
        Font f = box.lostAnUpdate() ? boldFont : font;
        String text = box.text();
        double tw = measure.width(text, f);
        if (tw + 8 > w) {
            text = box.shortText(); // "2727" where "write 2727" does not fit: the colour says which kind
            tw = measure.width(text, f);
        }
        if (tw + 8 <= w) {
            gc.setFont(f);
            gc.setFill(box.lostAnUpdate() ? lostColour(palette) : palette.text);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            // centred on the part of the box in view, so a box cut by the edge still says what it is
            double visible0 = Math.max(x, 0);
            double visible1 = Math.min(x + w, canvas.getWidth());
            double cx = visible1 - visible0 >= tw + 8 ? (visible0 + visible1) / 2 : x + w / 2;
            gc.fillText(text, cx, top + height / 2.0);
        }
    }

    /** Arrows (zoomed in) or ticks (zoomed out) for the lost updates in the window. */
    private boolean drawLost(GraphicsContext gc, StatePalette palette, LaneLayout layout, double start, double span,
                             double dt, List<MemoryHistory.LostUpdate> lost) {
        double end = start + span;
        int from = firstWithOverwritingAtOrAfter(lost, (long) Math.floor(start));
        int to = firstWithOverwritingAtOrAfter(lost, (long) Math.ceil(end) + 1);
        // a lost update whose overwriting write is past the right edge may start in the window: its
        // arrow comes in from there (the list is in the order of the overwriting writes)
        int arrowsTo = to;
        while (arrowsTo < lost.size() && arrowsTo - to < MAX_ARROWS
                && lost.get(arrowsTo).overwritten().nanos() <= end) {
            arrowsTo++;
        }
        int inWindow = to - from;
        if (inWindow == 0 && arrowsTo == to) {
            return false;
        }
        Color red = lostColour(palette);
        if (inWindow > MAX_ARROWS || layout.aggregated()) {
            gc.setStroke(red);
            gc.setLineWidth(2);
            gc.setLineCap(StrokeLineCap.BUTT);
            // one tick per row and pair of pixel columns: thousands of lost updates a frame draw a few hundred lines
            int columns = (int) canvas.getWidth() / 2 + 1;
            java.util.BitSet ticked = new java.util.BitSet(layout.rows() * columns);
            int drawn = 0;
            for (int k = from; k < to && drawn < MAX_TICKS; k++) {
                MemoryHistory.Write w = lost.get(k).overwriting();
                int row = layout.rowOf(w.lane());
                double x = Math.floor((w.nanos() - start) / dt) + 0.5;
                int column = (int) (x / 2);
                if (row >= layout.rows() || column < 0 || column >= columns || ticked.get(row * columns + column)) {
                    continue;
                }
                ticked.set(row * columns + column);
                double y = row * layout.rowHeight() + layout.barTop();
                gc.strokeLine(x, y - 1, x, y + Math.max(4, layout.barHeight() * 0.35));
                drawn++;
            }
            return drawn > 0;
        }
        boolean any = false;
        lastLabelRight = Double.NEGATIVE_INFINITY;
        for (int k = from; k < Math.min(arrowsTo, from + MAX_ARROWS * 2); k++) {
            if (drawArrow(gc, palette, layout, start, dt, lost.get(k), red)) {
                drawnArrows.add(lost.get(k));
                any = true;
            }
        }
        return any;
    }

    private boolean drawArrow(GraphicsContext gc, StatePalette palette, LaneLayout layout, double start, double dt,
                              MemoryHistory.LostUpdate u, Color red) {
        int rowFrom = layout.rowOf(u.overwritten().lane());
        int rowTo = layout.rowOf(u.overwriting().lane());
        if (rowFrom >= layout.rows() || rowTo >= layout.rows()) {
            return false;
        }
        double rh = layout.rowHeight();
        double x0 = (u.overwritten().nanos() - start) / dt;
        double x1 = (u.overwriting().nanos() - start) / dt;
        double xr = (u.readNanos() - start) / dt;
        double y0 = rowFrom * rh + layout.barTop() + layout.barHeight() * (rowFrom < rowTo ? 0.85 : 0.15);
        double y1 = rowTo * rh + layout.barTop() + layout.barHeight() * (rowFrom < rowTo ? 0.15 : 0.85);
        gc.setStroke(red);
        gc.setFill(red);
        gc.setLineWidth(Math.max(2, 2 * scale));
        gc.setLineCap(StrokeLineCap.ROUND);
        gc.setLineDashes();
        // the stale read: a dashed red line along the overwriting lane from the read to its write
        double yr = rowTo * rh + layout.barTop() + layout.barHeight() + 2;
        if (x1 - xr > 4) {
            gc.setLineDashes(4 * scale, 4 * scale);
            gc.strokeLine(xr, yr, x1, yr);
            gc.setLineDashes();
            gc.strokeLine(xr, yr - 5, xr, yr + 1);
        }
        // the overwrite: a curve from the write that was overwritten to the one that overwrote it
        double bend = Math.max(12, Math.abs(x1 - x0) * 0.25);
        double line = Math.max(3, 3 * scale);
        // a halo in the background's colour first, so the red line stands out on any box or bar
        gc.setStroke(palette.panel);
        gc.setLineWidth(line + 4);
        gc.beginPath();
        gc.moveTo(x0, y0);
        gc.bezierCurveTo(x0 + bend, y0, x1 - bend, y1, x1, y1);
        gc.stroke();
        gc.setStroke(red);
        gc.setLineWidth(line);
        gc.stroke();
        double angle = Math.atan2(y1 - y0, Math.max(1, bend));
        double head = 9 * scale;
        gc.fillPolygon(new double[] {x1, x1 - head * Math.cos(angle - 0.45), x1 - head * Math.cos(angle + 0.45)},
                new double[] {y1, y1 - head * Math.sin(angle - 0.45), y1 - head * Math.sin(angle + 0.45)}, 3);
        String label = String.format(Locale.ROOT, "lost update: wrote %d over %d", u.overwriting().value(),
                u.overwritten().value());
        double tw = measure.width(label, boldFont);
        // beside the arrow, not over it: right of both its ends, else left of both, else over it
        double ly = (y0 + y1) / 2;
        double right = Math.max(x0, x1);
        double left = Math.min(x0, x1);
        double lx = right + 10 + tw + 5 < canvas.getWidth() ? right + 10 + tw / 2
                : left - 10 - tw - 5 > 0 ? left - 10 - tw / 2 : (x0 + x1) / 2;
        if (tw + 12 < canvas.getWidth() && lx + tw / 2 > 0 && lx - tw / 2 < canvas.getWidth()) {
            lx = Math.max(tw / 2 + 4, Math.min(canvas.getWidth() - tw / 2 - 4, lx));
        }
        // one label per place: a label that would cover the one before is left out (its arrow says enough)
        if (tw + 12 < canvas.getWidth() && lx - tw / 2 - 5 > lastLabelRight && lx + tw / 2 > 0
                && lx - tw / 2 < canvas.getWidth()) {
            lastLabelRight = lx + tw / 2 + 5;
            double lh = boldFont.getSize() * 1.4;
            gc.setFill(palette.panel.deriveColor(0, 1, 1, 0.95));
            gc.fillRoundRect(lx - tw / 2 - 5, ly - lh / 2, tw + 10, lh, 6, 6);
            gc.setLineWidth(1);
            gc.strokeRoundRect(lx - tw / 2 - 5, ly - lh / 2, tw + 10, lh, 6, 6);
            gc.setFill(red);
            gc.setFont(boldFont);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(label, lx, ly);
        }
        return true;
    }

    static int firstWithOverwritingAtOrAfter(List<MemoryHistory.LostUpdate> lost, long nanos) {
        int lo = 0;
        int hi = lost.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lost.get(mid).overwriting().nanos() < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static Color lostColour(StatePalette palette) {
        return Color.web(palette.dark ? "#FF7B72" : "#CF222E");
    }

    private static Color kindColour(StatePalette palette, String kind) {
        boolean d = palette.dark;
        return switch (kind) {
            case "read" -> Color.web(d ? "#79C0FF" : "#0969DA");
            case "write", "increment" -> Color.web(d ? "#FFA657" : "#BC4C00");
            case "add" -> palette.subtext;
            case "lock", "unlock", "acquire", "release", "wait", "read-lock", "read-unlock", "write-lock", "write-unlock" ->
                    Color.web(d ? "#D2A8FF" : "#8250DF");
            case "put", "take" -> Color.web(d ? "#56D4DD" : "#1B7C83");
            default -> palette.axis;
        };
    }

    /** Collects what one step did from the events inside it. */
    private static final class StepBuilder {
        private final int lane;
        private final long startNanos;
        private final TraceInfo.StepInfo step;
        private String detail;
        private long writeNanos = -1;
        private int writeVariable = -1;

        StepBuilder(int lane, long startNanos, TraceInfo.StepInfo step) {
            this.lane = lane;
            this.startNanos = startNanos;
            this.step = step;
        }

        void add(TraceEvent e, TraceInfo info) {
            switch (e) {
                case TraceEvent.SharedRead r -> detail = String.valueOf(r.value());
                case TraceEvent.SharedWritten w -> {
                    detail = String.valueOf(w.value());
                    writeNanos = w.nanos();
                    writeVariable = w.variable();
                }
                case TraceEvent.LockAcquired a -> detail = lockName(info, a.lock());
                case TraceEvent.LockReleased r -> detail = lockName(info, r.lock());
                case TraceEvent.LockWaiting w -> detail = lockName(info, w.lock());
                default -> { }
            }
        }

        StepBox finish(TraceEvent.StepEnded end, TraceInfo info, List<MemoryHistory.LostUpdate> lost) {
            String kind = step.kind();
            String text = switch (kind) {
                case "add" -> "add \u2192 " + end.result();
                case "put", "take" -> kind + " " + end.result();
                case "read", "write", "lock", "unlock", "acquire", "release", "increment" ->
                        detail == null ? kind : kind + " " + detail;
                // a read-write lock's side names itself: "lock book (read)"
                case "read-lock", "write-lock", "read-unlock", "write-unlock" -> detail == null ? kind
                        : (kind.endsWith("unlock") ? "unlock " : "lock ") + detail;
                default -> kind;
            };
            String shortText = switch (kind) {
                case "add" -> "\u2192 " + end.result();
                case "put", "take" -> String.valueOf(end.result());
                default -> detail == null ? "" : detail;
            };
            return new StepBox(lane, startNanos, end.nanos(), kind, text, shortText, lostHere(lost));
        }

        /** Whether this step's write is the overwriting write of a lost update. */
        private boolean lostHere(List<MemoryHistory.LostUpdate> lost) {
            if (writeNanos < 0 || lost == null || lost.isEmpty()) {
                return false;
            }
            for (int k = firstWithOverwritingAtOrAfter(lost, writeNanos); k < lost.size()
                    && lost.get(k).overwriting().nanos() == writeNanos; k++) {
                MemoryHistory.Write w = lost.get(k).overwriting();
                if (w.lane() == lane && (writeVariable < 0 || lost.get(k).variable() == writeVariable)) {
                    return true;
                }
            }
            return false;
        }

        private static String lockName(TraceInfo info, int lock) {
            return lock >= 0 && lock < info.locks().size() ? info.locks().get(lock) : "#" + lock;
        }
    }
}

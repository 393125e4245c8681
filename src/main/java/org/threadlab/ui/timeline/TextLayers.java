package org.threadlab.ui.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.threadlab.trace.LaneInfo;
import org.threadlab.trace.WorkerState;

/**
 * The words around and over the lanes, each on its own small canvas: the time axis, the lane
 * labels in the gutter, and over the lanes the names of states on bars wide enough to hold them
 * and how a lane ended if it did not end well. Few draw calls each, redrawn with the lanes.
 */
final class TextLayers {
    /** The time axis's height at scale 1. */
    private static final double AXIS_AT_1 = 28;
    /** The window's body text size at scale 1 (app.css), the least size of any text here. */
    static final double BODY = 14;
    /** The height of one line of that text, and of a row with a name and an id on two lines. */
    private static final double LINE = 17;
    private static final double TWO_LINES = 2 * LINE + 2;

    // fonts and the axis height at the window's text scale (Ctrl+plus / Ctrl+minus), see setScale
    private double scale = 1;
    private double axisHeight = AXIS_AT_1;
    private Font nameFont;
    private Font idFont;
    private Font axisFont;
    private Font barFont;

    final Canvas axisCanvas = new Canvas();
    final Canvas gutterCanvas = new Canvas();
    final Canvas overlayCanvas = new Canvas();

    private final Map<String, Double> widths = new HashMap<>();
    private final Text measure = new Text();

    // what the current frame shows
    private StatePalette palette;
    private TimelineData data;
    private LaneLayout layout;
    private TimeAxis axis;
    private double start;
    private double span;
    private double dt;
    private List<LaneRaster.BarLabel> labels;

    TextLayers() {
        overlayCanvas.setMouseTransparent(true);
        setScale(1);
    }

    /** Scales the text and the axis with the window's text, 1 for normal. */
    void setScale(double scale) {
        this.scale = scale;
        axisHeight = Math.round(AXIS_AT_1 * scale);
        // never smaller than the window's body text (14 px at scale 1): a class reads it from the back row
        nameFont = Font.font("System", FontWeight.BOLD, BODY * scale);
        idFont = Font.font("System", BODY * scale);
        axisFont = idFont;
        barFont = nameFont;
        widths.clear();
    }

    double scale() {
        return scale;
    }

    /** The fonts of every text drawn here. */
    List<Font> fonts() {
        return List.of(nameFont, idFont, axisFont, barFont);
    }

    /** The time axis's height in pixels. */
    double axis() {
        return axisHeight;
    }

    /**
     * Draws all three for a window of {@code span} nanoseconds from {@code start} at {@code dt}
     * nanoseconds per pixel.
     */
    void draw(StatePalette palette, TimelineData data, LaneLayout layout, TimeAxis axis, double start, double span,
              double dt, List<LaneRaster.BarLabel> labels) {
        this.palette = palette;
        this.data = data;
        this.layout = layout;
        this.axis = axis;
        this.start = start;
        this.span = span;
        this.dt = dt;
        this.labels = labels;
        drawAxis();
        drawGutter();
        drawOverlay();
        this.data = null;
        this.labels = null;
    }

    /** Wide enough for the lanes' names (and ids, on two-line rows), within bounds. */
    double gutterWidth(TimelineData data, LaneLayout l) {
        if (data == null || data.laneCount() == 0) {
            return Math.round(150 * scale);
        }
        if (l.aggregated()) {
            return Math.round(130 * scale);
        }
        double widest = 0;
        int step = Math.max(1, data.laneCount() / 400);
        boolean twoLines = l.rowHeight() >= TWO_LINES * scale;
        for (int i = 0; i < data.laneCount(); i += step) {
            LaneInfo info = data.lane(i).log().info();
            widest = Math.max(widest, textWidth(info.name(), nameFont));
            if (twoLines) {
                widest = Math.max(widest, textWidth(TooltipText.identity(info), idFont));
            }
        }
        return Math.round(Math.max(140 * scale, Math.min(260 * scale, widest + 24 * scale)));
    }

    private void drawAxis() {
        GraphicsContext gc = axisCanvas.getGraphicsContext2D();
        double w = axisCanvas.getWidth();
        gc.setFill(palette.panel);
        gc.fillRect(0, 0, w, axisHeight);
        gc.setStroke(palette.axis);
        gc.setLineWidth(1);
        gc.strokeLine(0, axisHeight - 0.5, w, axisHeight - 0.5);
        double firstMinor = Math.ceil(start / axis.minor()) * axis.minor();
        for (double t = firstMinor; t <= start + span; t += axis.minor()) {
            double x = Math.floor((t - start) / dt) + 0.5;
            gc.strokeLine(x, axisHeight - 5, x, axisHeight);
        }
        gc.setFont(axisFont);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(palette.text);
        // a finished run's end is marked and labelled at the ruler's right edge, so that the ruler
        // visibly covers the whole run (its ticks alone stop at the last round number before it)
        double labelsEnd = w;
        String endLabel = endLabel();
        if (endLabel != null) {
            double endX = Math.min(w - 0.5, Math.floor((data.endNanos() - start) / dt) + 0.5);
            double width = textWidth(endLabel, axisFont);
            gc.strokeLine(endX, 0, endX, axisHeight);
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.fillText(endLabel, endX - 3, axisHeight / 2 - 2);
            gc.setTextAlign(TextAlignment.LEFT);
            labelsEnd = endX - 3 - width - 8;
        }
        double first = Math.ceil(start / axis.step()) * axis.step();
        // zoomed in far into a run, "299008740 ns" is wider than the ticks are apart: the first tick
        // then says where the view is ("299.00874 ms") and the others how far on ("+20 ns")
        double stepPixels = axis.step() / dt;
        boolean offsets = textWidth(axis.label(start + span), axisFont) + 12 > stepPixels;
        double lastRight = Double.NEGATIVE_INFINITY;
        double base = Double.NaN;
        for (double t = first; t <= start + span; t += axis.step()) {
            double x = Math.floor((t - start) / dt) + 0.5;
            gc.strokeLine(x, axisHeight - 10, x, axisHeight);
            String label = !offsets ? axis.label(t) : Double.isNaN(base) ? axis.fullLabel(t) : axis.offsetLabel(t, base);
            double right = x + 3 + textWidth(label, axisFont);
            if (x + 3 > lastRight + 8 && right < labelsEnd) {
                gc.fillText(label, x + 3, axisHeight / 2 - 2);
                lastRight = right;
                if (Double.isNaN(base)) {
                    base = t;
                }
            }
        }
    }

    /** "end 0.471 s" when a finished run's end is in view; null while it runs or when its end is out of view. */
    private String endLabel() {
        if (data == null || !data.feed().isFinished()) {
            return null;
        }
        long end = data.endNanos();
        if (end < start || end > start + span + dt) {
            return null;
        }
        return "end " + (end >= 1_000_000L ? String.format(java.util.Locale.ROOT, "%.3f s", end / 1e9)
                : String.format(java.util.Locale.ROOT, "%.0f \u00b5s", end / 1e3));
    }

    private void drawGutter() {
        GraphicsContext gc = gutterCanvas.getGraphicsContext2D();
        double w = gutterCanvas.getWidth();
        double h = gutterCanvas.getHeight();
        gc.setFill(palette.panel);
        gc.fillRect(0, 0, w, h);
        gc.setStroke(palette.axis);
        gc.setLineWidth(1);
        gc.strokeLine(w - 0.5, 0, w - 0.5, h);
        gc.strokeLine(0, axisHeight - 0.5, w, axisHeight - 0.5);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        if (data == null) {
            return;
        }
        LaneLayout l = layout;
        int lanes = data.laneCount();
        gc.setFont(idFont);
        gc.setFill(palette.subtext);
        String caption = lanes == 1 ? "1 lane" : String.format(Locale.ROOT, "%,d lanes", lanes);
        gc.fillText(elide(caption, idFont, w - 12), 8, axisHeight / 2);
        double top = axisHeight; // the gutter canvas starts at the axis row
        int rh = l.rowHeight();
        double lastBottom = -1;
        for (int row = 0; row < l.rows(); row++) {
            double y = top + row * rh;
            if (y + Math.min(rh, LINE * scale) > h) {
                break;
            }
            if (rh >= 8 && (row & 1) == 1) {
                gc.setFill(StatePalette.argb(palette.zebra));
                gc.fillRect(0, y, w - 1, rh);
            }
            if (l.aggregated()) {
                if (y < lastBottom) {
                    continue;
                }
                gc.setFont(idFont);
                gc.setFill(palette.subtext);
                String text = String.format(Locale.ROOT, "lanes %d–%d", l.firstLane(row) + 1, l.endLane(row));
                gc.fillText(text, 8, y + Math.max(rh, LINE * scale) / 2.0 + 1);
                lastBottom = y + LINE * scale;
                continue;
            }
            LaneInfo info = data.lane(row).log().info();
            if (rh >= TWO_LINES * scale) {
                gc.setFont(nameFont);
                gc.setFill(palette.text);
                gc.fillText(elide(info.name(), nameFont, w - 14), 8, y + rh / 2.0 - LINE / 2 * scale);
                gc.setFont(idFont);
                gc.setFill(palette.subtext);
                gc.fillText(elide(TooltipText.identity(info), idFont, w - 14), 8, y + rh / 2.0 + LINE / 2 * scale);
            } else if (rh >= LaneLayout.LABELLED_ROW * scale) {
                Font f = nameFont;
                gc.setFont(f);
                gc.setFill(palette.text);
                String name = elide(info.name(), f, w - 14);
                gc.fillText(name, 8, y + rh / 2.0);
                double nx = 8 + textWidth(name, f) + 6;
                if (nx < w - 30) {
                    gc.setFont(idFont);
                    gc.setFill(palette.subtext);
                    gc.fillText(elide(idShort(info), idFont, w - 8 - nx), nx, y + rh / 2.0);
                }
            } else if (y >= lastBottom) {
                gc.setFont(idFont);
                gc.setFill(palette.subtext);
                gc.fillText(elide(info.name(), idFont, w - 14), 8, y + rh / 2.0);
                lastBottom = y + LINE * scale; // rows too thin for a label each: every few rows, one that fits
            }
        }
    }

    private static String idShort(LaneInfo info) {
        if (info.inChildProcess()) {
            return "pid " + info.pid();
        }
        return info.threadId() < 0 ? "" : "#" + info.threadId();
    }

    /** Text over the lanes: state names on wide bars, and how a lane ended if not well. */
    private void drawOverlay() {
        GraphicsContext gc = overlayCanvas.getGraphicsContext2D();
        boolean endings = data != null && !layout.aggregated() && layout.rowHeight() >= LaneLayout.LABELLED_ROW;
        boolean ticks = endings && hasPrints();
        boolean wasVisible = overlayCanvas.isVisible();
        overlayCanvas.setVisible(!labels.isEmpty() || endings);
        if (wasVisible) {
            gc.clearRect(0, 0, overlayCanvas.getWidth(), overlayCanvas.getHeight());
        }
        if (!overlayCanvas.isVisible()) {
            return;
        }
        if (endings) {
            drawEndings(gc);
        }
        if (ticks) {
            drawPrintTicks(gc);
        }
        gc.setFont(barFont);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.CENTER);
        for (LaneRaster.BarLabel b : labels) {
            String text = StatePalette.shortLabel(b.state());
            double tw = textWidth(text, barFont);
            if (tw + 10 > b.x1() - b.x0()) {
                continue;
            }
            double y = b.row() * layout.rowHeight() + layout.barTop() + layout.barHeight() / 2.0;
            double x = (b.x0() + b.x1()) / 2.0;
            // a plate under the text keeps it readable on any pattern
            gc.setFill(StatePalette.argb(palette.base(b.state().ordinal())));
            gc.fillRoundRect(x - tw / 2 - 4, y - LINE / 2 * scale, tw + 8, LINE * scale, 6, 6);
            gc.setFill(palette.textOn(b.state()));
            gc.fillText(text, x, y);
        }
    }

    private boolean hasPrints() {
        for (int lane = 0; lane < data.laneCount() && lane < layout.rows(); lane++) {
            if (data.lane(lane).printCount() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A small mark on top of the bar at every line a lane printed (the console's lines): short
     * running moments between long sleeps are thinner than a pixel when zoomed out, but the marks
     * show each worker's rhythm, e.g. music every 150 ms and input every 75 ms.
     */
    private void drawPrintTicks(GraphicsContext gc) {
        gc.setFill(palette.text);
        double end = start + span;
        int drawn = 0;
        for (int lane = 0; lane < data.laneCount() && lane < layout.rows(); lane++) {
            LaneSummary s = data.lane(lane);
            double top = lane * layout.rowHeight() + layout.barTop();
            double lastX = Double.NEGATIVE_INFINITY;
            for (int k = s.firstPrintAtOrAfter(start); k < s.printCount() && s.printTime(k) <= end; k++) {
                double x = (s.printTime(k) - start) / dt;
                if (x - lastX < 4) {
                    continue; // marks closer than 4 px would merge into a smear
                }
                lastX = x;
                gc.fillPolygon(new double[] {x - 4.5, x + 4.5, x}, new double[] {top - 1, top - 1, top + 7}, 3);
                if (++drawn > 5_000) {
                    return;
                }
            }
        }
    }

    /** "✕ failed", "✕ killed", "✕ cancelled" where a lane ended that way. */
    private void drawEndings(GraphicsContext gc) {
        gc.setFont(barFont);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(palette.text);
        for (int lane = 0; lane < data.laneCount() && lane < layout.rows(); lane++) {
            LaneSummary s = data.lane(lane);
            int last = s.intervalCount() - 1;
            if (last < 0 || !s.intervalState(last).isFinal() || s.intervalState(last) == WorkerState.DONE) {
                continue;
            }
            double x = (s.intervalStart(last) - start) / dt;
            if (x >= 0 && x < overlayCanvas.getWidth() - 20) {
                double y = lane * layout.rowHeight() + layout.barTop() + layout.barHeight() / 2.0;
                gc.fillText("\u2715 " + s.intervalState(last).label(), x + 4, y);
            }
        }
    }

    /** The width of a text in a font, cached. */
    double width(String s, Font f) {
        return textWidth(s, f);
    }

    private double textWidth(String s, Font f) {
        String key = f.getSize() + (f.getStyle().contains("Bold") ? "b" : "") + "|" + s;
        Double w = widths.get(key);
        if (w == null) {
            if (widths.size() > 20_000) {
                widths.clear();
            }
            measure.setFont(f);
            measure.setText(s);
            w = measure.getLayoutBounds().getWidth();
            widths.put(key, w);
        }
        return w;
    }

    private String elide(String s, Font f, double max) {
        if (max <= 0) {
            return "";
        }
        double w = textWidth(s, f);
        if (w <= max) {
            return s;
        }
        int keep = (int) Math.max(0, Math.floor(s.length() * (max / w)) - 1);
        return s.substring(0, keep) + "…";
    }
}

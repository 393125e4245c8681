package org.threadlab.ui.pinned;

import java.util.Arrays;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.layout.Region;
import org.threadlab.trace.WorkerState;
import org.threadlab.ui.timeline.StateColors;

/**
 * One pinned run's lanes on the shared time axis: a bar per lane, coloured by the state it spent
 * most of each pixel column in, or, for many lanes, one folded band whose columns stack the share
 * of lanes in each state (running at the bottom). A line marks the run's wall time. It draws into
 * pixels only when its size, the axis or the colours change, never per frame.
 */
final class StateStrip extends Region {
    private final RunLanes lanes;
    private final boolean folded;
    private final long wallNanos;
    private final Canvas canvas = new Canvas();
    private double axisEnd = 1;
    private double minTickPixels;
    private double laneHeight = 20;
    private double foldedHeight = 80;
    private StateColors colors = new StateColors(false);
    private int drawnW = -1;
    private int drawnH = -1;
    private boolean stale = true;

    StateStrip(RunLanes lanes, boolean folded, long wallNanos) {
        this.lanes = lanes;
        this.folded = folded;
        this.wallNanos = wallNanos;
        getStyleClass().add("tl-pinned-strip");
        getChildren().add(canvas);
        setMinWidth(0);
    }

    /**
     * The shared axis: 0 to {@code endNanos} across the strip's width; grid lines at the ruler's
     * ticks, at least {@code minTickPixels} apart.
     */
    void setAxis(double endNanos, double minTickPixels) {
        if (endNanos != axisEnd || minTickPixels != this.minTickPixels) {
            axisEnd = Math.max(1, endNanos);
            this.minTickPixels = minTickPixels;
            stale = true;
            requestLayout();
        }
    }

    void setSizes(double laneHeight, double foldedHeight) {
        this.laneHeight = laneHeight;
        this.foldedHeight = foldedHeight;
        stale = true;
        requestLayout();
    }

    void setColors(StateColors colors) {
        this.colors = colors;
        stale = true;
        requestLayout();
    }

    boolean folded() {
        return folded;
    }

    /** Nanoseconds per pixel column at the width the strip was last drawn at. */
    double nanosPerPixel() {
        return axisEnd / Math.max(1, drawnW);
    }

    /** The strip's height: a bar per lane, or one folded band. */
    double stripHeight() {
        return folded ? foldedHeight : Math.max(1, lanes.laneCount()) * laneHeight;
    }

    @Override
    protected double computePrefHeight(double width) {
        return stripHeight();
    }

    @Override
    protected double computeMinHeight(double width) {
        return stripHeight();
    }

    @Override
    protected double computeMaxHeight(double width) {
        return stripHeight();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected void layoutChildren() {
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.round(stripHeight());
        if (w <= 0 || h <= 0) {
            return;
        }
        if (w != drawnW || h != drawnH || stale) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            paint(w, h);
            drawnW = w;
            drawnH = h;
            stale = false;
        }
    }

    private void paint(int w, int h) {
        int[] px = new int[w * h];
        double dt = axisEnd / w;
        double[] acc = new double[RunLanes.STATES * w];
        if (folded) {
            paintFolded(px, w, h, dt, acc);
        } else {
            paintLanes(px, w, h, dt, acc);
        }
        paintGrid(px, w, h);
        int wallX = (int) Math.min(w - 1, Math.round(wallNanos / dt));
        for (int y = 0; y < h; y++) {
            for (int x = Math.max(0, wallX - 1); x <= wallX; x++) {
                px[y * w + x] = 0xFF000000 | toRgb(colors.text());
            }
        }
        canvas.getGraphicsContext2D().getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), px, 0, w);
    }

    private void paintLanes(int[] px, int w, int h, double dt, double[] acc) {
        int n = lanes.laneCount();
        WorkerState[] values = WorkerState.values();
        Arrays.fill(px, colors.background());
        for (int lane = 0; lane < n; lane++) {
            int y0 = (int) Math.round(lane * laneHeight);
            int y1 = (int) Math.round((lane + 1) * laneHeight);
            int background = (lane & 1) == 0 ? colors.background() : colors.zebra();
            int[] dominant = lanes.dominant(lane, dt, w, acc);
            // a bar a little inside its row, so that neighbouring lanes stay apart
            int barTop = y0 + Math.max(1, (y1 - y0) / 8);
            int barBottom = y1 - Math.max(1, (y1 - y0) / 8);
            for (int y = y0; y < y1 && y < h; y++) {
                boolean inBar = y >= barTop && y < barBottom;
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int s = dominant[x];
                    px[row + x] = inBar && s >= 0 ? colors.pixel(values[s], x, y) : background;
                }
            }
        }
    }

    private void paintFolded(int[] px, int w, int h, double dt, double[] acc) {
        Arrays.fill(px, colors.background());
        int n = lanes.laneCount();
        for (int lane = 0; lane < n; lane++) {
            lanes.accumulate(lane, dt, w, acc);
        }
        List<WorkerState> order = StateColors.shown();
        double whole = dt * Math.max(1, n);
        for (int x = 0; x < w; x++) {
            double below = 0; // share of lanes already stacked, from the bottom
            for (WorkerState s : order) {
                double share = acc[s.ordinal() * w + x] / whole;
                if (share <= 0) {
                    continue;
                }
                int top = h - (int) Math.round((below + share) * h);
                int bottom = h - (int) Math.round(below * h);
                if (top == bottom && bottom > 0) {
                    top = bottom - 1; // a few lanes in a state still show as a pixel
                }
                for (int y = Math.max(0, top); y < bottom; y++) {
                    px[y * w + x] = colors.pixel(s, x, y);
                }
                below += share;
            }
        }
    }

    private void paintGrid(int[] px, int w, int h) {
        if (!(minTickPixels > 0)) {
            return;
        }
        double tickStep = StateColors.tickStep(axisEnd / w, minTickPixels);
        int grid = colors.grid();
        for (double t = tickStep; t < axisEnd; t += tickStep) {
            int x = (int) Math.round(t / axisEnd * w);
            if (x <= 0 || x >= w) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                if (px[y * w + x] == colors.background() || px[y * w + x] == colors.zebra()) {
                    px[y * w + x] = grid; // under the bars: a bar is not cut by the grid
                }
            }
        }
    }

    private static int toRgb(javafx.scene.paint.Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}

package org.threadlab.ui.timeline;

import java.util.List;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.threadlab.trace.WorkerState;

/**
 * The timeline's state colours and patterns for views outside this package that draw lanes of
 * their own (the pinned runs), so that a state looks the same everywhere. A read-only window on
 * {@link StatePalette}; it changes nothing of the timeline's drawing.
 */
public final class StateColors {
    private final StatePalette palette;

    public StateColors(boolean dark) {
        palette = new StatePalette(dark);
    }

    public boolean dark() {
        return palette.dark;
    }

    /** The states in the legend's order (running first); final states are not drawn. */
    public static List<WorkerState> shown() {
        return List.of(StatePalette.SHOWN);
    }

    /** Whether a lane in this state is drawn (final states leave it blank). */
    public static boolean drawn(WorkerState s) {
        return StatePalette.drawn(s.ordinal());
    }

    /** The state's name as the legend shows it ("GIL wait (simulated)" for the GIL). */
    public static String label(WorkerState s) {
        return StatePalette.displayLabel(s);
    }

    /** The ARGB pixel of the state's pattern at image pixel (x, y): the same tiles as the timeline's. */
    public int pixel(WorkerState s, int x, int y) {
        return palette.rows(s.ordinal(), StatePalette.TILE)[y & (StatePalette.TILE - 1)][x & (StatePalette.TILE - 1)];
    }

    public Color color(WorkerState s) {
        return palette.color(s);
    }

    /** ARGB of the lanes' background, its zebra stripe and the grid lines. */
    public int background() {
        return palette.background;
    }

    public int zebra() {
        return palette.zebra;
    }

    public int grid() {
        return palette.grid;
    }

    public Color text() {
        return palette.text;
    }

    public Color subtext() {
        return palette.subtext;
    }

    public Color axis() {
        return palette.axis;
    }

    /** A small image of the state's colour and pattern, as in the timeline's legend. */
    public WritableImage swatch(WorkerState s, int w, int h) {
        return palette.swatch(s, w, h);
    }

    /** A duration with three significant digits, as the timeline writes it: 850 ns, 12.3 µs, 1.20 ms, 2.35 s. */
    public static String duration(double nanos) {
        return TimeAxis.duration(nanos);
    }

    /**
     * The timeline's tick step (nanoseconds, 1, 2 or 5 times a power of ten) for ticks at least
     * {@code minPixels} apart at {@code nanosPerPixel}, and the label of a tick at {@code nanos}.
     */
    public static double tickStep(double nanosPerPixel, double minPixels) {
        return TimeAxis.forScale(nanosPerPixel, minPixels).step();
    }

    public static String tickLabel(double nanosPerPixel, double minPixels, double nanos) {
        return TimeAxis.forScale(nanosPerPixel, minPixels).label(nanos);
    }
}

package org.threadlab.ui.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.threadlab.trace.WorkerState;

/**
 * Paints the lanes into an ARGB pixel array that the view shows as an image. The work is one
 * {@link LaneSummary#sample} per lane (bounded by the columns) and then runs of equal columns
 * copied in as pattern rows, so a frame costs about lanes times columns plus pixels, whatever the
 * number of events.
 */
final class LaneRaster {
    /** Bars at least this wide and tall get their state written on them. */
    static final int LABEL_MIN_WIDTH = 56;
    static final int LABEL_MIN_HEIGHT = 14;
    /** Stacked bands in group rows lower than this are solid: a pattern in a band of 2 pixels is noise. */
    static final int PATTERNED_GROUP = 18;
    private static final int MAX_LABELS = 400;

    /** A bar wide enough to carry its state's name; drawn as text over the image. */
    record BarLabel(int row, int x0, int x1, WorkerState state) {}

    /** Most lanes sampled for one group row: their counts must fit in a byte. */
    static final int MAX_SAMPLED_PER_ROW = 255;
    private static final long LOW_BYTES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** A sample (as an unsigned byte) as a count of one in the byte of its band (SHOWN order); blank: 0. */
    private static final long[] ONE_HOT = new long[256];

    static {
        for (int i = 0; i < StatePalette.SHOWN.length; i++) {
            ONE_HOT[StatePalette.SHOWN[i].ordinal()] = 1L << (8 * i);
        }
    }

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private byte[] samples = new byte[0];
    private long[] packed = new long[0];
    private int[] runEnd = new int[0];
    private int[] heightOf = new int[0];
    private int heightFor = -1;
    private final int[] bandColors = new int[9];
    private final int[][] bandRows = new int[8][];
    private final List<BarLabel> labels = new ArrayList<>();

    void resize(int w, int h) {
        if (w == width && h == height) {
            return;
        }
        width = w;
        height = h;
        pixels = new int[w * h];
    }

    int[] pixels() {
        return pixels;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Bars drawn by the last {@link #draw} that are wide enough for a text label. */
    List<BarLabel> labels() {
        return labels;
    }

    /**
     * Paints everything.
     *
     * @param t0     time at the left edge of pixel column 0
     * @param dt     nanoseconds per pixel column
     * @param gridXs pixel columns of the time axis' labelled ticks
     */
    void draw(TimelineData data, LaneLayout layout, double t0, double dt, StatePalette palette, int[] gridXs) {
        labels.clear();
        int w = width;
        if (w == 0 || height == 0) {
            return;
        }
        paintBackground(layout, palette);
        if (data != null && layout.rowHeight() > 0) {
            paintRows(data, layout, t0, dt, palette);
        }
        paintGrid(gridXs, palette);
    }

    private void paintRows(TimelineData data, LaneLayout layout, double t0, double dt, StatePalette palette) {
        int w = width;
        int perRow = layout.lanesPerRow();
        int sampled = Math.min(perRow, MAX_SAMPLED_PER_ROW);
        if (samples.length < w) {
            samples = new byte[w];
        }
        if (packed.length < w + 1) {
            packed = new long[w + 1];
            runEnd = new int[w];
        }
        long end = data.endNanos();
        int rows = Math.min(layout.rows(), height / layout.rowHeight());
        for (int row = 0; row < rows; row++) {
            int y0 = row * layout.rowHeight() + layout.barTop();
            int y1 = y0 + layout.barHeight();
            if (perRow == 1) {
                data.lane(row).sample(t0, dt, w, end, samples, 0);
                paintLane(row, y0, y1, palette, layout.barHeight() >= LABEL_MIN_HEIGHT);
            } else {
                // a group of more than 255 lanes is represented by 255 of them, evenly spread
                int first = layout.firstLane(row);
                int count = layout.endLane(row) - first;
                int n = Math.min(count, sampled);
                Arrays.fill(packed, 0, w + 1, 0L);
                for (int k = 0; k < n; k++) {
                    int lane = first + (int) ((long) k * count / n);
                    data.lane(lane).count(t0, dt, w, end, packed, ONE_HOT);
                }
                paintGroup(n, y0, y1, rowBackground(layout, row, palette), palette);
            }
        }
    }

    private static int rowBackground(LaneLayout layout, int row, StatePalette palette) {
        return layout.rowHeight() >= 8 && (row & 1) == 1 ? palette.zebra : palette.background;
    }

    private void paintBackground(LaneLayout layout, StatePalette palette) {
        int w = width;
        int rh = layout.rowHeight();
        for (int y = 0; y < height; y++) {
            int row = rh == 0 ? -1 : y / rh;
            int color = row >= 0 && row < layout.rows() ? rowBackground(layout, row, palette) : palette.background;
            Arrays.fill(pixels, y * w, y * w + w, color);
        }
    }

    /** Vertical lines at the axis' ticks, where nothing is drawn. */
    private void paintGrid(int[] gridXs, StatePalette palette) {
        int w = width;
        for (int x : gridXs) {
            if (x < 0 || x >= w) {
                continue;
            }
            for (int i = x; i < pixels.length; i += w) {
                int p = pixels[i];
                if (p == palette.background || p == palette.zebra) {
                    pixels[i] = palette.grid;
                }
            }
        }
    }

    private void paintLane(int row, int y0, int y1, StatePalette palette, boolean tall) {
        int w = width;
        byte[] s = samples;
        int x = 0;
        while (x < w) {
            int state = s[x];
            int x1 = x + 1;
            while (x1 < w && s[x1] == state) {
                x1++;
            }
            if (StatePalette.drawn(state)) {
                fill(x, x1, y0, y1, state, palette);
                if (tall && x1 - x >= LABEL_MIN_WIDTH && labels.size() < MAX_LABELS) {
                    labels.add(new BarLabel(row, x, x1, WorkerState.values()[state]));
                }
            }
            x = x1;
        }
    }

    private void fill(int x0, int x1, int y0, int y1, int state, StatePalette palette) {
        int w = width;
        int[][] rows = palette.rows(state, w);
        int n = x1 - x0;
        for (int y = y0; y < y1; y++) {
            System.arraycopy(rows[y & (StatePalette.TILE - 1)], x0, pixels, y * w + x0, n);
        }
    }

    /**
     * Paints a group row: per column, the lanes of the group sorted by state and stacked, so the
     * height of each colour is the share of lanes in that state. The per-column counts of the
     * eight drawn states come packed one per byte of a long ({@link #packed}, as differences from
     * {@link LaneSummary#count}); they are turned into band heights, and each pixel finds its band
     * by comparing all eight heights at once, without a branch. Columns equal to their left
     * neighbour are painted as one run.
     */
    private void paintGroup(int lanes, int y0, int y1, int background, StatePalette palette) {
        int w = width;
        int h = y1 - y0;
        if (h <= 0 || lanes == 0) {
            return;
        }
        long[] p = packed;
        long sum = 0;
        for (int x = 0; x < w; x++) {
            sum += p[x]; // the lanes' runs were added as differences: their prefix sum is the counts
            p[x] = sum;
        }
        if (heightOf.length != lanes + 1 || heightFor != h) {
            heightOf = new int[lanes + 1];
            heightFor = h;
            for (int c = 0; c <= lanes; c++) {
                heightOf[c] = (2 * c * h + lanes) / (2 * lanes); // rounded share of the height
            }
        }
        int[] ho = heightOf;
        for (int x = 0; x < w; x++) {
            long v = p[x];
            v += v << 8;
            v += v << 16;
            v += v << 32; // byte k: lanes in kinds 0..k
            long heights = 0;
            for (int k = 0; k < 8; k++) {
                heights |= (long) ho[(int) ((v >>> (8 * k)) & 0xFF)] << (8 * k);
            }
            p[x] = heights;
        }
        // runs of equal columns, shared by every pixel row of the group
        int runs = 0;
        for (int x = 0; x < w; ) {
            long b = p[x];
            int x1 = x + 1;
            while (x1 < w && p[x1] == b) {
                x1++;
            }
            runEnd[runs++] = x1;
            x = x1;
        }
        boolean patterned = h >= PATTERNED_GROUP;
        int[] colors = bandColors;
        int[][] rowOf = bandRows;
        for (int k = 0; k < 8; k++) {
            colors[k] = palette.base(StatePalette.SHOWN[k].ordinal());
        }
        colors[8] = background;
        int[] px = pixels;
        boolean perPixel = !patterned && runs > w / 4;
        for (int py = 0; py < h; py++) {
            int y = y0 + py;
            int o = y * w;
            long below = (long) (py + 1) * LOW_BYTES; // a byte at least py + 1: its band reaches below this row
            if (perPixel) {
                // mostly one-pixel runs: no branches at all, one band lookup per pixel
                for (int x = 0; x < w; x++) {
                    px[o + x] = colors[8 - Long.bitCount(((p[x] | HIGH_BITS) - below) & HIGH_BITS)];
                }
                continue;
            }
            if (patterned) {
                for (int k = 0; k < 8; k++) {
                    rowOf[k] = palette.rows(StatePalette.SHOWN[k].ordinal(), w)[y & (StatePalette.TILE - 1)];
                }
            }
            int x = 0;
            for (int r = 0; r < runs; r++) {
                int x1 = runEnd[r];
                long reach = ((p[x] | HIGH_BITS) - below) & HIGH_BITS;
                int band = 8 - Long.bitCount(reach); // bands ending at or above this row
                if (band == 8) {
                    // blank: leave the background (and its grid lines)
                } else if (patterned) {
                    System.arraycopy(rowOf[band], x, px, o + x, x1 - x);
                } else if (x1 - x < 8) {
                    int color = colors[band];
                    for (int i = o + x; i < o + x1; i++) {
                        px[i] = color;
                    }
                } else {
                    Arrays.fill(px, o + x, o + x1, colors[band]);
                }
                x = x1;
            }
        }
    }
}

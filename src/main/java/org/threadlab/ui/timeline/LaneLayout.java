package org.threadlab.ui.timeline;

/**
 * How lanes share the height: one row per lane while a lane gets at least {@value #MIN_LANE}
 * pixels, else rows that each stand for a group of lanes and show, per pixel column, the share of
 * those lanes in each state (stacked, running on top). Every lane is always on screen; there is no
 * vertical scrolling.
 *
 * @param lanes       number of lanes
 * @param lanesPerRow lanes in a row: 1, or the group size when aggregated
 * @param rows        number of rows
 * @param rowHeight   pixels per row
 * @param barTop      pixels from the top of a row to its bar
 * @param barHeight   pixels of the bar
 */
record LaneLayout(int lanes, int lanesPerRow, int rows, int rowHeight, int barTop, int barHeight) {
    /** Below this a lane would be a hairline: lanes are grouped instead. */
    static final int MIN_LANE = 3;
    /** A row is never taller than this, so two lanes do not fill a whole screen. */
    static final int MAX_ROW = 72;
    /** A group row is at least this tall, so its stacked shares can be read. */
    static final int MIN_GROUP_ROW = 12;
    /** Rows at least this tall have a label for every row. */
    static final int LABELLED_ROW = 17;

    static LaneLayout of(int lanes, int height) {
        return of(lanes, height, 1);
    }

    /** As {@link #of(int, int)} with rows up to {@value #MAX_ROW} times {@code scale} tall (the window's text scale). */
    static LaneLayout of(int lanes, int height, double scale) {
        int maxRow = (int) Math.round(MAX_ROW * scale);
        if (lanes == 0 || height <= 0) {
            return new LaneLayout(lanes, 1, lanes, 0, 0, 0);
        }
        int perRow = 1;
        if (height / lanes < MIN_LANE) {
            int maxRows = Math.max(1, height / MIN_GROUP_ROW);
            perRow = (lanes + maxRows - 1) / maxRows;
        }
        int rows = (lanes + perRow - 1) / perRow;
        int rowHeight = Math.max(1, Math.min(maxRow, height / rows));
        int gap = rowHeight >= 20 ? Math.round(rowHeight * 0.2f) : rowHeight >= 6 ? 1 : 0;
        return new LaneLayout(lanes, perRow, rows, rowHeight, gap / 2, rowHeight - gap);
    }

    boolean aggregated() {
        return lanesPerRow > 1;
    }

    int firstLane(int row) {
        return row * lanesPerRow;
    }

    /** One past the last lane of the row. */
    int endLane(int row) {
        return Math.min(lanes, (row + 1) * lanesPerRow);
    }

    int rowOf(int lane) {
        return lane / lanesPerRow;
    }

    /** The row at {@code y} pixels from the top of the lanes, or -1. */
    int rowAt(double y) {
        if (y < 0 || rowHeight == 0) {
            return -1;
        }
        int row = (int) (y / rowHeight);
        return row < rows ? row : -1;
    }

    int height() {
        return rows * rowHeight;
    }
}

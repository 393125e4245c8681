package org.threadlab.ui.timeline;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.threadlab.trace.WorkerState;

/**
 * Colours and patterns of the states, in a light and a dark variant. Colours are the Okabe-Ito
 * palette, which stays distinct for the common kinds of colour blindness; each waiting state also
 * has its own pattern (running is solid), so a lane reads the same in greyscale or on a washed-out
 * projector.
 *
 * <p>A pattern is an 8 by 8 tile. For speed it is kept as eight pre-repeated rows as wide as the
 * image: painting a stretch of a lane is one {@link System#arraycopy} per pixel row.
 */
final class StatePalette {
    /** Tile size; the patterns repeat every {@value} pixels both ways. */
    static final int TILE = 8;

    private static final WorkerState[] STATES = WorkerState.values();

    /** Order of the states in the legend and in the stacked rows of a lane group. */
    static final WorkerState[] SHOWN = {
        WorkerState.RUNNING, WorkerState.WAITING_FOR_GIL, WorkerState.BLOCKED_ON_LOCK, WorkerState.WAITING,
        WorkerState.IO, WorkerState.SLEEPING, WorkerState.QUEUED, WorkerState.STARTING,
    };

    final boolean dark;
    final int background;
    final int zebra;
    final int grid;
    final Color text;
    final Color subtext;
    final Color axis;
    final Color playhead;
    final Color panel;
    private final int[] base = new int[STATES.length];
    private final int[][] tiles = new int[STATES.length][];
    private int[][][] rows = new int[STATES.length][][];
    private int rowWidth = -1;

    /** One per view: it caches pattern rows as wide as that view's image. */
    StatePalette(boolean dark) {
        this.dark = dark;
        background = dark ? 0xFF1B1D21 : 0xFFFFFFFF;
        zebra = dark ? 0xFF23262B : 0xFFF3F4F6;
        grid = dark ? 0xFF30343A : 0xFFE1E4E8;
        text = Color.web(dark ? "#E6E8EB" : "#1F2328");
        subtext = Color.web(dark ? "#A2ABB5" : "#57606A");
        axis = Color.web(dark ? "#6E7681" : "#8C959F");
        playhead = dark ? Color.WHITE : Color.BLACK;
        panel = Color.web(dark ? "#202227" : "#F8F9FA");
        for (WorkerState s : STATES) {
            int rgb = okabeIto(s);
            if (dark && luminance(rgb) < 0.3) {
                rgb = mix(rgb, 0xFFFFFF, 0.2); // the dark blues would sink into a dark background
            }
            base[s.ordinal()] = 0xFF000000 | rgb;
            int ink = 0xFF000000 | (luminance(rgb) < 0.4 ? mix(rgb, 0xFFFFFF, 0.5) : mix(rgb, 0x000000, 0.42));
            int[] tile = new int[TILE * TILE];
            for (int y = 0; y < TILE; y++) {
                for (int x = 0; x < TILE; x++) {
                    tile[y * TILE + x] = pattern(s, x, y) ? ink : base[s.ordinal()];
                }
            }
            tiles[s.ordinal()] = tile;
        }
    }

    private static int okabeIto(WorkerState s) {
        return switch (s) {
            case RUNNING -> 0x009E73;          // bluish green
            case WAITING_FOR_GIL -> 0xE69F00;  // orange
            case BLOCKED_ON_LOCK -> 0xD55E00;  // vermillion
            case WAITING -> 0xCC79A7;          // reddish purple
            case IO -> 0x0072B2;               // blue
            case SLEEPING -> 0x56B4E9;         // sky blue
            case QUEUED -> 0x999999;           // grey
            case STARTING -> 0xF0E442;         // yellow
            case DONE, CANCELLED -> 0x999999;
            case FAILED, KILLED -> 0x000000;
        };
    }

    /** Whether pixel (x, y) of the state's tile is ink (the pattern) rather than the base colour. */
    private static boolean pattern(WorkerState s, int x, int y) {
        return switch (s) {
            case RUNNING -> false;                                              // solid
            case BLOCKED_ON_LOCK -> ((x + y) & 7) < 3;                          // hatching  ///
            case WAITING_FOR_GIL -> (x & 3) >= 1 && (x & 3) <= 2 && (y & 3) >= 1 && (y & 3) <= 2
                    && (((x >> 2) + (y >> 2)) & 1) == 0;                        // dots
            case WAITING -> ((x + y) & 7) == 0 || ((x - y) & 7) == 0;           // cross-hatching  xxx
            case IO -> (x & 3) == 0;                                            // vertical lines  |||
            case SLEEPING -> (y & 3) == 0;                                      // horizontal lines
            case QUEUED -> (x & 7) == 0 || (y & 7) == 0;                        // grid  ###
            case STARTING -> ((x - y) & 7) < 2;                                 // back hatching  \\\
            default -> false;
        };
    }

    /**
     * The state's name in the legend and in tooltips: its label, except that waiting for the GIL says
     * the GIL is simulated (Java threads have none).
     */
    static String displayLabel(WorkerState s) {
        return s == WorkerState.WAITING_FOR_GIL ? "GIL wait (simulated)" : s.label();
    }

    /** Short text for a bar wide enough to hold it. */
    static String shortLabel(WorkerState s) {
        return switch (s) {
            case WAITING_FOR_GIL -> "GIL wait";
            case BLOCKED_ON_LOCK -> "blocked";
            case IO -> "I/O";
            default -> s.label();
        };
    }

    /** Final states are not drawn: a lane that is done is blank from there on. */
    static boolean drawn(int state) {
        return state >= 0 && !STATES[state].isFinal();
    }

    int base(int state) {
        return base[state];
    }

    Color color(WorkerState s) {
        return argb(base[s.ordinal()]);
    }

    /** Black or white, whichever contrasts more with a bar of this state (WCAG contrast ratio). */
    Color textOn(WorkerState s) {
        double l = luminance(base[s.ordinal()] & 0xFFFFFF);
        return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? Color.web("#111111") : Color.WHITE;
    }

    /**
     * Rows of the state's pattern repeated to {@code width} pixels: row {@code y & 7} holds the
     * pixels for image row {@code y}, so that pixel x of the image is element x of the row.
     */
    int[][] rows(int state, int width) {
        if (width != rowWidth) {
            rows = new int[STATES.length][][];
            rowWidth = width;
        }
        int[][] r = rows[state];
        if (r == null) {
            r = new int[TILE][width];
            int[] tile = tiles[state];
            for (int y = 0; y < TILE; y++) {
                for (int x = 0; x < width; x++) {
                    r[y][x] = tile[y * TILE + (x & (TILE - 1))];
                }
            }
            rows[state] = r;
        }
        return r;
    }

    boolean isSolid(int state) {
        int[] tile = tiles[state];
        for (int p : tile) {
            if (p != tile[0]) {
                return false;
            }
        }
        return true;
    }

    /** A small image of the state's colour and pattern, for the legend. */
    WritableImage swatch(WorkerState s, int w, int h) {
        int[] px = new int[w * h];
        int[] tile = tiles[s.ordinal()];
        int border = dark ? 0xFF000000 : 0xFF6E7781;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                px[y * w + x] = edge ? border : tile[(y & 7) * TILE + (x & 7)];
            }
        }
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), px, 0, w);
        return img;
    }

    static Color argb(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }

    static int mix(int rgb, int with, double f) {
        int r = (int) Math.round(((rgb >> 16) & 0xFF) * (1 - f) + ((with >> 16) & 0xFF) * f);
        int g = (int) Math.round(((rgb >> 8) & 0xFF) * (1 - f) + ((with >> 8) & 0xFF) * f);
        int b = (int) Math.round((rgb & 0xFF) * (1 - f) + (with & 0xFF) * f);
        return (r << 16) | (g << 8) | b;
    }

    /** Relative luminance (sRGB, WCAG), 0 for black to 1 for white. */
    static double luminance(int rgb) {
        return 0.2126 * lin((rgb >> 16) & 0xFF) + 0.7152 * lin((rgb >> 8) & 0xFF) + 0.0722 * lin(rgb & 0xFF);
    }

    private static double lin(int c) {
        double v = c / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}

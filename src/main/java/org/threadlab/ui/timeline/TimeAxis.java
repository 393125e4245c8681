package org.threadlab.ui.timeline;

import java.util.Locale;

/**
 * Tick spacing and time labels. A tick step is 1, 2 or 5 times a power of ten nanoseconds; the
 * unit of the labels (ns, µs, ms, s) follows the step, so a zoomed-out axis reads "1.5 s" or
 * "40 ms" and a zoomed-in one "1234.6 µs".
 *
 * @param step     nanoseconds between labelled ticks
 * @param minor    nanoseconds between unlabelled ticks
 * @param unit     nanoseconds in one unit of the labels
 * @param symbol   the unit's symbol
 * @param decimals decimals in a label
 */
record TimeAxis(double step, double minor, double unit, String symbol, int decimals) {
    private static final double[] UNITS = {1, 1e3, 1e6, 1e9};
    private static final String[] SYMBOLS = {"ns", "µs", "ms", "s"};

    /** Ticks at least {@code minPixels} apart at {@code nanosPerPixel}. */
    static TimeAxis forScale(double nanosPerPixel, double minPixels) {
        double raw = Math.max(1, nanosPerPixel * minPixels);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * mag;
        double minor = 2 * mag;
        for (int m : new int[] {1, 2, 5}) {
            if (m * mag >= raw * (1 - 1e-9)) {
                step = m * mag;
                minor = m == 2 ? mag / 2 : step / 5;
                break;
            }
        }
        int u = 0;
        for (int i = UNITS.length - 1; i >= 0; i--) {
            if (UNITS[i] <= step * 20) {
                u = i;
                break;
            }
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step / UNITS[u]) - 1e-9));
        return new TimeAxis(step, Math.max(minor, 1), UNITS[u], SYMBOLS[u], decimals);
    }

    /** Label of a tick at {@code nanos}. */
    String label(double nanos) {
        return String.format(Locale.ROOT, "%." + decimals + "f %s", nanos / unit, symbol);
    }

    /** A tick at {@code nanos} as an offset from an earlier labelled tick: "+20 ns". */
    String offsetLabel(double nanos, double from) {
        return "+" + label(nanos - from);
    }

    /**
     * A tick's time in the unit of its magnitude, precise to this axis's step: "299.00874 ms" where
     * {@link #label} would say "299008740 ns".
     */
    String fullLabel(double nanos) {
        int u = 0;
        for (int i = UNITS.length - 1; i >= 0; i--) {
            if (UNITS[i] <= Math.abs(nanos)) {
                u = i;
                break;
            }
        }
        int d = (int) Math.max(0, Math.ceil(-Math.log10(step / UNITS[u]) - 1e-9));
        return String.format(Locale.ROOT, "%." + d + "f %s", nanos / UNITS[u], SYMBOLS[u]);
    }

    /** A point in time for a reader: in the largest unit it reaches, to the nanosecond up to 1 ms. */
    static String time(double nanos) {
        double a = Math.abs(nanos);
        if (a < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        } else if (a < 1e6) {
            return String.format(Locale.ROOT, "%.3f µs", nanos / 1e3);
        } else if (a < 1e9) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.4f s", nanos / 1e9);
    }

    /** A duration with three significant digits: 850 ns, 12.3 µs, 1.20 ms, 2.35 s. */
    static String duration(double nanos) {
        double a = Math.abs(nanos);
        if (a < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        int u = a < 1e6 ? 1 : a < 1e9 ? 2 : 3;
        double v = nanos / UNITS[u];
        int decimals = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f %s", v, SYMBOLS[u]);
    }
}

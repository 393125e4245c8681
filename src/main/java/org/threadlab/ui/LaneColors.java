package org.threadlab.ui;

import javafx.scene.paint.Color;

/**
 * A colour per worker, from the Okabe-Ito palette, which stays distinguishable for the common
 * kinds of colour blindness. Views that name a worker use the same colour for it.
 */
public final class LaneColors {
    private static final Color[] LIGHT = {
        Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#009E73"), Color.web("#CC79A7"),
        Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#8C6D1F"), Color.web("#555555"),
    };
    private static final Color[] DARK = {
        Color.web("#56B4E9"), Color.web("#FF8C42"), Color.web("#2FD4A0"), Color.web("#E8A0CC"),
        Color.web("#F0C040"), Color.web("#9AD4F5"), Color.web("#D8B86A"), Color.web("#BBBBBB"),
    };

    private LaneColors() {}

    public static Color of(int lane, boolean dark) {
        Color[] palette = dark ? DARK : LIGHT;
        return palette[Math.floorMod(lane, palette.length)];
    }

    /** CSS text for the colour, e.g. for a label's -fx-text-fill. */
    public static String css(int lane, boolean dark) {
        Color c = of(lane, dark);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x",
                (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    /** A worker's name as a chip (style class {@code tl-chip}) outlined and written in its colour. */
    public static javafx.scene.control.Label chip(String name, int lane, boolean dark) {
        javafx.scene.control.Label chip = new javafx.scene.control.Label(name);
        chip.getStyleClass().add("tl-chip");
        String colour = css(lane, dark);
        chip.setStyle("-fx-border-color: " + colour + "; -fx-text-fill: " + colour + ";");
        return chip;
    }
}

package org.threadlab.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Pane;

/**
 * Groups of controls in rows, each group whole at its preferred width, wrapping to another row
 * when the next does not fit. With {@code fillLast}, the last group (the replay's scrubber and
 * time) takes the rest of its row, or a row of its own when the rest is narrower than
 * {@code leastEm}: a scrubber too short to aim at is no use. Gaps and the least width are in em
 * of {@code measure}'s font, so the row scales with the text on a projector. Its minimum width is
 * its widest group, never the sum: a narrow run area gets more rows, not controls cut at its edge.
 */
final class WrappingRow extends Pane {
    private final Labeled measure;
    private final boolean fillLast;
    private final double leastEm;

    WrappingRow(Labeled measure, boolean fillLast, double leastEm, Node... groups) {
        super(groups);
        this.measure = measure;
        this.fillLast = fillLast;
        this.leastEm = leastEm;
    }

    private double em() {
        return measure.getFont().getSize();
    }

    private double hgap() {
        return 1.1 * em();
    }

    private double vgap() {
        return 0.45 * em();
    }

    private List<Node> shown() {
        return getChildren().stream().filter(Node::isManaged).toList();
    }

    /** The width a group asks for: the filling one as little as leastEm (plus what it must show). */
    private double least(Node n, boolean last) {
        return last && fillLast ? Math.max(n.minWidth(-1), leastEm * em()) : n.prefWidth(-1);
    }

    /** The least width a group can have on a row of its own. */
    private double narrowest(Node n, boolean last) {
        return last && fillLast ? least(n, true) : n.minWidth(-1);
    }

    private record Placed(Node node, double x, double width, int row) {}

    private List<Placed> place(double width) {
        List<Node> nodes = shown();
        List<Placed> out = new ArrayList<>();
        double x = 0;
        int row = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            double w = least(n, last);
            if (x > 0 && x + w > width) {
                row++;
                x = 0;
            }
            if (last && fillLast) {
                w = Math.max(w, width - x); // the rest of the row
            } else if (w > width) {
                w = Math.max(n.minWidth(-1), width); // alone on its row and too wide: it wraps inside (the mode pills)
            }
            out.add(new Placed(n, x, w, row));
            x += w + hgap();
        }
        return out;
    }

    private double[] rowHeights(List<Placed> placed) {
        int rows = placed.isEmpty() ? 0 : placed.get(placed.size() - 1).row() + 1;
        double[] heights = new double[rows];
        for (Placed p : placed) {
            heights[p.row()] = Math.max(heights[p.row()], p.node().prefHeight(p.width()));
        }
        return heights;
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        List<Node> nodes = shown();
        double widest = 0;
        for (int i = 0; i < nodes.size(); i++) {
            widest = Math.max(widest, narrowest(nodes.get(i), i == nodes.size() - 1));
        }
        return snappedLeftInset() + widest + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        List<Node> nodes = shown();
        double sum = 0;
        for (int i = 0; i < nodes.size(); i++) {
            sum += least(nodes.get(i), i == nodes.size() - 1) + (i > 0 ? hgap() : 0);
        }
        return snappedLeftInset() + sum + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width < 0 ? computePrefWidth(-1) : width;
        double inner = w - snappedLeftInset() - snappedRightInset();
        double[] heights = rowHeights(place(inner));
        double sum = 0;
        for (int r = 0; r < heights.length; r++) {
            sum += heights[r] + (r > 0 ? vgap() : 0);
        }
        return snappedTopInset() + sum + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double inner = getWidth() - snappedLeftInset() - snappedRightInset();
        List<Placed> placed = place(inner);
        double[] heights = rowHeights(placed);
        double[] tops = new double[heights.length];
        double y = snappedTopInset();
        for (int r = 0; r < heights.length; r++) {
            tops[r] = y;
            y += heights[r] + vgap();
        }
        for (Placed p : placed) {
            double h = Math.min(p.node().prefHeight(p.width()), heights[p.row()]);
            double top = tops[p.row()] + (heights[p.row()] - h) / 2; // centred in its row
            p.node().resizeRelocate(snapPositionX(snappedLeftInset() + p.x()), snapPositionY(top),
                    snapSizeX(p.width()), snapSizeY(h));
        }
    }
}

package org.threadlab.ui.pinned;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import org.threadlab.ui.timeline.StateColors;

/**
 * The shared time axis above the pinned runs: 0 to the longest run, ticks as the timeline places
 * them. Its labels are text of the window (they follow its text scale and theme), placed at the
 * ticks and kept inside the ruler.
 */
final class TimeRuler extends Region {
    private double axisEnd = 1;
    /** Least distance between two labelled ticks, in pixels (a few em: labels never touch). */
    private double minTickPixels = 90;
    private final List<Label> labels = new ArrayList<>();
    private final List<Line> marks = new ArrayList<>();
    private StateColors colors = new StateColors(false);

    TimeRuler() {
        getStyleClass().add("tl-pinned-ruler");
        setMinWidth(0);
    }

    void setAxisEnd(double endNanos) {
        axisEnd = Math.max(1, endNanos);
        requestLayout();
    }

    void setColors(StateColors colors) {
        this.colors = colors;
        marks.forEach(m -> m.setStroke(colors.axis()));
    }

    void setMinTickPixels(double px) {
        minTickPixels = px;
        requestLayout();
    }

    /** The step between labelled ticks at this width, for the strips' grid lines. */
    double tickStep(double width) {
        return StateColors.tickStep(axisEnd / Math.max(1, width), minTickPixels);
    }

    /** The labels shown now, left to right (for tests). */
    List<String> labelTexts() {
        return labels.stream().filter(Label::isVisible).map(Label::getText).toList();
    }

    @Override
    protected double computePrefHeight(double width) {
        return labelHeight() + 6;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    private double labelHeight() {
        Label probe = labels.isEmpty() ? label(0) : labels.getFirst();
        return probe.prefHeight(-1);
    }

    private Label label(int i) {
        while (labels.size() <= i) {
            Label l = new Label();
            l.getStyleClass().add("tl-pinned-tick");
            l.setManaged(false);
            Line mark = new Line();
            mark.getStyleClass().add("tl-pinned-tick-mark");
            mark.setManaged(false);
            mark.setStroke(colors.axis());
            labels.add(l);
            marks.add(mark);
            getChildren().addAll(l, mark);
        }
        return labels.get(i);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0) {
            return;
        }
        double npp = axisEnd / w;
        double step = StateColors.tickStep(npp, minTickPixels);
        int i = 0;
        for (double t = 0; t <= axisEnd * (1 + 1e-9); t += step, i++) {
            Label l = label(i);
            l.setText(StateColors.tickLabel(npp, minTickPixels, t));
            l.setVisible(true);
            double lw = l.prefWidth(-1);
            double lh = l.prefHeight(-1);
            double x = t / npp;
            double left = Math.max(0, Math.min(w - lw, x - lw / 2));
            l.resizeRelocate(Math.round(left), 0, lw, lh);
            Line mark = marks.get(i);
            mark.setVisible(true);
            double mx = Math.min(w - 0.5, Math.round(x) + 0.5);
            mark.setStartX(mx);
            mark.setEndX(mx);
            mark.setStartY(lh);
            mark.setEndY(h);
        }
        for (; i < labels.size(); i++) {
            labels.get(i).setVisible(false);
            marks.get(i).setVisible(false);
        }
    }
}

package org.threadlab.ui.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import org.threadlab.engine.sync.DeadlockCycle;

/**
 * The circle of a deadlock, drawn as a circle: worker -> the lock it waits for -> the worker that
 * holds it -> ... back to the first. Workers and locks alternate around the ring; each arrow is
 * labelled "waits for" or "held by". Step mode and the Locks tab of a live run both draw with it.
 */
public final class DeadlockView extends Pane {
    private static final double W = 460;
    private static final double H = 260;
    private final List<String> nodeNames = new ArrayList<>();
    /** Where each label goes; placed in {@link #layoutChildren()}, once CSS has given it its size. */
    private final java.util.Map<Label, Anchor> anchors = new java.util.HashMap<>();

    /**
     * A label's place: centred on ({@code x}, {@code y}), or, for an edge label, moved out along
     * ({@code nx}, {@code ny}) until it clears the line by a few pixels.
     */
    private record Anchor(double x, double y, double nx, double ny) {}

    public DeadlockView() {
        getStylesheets().add(Objects.requireNonNull(DeadlockView.class.getResource("deadlock.css")).toExternalForm());
        getStyleClass().add("tl-deadlock");
        setMinSize(W, H);
        setPrefSize(W, H);
        setMaxSize(W, H);
        show(DeadlockCycle.NONE);
    }

    /** The names around the circle, in order (workers and locks alternating); empty when none. */
    public List<String> ring() {
        return List.copyOf(nodeNames);
    }

    /** Draws the circle, or hides the view when {@code cycle} is null or empty. */
    public void show(DeadlockCycle cycle) {
        getChildren().clear();
        anchors.clear();
        nodeNames.clear();
        boolean visible = cycle != null && !cycle.isEmpty();
        setVisible(visible);
        setManaged(visible);
        if (!visible) {
            return;
        }
        // Ring order: lane, the lock it waits for, that lock's owner (the next lane), ...
        List<Boolean> isLock = new ArrayList<>();
        for (DeadlockCycle.Link link : cycle.links()) {
            nodeNames.add(link.worker());
            isLock.add(false);
            nodeNames.add(link.waitsFor());
            isLock.add(true);
        }
        int n = nodeNames.size();
        double cx = W / 2;
        double cy = H / 2;
        double rx = W / 2 - 80;
        double ry = H / 2 - 34;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
            xs[i] = cx + rx * Math.cos(angle);
            ys[i] = cy + ry * Math.sin(angle);
        }
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            arrow(xs[i], ys[i], xs[j], ys[j], isLock.get(i) ? "held by" : "waits for");
        }
        for (int i = 0; i < n; i++) {
            Label node = new Label(nodeNames.get(i));
            node.getStyleClass().add(isLock.get(i) ? "tl-deadlock-lock" : "tl-deadlock-worker");
            anchors.put(node, new Anchor(xs[i], ys[i], 0, 0));
            getChildren().add(node);
        }
        Circle hint = new Circle(cx, cy, 3);
        hint.getStyleClass().add("tl-deadlock-centre");
        getChildren().add(hint);
    }

    private void arrow(double x1, double y1, double x2, double y2, String text) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double gap = 30; // leave room for the node labels at both ends
        double sx = x1 + ux * gap;
        double sy = y1 + uy * gap;
        double ex = x2 - ux * gap;
        double ey = y2 - uy * gap;
        Line line = new Line(sx, sy, ex, ey);
        line.getStyleClass().add("tl-deadlock-arrow");
        Polygon head = new Polygon(ex, ey, ex - ux * 10 - uy * 5, ey - uy * 10 + ux * 5, ex - ux * 10 + uy * 5,
                ey - uy * 10 - ux * 5);
        head.getStyleClass().add("tl-deadlock-head");
        Label label = new Label(text);
        label.getStyleClass().add("tl-deadlock-edge");
        // beside the line, on the side away from the centre, so the line never runs through the text
        double nx = -uy;
        double ny = ux;
        double mx = (sx + ex) / 2;
        double my = (sy + ey) / 2;
        if ((mx - W / 2) * nx + (my - H / 2) * ny < 0) {
            nx = -nx;
            ny = -ny;
        }
        anchors.put(label, new Anchor(mx, my, nx, ny));
        getChildren().addAll(line, head, label);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        anchors.forEach((label, a) -> {
            double w = label.prefWidth(-1);
            double h = label.prefHeight(-1);
            double out = a.nx() == 0 && a.ny() == 0 ? 0 : 6 + Math.abs(a.nx()) * w / 2 + Math.abs(a.ny()) * h / 2;
            label.resizeRelocate(a.x() + a.nx() * out - w / 2, a.y() + a.ny() * out - h / 2, w, h);
        });
    }
}

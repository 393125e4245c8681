package org.threadlab.ui.memory;

import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

/**
 * The arrow between a shared variable and the worker that last touched it, with the value moving
 * along it: down from memory into the worker's register for a read, up from the register into
 * memory for a write. Drawn over the memory view; takes no mouse events.
 */
final class AccessArrow extends Pane {
    private static final Duration TRAVEL = Duration.millis(350);
    private final Line line = new Line();
    private final Polygon head = new Polygon();
    private final Label token = new Label();
    private final ParallelTransition travel;

    AccessArrow() {
        setMouseTransparent(true);
        setPickOnBounds(false);
        getStyleClass().add("tl-access");
        line.getStyleClass().add("tl-access-line");
        head.getStyleClass().add("tl-access-head");
        token.getStyleClass().addAll("tl-access-token", "tl-mono");
        token.setManaged(false);
        getChildren().addAll(line, head, token);
        TranslateTransition move = new TranslateTransition(TRAVEL, token);
        FadeTransition appear = new FadeTransition(TRAVEL, line);
        appear.setFromValue(0.2);
        appear.setToValue(1);
        travel = new ParallelTransition(move, appear);
        hide();
    }

    void hide() {
        travel.stop();
        setVisible(false);
    }

    /** Shows a read (memory to worker) or a write (worker to memory) of {@code value}. */
    void show(Node variable, Node register, boolean write, boolean lostUpdate, String value) {
        Bounds v = sceneToLocal(variable.localToScene(variable.getBoundsInLocal()));
        Bounds r = sceneToLocal(register.localToScene(register.getBoundsInLocal()));
        if (v == null || r == null) {
            hide();
            return;
        }
        Point2D memoryEnd = new Point2D(Math.min(Math.max(r.getCenterX(), v.getMinX() + 20), v.getMaxX() - 20), v.getMaxY());
        Point2D workerEnd = new Point2D(r.getCenterX(), r.getMinY());
        Point2D from = write ? workerEnd : memoryEnd;
        Point2D to = write ? memoryEnd : workerEnd;
        line.setStartX(from.getX());
        line.setStartY(from.getY());
        line.setEndX(to.getX());
        line.setEndY(to.getY());
        Point2D dir = to.subtract(from).normalize();
        Point2D side = new Point2D(-dir.getY(), dir.getX());
        Point2D base = to.subtract(dir.multiply(10));
        head.getPoints().setAll(to.getX(), to.getY(),
                base.getX() + side.getX() * 5, base.getY() + side.getY() * 5,
                base.getX() - side.getX() * 5, base.getY() - side.getY() * 5);
        for (Node n : new Node[] {line, head, token}) {
            n.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("write"), write);
            n.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("lost"), lostUpdate);
        }
        token.setText((write ? "write " : "read ") + value);
        token.autosize();
        double w = token.getWidth();
        double h = token.getHeight();
        token.relocate(0, 0);
        TranslateTransition move = (TranslateTransition) travel.getChildren().get(0);
        move.setFromX(from.getX() - w / 2);
        move.setFromY(from.getY() - h / 2);
        move.setToX(to.getX() - w / 2);
        move.setToY(to.getY() - h / 2);
        setVisible(true);
        travel.playFromStart();
    }
}

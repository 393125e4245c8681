package org.threadlab.ui;

import java.util.function.Consumer;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A tooltip made the first time the pointer comes over its node, not with the node. Each JavaFX
 * tooltip is a popup window of its own: the first screen has some forty (toolbar, library cards,
 * the course's rows), and making them was about a tenth of the FX thread's work before the first
 * frame on a cold JVM (a JFR profile, docs/performance.md). The text is the node's accessible help
 * at once, as a tooltip's would be; the tooltip shows on the first hover as any other does, once
 * the pointer moves over the node.
 */
public final class LazyTooltip {
    private LazyTooltip() {}

    /** Gives {@code node} a tooltip with this text, made when the pointer first enters it. */
    public static void install(Node node, String text) {
        install(node, text, tip -> { });
    }

    /** The same, with {@code setUp} applied to the tooltip when it is made (to wrap a long text, say). */
    public static void install(Node node, String text, Consumer<Tooltip> setUp) {
        node.setAccessibleHelp(text);
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (node instanceof Control control && control.getTooltip() != null) {
                    return; // given one of its own meanwhile: that one stays
                }
                Tooltip tip = new Tooltip(text);
                setUp.accept(tip);
                if (node instanceof Control control) {
                    control.setTooltip(tip);
                } else {
                    Tooltip.install(node, tip);
                }
            }
        });
    }
}

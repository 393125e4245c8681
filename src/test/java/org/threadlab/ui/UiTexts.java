package org.threadlab.ui;

import javafx.scene.Node;
import org.testfx.api.FxRobot;

/** The texts a learner reads in part of the window: every label under the nodes a query finds. */
final class UiTexts {
    private UiTexts() {}

    static String texts(FxRobot robot, String query) {
        StringBuilder sb = new StringBuilder();
        for (Node n : robot.lookup(query).queryAll()) {
            collect(n, sb);
        }
        return sb.toString();
    }

    /** Appends the text of every labelled node under {@code n}, one per line, in scene order. */
    static void collect(Node n, StringBuilder sb) {
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, sb);
            }
        }
    }
}

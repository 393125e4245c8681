package org.threadlab.ui.step;

import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * Marks the tab of Step through, Every interleaving or Real stress when it cannot apply to the
 * lesson open: its title dims and gains an info mark, and a tooltip gives the reason. The tab
 * stays enabled on purpose: a disabled tab takes no clicks, so its tooltip would never show, and
 * a learner who clicks it anyway finds the same reason in full, with a lesson where it applies.
 */
public final class StepTabs {
    static final String NOT_APPLICABLE = "tl-not-applicable";

    private StepTabs() {}

    /** Marks the tab with the reason, or clears the mark when the reason is empty. */
    public static void mark(Tab tab, Optional<String> reason) {
        tab.getStyleClass().remove(NOT_APPLICABLE);
        if (reason.isEmpty()) {
            tab.setGraphic(null);
            tab.setTooltip(null);
            return;
        }
        tab.getStyleClass().add(NOT_APPLICABLE);
        tab.setGraphic(new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        Tooltip tip = new Tooltip(reason.get());
        tip.setWrapText(true);
        tip.setPrefWidth(420);
        tip.setShowDelay(Duration.millis(300));
        tab.setTooltip(tip);
    }

    /**
     * Shows a panel as it applies to the lesson or not: where it applies, its controls and its
     * summary of what it does; where not, only the reason, in the summary, and its Run button off.
     */
    static void showWhetherApplies(Optional<String> reason, String whatItDoes, Label summary, Button run, Node... controls) {
        boolean applies = reason.isEmpty();
        run.setDisable(!applies);
        for (Node node : List.of(controls)) {
            node.setVisible(applies);
            node.setManaged(applies);
        }
        summary.pseudoClassStateChanged(StepPanel.NOT_APPLICABLE, !applies);
        summary.setText(reason.orElse(whatItDoes));
    }
}

package org.threadlab.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * The news of a run that ended badly (timed out, failed, deadlocked), or that the run on screen is a
 * saved one replayed ({@link #showInfo}, in the accent colour rather than the danger one), as a banner in the run area
 * under the run bar. It takes its own room in the layout instead of sliding over the window, so it
 * never covers the tabs or the lesson title and never takes a click meant for them; it stays until
 * the learner closes it, runs again or opens another lesson or variant.
 */
public final class NoticeBar extends HBox {
    private final Label text = new Label();
    private final FontIcon icon = new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE);

    public NoticeBar() {
        getStyleClass().add("tl-notice");
        setId("notice");
        setAlignment(Pos.CENTER_LEFT);
        icon.getStyleClass().add("tl-notice-icon");
        text.getStyleClass().add("tl-notice-text");
        text.setWrapText(true); // a long failure message wraps at word boundaries, never "..."
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("notice-close");
        close.getStyleClass().addAll("flat", "tl-notice-close");
        LazyTooltip.install(close, "Close this notice (the status line keeps it)");
        close.setOnAction(e -> hide());
        close.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(icon, text, close);
        hide();
    }

    /** Shows the message; the banner takes its room in the run area. */
    public void show(String message) {
        getStyleClass().remove(INFO);
        icon.setIconCode(MaterialDesignA.ALERT_CIRCLE_OUTLINE);
        text.setText(message);
        setVisible(true);
        setManaged(true);
    }

    private static final String INFO = "tl-notice-info";

    /** Shows news that is not bad news (a replayed run: where and when it was recorded), in the accent colour. */
    public void showInfo(String message) {
        show(message);
        getStyleClass().add(INFO);
        icon.setIconCode(MaterialDesignI.INFORMATION_OUTLINE);
    }

    /** Whether the message shown is news rather than bad news ({@link #showInfo}). */
    public boolean isInfo() {
        return getStyleClass().contains(INFO);
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    public boolean isShowing() {
        return isVisible();
    }

    public String getText() {
        return text.getText();
    }
}

package org.threadlab.ui.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.ScaleTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.threadlab.engine.sync.DeadlockCycle;
import org.threadlab.trace.LockHistory;
import org.threadlab.trace.TraceFeed;
import org.threadlab.ui.LaneColors;
import org.threadlab.ui.run.RunBar;
import org.threadlab.ui.step.DeadlockView;

/**
 * Locks at the playhead: for each lock, who holds it, who waits for it in the order they came,
 * and how much it cost so far (acquisitions, how many had to wait, hand-overs between workers,
 * time held, time waited). The simulated GIL appears here as a lock, marked as a simulation. When
 * the lock passes from one worker to another, the new owner's chip pops in and names the worker it
 * came from, so a hand-over is seen, not only counted. A hand-over is the lock passing straight
 * from one worker's release to another worker that was waiting for it. Below the cards, a chart
 * sets each lock's time held against the time workers waited for it. A run that ended in a
 * deadlock gets the circle of waits drawn above the cards, as the engine found it.
 */
public final class LocksView extends VBox {
    private final List<LockCard> cards = new ArrayList<>();
    private final LockChart chart = new LockChart("Time held and time waited, per lock");
    private final Label empty = new Label("This lesson uses no locks. Turn on the simulated GIL to see one.");
    private final Label deadlockText = new Label();
    private final DeadlockView deadlockView = new DeadlockView();
    private final VBox deadlockBox = new VBox(8, deadlockText, deadlockView);
    private boolean dark;

    public LocksView() {
        getStyleClass().add("tl-locks");
        setSpacing(10);
        setPadding(new Insets(10));
        empty.getStyleClass().add("tl-caption");
        deadlockBox.setId("locks-deadlock");
        deadlockBox.getStyleClass().add("tl-deadlock-box");
        deadlockText.setId("locks-deadlock-text");
        deadlockText.getStyleClass().add("tl-deadlock-banner");
        deadlockText.setWrapText(true);
        deadlockText.setGraphic(new FontIcon(MaterialDesignL.LOCK_ALERT));
        deadlockView.setId("locks-deadlock-view");
        deadlockView.setStyle("-fx-background-color: transparent;"); // the box around it is already tinted
        showDeadlock(DeadlockCycle.NONE);
        getChildren().addAll(deadlockBox, empty);
    }

    /**
     * The circle of waits that ended the run, drawn above the lock cards; hidden when {@code cycle}
     * is null or empty (a new run, or one that did not deadlock).
     */
    public void showDeadlock(DeadlockCycle cycle) {
        boolean found = cycle != null && !cycle.isEmpty();
        deadlockBox.setVisible(found);
        deadlockBox.setManaged(found);
        deadlockText.setText(found ? "Deadlock: " + cycle.describe() + ". Nobody could move, so ThreadLab stopped the run."
                + (cycle.jvmAgreed() ? " The JVM's own detector (ThreadMXBean) found the same threads." : "") : "");
        deadlockView.show(cycle);
    }

    /** The deadlock circle, for tests: its ring of names is empty when no deadlock is shown. */
    public DeadlockView deadlockView() {
        return deadlockView;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
    }

    public void update(TraceFeed feed, LockHistory locks, long nanos) {
        if (feed == null || locks == null) {
            cards.clear();
            getChildren().setAll(deadlockBox, empty);
            return;
        }
        if (cards.size() != locks.lockCount()) {
            cards.clear();
            getChildren().setAll(deadlockBox);
            for (int i = 0; i < locks.lockCount(); i++) {
                LockCard card = new LockCard();
                cards.add(card);
                getChildren().add(card);
            }
            if (cards.isEmpty()) {
                getChildren().add(empty);
            } else {
                getChildren().add(chart);
            }
        }
        List<LockChart.Row> rows = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            LockHistory.State s = locks.stateAt(i, nanos);
            cards.get(i).show(s, feed);
            rows.add(new LockChart.Row(s.name(), s.heldNanos(), s.waitedNanos(), s.acquisitions(), s.handoffs()));
        }
        chart.show(rows);
    }

    /** One lock. */
    private final class LockCard extends VBox {
        private final Label title = new Label();
        private final Label badge = new Label("simulated");
        private final FlowPane owner = new FlowPane(6, 6); // wraps: a read side can have many holders
        private final FlowPane queue = new FlowPane(6, 6);
        private final Label figures = new Label();
        private final FontIcon icon = new FontIcon(MaterialDesignL.LOCK_OPEN_VARIANT);
        /** The owner shown last, so the chip pops only when the owner changes. */
        private int shownOwner = -1;

        LockCard() {
            getStyleClass().add("tl-lock");
            setSpacing(6);
            title.getStyleClass().add("tl-lock-name");
            title.setGraphic(icon);
            badge.getStyleClass().add("tl-badge");
            badge.setTooltip(new javafx.scene.control.Tooltip(
                    "CPython's global interpreter lock, simulated by ThreadLab: Java has no GIL"));
            owner.setAlignment(Pos.CENTER_LEFT);
            figures.getStyleClass().addAll("tl-caption", "tl-mono");
            getChildren().addAll(new HBox(8, title, badge), owner, queue, figures);
        }

        void show(LockHistory.State s, TraceFeed feed) {
            title.setText(s.name());
            setId("lock-" + s.name().replaceAll("[^A-Za-z0-9-]", "-"));
            badge.setVisible(s.simulated());
            badge.setManaged(s.simulated());
            boolean changed = s.owner() != shownOwner;
            shownOwner = s.owner();
            icon.setIconCode(s.owner() < 0 ? MaterialDesignL.LOCK_OPEN_VARIANT : MaterialDesignL.LOCK);
            if (s.owner() < 0) {
                owner.getChildren().setAll(new Label("held by nobody"));
            } else if (s.holders().size() > 1) {
                // the read side of a read-write lock: several readers in at once
                owner.getChildren().setAll(new Label("held by " + s.holders().size() + " readers together:"));
                int shown = 0;
                for (int lane : s.holders()) {
                    if (shown++ == 12) {
                        owner.getChildren().add(new Label("+" + (s.holders().size() - 12) + " more"));
                        break;
                    }
                    owner.getChildren().add(chip(lane, feed));
                }
            } else {
                Label holder = chip(s.owner(), feed);
                owner.getChildren().setAll(new Label("held by"), holder);
                if (s.handedOverBy() >= 0) {
                    Label from = new Label("handed over by " + feed.lane(s.handedOverBy()).info().name());
                    from.getStyleClass().add("tl-caption");
                    owner.getChildren().add(from);
                }
                if (changed) {
                    ScaleTransition pop = new ScaleTransition(Duration.millis(300), holder);
                    pop.setFromX(1.5);
                    pop.setFromY(1.5);
                    pop.setToX(1);
                    pop.setToY(1);
                    pop.play();
                }
            }
            queue.getChildren().clear();
            queue.getChildren().add(new Label(s.waiters().isEmpty() ? "nobody waiting" : "waiting, in order:"));
            int shown = 0;
            for (int lane : s.waiters()) {
                if (shown++ == 12) {
                    queue.getChildren().add(new Label("+" + (s.waiters().size() - 12) + " more"));
                    break;
                }
                queue.getChildren().add(chip(lane, feed));
            }
            figures.setText(String.format(Locale.ROOT,
                    "%,d acquisitions  ·  %,d had to wait  ·  %,d hand-overs  ·  held %s  ·  waited %s",
                    s.acquisitions(), s.contended(), s.handoffs(), RunBar.formatTime(s.heldNanos()),
                    RunBar.formatTime(s.waitedNanos())));
        }

        private Label chip(int lane, TraceFeed feed) {
            return LaneColors.chip(feed.lane(lane).info().name(), lane, dark);
        }
    }
}

package org.threadlab.ui.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.threadlab.trace.SyncHistory;
import org.threadlab.trace.TraceFeed;
import org.threadlab.ui.LaneColors;
import org.threadlab.ui.run.RunBar;

/**
 * Semaphores, bounded queues and condition variables at the playhead. A semaphore is drawn as its permits, each slot
 * filled with the worker that holds it, and beside them the workers waiting for a permit in the
 * order they came. A queue is drawn as its capacity's slots holding the values on it, items going
 * from the producers on the left to the consumers on the right, with the workers blocked on a full
 * queue (putting) or an empty one (taking) on their side. A condition is drawn as its wait set,
 * the workers asleep on it in the order they came, with its notifies, those that found nobody waiting counted apart.
 */
public final class SyncView extends VBox {
    private static final PseudoClass FILLED = PseudoClass.getPseudoClass("filled");
    /** Slots drawn at most per semaphore or queue; a larger one says how many more. */
    private static final int MAX_SLOTS = 10;
    private static final int MAX_CHIPS = 10;
    private final Label empty = new Label("This run uses no semaphore, queue or condition.");
    private final List<SemaphoreCard> semaphores = new ArrayList<>();
    private final List<QueueCard> queues = new ArrayList<>();
    private final List<ConditionCard> conditions = new ArrayList<>();
    private SyncHistory shown;
    private boolean dark;

    public SyncView() {
        getStyleClass().add("tl-sync");
        getStylesheets().add(Objects.requireNonNull(SyncView.class.getResource("sync.css")).toExternalForm());
        setId("sync-view");
        setSpacing(12);
        setPadding(new Insets(10));
        empty.getStyleClass().add("tl-caption");
        getChildren().add(empty);
    }

    public void setDark(boolean dark) {
        this.dark = dark;
    }

    public void update(TraceFeed feed, SyncHistory sync, long nanos) {
        if (feed == null || sync == null || sync.synchronizers().isEmpty()) {
            shown = null;
            semaphores.clear();
            queues.clear();
            conditions.clear();
            getChildren().setAll(empty);
            return;
        }
        if (sync != shown) {
            shown = sync;
            semaphores.clear();
            queues.clear();
            conditions.clear();
            getChildren().clear();
            for (int s = 0; s < sync.semaphoreCount(); s++) {
                SemaphoreCard card = new SemaphoreCard();
                semaphores.add(card);
                getChildren().add(card);
            }
            for (int q = 0; q < sync.queueCount(); q++) {
                QueueCard card = new QueueCard();
                queues.add(card);
                getChildren().add(card);
            }
            for (int c = 0; c < sync.conditionCount(); c++) {
                ConditionCard card = new ConditionCard();
                conditions.add(card);
                getChildren().add(card);
            }
        }
        for (int s = 0; s < semaphores.size(); s++) {
            semaphores.get(s).show(sync.semaphoreAt(s, nanos), feed);
        }
        for (int q = 0; q < queues.size(); q++) {
            queues.get(q).show(sync.queueAt(q, nanos), feed);
        }
        for (int c = 0; c < conditions.size(); c++) {
            conditions.get(c).show(sync.conditionAt(c, nanos), feed);
        }
    }

    private Label chip(int lane, TraceFeed feed) {
        return LaneColors.chip(feed.lane(lane).info().name(), lane, dark);
    }

    /** A line of worker chips after a caption, the first few only. */
    private void chips(FlowPane pane, String none, String some, List<Integer> lanes, TraceFeed feed) {
        pane.getChildren().clear();
        Label caption = new Label(lanes.isEmpty() ? none : some);
        caption.getStyleClass().add("tl-caption");
        pane.getChildren().add(caption);
        for (int i = 0; i < lanes.size(); i++) {
            if (i == MAX_CHIPS) {
                pane.getChildren().add(new Label("+" + (lanes.size() - MAX_CHIPS) + " more"));
                break;
            }
            pane.getChildren().add(chip(lanes.get(i), feed));
        }
    }

    private static VBox slot(String text, String caption, String colour) {
        VBox slot = new VBox(2);
        slot.getStyleClass().add("tl-sync-slot");
        slot.setAlignment(Pos.CENTER);
        slot.pseudoClassStateChanged(FILLED, colour != null);
        Label main = new Label(text);
        main.getStyleClass().add(colour != null ? "tl-sync-slot-text" : "tl-sync-slot-free");
        if (colour != null) {
            slot.setStyle("-fx-border-color: " + colour + ";");
            main.setStyle("-fx-text-fill: " + colour + ";");
        }
        slot.getChildren().add(main);
        if (caption != null) {
            Label small = new Label(caption);
            small.getStyleClass().add("tl-caption");
            slot.getChildren().add(small);
        }
        return slot;
    }

    private static Label title() {
        Label title = new Label();
        title.getStyleClass().add("tl-sync-name");
        return title;
    }

    /** One semaphore: its permits, then who waits for one. */
    private final class SemaphoreCard extends VBox {
        private final Label name = title();
        private final Label kind = new Label();
        private final HBox slots = new HBox(8);
        private final FlowPane waiters = new FlowPane(6, 6);
        private final Label figures = new Label();

        SemaphoreCard() {
            getStyleClass().add("tl-sync-card");
            setSpacing(8);
            kind.getStyleClass().add("tl-caption");
            slots.setAlignment(Pos.CENTER_LEFT);
            waiters.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(waiters, Priority.ALWAYS);
            figures.getStyleClass().addAll("tl-caption", "tl-mono");
            HBox header = new HBox(10, name, kind);
            header.setAlignment(Pos.BASELINE_LEFT);
            HBox body = new HBox(18, slots, waiters);
            body.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(header, body, figures);
        }

        void show(SyncHistory.SemaphoreState s, TraceFeed feed) {
            setId("sync-semaphore-" + s.name());
            name.setText(s.name());
            int free = s.permits() - s.holders().size();
            kind.setText(String.format(Locale.ROOT, "semaphore · %d permit%s · %d in use · %d free", s.permits(),
                    s.permits() == 1 ? "" : "s", s.holders().size(), Math.max(0, free)));
            kind.setId("sync-permits-" + s.name());
            slots.getChildren().clear();
            for (int i = 0; i < Math.min(s.permits(), MAX_SLOTS); i++) {
                if (i < s.holders().size()) {
                    int lane = s.holders().get(i);
                    slots.getChildren().add(slot(feed.lane(lane).info().name(), "holds a permit", LaneColors.css(lane, dark)));
                } else {
                    slots.getChildren().add(slot("free", null, null));
                }
            }
            if (s.permits() > MAX_SLOTS) {
                slots.getChildren().add(new Label("+" + (s.permits() - MAX_SLOTS) + " more permits"));
            }
            chips(waiters, "nobody waiting for a permit", "waiting for a permit, in order:", s.waiters(), feed);
            figures.setId("sync-figures-" + s.name());
            figures.setText(String.format(Locale.ROOT, "%,d acquisitions  ·  at most %d held at once  ·  waited %s",
                    s.acquisitions(), s.maxHeld(), RunBar.formatTime(s.waitedNanos())));
        }
    }

    /** One queue: blocked producers, its slots (head on the right, next out), blocked consumers. */
    private final class QueueCard extends VBox {
        private final Label name = title();
        private final Label kind = new Label();
        private final FlowPane producers = new FlowPane(6, 6);
        private final HBox slots = new HBox(8);
        private final FlowPane consumers = new FlowPane(6, 6);
        private final Label figures = new Label();

        QueueCard() {
            getStyleClass().add("tl-sync-card");
            setSpacing(8);
            kind.getStyleClass().add("tl-caption");
            slots.setAlignment(Pos.CENTER);
            producers.getStyleClass().add("tl-sync-side");
            consumers.getStyleClass().add("tl-sync-side");
            producers.setAlignment(Pos.CENTER_RIGHT);
            consumers.setAlignment(Pos.CENTER_LEFT);
            figures.getStyleClass().addAll("tl-caption", "tl-mono");
            HBox header = new HBox(10, name, kind);
            header.setAlignment(Pos.BASELINE_LEFT);
            Label in = new Label("→");
            Label out = new Label("→");
            in.getStyleClass().add("tl-sync-arrow");
            out.getStyleClass().add("tl-sync-arrow");
            HBox body = new HBox(10, producers, in, slots, out, consumers);
            body.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(header, body, figures);
        }

        void show(SyncHistory.QueueState q, TraceFeed feed) {
            setId("sync-queue-" + q.name());
            name.setText(q.name());
            kind.setText(String.format(Locale.ROOT, "bounded queue · capacity %d · %d on it%s", q.capacity(),
                    q.contents().size(), q.contents().size() >= q.capacity() ? " · full" : q.contents().isEmpty() ? " · empty" : ""));
            kind.setId("sync-length-" + q.name());
            int drawn = Math.min(q.capacity(), MAX_SLOTS);
            slots.getChildren().clear();
            if (q.capacity() > MAX_SLOTS) {
                slots.getChildren().add(new Label("+" + (q.capacity() - MAX_SLOTS) + " more slots"));
            }
            // the head, next out, is the slot nearest the consumers
            for (int i = drawn - 1; i >= 0; i--) {
                if (i < q.contents().size()) {
                    SyncHistory.Item item = q.contents().get(i);
                    VBox slot = slot(Long.toString(item.value()), i == 0 ? "next out" : "from " + feed.lane(item.lane())
                            .info().name(), LaneColors.css(item.lane(), dark));
                    slot.getChildren().getFirst().getStyleClass().add("tl-sync-value");
                    slots.getChildren().add(slot);
                } else {
                    slots.getChildren().add(slot("empty", null, null));
                }
            }
            slots.setId("sync-slots-" + q.name());
            chips(producers, "no producer blocked", "blocked putting (full):", q.blockedPut(), feed);
            chips(consumers, "no consumer blocked", "blocked taking (empty):", q.blockedTake(), feed);
            figures.setId("sync-figures-" + q.name());
            figures.setText(String.format(Locale.ROOT, "%,d put  ·  %,d taken  ·  at most %d on it at once",
                    q.puts(), q.takes(), q.maxLength()));
        }
    }

    /** One condition variable: its wait set in order, and what its notifies did. */
    private final class ConditionCard extends VBox {
        private final Label name = title();
        private final Label kind = new Label();
        private final FlowPane waitSet = new FlowPane(6, 6);
        private final Label last = new Label();
        private final Label figures = new Label();

        ConditionCard() {
            getStyleClass().add("tl-sync-card");
            setSpacing(8);
            kind.getStyleClass().add("tl-caption");
            waitSet.setAlignment(Pos.CENTER_LEFT);
            last.getStyleClass().add("tl-caption");
            figures.getStyleClass().addAll("tl-caption", "tl-mono");
            HBox header = new HBox(10, name, kind);
            header.setAlignment(Pos.BASELINE_LEFT);
            getChildren().addAll(header, waitSet, last, figures);
        }

        void show(SyncHistory.ConditionState c, TraceFeed feed) {
            setId("sync-condition-" + c.name());
            name.setText(c.name());
            kind.setText(String.format(Locale.ROOT, "condition of %s · %d in the wait set", c.lock(), c.waitSet().size()));
            kind.setId("sync-waitset-size-" + c.name());
            chips(waitSet, "wait set empty: nobody asleep on it", "asleep in the wait set, in order:", c.waitSet(), feed);
            waitSet.setId("sync-waitset-" + c.name());
            SyncHistory.Signal s = c.last();
            last.setText(s == null ? "no notify yet" : String.format(Locale.ROOT, "last: %s called %s and woke %s",
                    feed.lane(s.lane()).info().name(), s.all() ? "notify-all" : "notify",
                    s.woken() == 0 ? "nobody (nobody was waiting)" : s.woken() == 1 ? "1 waiter" : s.woken() + " waiters"));
            figures.setId("sync-figures-" + c.name());
            figures.setText(String.format(Locale.ROOT, "%,d waits  ·  %,d notifies  ·  %,d found nobody waiting",
                    c.waits(), c.notifies(), c.emptyNotifies()));
        }
    }
}

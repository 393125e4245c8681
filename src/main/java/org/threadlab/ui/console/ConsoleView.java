package org.threadlab.ui.console;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.TraceFeed;
import org.threadlab.ui.LaneColors;
import org.threadlab.ui.run.RunBar;

/** The lines the lesson's {@code print} steps wrote, in trace order, each in its worker's colour. */
public final class ConsoleView extends ListView<ConsoleView.Line> {
    /** One printed line. */
    public record Line(int lane, String worker, long nanos, String text) {}

    private static final int MAX_LINES = 5_000;
    private final List<Line> all = new ArrayList<>();
    private final ObservableList<Line> shown = FXCollections.observableArrayList();
    private int[] seen = new int[0];
    private boolean dark;

    public ConsoleView() {
        super();
        setItems(shown);
        getStyleClass().add("tl-console");
        setPlaceholder(new Label("Lines the workers print appear here."));
        setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Line line, boolean empty) {
                super.updateItem(line, empty);
                if (empty || line == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label when = new Label(RunBar.formatTime(line.nanos()));
                when.getStyleClass().addAll("tl-mono", "tl-console-time");
                when.setMinWidth(80);
                Label who = new Label(line.worker());
                who.getStyleClass().addAll("tl-mono", "tl-console-worker");
                who.setStyle("-fx-text-fill: " + LaneColors.css(line.lane(), dark) + ";");
                who.setMinWidth(110);
                Label text = new Label(line.text());
                text.getStyleClass().add("tl-mono");
                setGraphic(new HBox(8, when, who, text));
                setText(null);
            }
        });
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        refresh();
    }

    /** Forgets every line (a new run). */
    public void clear() {
        all.clear();
        shown.clear();
        seen = new int[0];
    }

    /** Takes new prints from the feed and shows those at or before the playhead. */
    public void update(TraceFeed feed, long playheadNanos) {
        if (feed == null) {
            clear();
            return;
        }
        List<LaneLog> lanes = feed.lanes();
        if (seen.length < lanes.size()) {
            seen = java.util.Arrays.copyOf(seen, lanes.size());
        }
        boolean added = false;
        for (int l = 0; l < lanes.size(); l++) {
            LaneLog lane = lanes.get(l);
            for (int i = seen[l]; i < lane.size() && all.size() < MAX_LINES; i++) {
                if (lane.event(i) instanceof TraceEvent.Printed p) {
                    all.add(new Line(l, lane.info().name(), p.nanos(), p.text()));
                    added = true;
                }
            }
            seen[l] = lane.size();
        }
        if (added) {
            all.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        }
        int visible = 0;
        while (visible < all.size() && all.get(visible).nanos() <= playheadNanos) {
            visible++;
        }
        if (visible != shown.size() || added) {
            shown.setAll(all.subList(0, visible));
            if (visible > 0) {
                scrollTo(visible - 1);
            }
        }
    }
}

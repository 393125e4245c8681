package org.threadlab.ui.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.TraceFeed;
import org.threadlab.ui.LaneColors;

/**
 * Shared memory at the playhead: one box per shared variable with its value, the value it would
 * have if no update had been lost, and the lost count; and one chip per worker showing its
 * "register", the value it holds between a read and its write. The box and the chip of the latest
 * read or write light up, and the value it moved travels along an arrow between them: from memory
 * to the worker for a read, from the worker to memory for a write (red when the write overwrote an
 * update), so stepping through a race shows who touched memory last and in which direction.
 */
public final class MemoryView extends StackPane {
    private static final int MAX_CHIPS = 24;

    private final Label process = new Label();
    private final FlowPane variables = new FlowPane(12, 12);
    private final FlowPane registers = new FlowPane(8, 8);
    private final Label more = new Label();
    /** The process modes: each child's own copy of the variables, apart from the parent's memory. */
    private final Label childrenTitle = new Label("Each child process's own copy (it started as a copy of the parent's;"
            + " what a child writes stays in the child)");
    private final VBox children = new VBox(4);
    private final List<VariableBox> boxes = new ArrayList<>();
    private final List<Label> chips = new ArrayList<>();
    private final AccessArrow arrow = new AccessArrow();
    private boolean dark;
    /** The access the arrow shows now, so it animates only when a different one becomes the latest. */
    private Access shownAccess;
    private boolean arrowPending;

    /** One read or write: which worker, which variable, when, and whether it was a write that lost an update. */
    private record Access(int lane, int variable, long nanos, boolean write, boolean lostUpdate, long value) {}

    public MemoryView() {
        getStyleClass().add("tl-memory");
        VBox content = new VBox(10);
        content.setPadding(new Insets(10));
        process.getStyleClass().add("tl-caption");
        Label registersTitle = new Label("Workers' registers (what each holds between read and write)");
        registersTitle.getStyleClass().add("tl-caption");
        childrenTitle.getStyleClass().add("tl-caption");
        childrenTitle.setWrapText(true);
        content.getChildren().addAll(process, variables, registersTitle, registers, more, childrenTitle, children);
        VBox.setMargin(childrenTitle, new Insets(16, 0, 0, 0));
        VBox.setMargin(registersTitle, new Insets(40, 0, 0, 0)); // room for the arrow between memory and registers
        process.setText("No run yet.");
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(content, arrow);
    }

    public void setDark(boolean dark) {
        this.dark = dark;
    }

    /** Shows memory at {@code nanos}. */
    public void update(TraceFeed feed, MemoryHistory memory, long nanos) {
        if (feed == null || memory == null) {
            variables.getChildren().clear();
            registers.getChildren().clear();
            boxes.clear();
            chips.clear();
            process.setText("No run yet.");
            shownAccess = null;
            arrow.hide();
            return;
        }
        // the lanes that ran in child JVMs, by process id, in lane order
        long pid = ProcessHandle.current().pid();
        java.util.Map<Long, List<String>> childProcesses = new java.util.LinkedHashMap<>();
        for (LaneLog lane : feed.lanes()) {
            // a lane's pid is the parent's until its child has started
            if (lane.info().inChildProcess() && lane.info().pid() != pid) {
                childProcesses.computeIfAbsent(lane.info().pid(), k -> new ArrayList<>()).add(lane.info().name());
            }
        }
        process.setText(childProcesses.isEmpty() && feed.lanes().size() > 0
                ? "Process " + feed.lane(0).info().pid() + ": memory shared by all its threads"
                : "Parent process " + pid + ": its own memory. Boxes marked \"shared segment\" are mapped by every"
                        + " process; the others only the parent sees.");
        showChildren(childProcesses, memory, nanos);
        if (boxes.size() != memory.variableCount()) {
            variables.getChildren().clear();
            boxes.clear();
            for (int v = 0; v < memory.variableCount(); v++) {
                VariableBox box = new VariableBox(memory.name(v) + (memory.isProcessShared(v) ? "  ·  shared segment" : ""));
                boxes.add(box);
                variables.getChildren().add(box);
            }
            if (boxes.isEmpty()) {
                variables.getChildren().add(new Label("This lesson shares no variables."));
            }
        }
        Access latest = null;
        for (int v = 0; v < boxes.size(); v++) {
            MemoryHistory.LastWrite last = memory.lastWriteAt(v, nanos);
            boxes.get(v).show(memory.valueAt(v, nanos), memory.expectedAt(v, nanos), memory.lostAt(v, nanos),
                    memory.staleWritesAt(v, nanos), last, feed);
            if (last != null && (latest == null || last.write().nanos() > latest.nanos())) {
                latest = new Access(last.write().lane(), v, last.write().nanos(), true, last.lostAnUpdate(),
                        last.write().value());
            }
        }
        List<LaneLog> lanes = feed.lanes();
        int shownLanes = Math.min(MAX_CHIPS, lanes.size());
        while (chips.size() < shownLanes) {
            Label chip = new Label();
            chip.getStyleClass().addAll("tl-register", "tl-mono");
            chips.add(chip);
            registers.getChildren().add(chip);
        }
        MemoryHistory.Register[] held = new MemoryHistory.Register[shownLanes];
        for (int l = 0; l < shownLanes && !boxes.isEmpty(); l++) {
            held[l] = memory.registerAt(l, nanos);
            MemoryHistory.Register r = held[l];
            if (r != null && r.pending() && (latest == null || r.nanos() > latest.nanos())) {
                latest = new Access(l, r.variable(), r.nanos(), false, false, r.value());
            }
        }
        int latestLane = latest == null ? -1 : latest.lane();
        int latestVariable = latest == null ? -1 : latest.variable();
        for (int l = 0; l < shownLanes; l++) {
            Label chip = chips.get(l);
            MemoryHistory.Register r = held[l];
            String name = lanes.get(l).info().name();
            if (r == null) {
                chip.setText(name + ": -");
            } else if (r.pending()) {
                chip.setText(name + ": holds " + fmt(r.value()) + "  (read " + memory.name(r.variable()) + ", not yet written)");
            } else {
                chip.setText(name + ": wrote " + fmt(r.value()) + " to " + memory.name(r.variable()));
            }
            chip.setStyle("-fx-border-color: " + LaneColors.css(l, dark) + ";");
            chip.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("latest"), l == latestLane);
        }
        more.setText(lanes.size() > MAX_CHIPS ? "and " + (lanes.size() - MAX_CHIPS) + " more workers" : "");
        for (int v = 0; v < boxes.size(); v++) {
            boxes.get(v).pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("latest"), v == latestVariable);
        }
        if (latest == null || latestLane >= shownLanes) {
            shownAccess = null;
            arrow.hide();
        } else if (!latest.equals(shownAccess)) {
            shownAccess = latest;
            arrowPending = true; // drawn in layoutChildren, once the new texts have their sizes
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (arrowPending && shownAccess != null) {
            arrowPending = false;
            Access a = shownAccess;
            arrow.show(boxes.get(a.variable()), chips.get(a.lane()), a.write(), a.lostUpdate(), fmt(a.value()));
        }
    }

    private void showChildren(java.util.Map<Long, List<String>> childProcesses, MemoryHistory memory, long nanos) {
        boolean any = !childProcesses.isEmpty() && memory.variableCount() > 0;
        childrenTitle.setVisible(any);
        childrenTitle.setManaged(any);
        children.setVisible(any);
        children.setManaged(any);
        while (children.getChildren().size() > childProcesses.size()) {
            children.getChildren().remove(children.getChildren().size() - 1);
        }
        int row = 0;
        for (var e : childProcesses.entrySet()) {
            StringBuilder text = new StringBuilder("pid " + e.getKey() + "  " + String.join(", ", e.getValue()) + ":  ");
            boolean first = true;
            for (int v = 0; v < memory.variableCount(); v++) {
                if (sharedSegment(memory, v)) {
                    continue; // not a copy: the one segment every process maps, shown above
                }
                text.append(first ? "" : "   ").append(memory.name(v)).append(" = ")
                        .append(fmt(memory.processCopyAt(e.getKey(), v, nanos)));
                first = false;
            }
            if (row == children.getChildren().size()) {
                Label l = new Label();
                l.getStyleClass().addAll("tl-register", "tl-mono");
                children.getChildren().add(l);
            }
            ((Label) children.getChildren().get(row)).setText(text.toString());
            row++;
        }
    }

    private static boolean sharedSegment(MemoryHistory memory, int v) {
        return memory.isProcessShared(v);
    }

    static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** One shared variable. */
    private final class VariableBox extends VBox {
        private final Label value = new Label();
        private final Label expected = new Label();
        private final Label lastWrite = new Label();

        VariableBox(String name) {
            getStyleClass().add("tl-variable");
            setAlignment(Pos.TOP_LEFT);
            setSpacing(2);
            Label title = new Label(name);
            title.getStyleClass().add("tl-variable-name");
            value.getStyleClass().addAll("tl-variable-value", "tl-mono");
            expected.getStyleClass().add("tl-variable-expected");
            lastWrite.getStyleClass().add("tl-caption");
            lastWrite.setWrapText(true);
            lastWrite.setMaxWidth(320);
            getChildren().addAll(title, value, expected, lastWrite);
        }

        void show(long v, long exp, long lost, int staleWrites, MemoryHistory.LastWrite last, TraceFeed feed) {
            value.setText(fmt(v));
            if (lost > 0) {
                expected.setText("expected " + fmt(exp) + "  ·  lost " + fmt(lost) + " update" + (lost == 1 ? "" : "s"));
            } else {
                expected.setText("expected " + fmt(exp) + "  ·  nothing lost");
            }
            expected.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("lost"), lost > 0);
            if (last == null) {
                lastWrite.setText("not written yet");
            } else {
                String who = feed.lane(last.write().lane()).info().name();
                lastWrite.setText("last write: " + who + " wrote " + fmt(last.write().value())
                        + (last.lostAnUpdate() ? "  ✗ overwrote an update made since its read" : "")
                        + (staleWrites > 0 ? "\n" + fmt(staleWrites) + " writes so far were based on a stale read" : ""));
            }
        }
    }
}

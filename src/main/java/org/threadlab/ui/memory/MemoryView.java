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
import org.threadlab.trace.ProcessCopies;
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
    private final Label segmentTitle = new Label(
            "Process-shared segment: one memory-mapped file that every process maps (multiprocessing.Value)");
    private final FlowPane segment = new FlowPane(12, 12);
    private final Label childrenTitle = new Label(
            "Child processes: each has its own copy of the variables; its writes never reach the parent");
    private final FlowPane childCards = new FlowPane(12, 12);
    private final FlowPane registers = new FlowPane(8, 8);
    private final Label more = new Label();
    private final List<VariableBox> boxes = new ArrayList<>();
    private final List<Label> chips = new ArrayList<>();
    private final AccessArrow arrow = new AccessArrow();
    private boolean dark;
    /** The access the arrow shows now, so it animates only when a different one becomes the latest. */
    private Access shownAccess;
    private boolean arrowPending;
    /** Whether the boxes were laid out for a process run (parent's copy and segment apart). */
    private boolean boxesForProcesses;

    /** One read or write: which worker, which variable, when, and whether it was a write that lost an update. */
    private record Access(int lane, int variable, long nanos, boolean write, boolean lostUpdate, long value) {}

    public MemoryView() {
        getStyleClass().add("tl-memory");
        VBox content = new VBox(10);
        content.setPadding(new Insets(10));
        process.getStyleClass().add("tl-caption");
        Label registersTitle = new Label("Workers' registers (what each holds between read and write)");
        registersTitle.getStyleClass().add("tl-caption");
        segmentTitle.getStyleClass().add("tl-caption");
        childrenTitle.getStyleClass().add("tl-caption");
        childCards.setId("child-copies");
        segment.setId("process-shared-segment");
        // the children's copies come last: the arrow of an access runs between memory and registers
        content.getChildren().addAll(process, variables, segmentTitle, segment, registersTitle, registers, more,
                childrenTitle, childCards);
        VBox.setMargin(childrenTitle, new Insets(12, 0, 0, 0));
        showProcessParts(false, false);
        VBox.setMargin(registersTitle, new Insets(40, 0, 0, 0)); // room for the arrow between memory and registers
        process.setText("No run yet.");
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(content, arrow);
    }

    public void setDark(boolean dark) {
        this.dark = dark;
    }

    private void showProcessParts(boolean processes, boolean shared) {
        for (javafx.scene.Node n : new javafx.scene.Node[] {segmentTitle, segment}) {
            n.setVisible(shared);
            n.setManaged(shared);
        }
        for (javafx.scene.Node n : new javafx.scene.Node[] {childrenTitle, childCards}) {
            n.setVisible(processes);
            n.setManaged(processes);
        }
    }

    /** Shows memory at {@code nanos}, for a run in a thread mode. */
    public void update(TraceFeed feed, MemoryHistory memory, long nanos) {
        update(feed, memory, null, nanos);
    }

    /** Shows memory at {@code nanos}; {@code copies} (may be null) are the child processes' own copies. */
    public void update(TraceFeed feed, MemoryHistory memory, ProcessCopies copies, long nanos) {
        if (feed == null || memory == null) {
            showProcessParts(false, false);
            childCards.getChildren().clear();
            segment.getChildren().clear();
            variables.getChildren().clear();
            registers.getChildren().clear();
            boxes.clear();
            chips.clear();
            process.setText("No run yet.");
            shownAccess = null;
            arrow.hide();
            return;
        }
        boolean processes = feed.lanes().stream().anyMatch(l -> l.info().inChildProcess());
        var info = feed.info();
        boolean anyShared = processes && java.util.stream.IntStream.range(0, memory.variableCount())
                .anyMatch(info::variableProcessShared);
        showProcessParts(processes, anyShared);
        long parentPid = ProcessHandle.current().pid();
        if (processes) {
            process.setText("Parent process pid " + parentPid + " (ThreadLab itself): its own copy of the variables");
        } else {
            long pid = feed.lanes().isEmpty() ? parentPid : feed.lane(0).info().pid();
            process.setText("Process " + pid + ": memory shared by all its threads");
        }
        if (boxes.size() != memory.variableCount() || boxesForProcesses != processes) {
            variables.getChildren().clear();
            segment.getChildren().clear();
            boxes.clear();
            boxesForProcesses = processes;
            for (int v = 0; v < memory.variableCount(); v++) {
                VariableBox box = new VariableBox(memory.name(v));
                boxes.add(box);
                (processes && info.variableProcessShared(v) ? segment : variables).getChildren().add(box);
            }
            if (boxes.isEmpty()) {
                variables.getChildren().add(new Label("This lesson shares no variables."));
            } else if (processes && variables.getChildren().isEmpty()) {
                variables.getChildren().add(new Label("Every variable of this lesson is process-shared: see the segment below."));
            }
        }
        if (processes && copies != null) {
            showChildren(feed, memory, copies, nanos);
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
            if (r != null && ownCopy(feed, l, r.variable())) {
                continue; // a child's own copy: no arrow to the parent's memory, which it never touches
            }
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
            } else {
                String target = memory.name(r.variable())
                        + (ownCopy(feed, l, r.variable()) ? " (its own copy, pid " + lanes.get(l).info().pid() + ")" : "");
                chip.setText(r.pending()
                        ? name + ": holds " + fmt(r.value()) + "  (read " + target + ", not yet written)"
                        : name + ": wrote " + fmt(r.value()) + " to " + target);
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

    /** Whether lane {@code lane} touching variable {@code v} touched a child's own copy, not the parent's memory. */
    private static boolean ownCopy(TraceFeed feed, int lane, int v) {
        return feed.lane(lane).info().inChildProcess() && !feed.info().variableProcessShared(v);
    }

    /** One card per child process: its PID, the workers it ran, and its own copy of each variable. */
    private void showChildren(TraceFeed feed, MemoryHistory memory, ProcessCopies copies, long nanos) {
        List<Long> pids = copies.pids();
        childCards.getChildren().removeIf(n -> !(n instanceof VBox)); // the "none yet" note
        while (childCards.getChildren().size() > pids.size()) {
            childCards.getChildren().removeLast();
        }
        while (childCards.getChildren().size() < pids.size()) {
            VBox card = new VBox(2);
            card.getStyleClass().add("tl-variable");
            card.getStyleClass().add("tl-child-copy");
            childCards.getChildren().add(card);
        }
        for (int k = 0; k < pids.size(); k++) {
            long pid = pids.get(k);
            VBox card = (VBox) childCards.getChildren().get(k);
            List<Integer> lanes = copies.lanes(pid);
            StringBuilder who = new StringBuilder();
            for (int l : lanes) {
                who.append(who.isEmpty() ? "" : ", ").append(feed.lane(l).info().name());
            }
            Label title = new Label("child pid " + pid + "  ·  " + who);
            title.getStyleClass().add("tl-variable-name");
            title.setStyle("-fx-text-fill: " + LaneColors.css(lanes.isEmpty() ? 0 : lanes.getFirst(), dark) + ";");
            List<javafx.scene.Node> rows = new ArrayList<>();
            rows.add(title);
            for (int v = 0; v < memory.variableCount(); v++) {
                if (feed.info().variableProcessShared(v)) {
                    continue;
                }
                int writes = copies.writesAt(pid, v, nanos);
                Label row = new Label(memory.name(v) + " = " + fmt(copies.valueAt(pid, v, nanos))
                        + (writes == 0 ? "   (the copy it started with)"
                        : "   (" + fmt(writes) + " write" + (writes == 1 ? "" : "s") + " by this process)"));
                row.getStyleClass().add("tl-mono");
                rows.add(row);
            }
            if (rows.size() == 1) {
                rows.add(new Label("no variables of its own: all are process-shared"));
            }
            card.getChildren().setAll(rows);
        }
        if (pids.isEmpty()) {
            childCards.getChildren().setAll(new Label("No child process has started yet."));
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
                        + (staleWrites > 0 ? "\n" + fmt(staleWrites) + (staleWrites == 1 ? " write so far was" : " writes so far were")
                                + " based on a stale read" : ""));
            }
        }
    }
}

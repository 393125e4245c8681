package org.threadlab.ui.result;

import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.threadlab.engine.PredictionFeedback;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.process.ProcessSummary;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.ui.run.RunBar;

/**
 * What a run produced: the graded outcome and its sentence, the final shared values, the
 * learner's prediction beside what happened, wall time, CPU time per worker, and the speed-up
 * against the last sequential run of the same lesson.
 */
public final class ResultView extends VBox {
    private final Label grade = new Label();
    private final Label outcome = new Label();
    private final Label values = new Label();
    private final Label prediction = new Label();
    private final Label timing = new Label();
    private final GridPane lanes = new GridPane();
    private final Label processesTitle = new Label();
    private final GridPane processes = new GridPane();
    private final VBox wallTimes = new VBox(4);
    private final Label deadlock = new Label();
    private final Label cpuShortfall = new Label();
    private final javafx.scene.control.Button runSequential = new javafx.scene.control.Button("Run sequentially to compare");
    /** The course's next step after this result: a link that takes it, or a sentence when nothing is left. */
    private final javafx.scene.control.Hyperlink nextStep = new javafx.scene.control.Hyperlink();
    /** This machine's, or for a replayed run file the recording machine's ({@link #measuredOn}). */
    private Measured measured = Measured.here();
    /** Whether the lesson on screen has a sequential mode to measure speed-ups against. */
    private boolean hasSequentialMode = true;
    private Runnable onRunSequential;

    /**
     * Whose cores the next results' sentences count: {@link Measured#here()} for a run of this
     * machine, {@link Measured#recordedOn} for a run replayed from a file.
     */
    public void measuredOn(Measured m) {
        measured = m;
    }

    public ResultView() {
        getStyleClass().add("tl-result");
        setSpacing(8);
        setPadding(new Insets(10));
        grade.setId("grade");
        grade.getStyleClass().add("tl-grade");
        grade.setWrapText(true); // "run completed on a pool of 2 threads" needs a second line in a narrow run area
        deadlock.setId("result-deadlock");
        deadlock.getStyleClass().add("tl-deadlock-banner");
        deadlock.setWrapText(true);
        outcome.setId("outcome");
        outcome.setWrapText(true);
        values.setId("final-values");
        values.getStyleClass().add("tl-mono");
        values.setWrapText(true);
        prediction.setId("prediction-result");
        prediction.setWrapText(true);
        timing.setId("timing");
        timing.setWrapText(true);
        lanes.setHgap(16);
        lanes.setVgap(2);
        lanes.getStyleClass().add("tl-mono");
        processes.setId("processes");
        processes.setHgap(16);
        processes.setVgap(2);
        processes.getStyleClass().add("tl-mono");
        for (GridPane table : java.util.List.of(lanes, processes)) {
            // a table keeps its figures whole: in a narrow run area the result scrolls sideways instead
            table.getChildren().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c -> {
                while (c.next()) {
                    for (javafx.scene.Node cell : c.getAddedSubList()) {
                        if (cell instanceof javafx.scene.layout.Region r) {
                            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                        }
                    }
                }
            });
        }
        processesTitle.getStyleClass().add("tl-caption");
        processesTitle.setWrapText(true);
        wallTimes.setId("wall-times");
        cpuShortfall.setId("cpu-shortfall");
        cpuShortfall.setWrapText(true);
        cpuShortfall.getStyleClass().add("tl-cpu-shortfall");
        runSequential.setId("run-sequential");
        runSequential.setOnAction(e -> {
            if (onRunSequential != null) {
                onRunSequential.run();
            }
        });
        nextStep.setId("result-next");
        nextStep.getStyleClass().add("tl-result-next");
        nextStep.setWrapText(true);
        nextStep.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        nextStep.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignS.SIGN_DIRECTION));
        // the next step right under what happened: in a short result pane it shows without scrolling
        getChildren().addAll(grade, deadlock, outcome, nextStep, values, prediction, timing, cpuShortfall, runSequential,
                wallTimes, lanes, processesTitle, processes);
        show(null, null, Optional.empty(), null);
    }

    /**
     * Shows a result. {@code guess} is the learner's chosen prediction (0-based), if any;
     * {@code sequential} the last sequential run of the same lesson and variant, if any.
     */
    public void show(RunResult r, Lesson lesson, Optional<Integer> guess, RunResult sequential) {
        show(r, lesson, guess, sequential, null);
    }

    /**
     * Shows a result; with {@code memory} (the run's shared-memory history, variables in the order
     * of {@link RunResult#shared()}), each final value also says how many updates were lost.
     */
    public void show(RunResult r, Lesson lesson, Optional<Integer> guess, RunResult sequential, MemoryHistory memory) {
        showNextStep(null, null); // a step suggested after another result is not this one's
        lanes.getChildren().clear();
        showProcesses(r);
        boolean deadlocked = r != null && !r.deadlock().isEmpty();
        deadlock.setText(deadlocked ? "Deadlock: " + r.deadlock().describe() : "");
        deadlock.setVisible(deadlocked);
        deadlock.setManaged(deadlocked);
        if (r == null) {
            grade.setText("No result yet");
            for (Grade g : Grade.values()) {
                grade.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(g.label()), false);
            }
            outcome.setText("Press Run (Ctrl+R) to run the lesson in the mode chosen above.");
            values.setText("");
            prediction.setText("");
            showMeasured(null, null, null);
            return;
        }
        grade.setText(r.grade().label().toUpperCase(Locale.ROOT).replace('-', ' ') + "  ·  run " + r.status().label()
                + " " + org.threadlab.ui.run.ModeText.where(r));
        for (Grade g : Grade.values()) {
            grade.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(g.label()), g == r.grade());
        }
        // the banner above already says who holds and waits for what
        java.util.List<String> messages = deadlocked
                ? java.util.List.of("Nobody could move, so the run was stopped; the Locks tab draws the circle.")
                : r.messages();
        outcome.setText(r.outcomeText().strip() + (messages.isEmpty() ? "" : "\n" + String.join("\n", messages)));
        StringBuilder v = new StringBuilder();
        int index = 0;
        for (var e : r.shared().entrySet()) {
            v.append(v.isEmpty() ? "" : "   ").append(e.getKey()).append(" = ")
                    .append(String.format(Locale.ROOT, "%,d", e.getValue()));
            long lost = memory == null || index >= memory.variableCount() ? 0 : memory.lostAt(index, Long.MAX_VALUE);
            if (lost > 0) {
                v.append(String.format(Locale.ROOT, " (expected %,d: %,d update%s lost)",
                        memory.expectedAt(index, Long.MAX_VALUE), lost, lost == 1 ? "" : "s"));
            }
            index++;
        }
        values.setText(v.isEmpty() ? "" : "Final values:  " + v);
        prediction.setText(predictionText(lesson, r, guess, sequential));
        showMeasured(r, lesson, sequential);
        lanes.add(header("worker"), 0, 0);
        lanes.add(header("thread"), 1, 0);
        lanes.add(header("CPU time"), 2, 0);
        lanes.add(header("ended"), 3, 0);
        lanes.add(header("process"), 4, 0);
        lanes.add(header("start-up"), 5, 0);
        java.util.Map<String, Long> returned = new java.util.HashMap<>();
        for (RunResult.ReturnedValue rv : r.returnedValues()) {
            returned.put(rv.lane(), rv.value());
        }
        if (!returned.isEmpty()) {
            lanes.add(header(r.returnsReachParent() ? "returned" : "returned (in the child)"), 6, 0);
            values.setText(values.getText() + (values.getText().isEmpty() ? "" : "\n")
                    + r.whereReturnsGo());
        }
        int row = 1;
        for (RunResult.LaneSummary l : r.lanes()) {
            if (row > 16) {
                lanes.add(new Label("... " + (r.lanes().size() - 16) + " more"), 0, row);
                break;
            }
            lanes.add(new Label(l.name()), 0, row);
            lanes.add(new Label(l.threadName().isEmpty() ? "-" : l.threadName() + " #" + l.threadId()), 1, row);
            lanes.add(new Label(cpuText(l, r)), 2, row);
            lanes.add(new Label(l.finalState() == null ? "-" : l.finalState().label()), 3, row);
            lanes.add(new Label("pid " + l.pid() + (l.pid() == ProcessHandle.current().pid() ? " (this app)" : "")), 4, row);
            Long starting = l.stateNanos().get(org.threadlab.trace.WorkerState.STARTING);
            lanes.add(new Label(starting == null ? "-" : RunBar.formatTime(starting)), 5, row);
            Long value = returned.get(l.name());
            if (value != null) {
                Label shownValue = new Label(String.format(Locale.ROOT, "%,d", value));
                shownValue.getStyleClass().add(r.returnsReachParent() ? "returned" : "returned-lost");
                lanes.add(shownValue, 6, row);
            }
            row++;
        }
    }

    /**
     * The wall time, the speed-up against the last sequential run of the same work next to the ideal
     * of this machine (or how to get a sequential run), and, when the run measured it, that the
     * workers got less CPU than they asked for. Only a completed run's time compares.
     */
    private void showMeasured(RunResult r, Lesson lesson, RunResult sequential) {
        boolean completed = r != null && r.status() == org.threadlab.engine.RunStatus.COMPLETED;
        java.util.Optional<String> shortfall = completed ? measured.cpuShortfall(r) : java.util.Optional.empty();
        cpuShortfall.setText(shortfall.orElse(""));
        show(cpuShortfall, shortfall.isPresent());
        hasSequentialMode = lesson == null || lesson.run().modes().contains("sequential");
        boolean canCompare = completed && sequential == null && !r.mode().equals("sequential") && hasSequentialMode;
        show(runSequential, canCompare && onRunSequential != null);
        if (r == null) {
            timing.setText("");
            return;
        }
        String wall = "Wall time " + Measured.seconds(r.wallNanos()) + " in " + r.mode() + " mode"
                + (r.gil() ? " with the simulated GIL" : "");
        timing.setText(completed ? wall + ". " + measured.speedUp(r, sequential, hasSequentialMode) : wall + ".");
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /**
     * What the "Run sequentially to compare" button does: run the lesson once sequentially and come
     * back to the mode chosen before (see RunSession#runSequentialToCompare). Without it the button stays hidden.
     */
    public void setOnRunSequential(Runnable action) {
        onRunSequential = action;
    }

    /**
     * The course's next step after the result shown, e.g. "Next: try the variant “With a lock” ...":
     * a link that takes it with {@code go}, or a plain line when {@code go} is null (nothing left to
     * do). A null {@code sentence} hides it; every {@code show} hides it too, until it is given again.
     */
    public void showNextStep(String sentence, Runnable go) {
        boolean shown = sentence != null && !sentence.isBlank();
        nextStep.setText(shown ? sentence : "");
        nextStep.setOnAction(go == null ? null : e -> go.run());
        nextStep.setFocusTraversable(go != null);
        nextStep.setMouseTransparent(go == null);
        nextStep.setUnderline(false);
        nextStep.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("plain"), go == null);
        nextStep.setVisited(false);
        show(nextStep, shown);
    }

    /** Whether a next step is shown: true from {@link #showNextStep} until the next {@code show}. */
    public javafx.beans.value.ObservableBooleanValue nextStepShown() {
        return nextStep.visibleProperty();
    }

    /** The next-step line as shown: its text, or empty while hidden. */
    public Optional<String> nextStepText() {
        return nextStep.isVisible() ? Optional.of(nextStep.getText()) : Optional.empty();
    }

    /** Takes the next step shown, as a click on its link does; false when there is none to take. */
    public boolean takeNextStep() {
        if (!nextStep.isVisible() || nextStep.getOnAction() == null) {
            return false;
        }
        nextStep.fire();
        return true;
    }

    /** Hides the chart of wall times: no run on screen. */
    public void hideWallTimes() {
        wallTimes.getChildren().clear();
        show(wallTimes, false);
    }

    /**
     * A bar chart of wall times: the last completed run of this lesson, variant, workers and params
     * in each mode, the run shown ({@code current}) highlighted, each with its speed-up over the
     * sequential run among them and the most this machine allows in its mode. Hidden with fewer than
     * two modes.
     */
    public void showWallTimes(java.util.Map<String, RunResult> runs, RunResult current) {
        wallTimes.getChildren().clear();
        boolean shown = runs.size() >= 2 && current != null;
        show(wallTimes, shown);
        if (!shown) {
            return;
        }
        RunResult sequential = runs.get("sequential");
        Label title = header("Wall time of the last run in each mode with " + current.workers()
                + (current.workers() == 1 ? " worker" : " workers") + " (shorter is faster"
                + (sequential == null ? (hasSequentialMode ? "; run it sequentially too to see the speed-ups" : "")
                : "; speed-up against sequential, and the most this machine allows where the cores cap it") + ")");
        title.setWrapText(true);
        wallTimes.getChildren().add(title);
        long max = runs.values().stream().mapToLong(RunResult::wallNanos).max().orElse(1);
        String currentKey = current.mode() + (current.gil() ? " + GIL" : "");
        for (var e : runs.entrySet()) {
            RunResult run = e.getValue();
            Label mode = new Label(e.getKey());
            mode.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            mode.setPrefWidth(11 * em());
            javafx.scene.layout.Region bar = new javafx.scene.layout.Region();
            bar.getStyleClass().add("tl-wall-bar");
            bar.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("current"), e.getKey().equals(currentKey));
            double width = Math.max(2, 22 * em() * run.wallNanos() / Math.max(1, max));
            bar.setMinSize(width, 16);
            bar.setPrefSize(width, 16);
            bar.setMaxSize(width, 16);
            String ratio = "";
            if (sequential != null && run != sequential && run.wallNanos() > 0) {
                ratio = "   " + Measured.ratio((double) sequential.wallNanos() / run.wallNanos())
                        + (Measured.cpuBound(run) ? "  (at most " + measured.ideal(run) + "x here)" : "");
            } else if (run == sequential) {
                ratio = "   1x";
            }
            Label time = new Label(Measured.seconds(run.wallNanos()) + ratio);
            time.setId("wall-time-" + e.getKey().replace(" + ", "-").replace(' ', '-'));
            time.setWrapText(true);
            javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, mode, bar, time);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            wallTimes.getChildren().add(row);
        }
    }

    /** The font size in pixels, for sizes that scale with it. */
    private double em() {
        return javafx.scene.text.Font.getDefault().getSize();
    }

    /** The processes of a process-mode run: the parent and each child, its PID, how it exited, its own copy. */
    private void showProcesses(RunResult r) {
        processes.getChildren().clear();
        boolean any = r != null && !r.processes().isEmpty();
        for (javafx.scene.Node n : new javafx.scene.Node[] {processesTitle, processes}) {
            n.setVisible(any);
            n.setManaged(any);
        }
        if (!any) {
            return;
        }
        processesTitle.setText("Processes, each with its own copy of the variables (a child's writes to its copy"
                + " never reach the parent; process-shared variables are one value for all, in the final values above)");
        processes.add(header("process"), 0, 0);
        processes.add(header("pid"), 1, 0);
        processes.add(header("ran"), 2, 0);
        processes.add(header("exit status"), 3, 0);
        processes.add(header("its own copy at the end"), 4, 0);
        processes.add(new Label("parent (ThreadLab)"), 0, 1);
        processes.add(new Label(Long.toString(ProcessHandle.current().pid())), 1, 1);
        processes.add(new Label(r.lanes().stream().anyMatch(l -> l.name().equals("main")) ? "main" : "-"), 2, 1);
        processes.add(new Label("still running"), 3, 1);
        processes.add(new Label(copyText(r.shared())), 4, 1);
        int row = 2;
        for (ProcessSummary p : r.processes()) {
            Label status = new Label(exitText(p.exitStatus()));
            status.getStyleClass().add(p.exitStatus() == 0 ? "tl-exit-ok" : "tl-exit-bad");
            processes.add(new Label(p.name()), 0, row);
            processes.add(new Label(Long.toString(p.pid())), 1, row);
            processes.add(new Label(String.join(", ", p.lanes())), 2, row);
            processes.add(status, 3, row);
            processes.add(new Label(p.shared().isEmpty() ? "never reported (it died first)" : copyText(p.shared())), 4, row);
            row++;
        }
    }

    private static String copyText(java.util.Map<String, Long> shared) {
        StringBuilder sb = new StringBuilder();
        shared.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "   ").append(k).append(" = ")
                .append(String.format(Locale.ROOT, "%,d", v)));
        return sb.isEmpty() ? "-" : sb.toString();
    }


    /**
     * A worker's CPU time, or why there is none: a killed child process reported nothing (its
     * exit status says how it died), a virtual thread has no CPU clock of its own.
     */
    static String cpuText(RunResult.LaneSummary lane, RunResult r) {
        if (lane.cpuNanos() >= 0) {
            return RunBar.formatTime(lane.cpuNanos());
        }
        if (lane.finalState() == org.threadlab.trace.WorkerState.KILLED) {
            int status = r.processes().stream().filter(p -> p.pid() == lane.pid()).mapToInt(ProcessSummary::exitStatus)
                    .findFirst().orElse(-1);
            return "none: killed" + (status < 0 ? "" : ", exit status " + exitText(status));
        }
        if ("virtual-thread".equals(lane.kind())) {
            return "n/a (virtual thread)";
        }
        return "n/a";
    }

    /** An exit status as a learner reads it: 0 is a normal end, 128 + n a death by signal n. */
    static String exitText(int status) {
        if (status < 0) {
            return "unknown";
        }
        if (status == 0) {
            return "0 (exited normally)";
        }
        if (status > 128) {
            int signal = status - 128;
            return status + " (killed by signal " + signal + (signal == 9 ? ", SIGKILL" : signal == 15 ? ", SIGTERM" : "") + ")";
        }
        return status + switch (status) { // ProcessChild's exit statuses
            case 1 -> " (a worker failed)";
            case 2 -> " (could not run the lesson)";
            case 3 -> " (its parent went away)";
            default -> " (exited with an error)";
        };
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tl-caption");
        return l;
    }

    /** The prediction paragraph: see {@link PredictionFeedback}; empty for a lesson without a question. */
    static String predictionText(Lesson lesson, RunResult r, Optional<Integer> guess, RunResult sequential) {
        PredictionFeedback feedback = PredictionFeedback.of(lesson, r, guess, sequential);
        return feedback == null ? "" : feedback.summary();
    }
}

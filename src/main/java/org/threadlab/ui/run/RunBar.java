package org.threadlab.ui.run;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import atlantafx.base.theme.Styles;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.threadlab.lesson.Lesson;

/**
 * The controls of a run: what to run (mode, workers, the simulated GIL) and Run / Stop / Kill first,
 * then the replay (rewind, play, step, speed, scrubber). Both are flows of groups that stay whole
 * and wrap onto more rows in a narrow run area, so no control is ever cut at the window's edge.
 * The variant is chosen in the lesson pane, beside the listing it changes.
 */
public final class RunBar extends VBox {
    private final RunSession session;
    /** The modes as pills that wrap onto another row when the run area is narrow. */
    private final FlowPane modes = new FlowPane();
    private final ToggleGroup modeGroup = new ToggleGroup();
    private final Spinner<Integer> workers = new Spinner<>(1, 20_000, 2);
    private final Spinner<Integer> poolSize = new Spinner<>(1, 256, 2);
    private final Label poolLabel = fixed(new Label("Pool"));
    private final atlantafx.base.controls.ToggleSwitch gil = new atlantafx.base.controls.ToggleSwitch("Simulate CPython GIL");
    private final Spinner<Double> interval = new Spinner<>(0.1, 100.0, 5.0, 0.5);
    private final Button run = new Button("Run", new FontIcon(MaterialDesignP.PLAY_CIRCLE));
    private final Button stop = new Button("Stop", new FontIcon(MaterialDesignS.STOP_CIRCLE));
    private final javafx.scene.control.MenuButton kill = new javafx.scene.control.MenuButton("Kill process",
            new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignC.CLOSE_OCTAGON_OUTLINE));
    /** Keeps the finished run on screen for the pinned runs, side by side (MainWindow gives it its action). */
    private final Button pin = new Button("Pin", new FontIcon(MaterialDesignP.PIN_OUTLINE));
    private final Button play = new Button();
    private final Button step = new Button(null, new FontIcon(MaterialDesignS.SKIP_NEXT));
    private final Button rewind = new Button(null, new FontIcon(MaterialDesignS.SKIP_PREVIOUS));
    private final Slider speed = new Slider(Math.log10(RunSession.MIN_SPEED), 0, -1);
    private final Label speedLabel = new Label();
    private final Slider scrubber = new Slider(0, 1, 0);
    private final Label time = new Label();
    private boolean updatingScrubber;

    public RunBar(RunSession session) {
        this.session = session;
        getStyleClass().add("tl-run-bar");
        setSpacing(6);
        setPadding(new Insets(8, 10, 8, 10));

        // The variant is chosen beside its listing in the lesson pane, the one picker, seen from every tab.
        modes.setId("run-modes");
        modes.getStyleClass().add("tl-run-modes");
        workers.setId("workers");
        workers.setEditable(true);
        workers.valueProperty().addListener((o, a, v) -> session.workersProperty().set(v));
        session.workersProperty().addListener((o, a, v) -> workers.getValueFactory().setValue(v.intValue()));
        poolSize.setId("pool-size");
        poolSize.setEditable(true);
        poolSize.setTooltip(new Tooltip("Threads (or processes) in the pool"));
        poolSize.getValueFactory().setValue(session.poolSizeProperty().get());
        poolSize.valueProperty().addListener((o, a, v) -> session.poolSizeProperty().set(v));
        session.poolSizeProperty().addListener((o, a, v) -> poolSize.getValueFactory().setValue(v.intValue()));
        gil.setId("gil");
        gil.selectedProperty().bindBidirectional(session.gilProperty());
        gil.setTooltip(new Tooltip("A simulation of CPython's global interpreter lock: one worker at a time runs steps"));
        interval.setId("switch-interval");
        interval.setEditable(true);
        interval.disableProperty().bind(gil.selectedProperty().not());
        interval.valueProperty().addListener((o, a, v) -> session.switchIntervalMillisProperty().set(v));
        interval.setTooltip(new Tooltip("Switch interval (ms): how long a waiting worker waits before asking for the GIL"));

        run.setId("run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(false);
        run.setOnAction(e -> session.start());
        run.disableProperty().bind(session.runningProperty().or(session.lessonProperty().isNull()));
        run.setTooltip(new Tooltip("Run the lesson in the chosen mode: real threads or real child processes (Ctrl+R)"));
        stop.setId("stop");
        stop.setOnAction(e -> session.stop());
        stop.disableProperty().bind(session.runningProperty().not());

        // the process modes only: SIGKILL one running child; its lane ends "killed", the others go on
        kill.setId("kill");
        kill.setTooltip(new Tooltip("Kill one running child process with SIGKILL, as kill -9 PID would"));
        kill.disableProperty().bind(session.runningProperty().not().or(session.startingProperty()));
        kill.setOnShowing(e -> {
            kill.getItems().clear();
            for (RunSession.LiveProcess p : session.liveProcesses()) {
                javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(
                        "kill -9 " + p.pid() + "   (" + p.worker() + ")");
                item.setId("kill-" + p.worker());
                item.setOnAction(a -> session.kill(p.lane()));
                kill.getItems().add(item);
            }
            if (kill.getItems().isEmpty()) {
                javafx.scene.control.MenuItem none = new javafx.scene.control.MenuItem("No child process is running");
                none.setDisable(true);
                kill.getItems().add(none);
            }
        });
        kill.setMinWidth(Region.USE_PREF_SIZE);

        Label intervalLabel = new Label("ms switch interval");
        // What to run, in groups that stay whole and wrap onto more rows when the run area is narrow.
        HBox runButtons = group(run, stop, kill, pin);
        pin.setId("pin");
        pin.setMinWidth(Region.USE_PREF_SIZE);
        pin.setTooltip(new Tooltip("Pin the finished run, to see it beside other runs on one time axis (Ctrl+P)"));
        Label modeLabel = fixed(new Label("Mode"));
        HBox modeGroup = new HBox(8, modeLabel, modes);
        modeGroup.setAlignment(Pos.CENTER_LEFT);
        WrappingRow what = new WrappingRow(modeLabel, false, 0, modeGroup,
                group(fixed(new Label("Workers")), workers), group(poolLabel, poolSize),
                group(gil, interval, fixed(intervalLabel)), runButtons);
        what.getStyleClass().add("tl-run-what");
        // one row of pills when there is room; alone on a short row they wrap among themselves
        modes.setPrefWrapLength(10_000);
        // the pool's group goes with its spinner: a hidden spinner takes no room in the row
        poolSize.getParent().managedProperty().bind(poolSize.managedProperty());
        workers.getStyleClass().add("tl-count-spinner");
        poolSize.getStyleClass().add("tl-count-spinner");
        interval.getStyleClass().add("tl-interval-spinner");
        for (Region r : new Region[] {workers, poolSize, interval}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // a number field never shrinks to nothing
        }
        gil.setMinWidth(Region.USE_PREF_SIZE);
        run.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);

        play.setId("play");
        play.graphicProperty().bind(Bindings.when(session.playingProperty())
                .then(new FontIcon(MaterialDesignP.PAUSE)).otherwise(new FontIcon(MaterialDesignP.PLAY)));
        play.setOnAction(e -> session.togglePlay());
        play.setTooltip(new Tooltip("Play / pause the replay (Space); during a run, pause freezes the picture"
                + " while the run goes on, and play catches up with it"));
        step.setId("step");
        step.setOnAction(e -> session.stepForward());
        step.setTooltip(new Tooltip("Step to the next event (Right arrow)"));
        rewind.setId("rewind");
        rewind.setOnAction(e -> session.rewind());
        rewind.setTooltip(new Tooltip("Back to the start (Home)"));
        for (Button b : new Button[] {play, step, rewind}) {
            b.disableProperty().bind(session.feedProperty().isNull());
        }
        speed.setId("speed");
        speed.getStyleClass().add("tl-speed");
        speed.valueProperty().addListener((o, a, v) -> session.speedProperty().set(Math.pow(10, v.doubleValue())));
        speed.setValue(Math.log10(session.speedProperty().get()));
        speedLabel.textProperty().bind(Bindings.createStringBinding(() -> speedText(session.speedProperty().get()),
                session.speedProperty()));
        speedLabel.getStyleClass().add("tl-speed-text");
        scrubber.setId("scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.maxProperty().bind(session.endNanosProperty());
        session.playheadProperty().addListener((o, a, v) -> {
            updatingScrubber = true;
            scrubber.setValue(v.doubleValue());
            updatingScrubber = false;
        });
        scrubber.valueProperty().addListener((o, a, v) -> {
            if (!updatingScrubber) {
                session.seek(v.doubleValue());
            }
        });
        scrubber.disableProperty().bind(session.feedProperty().isNull());
        time.setId("time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        time.textProperty().bind(Bindings.createStringBinding(
                () -> formatTime(session.playheadProperty().get()) + " / " + formatTime(session.endNanosProperty().get()),
                session.playheadProperty(), session.endNanosProperty()));
        time.getStyleClass().add("tl-mono");
        // The replay: buttons and speed, then the scrubber with the time; the scrubber takes the
        // rest of the row, or a row of its own when the rest is too short to aim at.
        HBox transport = group(rewind, play, step);
        HBox speedGroup = group(fixed(new Label("Speed")), speed, speedLabel);
        HBox scrub = new HBox(8, scrubber, time);
        scrub.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.setMinWidth(0);
        WrappingRow replay = new WrappingRow(time, true, 14, transport, speedGroup, scrub);
        replay.getStyleClass().add("tl-run-replay");
        getChildren().addAll(what, replay);

        session.lessonProperty().addListener((o, a, l) -> showLesson(l));
        session.modeProperty().addListener((o, a, m) -> selectMode(m));
        showLesson(session.lessonProperty().get());
    }

    /** The Pin button: it pins the finished run on screen. */
    public Button pinButton() {
        return pin;
    }

    private static Label fixed(Label label) {
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** Controls that belong together (a label and its field): they wrap as one. */
    private static HBox group(javafx.scene.Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private void showLesson(Lesson lesson) {
        modes.getChildren().clear();
        modeGroup.getToggles().clear();
        if (lesson == null) {
            return;
        }
        java.util.List<String> names = lesson.run().modes();
        for (int i = 0; i < names.size(); i++) {
            String m = names.get(i);
            ToggleButton b = new ToggleButton(m);
            b.setId("mode-" + m);
            b.setToggleGroup(modeGroup);
            b.setMinWidth(Region.USE_PREF_SIZE);
            if (names.size() > 1) {
                b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == names.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            }
            b.setOnAction(e -> {
                if (b.isSelected()) {
                    session.modeProperty().set(m);
                } else {
                    b.setSelected(true); // one mode is always chosen
                }
            });
            modes.getChildren().add(b);
        }
        SpinnerRange.apply(workers, lesson.run().minWorkers(), lesson.run().maxWorkers(), session.workersProperty().get());
        selectMode(session.modeProperty().get());
    }

    private void selectMode(String mode) {
        for (javafx.scene.Node n : modes.getChildren()) {
            ToggleButton b = (ToggleButton) n;
            b.setSelected(b.getText().equals(mode));
        }
        boolean processes = "processes".equals(mode) || "process-pool".equals(mode);
        kill.setVisible(processes);
        kill.setManaged(processes);
        boolean pool = "thread-pool".equals(mode) || "process-pool".equals(mode);
        poolSize.setVisible(pool);
        poolSize.setManaged(pool);
        poolLabel.setVisible(pool);
        poolLabel.setManaged(pool);
        boolean sequential = "sequential".equals(mode);
        gil.setDisable(sequential);
        if (sequential) {
            gil.setSelected(false);
        }
    }

    public static String speedText(double speed) {
        return speed >= 0.995 ? "real time" : "1/" + Math.round(1 / speed) + " speed";
    }

    /** Nanoseconds as a short time with a unit a learner reads at a glance. */
    public static String formatTime(double nanos) {
        if (nanos >= 1e9) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    /** Sets a spinner's bounds without losing its value. */
    private static final class SpinnerRange {
        static void apply(Spinner<Integer> spinner, int min, int max, int value) {
            var factory = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
            factory.setMin(min);
            factory.setMax(max);
            factory.setValue(Math.max(min, Math.min(max, value)));
        }
    }
}

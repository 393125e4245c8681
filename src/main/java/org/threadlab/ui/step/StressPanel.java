package org.threadlab.ui.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.live.WorkerPriority;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.stress.Stress;
import org.threadlab.engine.stress.StressOutcome;
import org.threadlab.engine.stress.StressSnapshot;
import org.threadlab.lesson.Lesson;

/**
 * "Real stress": the lesson's workers (with the small counts of step mode) run over and over on
 * real threads, many short trials in strides that all threads start together ({@link Stress}). The histogram of outcomes seen and
 * the trial rate are polled once per frame ({@link #frame()}). Beside them, the outcomes that
 * exploration says are possible: those never seen are marked, because "not seen" is not "cannot
 * happen".
 */
public final class StressPanel extends VBox {
    static final Duration RUN_TIME = Duration.ofSeconds(5);

    private final Button run = new Button("Stress on real threads", new FontIcon(MaterialDesignP.PLAY));
    private final Button stop = new Button("Stop", new FontIcon(MaterialDesignS.STOP));
    private final Label rate = new Label();
    private final Label summary = new Label();
    private final Label guess = new Label();
    /** What a trial is, with the lesson's own variables and counts: body text, for the room to read. */
    private final Label how = new Label();
    /** How the threads are made to race in the same trial, and what the machine has to do it with: the fine print. */
    private final Label howDetail = new Label();
    /** This run's figures: trials, their rate, and how many sampled trials overlapped. */
    private final Label overlap = new Label();
    private final OutcomeBars bars = new OutcomeBars();
    private Lesson lesson;
    private String variant = "";
    private Supplier<String> guessText = () -> "";
    private Stress stress;
    /** Outcomes some schedule reaches, by their values; found off the FX thread before the stress starts. */
    private volatile Map<String, ExploredOutcome> possible;
    private long shownTrials = -1;
    /** When the histogram was last redrawn; while the stress runs, at most four times a second. */
    private long shownAt;
    private static final long REDRAW_NANOS = 250_000_000;
    private boolean shownFinished;
    private Map<String, ExploredOutcome> shownPossible;
    /** Why stress cannot apply to the lesson on show, in plain words; empty when it can. */
    private Optional<String> notApplicable = Optional.empty();
    private final HBox controls;

    public StressPanel() {
        getStyleClass().add("tl-stress");
        getStylesheets().add(Objects.requireNonNull(StepPanel.class.getResource("step.css")).toExternalForm());
        setSpacing(10);
        run.setId("stress-run");
        run.setTooltip(new Tooltip("Run the race many times on real threads for " + RUN_TIME.toSeconds() + " s"));
        run.setOnAction(e -> start());
        stop.setId("stress-stop");
        stop.setOnAction(e -> cancel());
        stop.setDisable(true);
        rate.setId("stress-rate");
        rate.getStyleClass().add("tl-stress-rate");
        summary.setId("stress-summary");
        summary.setWrapText(true);
        guess.getStyleClass().add("tl-guess");
        guess.setWrapText(true);
        bars.setId("stress-bars");
        how.setId("stress-how");
        how.setWrapText(true);
        howDetail.setId("stress-how-detail");
        howDetail.setWrapText(true);
        howDetail.getStyleClass().add("tl-caption");
        overlap.setId("stress-overlap");
        overlap.setWrapText(true);
        controls = new HBox(10, run, stop, rate);
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(controls, summary, how, howDetail, guess, overlap, bars);
    }

    public void guess(Supplier<String> text) {
        this.guessText = text;
    }

    /** Shows a lesson and variant; stops any stress of the one before. */
    public void show(Lesson lesson, String variant) {
        cancel();
        stress = null;
        possible = null;
        this.lesson = lesson;
        this.variant = variant == null ? "" : variant;
        shownTrials = -1;
        bars.show(List.of());
        rate.setText("");
        overlap.setText("");
        guess.setText(guessText.get());
        notApplicable = TabReasons.stress(lesson, this.variant);
        if (notApplicable.isEmpty()) {
            notApplicable = refusal(); // what TabReasons does not foresee still keeps the button off, in the engine's words
        }
        StepTabs.showWhetherApplies(notApplicable, "Runs the workers"
                + (lesson.steppingParams(this.variant).isEmpty() ? "" : ", with the small counts of step mode,")
                + " millions of times on real threads, and counts how each trial ends.", summary, run, controls, guess, bars);
        CompiledLesson compiled = notApplicable.isPresent() ? null : compile();
        how.setText(compiled == null ? "" : trialText(compiled));
        howDetail.setText(compiled == null ? "" : raceText(compiled));
        for (Label l : List.of(how, howDetail)) {
            l.setVisible(compiled != null);
            l.setManaged(compiled != null);
        }
    }

    /** What a trial is here: the lesson's own variables and counts. */
    private String trialText(CompiledLesson c) {
        int threads = c.lanes().size();
        Map<String, Long> params = lesson.steppingParams(variant);
        StringBuilder vars = new StringBuilder();
        lesson.resolve(variant).shared().variables().forEach((name, value) -> vars.append(vars.isEmpty() ? "" : ", ")
                .append(name).append(" = ").append(value));
        StringBuilder counts = new StringBuilder();
        params.forEach((name, value) -> counts.append(counts.isEmpty() ? "" : ", ").append(name).append(" = ").append(value));
        return "A trial: each of the " + threads + " workers runs its steps once"
                + (counts.isEmpty() ? "" : " (" + counts + ")") + " on a fresh copy of the shared variables"
                + (vars.isEmpty() ? "" : " (" + vars + ")") + ", then the trial's end state is counted.";
    }

    /** How the workers are made to race in the same trial, and the machine they race on. */
    private String raceText(CompiledLesson c) {
        int threads = c.lanes().size();
        int cores = Runtime.getRuntime().availableProcessors();
        return "The " + threads
                + " threads go through the same short stride of trials together: every stride has its start moment"
                + " on a timetable of the shared clock, which they agree on every millisecond, so they keep landing in"
                + " the same trial at once." + (Stress.writesOut(c) ? " Each worker's steps are turned into Java bytecode"
                + " of its own, which the JIT compiles to machine code as it does the Java listing." : "")
                + " How often a race shows depends on the machine: this one has " + cores
                + " processor" + (cores == 1 ? "" : "s") + (threads > cores ? ", fewer than the threads, so they cannot"
                + " all run at once" : "") + ", and whatever else runs takes its share of them.";
    }

    /** Why stress cannot apply to the lesson and variant on show, in a sentence; empty when it can. */
    public Optional<String> notApplicable() {
        return notApplicable;
    }

    private CompiledLesson compile() {
        return CompiledLesson.of(lesson, variant, null, lesson.steppingParams(variant));
    }

    private Optional<String> refusal() {
        try {
            return Stress.unsupported(compile());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Starts the stress threads (and an exploration for the possible outcomes) and returns at once. */
    public void start() {
        if (lesson == null || notApplicable.isPresent()) {
            return;
        }
        cancel();
        CompiledLesson compiled = compile();
        possible = null;
        // beside the stress's workers and at their priority: at a higher one it would take their processor time
        WorkerPriority.platformThread().daemon(true).name("stress-explore").start(() -> {
            ExploreResult r = new Explorer(new StepModel(compiled), ExplorePanel.LIMITS, () -> false).run();
            Map<String, ExploredOutcome> byValues = new LinkedHashMap<>();
            if (r.complete()) { // only a complete exploration can say what is possible
                r.outcomes().forEach(o -> byValues.put(key(o.kind() == ExploredOutcome.Kind.DEADLOCK, o.shared()), o));
            }
            possible = byValues;
        });
        stress = new Stress(compiled, new Stress.Limits(Long.MAX_VALUE, RUN_TIME)).start();
        shownTrials = -1;
        shownFinished = false;
        run.setDisable(true);
        stop.setDisable(false);
        guess.setText(guessText.get());
    }

    /** Asks the stress threads to stop; they end with the timetable under way, usually within a millisecond. */
    public void cancel() {
        if (stress != null) {
            stress.cancel();
        }
        stop.setDisable(true);
        run.setDisable(lesson == null || notApplicable.isPresent());
    }

    /** The stress running or last run, if any. */
    public Stress stress() {
        return stress;
    }

    /** Called once per frame: polls the stress's histogram and redraws if it changed. */
    public void frame() {
        if (stress == null) {
            return;
        }
        StressSnapshot s = stress.snapshot();
        Map<String, ExploredOutcome> can = possible;
        if (s.trials() == shownTrials && s.finished() == shownFinished && can == shownPossible) {
            return;
        }
        long now = System.nanoTime();
        if (!s.finished() && can == shownPossible && now - shownAt < REDRAW_NANOS) {
            return; // the stress threads need both cores: redrawing every frame took one from them
        }
        shownAt = now;
        shownTrials = s.trials();
        shownFinished = s.finished();
        shownPossible = can;
        rate.setText(String.format(Locale.ROOT, "%,d trials, %,.0f trials/s", s.trials(), s.trialsPerSecond()));
        overlap.setText(s.sampledTrials() == 0 ? "" : String.format(Locale.ROOT, "This run: %,d trials, %,.0f a second."
                + " In about %.1f %% of the trials sampled (%,d of %,d) two workers were inside the same trial at the"
                + " same moment, as far as the marks they leave around those trials show: only those can race.", s.trials(), s.trialsPerSecond(), 100 * s.overlapShare(),
                s.overlappedTrials(), s.sampledTrials()));
        if (s.finished()) {
            run.setDisable(false);
            stop.setDisable(true);
            summary.setText("Ended: " + s.stopReason() + ".");
        } else {
            summary.setText("Running on " + stress.compiled().lanes().size() + " threads ...");
        }
        render(s, can);
    }

    private void render(StressSnapshot s, Map<String, ExploredOutcome> can) {
        List<OutcomeBars.Row> rows = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        int i = 0;
        for (StressOutcome o : s.outcomes()) {
            String key = key(o.deadlock(), o.shared());
            seen.put(key, true);
            rows.add(new OutcomeBars.Row("stress-bar-" + i++, o.deadlock() ? OutcomeBars.Kind.DEADLOCK
                    : OutcomeBars.Kind.COMPLETED, o.deadlock() ? "DEADLOCK" : OutcomeBars.values(o.shared()),
                    o.grade(), o.trials(), String.format(Locale.ROOT, "%,d (%s)  ·  %,.0f/s", o.trials(),
                            OutcomeBars.percent(o.trials(), s.trials()), s.perSecond(o)), "", o.text()));
        }
        if (can != null) {
            for (var e : can.entrySet()) {
                if (!seen.containsKey(e.getKey())) {
                    ExploredOutcome o = e.getValue();
                    boolean deadlock = o.kind() == ExploredOutcome.Kind.DEADLOCK;
                    rows.add(new OutcomeBars.Row("stress-bar-" + i++, deadlock ? OutcomeBars.Kind.DEADLOCK
                            : OutcomeBars.Kind.COMPLETED, deadlock ? "DEADLOCK" : OutcomeBars.values(o.shared()),
                            o.grade(), 0, "0", "possible, never seen" + (s.finished() ? "" : " (yet)"), o.text().strip()));
                }
            }
        }
        bars.show(rows);
    }

    /** The key that matches a stress outcome to an explored one. */
    private static String key(boolean deadlock, Map<String, Long> shared) {
        return deadlock ? "deadlock" : OutcomeBars.values(shared);
    }

    /** The lesson's sentence under each row, in order: what a test reads. */
    List<String> rowMeanings() {
        return bars.meanings();
    }

    /** Each row as {@code values | count and note}, in order: what a test reads. */
    List<String> rowTexts() {
        List<String> out = new ArrayList<>();
        bars.rows().forEach(n -> out.add(((Label) n.getChildren().get(0)).getText()
                + " | " + ((Label) n.getChildren().get(3)).getText()));
        return out;
    }
}

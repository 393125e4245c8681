package org.threadlab.ui.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.live.WorkerPriority;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.Stories;
import org.threadlab.lesson.Lesson;

/**
 * "Every interleaving": explores every schedule of the lesson (with its {@code stepping.params}) on
 * a background thread and shows the final outcomes as bars, graded, with how many schedules reach
 * each. Clicking a bar replays one schedule that reaches it in step mode. The result is picked up
 * by {@link #frame()}, which the window calls once per frame.
 */
public final class ExplorePanel extends VBox {
    /** Limits for the window: a learner should not wait long; the CLI can go further. */
    static final Explorer.Limits LIMITS = new Explorer.Limits(2_000_000, Duration.ofSeconds(10));

    private final Button run = new Button("Explore every interleaving", new FontIcon(MaterialDesignS.SITEMAP));
    private final Label summary = new Label();
    private final Label guess = new Label();
    private final OutcomeBars bars = new OutcomeBars();
    private final Label hint = new Label();
    private Lesson lesson;
    private String variant = "";
    private Supplier<String> guessText = () -> "";
    private BiConsumer<String, List<Integer>> onReplay = (v, s) -> {};
    private volatile ExploreResult done;
    private volatile String failed;
    private AtomicBoolean cancel = new AtomicBoolean();
    private Thread worker;
    private ExploreResult shown;
    /** Why exploring cannot apply to the lesson on show, in plain words; empty when it can. */
    private Optional<String> notApplicable = Optional.empty();
    private final HBox controls;

    public ExplorePanel() {
        getStyleClass().add("tl-explore");
        getStylesheets().add(Objects.requireNonNull(StepPanel.class.getResource("step.css")).toExternalForm());
        setSpacing(10);
        run.setId("explore-run");
        run.setTooltip(new Tooltip("Try every order in which the workers' steps can interleave"));
        run.setOnAction(e -> start());
        summary.setId("explore-summary");
        summary.setWrapText(true);
        guess.getStyleClass().add("tl-guess");
        guess.setWrapText(true);
        hint.getStyleClass().add("tl-step-hint");
        hint.setText("Click a bar to replay one schedule that ends there, in step mode.");
        hint.setVisible(false);
        controls = new HBox(10, run);
        controls.setAlignment(Pos.CENTER_LEFT);
        bars.setId("explore-bars");
        getChildren().addAll(controls, summary, guess, bars, hint);
    }

    /** What to do when a bar is clicked: replay the schedule (lane numbers) of the variant. */
    public void onReplay(BiConsumer<String, List<Integer>> action) {
        this.onReplay = action;
    }

    /** The learner's prediction, as a sentence, or {@code ""}. */
    public void guess(Supplier<String> text) {
        this.guessText = text;
    }

    /** Shows a lesson and variant; forgets (and cancels) any exploration of the one before. */
    public void show(Lesson lesson, String variant) {
        cancel();
        this.lesson = lesson;
        this.variant = variant == null ? "" : variant;
        shown = null;
        done = null;
        failed = null;
        bars.show(List.of());
        hint.setVisible(false);
        notApplicable = TabReasons.explore(lesson, this.variant);
        StepTabs.showWhetherApplies(notApplicable, "Tries every order of the workers' atomic steps"
                + (smallCounts().isEmpty() ? "" : "," + smallCounts() + " (step mode's small counts),")
                + " and grades where each one ends."
                + (TabReasons.processMode(lesson, this.variant) ? " " + TabReasons.AS_THREADS : ""),
                summary, run, controls, guess, bars);
        guess.setText(guessText.get());
    }

    /** Why exploring cannot apply to the lesson and variant on show, in a sentence; empty when it can. */
    public Optional<String> notApplicable() {
        return notApplicable;
    }

    /** Starts exploring off the FX thread. */
    public void start() {
        if (lesson == null || notApplicable.isPresent()) {
            return;
        }
        cancel();
        AtomicBoolean mine = new AtomicBoolean();
        cancel = mine;
        done = null;
        failed = null;
        shown = null;
        run.setDisable(true);
        summary.setText("Exploring ...");
        Lesson l = lesson;
        String v = variant;
        // a lesson's work, at the priority of its runs' threads (WorkerPriority)
        worker = WorkerPriority.platformThread().daemon(true).name("explore").start(() -> {
            try {
                StepModel model = Stories.model(l, v);
                ExploreResult r = new Explorer(model, LIMITS, mine::get).run();
                if (!mine.get()) {
                    done = r;
                }
            } catch (RuntimeException e) {
                failed = "Cannot explore this lesson: " + e.getMessage();
            }
        });
    }

    /** Stops an exploration in progress (it ends within a few thousand states). */
    public void cancel() {
        cancel.set(true);
        run.setDisable(notApplicable.isPresent());
    }

    /** Waits for the background thread, for tests and closing. */
    void join(Duration wait) throws InterruptedException {
        Thread t = worker;
        if (t != null) {
            t.join(wait);
        }
    }

    /** Called once per frame: shows a finished exploration. */
    public void frame() {
        String f = failed;
        if (f != null) {
            failed = null;
            summary.setText(f);
            run.setDisable(false);
        }
        ExploreResult r = done;
        if (r == null || r == shown) {
            return;
        }
        shown = r;
        run.setDisable(false);
        guess.setText(guessText.get());
        render(r);
    }

    /** The result on show, if any. */
    public ExploreResult result() {
        return shown;
    }

    /** " with n = 3, rounds = 1" when the lesson's small stepping counts stand in for its own, else "". */
    private String smallCounts() {
        StringBuilder sb = new StringBuilder();
        lesson.steppingParams(variant).forEach((k, v) -> sb.append(sb.isEmpty() ? " with " : ", ").append(k).append(" = ").append(v));
        return sb.toString();
    }

    private void render(ExploreResult r) {
        if (r.complete()) {
            summary.setText(String.format(Locale.ROOT, "Every schedule explored%s: %s in all, through %,d distinct states,"
                    + " in %.1f ms. %d different ending%s.", smallCounts(), count(r.schedules()), r.states(), r.nanos() / 1e6,
                    r.outcomes().size(), r.outcomes().size() == 1 ? "" : "s"));
        } else {
            summary.setText(String.format(Locale.ROOT, "Stopped at %s after %,d states: the outcomes below are those found"
                    + " so far, not all.", r.stopReason(), r.states()));
        }
        List<OutcomeBars.Row> rows = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < r.outcomes().size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> compare(r.outcomes().get(a), r.outcomes().get(b)));
        for (int i : order) {
            ExploredOutcome o = r.outcomes().get(i);
            String values = switch (o.kind()) {
                case DEADLOCK -> "DEADLOCK";
                case FAILED -> "FAILED";
                case COMPLETED -> OutcomeBars.values(o.shared());
            };
            String countText = o.schedules() < 0 ? "found" : count(o.schedules()) + " schedule"
                    + (o.schedules() == 1 ? "" : "s") + " (" + OutcomeBars.percent(o.schedules(), r.schedules()) + ")";
            OutcomeBars.Kind kind = switch (o.kind()) {
                case DEADLOCK -> OutcomeBars.Kind.DEADLOCK;
                case FAILED -> OutcomeBars.Kind.FAILED;
                case COMPLETED -> OutcomeBars.Kind.COMPLETED;
            };
            rows.add(new OutcomeBars.Row("explore-bar-" + i, kind, values, o.grade(), Math.max(1, o.schedules()), countText,
                    "", o.text().strip()));
        }
        List<javafx.scene.layout.HBox> nodes = bars.show(rows);
        for (javafx.scene.layout.HBox node : nodes) {
            int index = Integer.parseInt(node.getId().substring("explore-bar-".length()));
            ExploredOutcome o = r.outcomes().get(index);
            // the row and the sentence under it answer the mouse as one
            javafx.scene.layout.VBox entry = OutcomeBars.entry(node);
            entry.getStyleClass().add("tl-clickable");
            Tooltip.install(entry, new Tooltip(rows.get(nodes.indexOf(node)).values() + "\n" + o.text().strip()
                    + "\nClick to replay one schedule that ends here."));
            entry.setOnMouseClicked(e -> onReplay.accept(variant, o.schedule()));
        }
        hint.setVisible(!nodes.isEmpty());
    }

    /** The lesson's sentence under each outcome row, in order: what a test reads. */
    List<String> rowMeanings() {
        return bars.meanings();
    }

    /** Completed outcomes first, by their values in order; then deadlocks and failures. */
    static int compare(ExploredOutcome a, ExploredOutcome b) {
        int kind = a.kind().compareTo(b.kind());
        if (kind != 0) {
            return kind;
        }
        List<Long> x = List.copyOf(a.shared().values());
        List<Long> y = List.copyOf(b.shared().values());
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = Long.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static String count(long n) {
        return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format(Locale.ROOT, "%,d", n);
    }
}

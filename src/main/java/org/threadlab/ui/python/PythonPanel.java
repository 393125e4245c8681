package org.threadlab.ui.python;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.python.GilComparison;
import org.threadlab.engine.python.OutputLine;
import org.threadlab.engine.python.PythonInterpreter;
import org.threadlab.engine.python.PythonJob;
import org.threadlab.engine.python.PythonListener;
import org.threadlab.engine.python.PythonResult;
import org.threadlab.engine.python.PythonRunner;
import org.threadlab.engine.python.PythonTask;
import org.threadlab.engine.python.PythonUnavailableException;
import org.threadlab.engine.python.SimulatedSpeedUps;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Listing;
import org.threadlab.lesson.PythonRun;

/**
 * "Your Python": the open lesson's Python listing (the variant shown) run for real on the learner's
 * own interpreter, its output streamed as it prints, its wall and CPU time measured; for a lesson
 * about speed, the same listing in each of its modes beside ThreadLab's simulated GIL.
 *
 * <p>This is the one place ThreadLab runs code a lesson carries, so nothing runs before the
 * learner presses a button and agrees to the exact code, command line and interpreter
 * ({@link Consent}). The lines printed come from the runner's threads into a queue; the window's
 * frame ({@link #frame()}) moves them to the screen. The panel shows one run of one lesson and
 * variant: another lesson or variant stops a run under way and clears it.
 */
public final class PythonPanel extends VBox {
    /** Asks the learner before a listing runs; true to run it. Called on the FX thread. */
    @FunctionalInterface
    public interface Consent {
        boolean ask(ConsentRequest request);
    }

    /**
     * What the learner agrees to.
     *
     * @param lesson      the lesson (its title and where it comes from)
     * @param builtIn     one of ThreadLab's own lessons
     * @param code        the listing's code, exactly as it will run
     * @param command     the command line, as the learner would type it
     * @param interpreter the Python that runs it
     * @param timeout     the run's time limit
     * @param runs        how many runs (one, or one per mode of a comparison)
     */
    public record ConsentRequest(Lesson lesson, boolean builtIn, String code, String command,
                                 PythonInterpreter interpreter, Duration timeout, int runs) {}

    /** Most lines the output area keeps; older ones are dropped from its top (the runner counts all). */
    static final int SHOWN_LINES = 1_000;
    /** Most lines moved to the screen in one frame, so a chatty listing cannot stall the window. */
    private static final int LINES_PER_FRAME = 200;

    private final Engine engine;
    private final Label heading = new Label("Your Python, for real", new FontIcon(MaterialDesignL.LANGUAGE_PYTHON));
    private final Label intro = new Label();
    private final Label interpreterLabel = new Label("Looking for Python on this computer…");
    private final Button change = new Button("Change…");
    private final Spinner<Integer> scale = new Spinner<>(1, 1_000_000, 1);
    private final Label countsLabel = new Label();
    private final Button run = new Button("Run the Python listing", new FontIcon(MaterialDesignP.PLAY));
    private final Button compare = new Button("Compare with the simulated GIL", new FontIcon(MaterialDesignS.SCALE_BALANCE));
    private final Button stop = new Button("Stop", new FontIcon(MaterialDesignS.STOP));
    private final Label command = new Label();
    private final Label status = new Label();
    private final TextArea output = new TextArea();
    private final VBox comparison = new VBox(6);
    private final ConcurrentLinkedQueue<OutputLine> pending = new ConcurrentLinkedQueue<>();

    private Consent consent = request -> false;
    private Consumer<PythonResult> onResult = r -> {};
    private java.util.function.Predicate<Lesson> builtIn = l -> false;
    private Lesson lesson;
    private String variant = "";
    private Listing listing;
    private String interpreterCommand = "";
    private Consumer<String> onInterpreterChosen = c -> {};
    /** The interpreter found for {@link #interpreterCommand}, or why there is none; null while asking. */
    private volatile Object found;
    private CompletableFuture<Object> finding;
    private PythonJob<?> job;
    /** What runs now: a single run or a comparison, for the status line; null when idle. */
    private volatile String runningWhat;
    private volatile long runStartedNanos;
    private CompletableFuture<SimulatedSpeedUps> simulated;
    private int shownLines;
    /** Bumped by every new lesson, variant or run, so a late result of an older one is dropped. */
    private int generation;

    public PythonPanel(Engine engine) {
        this.engine = engine;
        getStyleClass().add("tl-python-panel");
        setId("python-panel");
        setSpacing(10);
        setFillWidth(true);
        heading.getStyleClass().addAll("tl-section-title", "title-3");
        heading.setWrapText(true);
        intro.setWrapText(true);
        interpreterLabel.setWrapText(true);
        interpreterLabel.setId("python-interpreter");
        change.setId("python-change");
        change.setOnAction(e -> chooseInterpreter());
        HBox interpreterRow = new HBox(8, interpreterLabel, change);
        interpreterRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(interpreterLabel, Priority.ALWAYS);

        scale.setEditable(true);
        scale.setId("python-scale");
        scale.setPrefWidth(110);
        scale.valueProperty().addListener((o, a, k) -> showCounts());
        countsLabel.setWrapText(true);
        countsLabel.setId("python-counts");
        Label divide = new Label("Counts divided by");
        divide.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        change.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        scale.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox scaleRow = new HBox(8, divide, scale, countsLabel);
        scaleRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(countsLabel, Priority.ALWAYS);

        run.setId("python-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> start(false));
        compare.setId("python-compare");
        compare.setOnAction(e -> start(true));
        stop.setId("python-stop");
        stop.setDisable(true);
        stop.setOnAction(e -> stopRun());
        FlowPane buttons = new FlowPane(8, 8, run, compare, stop);

        command.getStyleClass().add("tl-python-command");
        command.setStyle("-fx-font-family: monospace;");
        command.setId("python-command");
        command.setWrapText(true);
        status.setId("python-status");
        status.setWrapText(true);
        status.getStyleClass().add("tl-python-status");
        output.setEditable(false);
        output.setWrapText(false);
        output.setId("python-output");
        output.setStyle("-fx-font-family: monospace;");
        output.getStyleClass().add("tl-python-output");
        output.setPrefRowCount(12);
        output.setPromptText("What the listing prints appears here as it prints it; lines it writes to standard error"
                + " (tracebacks, warnings) start with \"! \".");
        VBox.setVgrow(output, Priority.ALWAYS);
        comparison.setId("python-comparison");
        getChildren().addAll(heading, intro, interpreterRow, scaleRow, buttons, command, status, output, comparison);
        show(null, "");
    }

    // ---- wiring

    public void setConsent(Consent consent) {
        this.consent = consent;
    }

    /** Called with every finished single run (not comparisons), for the wall-time chart. */
    public void onResult(Consumer<PythonResult> action) {
        this.onResult = action;
    }

    /** Which lessons are ThreadLab's own: theirs may run without asking once the learner said so. */
    public void setBuiltIn(java.util.function.Predicate<Lesson> test) {
        this.builtIn = test;
    }

    /**
     * The interpreter to use ({@code ""} = python3 on the PATH), and where a new choice is kept.
     * Asking it what it is happens off the FX thread.
     */
    public void useInterpreter(String commandOrPath, Consumer<String> onChosen) {
        this.onInterpreterChosen = onChosen;
        findInterpreter(commandOrPath);
    }

    // ---- the lesson shown

    /** The lesson and variant whose listing runs here; a run of another is stopped and cleared. */
    public void show(Lesson lesson, String variant) {
        String v = variant == null ? "" : variant;
        if (lesson == this.lesson && v.equals(this.variant) && lesson != null) {
            return;
        }
        stopRun(); // its late result is dropped by the generation below; its processes are killed
        generation++;
        job = null;
        simulated = null;
        runningWhat = null;
        this.lesson = lesson;
        this.variant = v;
        listing = lesson == null ? null : lesson.resolve(v).listing("python").orElse(null);
        output.clear();
        shownLines = 0;
        pending.clear();
        comparison.getChildren().clear();
        status.setText("");
        command.setText("");
        PythonRun pr = pythonRun();
        scale.getValueFactory().setValue((int) Math.min(Integer.MAX_VALUE, pr == null ? 1 : pr.scale()));
        if (lesson == null) {
            intro.setText("");
        } else if (listing == null) {
            intro.setText("This lesson has no Python listing.");
        } else {
            String variantTitle = lesson.resolve(v).variants().isEmpty() ? ""
                    : " (variant “" + lesson.resolve(v).variants().get(0).title() + "”)";
            intro.setText("Runs this lesson's Python listing" + variantTitle + ", the code in its Python tab, on the"
                    + " Python installed on this computer: real CPython threads and processes, measured here, not"
                    + " ThreadLab's simulation."
                    + (pr != null && pr.hangsOnPurpose() ? " This listing " + hangText(pr) + " on purpose: it runs until"
                    + " its " + pr.timeoutSeconds() + " s limit or until you press Stop." : ""));
        }
        showCounts();
        refreshButtons();
    }

    /** Whether this lesson's shown variant has a Python listing that can run. */
    public boolean canRun() {
        return listing != null;
    }

    public Lesson lesson() {
        return lesson;
    }

    public String variant() {
        return variant;
    }

    private PythonRun pythonRun() {
        return listing == null ? null : listing.pythonRun().orElse(null);
    }

    private static String hangText(PythonRun pr) {
        return pr.hangs().equals("deadlock") ? "deadlocks" : "waits for a wake-up that never comes";
    }

    private void showCounts() {
        PythonRun pr = pythonRun();
        if (listing == null) {
            countsLabel.setText("");
            return;
        }
        if (pr == null || pr.counts().isEmpty()) {
            countsLabel.setText("(this listing takes no counts: it runs as written)");
            return;
        }
        long k = Math.max(1, scale.getValue());
        StringBuilder sb = new StringBuilder();
        Map<String, Long> at = pr.countsAt(k);
        for (var e : pr.counts().entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(",  ");
            }
            sb.append(e.getKey()).append(" = ").append(String.format(Locale.ROOT, "%,d", at.get(e.getKey())));
            if (k > 1) {
                sb.append(String.format(Locale.ROOT, " (written %,d)", e.getValue()));
            }
        }
        countsLabel.setText(sb + (k == pr.scale() && k > 1 ? "  ·  a run of a few seconds" : ""));
    }

    // ---- the interpreter

    private void findInterpreter(String commandOrPath) {
        interpreterCommand = commandOrPath == null ? "" : commandOrPath.strip();
        found = null;
        interpreterLabel.setText("Looking for " + (interpreterCommand.isEmpty() ? "python3 on the PATH" : interpreterCommand) + "…");
        String asked = interpreterCommand;
        CompletableFuture<Object> shown = new CompletableFuture<>(); // completes once found is set, on the FX thread
        finding = shown;
        CompletableFuture.supplyAsync(() -> {
            try {
                return (Object) PythonInterpreter.find(asked.isEmpty() ? null : asked);
            } catch (PythonUnavailableException e) {
                return e.getMessage();
            }
        }).thenAccept(result -> Platform.runLater(() -> {
            if (!asked.equals(interpreterCommand)) {
                shown.complete(result);
                return; // another choice came since
            }
            found = result;
            if (result instanceof PythonInterpreter p) {
                interpreterLabel.setText(p.label() + "  ·  " + p.gilLabel() + "  ·  " + p.executable());
            } else {
                interpreterLabel.setText("No Python to run: " + result + " Install Python 3.10 or newer, or choose one"
                        + " with Change….");
            }
            refreshButtons();
            shown.complete(result);
        }));
    }

    private void chooseInterpreter() {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(interpreterCommand);
        d.setTitle("Which Python?");
        d.setHeaderText("The Python that runs the lessons' Python listings");
        d.setContentText("A command on the PATH (python3, python3.13t for a free-threaded build) or the path of an"
                + " interpreter (a virtual environment's bin/python). Empty: python3 on the PATH.");
        d.getDialogPane().setPrefWidth(560);
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.showAndWait().ifPresent(choice -> {
            findInterpreter(choice);
            onInterpreterChosen.accept(interpreterCommand);
        });
    }

    /** The interpreter in use, once found. */
    public Optional<PythonInterpreter> interpreter() {
        return found instanceof PythonInterpreter p ? Optional.of(p) : Optional.empty();
    }

    /** Waits (off the FX thread) until the interpreter has been asked; for tests. */
    public CompletableFuture<Object> interpreterSearch() {
        return finding == null ? CompletableFuture.completedFuture(null) : finding;
    }

    private void refreshButtons() {
        boolean idle = job == null && simulated == null;
        boolean ready = listing != null && pythonRun() != null && found instanceof PythonInterpreter;
        run.setDisable(!idle || !ready);
        PythonRun pr = pythonRun();
        boolean comparable = pr != null && !pr.modes().isEmpty();
        compare.setVisible(comparable);
        compare.setManaged(comparable);
        compare.setDisable(!idle || !ready);
        stop.setDisable(idle);
        change.setDisable(!idle);
        scale.setDisable(!idle || listing == null);
        if (listing != null && pr == null && lesson != null) {
            status.setText("This listing does not say how it runs (no python-run: beside it in the lesson file),"
                    + " so ThreadLab does not run it.");
        }
    }

    // ---- running

    /** Starts a run of the shown listing as soon as the interpreter is known (the learner is asked first). */
    public void runWhenReady() {
        if (found instanceof PythonInterpreter) {
            start(false);
        } else if (finding != null) {
            int gen = generation;
            finding.thenRun(() -> {
                if (gen == generation && found instanceof PythonInterpreter) { // on the FX thread: found is set there
                    start(false);
                }
            });
        }
    }

    private PythonTask task() {
        return PythonTask.of(lesson, variant).atScale(Math.max(1, scale.getValue()));
    }

    private void start(boolean comparing) {
        if (!(found instanceof PythonInterpreter python) || listing == null || job != null) {
            return;
        }
        PythonTask task = task();
        String line = String.join(" ", task.commandLine(python.command(), "http://127.0.0.1:PORT")) + (comparing ? "  --mode " + String.join("|", pythonRun().modes()) : "");
        boolean own = builtIn.test(lesson);
        if (!consent.ask(new ConsentRequest(lesson, own, listing.code(), line, python, task.timeout(),
                comparing ? pythonRun().modes().size() : 1))) {
            status.setText("Not run: you did not agree to run it.");
            return;
        }
        int gen = ++generation;
        output.clear();
        shownLines = 0;
        pending.clear();
        comparison.getChildren().clear();
        command.setText("$ " + line);
        PythonRunner runner = new PythonRunner(python);
        PythonListener listener = new PythonListener() {
            @Override
            public void line(OutputLine l) {
                pending.add(l);
            }

            @Override
            public void started(PythonTask t, List<String> c, long pid) {
                pending.add(new OutputLine(false, "── " + (t.mode().isEmpty() ? "started" : "mode " + t.mode())
                        + ", process " + pid + " ──", 0));
            }
        };
        try {
            runStartedNanos = System.nanoTime();
            if (comparing) {
                runningWhat = "Running the listing once per mode, one after another";
                PythonJob<GilComparison> j = runner.compare(task, listener);
                job = j;
                j.result().whenComplete((c, err) -> Platform.runLater(() -> compared(gen, c, err)));
            } else {
                runningWhat = "Running";
                PythonJob<PythonResult> j = runner.start(task, listener);
                job = j;
                j.result().whenComplete((r, err) -> Platform.runLater(() -> finished(gen, r, err)));
            }
        } catch (IOException | RuntimeException e) {
            job = null;
            runningWhat = null;
            status.setText("Could not start Python: " + e.getMessage());
        }
        refreshButtons();
    }

    private void stopRun() {
        PythonJob<?> j = job;
        if (j != null) {
            j.stop();
        }
        CompletableFuture<SimulatedSpeedUps> s = simulated;
        if (s != null) {
            s.cancel(true);
        }
    }

    private void finished(int gen, PythonResult r, Throwable err) {
        if (gen != generation) {
            return;
        }
        job = null;
        runningWhat = null;
        frame(); // the last lines before the verdict
        if (err != null) {
            status.setText("The run failed: " + rootMessage(err));
        } else {
            status.setText(summary(r));
            onResult.accept(r);
        }
        refreshButtons();
    }

    /** "Completed (exit 0) in 2.41 s wall, 2.38 s CPU, n = 10,000, on CPython 3.11.7, GIL enabled." */
    static String summary(PythonResult r) {
        String counts = r.task().countsText();
        String how = switch (r.ending()) {
            case COMPLETED -> "Completed (exit 0)";
            case FAILED -> "Failed with exit code " + r.exitCode() + " (see the lines above)";
            case TIMED_OUT -> r.hangsOnPurpose()
                    ? "Still waiting at its " + r.task().timeout().toSeconds() + " s limit, as the lesson says it would:"
                            + " nothing in CPython breaks it; ThreadLab stopped it"
                    : "Stopped at its " + r.task().timeout().toSeconds() + " s limit";
            case STOPPED -> "Stopped by you";
        };
        return how + ". Wall " + r.wallText() + ", CPU " + r.cpuText()
                + (counts.isEmpty() ? "" : ", " + counts) + ", on " + r.interpreter().label() + ", "
                + r.interpreter().gilLabel() + "."
                + (r.leftoversKilled() > 0 ? " It left " + r.leftoversKilled() + " process"
                + (r.leftoversKilled() == 1 ? "" : "es") + " running, which ThreadLab ended." : "");
    }

    private void compared(int gen, GilComparison c, Throwable err) {
        if (gen != generation) {
            return;
        }
        frame();
        if (err != null || c == null) {
            job = null;
            runningWhat = null;
            status.setText("The comparison failed: " + (err == null ? "no result" : rootMessage(err)));
            refreshButtons();
            return;
        }
        List<String> modes = pythonRun().modes();
        if (!c.complete(modes)) {
            job = null;
            runningWhat = null;
            status.setText("Not every mode ran to its end, so there is nothing to compare: "
                    + String.join("; ", c.runs().stream().map(r -> (r.mode().isEmpty() ? "run" : r.mode()) + " "
                    + r.endingText()).toList()) + ".");
            showComparison(c, null);
            refreshButtons();
            return;
        }
        // ThreadLab's side, after CPython's and not beside it: two runs at once would share the two cores
        job = null;
        runningWhat = "Now ThreadLab's own runs of this lesson: sequential, then each mode with the simulated GIL";
        runStartedNanos = System.nanoTime();
        Lesson l = lesson;
        String v = variant;
        simulated = CompletableFuture.supplyAsync(() -> {
            try {
                return SimulatedSpeedUps.measure(engine, l, v, modes, RunConfig.DEFAULT_SWITCH_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("stopped");
            }
        });
        refreshButtons();
        simulated.whenComplete((s, e) -> Platform.runLater(() -> {
            if (gen != generation) {
                return;
            }
            simulated = null;
            runningWhat = null;
            showComparison(c, e == null ? s : null);
            status.setText(e == null ? "Compared: CPython's real runs above, ThreadLab's simulated GIL beside them."
                    : "CPython's runs are above; ThreadLab's own runs did not finish (" + rootMessage(e) + ").");
            refreshButtons();
        }));
    }

    private void showComparison(GilComparison c, SimulatedSpeedUps s) {
        comparison.getChildren().clear();
        PythonInterpreter p = c.runs().isEmpty() ? null : c.runs().get(0).interpreter();
        Label title = new Label("Speed-up over sequential: " + (p == null ? "CPython" : p.label() + ", " + p.gilLabel())
                + " (real) against ThreadLab's simulated GIL");
        title.getStyleClass().add("tl-step-section");
        title.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setId("python-comparison-grid");
        grid.addRow(0, bold("mode"), bold("CPython"), bold("speed-up"), bold("ThreadLab"), bold("speed-up"), bold(""));
        int row = 1;
        for (String mode : pythonRun().modes()) {
            Optional<PythonResult> r = c.run(mode);
            String wall = r.map(PythonResult::wallText).orElse("not run");
            java.util.OptionalDouble up = c.speedUp(mode);
            double sim = s == null ? Double.NaN : s.speedUp(mode);
            Long simWall = s == null ? null : s.wallNanos().get(mode);
            String agree = "";
            if (!mode.equals(GilComparison.SEQUENTIAL) && up.isPresent() && !Double.isNaN(sim)) {
                agree = SimulatedSpeedUps.verdict(up.getAsDouble(), sim);
            }
            Label agreeLabel = new Label(agree);
            agreeLabel.setId("python-agree-" + mode);
            Label realUp = new Label(mode.equals(GilComparison.SEQUENTIAL) ? "1.00x"
                    : up.isPresent() ? String.format(Locale.ROOT, "%.2fx", up.getAsDouble()) : "–");
            realUp.setId("python-speedup-" + mode);
            grid.addRow(row++, new Label(mode), new Label(wall), realUp,
                    new Label(simWall == null ? (s == null ? "–" : "did not complete")
                            : String.format(Locale.ROOT, "%.2f s%s", simWall / 1e9, mode.equals("sequential") ? "" : ", GIL")),
                    new Label(mode.equals(GilComparison.SEQUENTIAL) ? (s == null ? "–" : "1.00x")
                            : Double.isNaN(sim) ? "–" : String.format(Locale.ROOT, "%.2fx", sim)), agreeLabel);
        }
        Label note = new Label("CPython ran the listing with its own counts (" + (c.runs().isEmpty() ? ""
                : c.runs().get(0).task().countsText()) + "); ThreadLab ran the lesson with its own. A speed-up is a"
                + " ratio, so the two compare; the times do not. Both depend on this machine: with "
                + Runtime.getRuntime().availableProcessors() + " processors, and others' work on them, no mode can"
                + " go more than " + Runtime.getRuntime().availableProcessors() + "x.");
        if (s != null && s.wallNanos().containsKey("sequential") && pythonRun().modes().contains("processes")) {
            java.util.OptionalDouble realUp = c.speedUp("processes");
            double simUp = s.speedUp("processes");
            if (realUp.isPresent() && !Double.isNaN(simUp) && !SimulatedSpeedUps.agree(realUp.getAsDouble(), simUp)
                    && simUp < realUp.getAsDouble()) {
                note.setText(note.getText() + String.format(Locale.ROOT, " Here ThreadLab's processes gain less: its"
                        + " sequential run took only %.2f s, and each of its processes is a new JVM whose start-up and"
                        + " warm-up take a part of that which CPython's longer run hides.", s.wallNanos().get("sequential") / 1e9));
            }
        }
        note.setText(note.getText() + " The CPython times include its interpreter's start-up.");
        note.setWrapText(true);
        note.getStyleClass().add("tl-caption");
        for (javafx.scene.Node n : grid.getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a table cut to "sequent..." says nothing
            }
        }
        javafx.scene.control.ScrollPane wide = new javafx.scene.control.ScrollPane(grid); // a narrow pane scrolls it
        wide.setFitToHeight(true);
        wide.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        wide.getStyleClass().add("edge-to-edge");
        comparison.getChildren().addAll(title, wide, note);
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- per frame

    /** Moves the lines printed since the last frame to the screen, and the running time to the status line. */
    public void frame() {
        int moved = 0;
        StringBuilder sb = new StringBuilder();
        OutputLine l;
        while (moved < LINES_PER_FRAME && (l = pending.poll()) != null) {
            sb.append(l.stderr() ? "! " : "").append(l.text()).append('\n');
            moved++;
        }
        if (moved > 0) {
            output.appendText(sb.toString());
            shownLines += moved;
            if (shownLines > SHOWN_LINES) {
                String text = output.getText();
                int cut = 0;
                for (int i = 0; i < shownLines - SHOWN_LINES; i++) {
                    cut = text.indexOf('\n', cut) + 1;
                }
                output.deleteText(0, cut);
                shownLines = SHOWN_LINES;
            }
        }
        String what = runningWhat;
        if (what != null) {
            status.setText(String.format(Locale.ROOT, "%s… %.1f s", what, (System.nanoTime() - runStartedNanos) / 1e9));
        }
    }

    /** Whether a run or comparison is under way. */
    public boolean isRunning() {
        return job != null || simulated != null;
    }

    /** The output area's text, for tests. */
    public String outputText() {
        return output.getText();
    }

    public String statusText() {
        return status.getText();
    }

    /** Stops what runs; for closing the window. */
    public void dispose() {
        generation++;
        stopRun();
    }
}

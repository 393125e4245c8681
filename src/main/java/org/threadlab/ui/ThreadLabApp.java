package org.threadlab.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.lesson.CompletionStore;
import org.threadlab.ui.settings.Settings;
import org.threadlab.ui.settings.WindowLayout;

/** The ThreadLab application: the main window, its theme, and the snapshot mode for slides and docs. */
public final class ThreadLabApp extends Application {
    /** What the process should exit with once the window is gone: 1 if options or a snapshot failed. */
    private static volatile int exitStatus;
    /**
     * What {@link #launchApp} began loading before JavaFX started, for the window it opens (JavaFX
     * makes the application object itself, so it can only be handed over here); null in tests.
     */
    private static volatile Preload preload;
    private MainWindow window;
    private Stage stage;
    private Settings settings;
    /** The window's size when it was last neither maximised nor minimised: what a maximised window goes back to. */
    private double normalWidth;
    private double normalHeight;
    private boolean layoutSaved;

    /** Opens the window (or makes a snapshot) and returns, when it closes, the status to exit with. */
    public static int launchApp(String[] args) {
        boolean snapshot = java.util.Arrays.asList(args).contains("--snapshot");
        if (snapshot && (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank())) {
            // No screen: render with the headless Monocle platform and the software pipeline.
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            // Monocle's headless screen must be at least as large as the window, or painting overflows.
            System.setProperty("headless.geometry", "3840x2400-32");
        }
        if (!snapshot) {
            preload = Preload.begin(addedLessons(args)); // on other threads while the JavaFX toolkit starts on this one
        }
        StartupLog.phase("launching JavaFX");
        Application.launch(ThreadLabApp.class, args);
        return exitStatus;
    }

    /** The folders of {@code --lessons DIR} (or {@code --lessons=DIR}), read before the options are parsed. */
    static java.util.List<java.nio.file.Path> addedLessons(String... args) {
        java.util.List<java.nio.file.Path> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lessons") && i + 1 < args.length) {
                out.add(java.nio.file.Path.of(args[++i]));
            } else if (args[i].startsWith("--lessons=")) {
                out.add(java.nio.file.Path.of(args[i].substring("--lessons=".length())));
            }
        }
        return out;
    }

    private static void fail(String message) {
        System.err.println(message);
        exitStatus = 1;
    }

    @Override
    public void start(Stage stage) {
        StartupLog.phase("JavaFX started");
        AppOptions options;
        try {
            options = AppOptions.parse(getParameters().getRaw().toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            fail(e.getMessage());
            Platform.exit();
            return;
        }
        start(stage, options);
    }

    /**
     * Builds the window with these options, remembering completed lessons and the window's layout in
     * the user's preferences; a snapshot uses and changes none of it (a picture of a fresh window).
     */
    public MainWindow start(Stage stage, AppOptions options) {
        Preload loaded = preload;
        preload = null;
        if (options.snapshot != null) {
            return start(stage, options, Settings.inMemory());
        }
        if (loaded == null) {
            return start(stage, options, Settings.preferences());
        }
        // the theme's stylesheet is parsed while the lessons finish loading on their thread
        applyTheme(options.dark);
        StartupLog.phase("theme set");
        Settings remembered = loaded.settings().join();
        LessonLibrary.Loaded lessons = loaded.lessons().join();
        StartupLog.phase("lessons and settings loaded");
        return start(stage, options, remembered, lessons);
    }

    /**
     * Builds the window with these options and this completion store, remembering nothing else
     * (window size and dividers stay in memory): for tests and benchmarks.
     */
    public MainWindow start(Stage stage, AppOptions options, CompletionStore completions) {
        return start(stage, options, Settings.inMemory(completions));
    }

    /** Builds the window with these options and these settings; tests pass {@link Settings#inMemory()}. */
    public MainWindow start(Stage stage, AppOptions options, Settings settings) {
        applyTheme(options.dark);
        return start(stage, options, settings, LessonLibrary.standard().withExtra(options.lessons).loadAll());
    }

    /** Builds the window; the theme is set already. */
    private MainWindow start(Stage stage, AppOptions options, Settings settings, LessonLibrary.Loaded lessons) {
        this.stage = stage;
        this.settings = settings;
        java.util.List<java.nio.file.Path> rememberedFolders = options.snapshot != null ? java.util.List.of()
                : settings.lessonFolders().stream().filter(p -> !options.lessons.contains(p)).toList();
        LessonLibrary source = LessonLibrary.standard().withExtra(options.lessons).withExtra(rememberedFolders);
        if (!rememberedFolders.isEmpty()) {
            lessons = source.loadAll(); // a teacher's own folders, added in the window before: loaded with the rest
        }
        window = new MainWindow(lessons, settings.completions());
        window.useLibrary(source, rememberedFolders, settings::saveLessonFolders); // what Reload reads again
        window.usePythonSettings(settings);
        StartupLog.phase("window built");
        // the text scale a projector needed last time; changed with Ctrl+plus / Ctrl+minus, remembered at once
        window.textScaleProperty().set(settings.textScale());
        window.textScaleProperty().addListener((o, was, scale) -> settings.saveTextScale(scale.doubleValue()));
        window.setDark(options.dark);
        window.darkToggle().setSelected(options.dark);
        window.darkToggle().selectedProperty().addListener((o, a, dark) -> {
            applyTheme(dark);
            window.setDark(dark);
        });
        Optional<WindowLayout> remembered = settings.windowLayout();
        double[] size = windowSize(options, remembered);
        Scene scene = new Scene(window, size[0], size[1]);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("app.css")).toExternalForm());
        remembered.ifPresent(l -> window.restoreDividers(l.libraryWidth(), l.lessonShare(), l.timelineShare()));
        stage.setTitle("ThreadLab");
        stage.setScene(scene);
        // the window takes the scene's size even on a stage that was shown and sized before (the tests reuse one)
        stage.setMaximized(false);
        stage.sizeToScene();
        normalWidth = size[0];
        normalHeight = size[1];
        // the scene follows the stage a moment later: its size is the one to remember
        scene.widthProperty().addListener((o, a, w) -> noteNormalSize());
        scene.heightProperty().addListener((o, a, h) -> noteNormalSize());
        if (remembered.isPresent() && remembered.get().maximized() && !options.sizeGiven()) {
            stage.setMaximized(true);
        }
        stage.setOnCloseRequest(e -> {
            saveLayout();
            window.dispose();
        });
        StartupLog.phase("scene ready");
        stage.show();
        StartupLog.phase("window shown");
        afterFirstFrame(scene, () -> {
            StartupLog.phase("first frame laid out");
            // What the first screen does not show waits until it is drawn: the run area's skins and
            // styles, the children's class-data archive, the warm-up of the first Run.
            window.completeAfterFirstFrame();
            // a process-mode run started later finds its children's class-data archive ready
            org.threadlab.engine.process.ChildImage.prepareInBackground();
            if (options.snapshot == null && options.pinModes.isEmpty()) { // --pin-modes runs at once, measured alone
                FirstRunWarmUp.inBackground(window); // a first Run without a cold JVM's second (a snapshot runs at once)
            }
            if (Boolean.getBoolean(TRAIN_STARTUP)) {
                quitWhenWarm();
            }
        });
        if (options.lesson != null) {
            openFromOptions(lessons, options);
        }
        if (options.runFile() != null && options.snapshot != null) {
            openForSnapshot(options.runFile()); // the picture waits for nothing: read it now
        } else if (options.runFile() != null) {
            window.openRun(options.runFile()); // read off the FX thread; a bad file says why in the notice bar
        }
        if (options.snapshot != null) {
            snapshotWhenDone(stage, options);
        } else if (!options.pinModes.isEmpty() && window.session().lessonProperty().get() != null) {
            PinnedModes.run(window, PinnedModes.parse(options.pinModes), () -> { }, ThreadLabApp::fail);
        }
        return window;
    }

    /**
     * The packaging's training start ({@code -Dthreadlab.trainStartup=true}): the window opens as for a
     * learner, prepares its run area and warms the first Run, then quits, so that the start-up cache
     * made from it holds what a real start loads.
     */
    private static final String TRAIN_STARTUP = "threadlab.trainStartup";

    private void quitWhenWarm() {
        PauseTransition poll = new PauseTransition(Duration.millis(100));
        poll.setOnFinished(e -> {
            if (FirstRunWarmUp.done() || !org.threadlab.engine.WarmUp.enabled()) {
                stage.close(); // as a learner closes it: the layout saved (into the training's own preferences)
                Platform.exit();
            } else {
                poll.playFromStart();
            }
        });
        poll.play();
    }

    /** Runs {@code then} on the FX thread once, after the scene's first pulse has laid it out for its first frame. */
    private static void afterFirstFrame(Scene scene, Runnable then) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Platform.runLater(then); // after this pulse, which goes on to render the frame
            }
        });
    }

    /** The lessons and the remembered settings, loaded on their own threads while JavaFX starts. */
    private record Preload(java.util.concurrent.CompletableFuture<LessonLibrary.Loaded> lessons,
            java.util.concurrent.CompletableFuture<Settings> settings) {
        static Preload begin(java.util.List<java.nio.file.Path> added) {
            return new Preload(loadOn("threadlab-load-lessons", () -> {
                        LessonLibrary.Loaded loaded = LessonLibrary.standard().withExtra(added).loadAll();
                        StartupLog.phase("lessons read");
                        return loaded;
                    }),
                    loadOn("threadlab-load-settings", () -> {
                        Settings s = Settings.preferences();
                        s.windowLayout(); // reads the preferences file now, not on the FX thread
                        s.completions().isCompleted("");
                        StartupLog.phase("settings read");
                        return s;
                    }));
        }

        /** Loads on a daemon thread of its own; a failure is thrown again where the window joins it. */
        private static <T> java.util.concurrent.CompletableFuture<T> loadOn(String thread,
                java.util.function.Supplier<T> load) {
            return java.util.concurrent.CompletableFuture.supplyAsync(load,
                    task -> Thread.ofPlatform().daemon(true).name(thread).start(task));
        }
    }

    /**
     * The scene's size: --size as given; else the size the window had when last closed; else
     * 1600x1000. A remembered or default size is kept within the screen (a projector's may be smaller
     * than the laptop's the window was last closed on).
     */
    private static double[] windowSize(AppOptions options, Optional<WindowLayout> remembered) {
        if (options.sizeGiven()) {
            return new double[] {options.width(), options.height()};
        }
        double w = remembered.map(WindowLayout::width).orElse((double) AppOptions.DEFAULT_WIDTH);
        double h = remembered.map(WindowLayout::height).orElse((double) AppOptions.DEFAULT_HEIGHT);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        if (screen.getWidth() > 0 && screen.getHeight() > 0) {
            w = Math.min(w, screen.getWidth());
            h = Math.min(h, screen.getHeight());
        }
        return new double[] {w, h};
    }

    private void noteNormalSize() {
        if (!stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen()
                && stage.getScene().getWidth() > 0 && stage.getScene().getHeight() > 0) {
            normalWidth = stage.getScene().getWidth();
            normalHeight = stage.getScene().getHeight();
        }
    }

    /** Remembers the window's size, maximised state and dividers in the settings (once, as the window closes). */
    public void saveLayout() {
        if (window == null || settings == null || layoutSaved) {
            return;
        }
        layoutSaved = true;
        try {
            settings.saveWindowLayout(new WindowLayout(normalWidth, normalHeight, stage.isMaximized(),
                    window.libraryWidth(), window.lessonShare(), window.timelineShare()));
        } catch (IllegalArgumentException e) {
            // a layout not worth keeping (a window squeezed to nothing): the next start uses the defaults
        }
    }

    private void openFromOptions(LessonLibrary.Loaded lessons, AppOptions options) {
        Lesson lesson = lessons.lessons().stream().filter(l -> l.id().equals(options.lesson)).findFirst().orElse(null);
        if (lesson == null) {
            fail("no lesson '" + options.lesson + "' in " + LessonLibrary.standard().folder());
            if (options.snapshot != null) {
                Platform.exit();
            }
            return;
        }
        window.open(lesson);
        var s = window.session();
        if (options.variant != null) {
            s.variantProperty().set(options.variant);
        }
        if (options.mode != null) {
            s.modeProperty().set(options.mode);
        }
        if (options.workers != null) {
            s.workersProperty().set(options.workers);
        }
        if (options.poolSize != null) {
            s.poolSizeProperty().set(options.poolSize);
        }
        s.paramsProperty().set(java.util.Map.copyOf(options.params));
        if (options.timeoutSeconds != null) {
            s.timeoutProperty().set(java.time.Duration.ofMillis(Math.round(options.timeoutSeconds * 1000)));
        }
        s.gilProperty().set(options.gil);
        if (options.switchInterval != null) {
            s.switchIntervalMillisProperty().set(options.switchInterval);
        }
        if (options.challenge != null) {
            try {
                window.playChallenge(options.challenge);
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
            }
        }
    }

    /** A run file for a snapshot: shown at once, or the reason it cannot be, and the app quits. */
    private void openForSnapshot(Path runFile) {
        try {
            window.showRecording(org.threadlab.runfile.RunFile.read(runFile));
        } catch (org.threadlab.runfile.RunFileException e) {
            fail(e.getMessage());
            Platform.exit();
        }
    }

    /**
     * Runs the open lesson (or shows the run file opened), waits for its result and a few frames of
     * layout, saves the PNG, quits.
     */
    private void snapshotWhenDone(Stage stage, AppOptions options) {
        Path file = options.snapshot;
        var s = window.session();
        if (!options.pinModes.isEmpty() && s.lessonProperty().get() != null) {
            // a picture of runs side by side: each mode in turn, each pinned, then the pinned runs
            PinnedModes.run(window, PinnedModes.parse(options.pinModes), () -> saveSnapshotAndQuit(stage, file), why -> {
                fail(why);
                window.dispose();
                Platform.exit();
            });
            return;
        }
        if (options.runFile() != null) {
            if (s.recordedProperty().get() != null) {
                snapshotOf(stage, options); // a saved run: its replay is the picture, nothing runs
            } // else the file could not be read: that was said, and the app is quitting
            return;
        }
        s.resultProperty().addListener((o, a, r) -> {
            if (r != null) {
                snapshotOf(stage, options);
            }
        });
        if (s.lessonProperty().get() == null) {
            if (options.lesson == null) {
                saveSnapshotAndQuit(stage, file); // no lesson, nothing to run: the first screen is the picture
            } // else the lesson asked for was not found: that was said, and the app is quitting
            return;
        }
        prepareAndStartForSnapshot(s);
    }

    /** Shows the tab, the moment and the part of the timeline asked for, then saves the picture and quits. */
    private void snapshotOf(Stage stage, AppOptions options) {
        String refused;
        try {
            refused = showForSnapshot(options);
        } catch (RuntimeException ex) {
            refused = "cannot make the snapshot: " + ex; // said, and the app quits: never a snapshot that waits forever
        }
        if (refused != null) {
            fail(refused);
            window.dispose();
            Platform.exit();
            return;
        }
        saveSnapshotAndQuit(stage, options.snapshot);
    }

    private void prepareAndStartForSnapshot(org.threadlab.ui.run.RunSession s) {
        // A process mode's children should start from their class-data archive, as they would in
        // a window opened a while ago, not race the archive's preparation that opening just began.
        String mode = s.modeProperty().get();
        boolean processes = "processes".equals(mode) || "process-pool".equals(mode);
        prepareChildrenThen(processes, "threadlab-snapshot-prepare", () -> startForSnapshot(s));
    }

    /**
     * On a thread of its own: when {@code processes}, makes the children's class-data archive ready
     * (a failure only costs their start-up time, and is said); then runs {@code then} on the FX thread.
     */
    static void prepareChildrenThen(boolean processes, String threadName, Runnable then) {
        Thread.ofPlatform().daemon(true).name(threadName).start(() -> {
            if (processes) {
                try {
                    org.threadlab.engine.process.ChildImage.prepareNow();
                } catch (IOException e) {
                    System.err.println("ThreadLab: children start without their class-data archive: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Platform.runLater(then);
        });
    }

    /** Puts the finished run on screen as the snapshot's options ask; returns why it cannot, or null. */
    private String showForSnapshot(AppOptions options) {
        var s = window.session();
        try {
            if (options.tab != null) {
                window.showTab(options.tab);
            }
        } catch (IllegalArgumentException ex) {
            return ex.getMessage();
        }
        if (options.atMillis != null) {
            s.seek(options.atMillis * 1e6); // a moment of the replay rather than the end
        }
        if (options.window != null) {
            String[] ends = options.window.split("\\.\\.", -1);
            double from;
            double to;
            try {
                from = ends.length == 2 ? Double.parseDouble(ends[0].strip()) : Double.NaN;
                to = ends.length == 2 ? Double.parseDouble(ends[1].strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                from = Double.NaN;
                to = Double.NaN;
            }
            if (!(from >= 0 && to > from)) {
                return "--window takes FROM..TO in milliseconds, FROM at least 0 and TO after it, e.g. 120.5..120.51;"
                        + " got '" + options.window + "'";
            }
            window.timeline().showWindow(from * 1e6, to * 1e6);
        }
        if (options.lostUpdate != null && !window.timeline().showLostUpdate(options.lostUpdate - 1)) {
            int n = window.timeline().lostUpdates().size();
            return "no lost update " + options.lostUpdate + " to show: this run's writes lost "
                    + (n == 0 ? "no update" : n == 1 ? "an update once" : "updates " + n + " times");
        }
        return null;
    }

    /** After a few frames of layout, saves the window as a PNG and quits. */
    private void saveSnapshotAndQuit(Stage stage, Path file) {
        PauseTransition settle = new PauseTransition(Duration.millis(500));
        settle.setOnFinished(e -> {
            try {
                save(stage.getScene().snapshot(null), file);
                System.out.println("snapshot saved to " + file.toAbsolutePath());
            } catch (IOException ex) {
                fail("cannot save snapshot to " + file + ": " + ex.getMessage());
            }
            window.dispose();
            Platform.exit();
        });
        settle.play();
    }

    private void startForSnapshot(org.threadlab.ui.run.RunSession s) {
        // refused (an unknown variant, a mode the lesson does not allow, ...): say why, do not wait forever;
        // a refusal comes at once or, from the engine, when the start on the starter thread ends
        s.startingProperty().addListener((o, was, now) -> {
            if (!now && !s.runningProperty().get()) {
                refusedSnapshot(s);
            }
        });
        s.start();
        if (!s.runningProperty().get() && s.resultProperty().get() == null) {
            refusedSnapshot(s);
        }
    }

    private void refusedSnapshot(org.threadlab.ui.run.RunSession s) {
        fail("cannot run for the snapshot: " + s.messageProperty().get());
        window.dispose();
        Platform.exit();
    }

    /** Writes a JavaFX image as PNG. */
    public static void save(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(buffered, "png", file.toFile());
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
    @Override
    public void stop() {
        saveLayout(); // a window closed by Platform.exit (the last window closing) saves here
        if (window != null) {
            window.dispose();
        }
    }
}

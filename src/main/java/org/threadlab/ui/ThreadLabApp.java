package org.threadlab.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
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
import org.threadlab.ui.lesson.PreferencesCompletionStore;

/** The ThreadLab application: the main window, its theme, and the snapshot mode for slides and docs. */
public final class ThreadLabApp extends Application {
    /** What the process should exit with once the window is gone: 1 if options or a snapshot failed. */
    private static volatile int exitStatus;
    private MainWindow window;

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
        Application.launch(ThreadLabApp.class, args);
        return exitStatus;
    }

    private static void fail(String message) {
        System.err.println(message);
        exitStatus = 1;
    }

    @Override
    public void start(Stage stage) {
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

    /** Builds the window with these options, remembering completed lessons in the user's preferences. */
    public MainWindow start(Stage stage, AppOptions options) {
        return start(stage, options, PreferencesCompletionStore.standard());
    }

    /** Builds the window with these options and this completion store; tests pass an in-memory one. */
    public MainWindow start(Stage stage, AppOptions options, CompletionStore completions) {
        applyTheme(options.dark);
        // a process-mode run started later finds its children's class-data archive ready
        org.threadlab.engine.ChildImage.prepareInBackground();
        LessonLibrary.Loaded lessons = LessonLibrary.standard().loadAll();
        window = new MainWindow(lessons, completions);
        window.setDark(options.dark);
        window.darkToggle().setSelected(options.dark);
        window.darkToggle().selectedProperty().addListener((o, a, dark) -> {
            applyTheme(dark);
            window.setDark(dark);
        });
        Scene scene = new Scene(window, options.width(), options.height());
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("app.css")).toExternalForm());
        stage.setTitle("ThreadLab");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> window.dispose());
        stage.show();
        if (options.snapshot == null) FirstRunWarmUp.inBackground(window); // a first Run without a cold JVM's second (a snapshot runs at once)
        if (options.lesson != null) {
            openFromOptions(lessons, options);
        }
        if (options.snapshot != null) {
            snapshotWhenDone(stage, options);
        }
        return window;
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
    }

    /** Runs the open lesson, waits for its result and a few frames of layout, saves the PNG, quits. */
    private void snapshotWhenDone(Stage stage, AppOptions options) {
        Path file = options.snapshot;
        var s = window.session();
        s.resultProperty().addListener((o, a, r) -> {
            if (r != null) {
                try {
                    if (options.tab != null) {
                        window.showTab(options.tab);
                    }
                } catch (IllegalArgumentException ex) {
                    fail(ex.getMessage());
                    window.dispose();
                    Platform.exit();
                    return;
                }
                if (options.atMillis != null) {
                    s.seek(options.atMillis * 1e6); // a moment of the replay rather than the end
                }
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
        });
        if (s.lessonProperty().get() == null) {
            fail("--snapshot needs --lesson");
            Platform.exit();
            return;
        }
        // A process mode's children should start from their class-data archive, as they would in
        // a window opened a while ago, not race the archive's preparation that opening just began.
        String mode = s.modeProperty().get();
        boolean processes = "processes".equals(mode) || "process-pool".equals(mode);
        Thread.ofPlatform().daemon(true).name("threadlab-snapshot-prepare").start(() -> {
            if (processes) {
                try {
                    org.threadlab.engine.ChildImage.prepareNow();
                } catch (IOException e) {
                    System.err.println("ThreadLab: children start without their class-data archive: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Platform.runLater(() -> startForSnapshot(s));
        });
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
        if (window != null) {
            window.dispose();
        }
    }
}

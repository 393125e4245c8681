package org.threadlab.ui;

import java.io.File;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFile;
import org.threadlab.runfile.RunFileException;
import org.threadlab.ui.run.RunSession;

/**
 * The window's side of run files (issue 14): Save run and Open run (the toolbar's buttons, Ctrl+S
 * and Ctrl+O), a run file dropped onto the window, and showing an opened run replayed with its
 * banner. Files are written and read off the FX thread (a big run takes a second to pack); an
 * opened run is shown by {@link RunSession#showRecorded}, which runs nothing.
 */
final class RunFiles {
    private static final FileChooser.ExtensionFilter RUN_FILES = new FileChooser.ExtensionFilter(
            "ThreadLab runs (*" + RunFile.EXTENSION + ")", "*" + RunFile.EXTENSION);

    private final MainWindow window;
    /** The folder of the last run file saved or opened, where the next chooser starts; null at first (the home folder). */
    private Path lastFolder;

    RunFiles(MainWindow window) {
        this.window = window;
    }

    private RunSession session() {
        return window.session();
    }

    /** The toolbar's Open run and Save run buttons. */
    HBox buttons() {
        Button openRun = new Button(null, new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        openRun.setId("open-run");
        openRun.getStyleClass().add("flat");
        LazyTooltip.install(openRun, "Open a saved run (Ctrl+O, or drop a .threadlab file onto the window):"
                + " it is replayed, nothing runs");
        openRun.setOnAction(e -> chooseToOpen());
        Button saveRun = new Button(null, new FontIcon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        saveRun.setId("save-run");
        saveRun.getStyleClass().add("flat");
        LazyTooltip.install(saveRun, "Save the run on screen to a file (Ctrl+S): the lesson as it ran, its settings,"
                + " this machine and every event, to replay here or on another computer");
        saveRun.setOnAction(e -> chooseWhereToSave());
        saveRun.disableProperty().bind(session().resultProperty().isNull().or(session().runningProperty()));
        HBox box = new HBox(4, openRun, saveRun);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Ctrl+S and Ctrl+O; true if the key was one of them. */
    boolean handleKey(KeyEvent e) {
        if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
            chooseWhereToSave();
            return true;
        }
        if (new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN).match(e)) {
            chooseToOpen();
            return true;
        }
        return false;
    }

    private javafx.stage.Window owner() {
        return window.getScene() == null ? null : window.getScene().getWindow();
    }

    private FileChooser chooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(RUN_FILES);
        Path folder = lastFolder != null ? lastFolder : Path.of(System.getProperty("user.home", "."));
        if (java.nio.file.Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    private void chooseToOpen() {
        FileChooser chooser = chooser();
        chooser.setTitle("Open a saved run");
        File f = chooser.showOpenDialog(owner());
        if (f != null) {
            lastFolder = f.toPath().toAbsolutePath().getParent();
            open(f.toPath());
        }
    }

    private void chooseWhereToSave() {
        RunResult r = session().resultProperty().get();
        if (r == null || session().runningProperty().get()) {
            session().tell("No finished run to save yet: run the lesson first (Ctrl+R)");
            return;
        }
        FileChooser chooser = chooser();
        chooser.setTitle("Save the run");
        chooser.setInitialFileName(defaultName(r, session().recordedProperty().get()));
        File f = chooser.showSaveDialog(owner());
        if (f != null) {
            Path file = f.toPath();
            lastFolder = file.toAbsolutePath().getParent();
            if (!file.getFileName().toString().endsWith(RunFile.EXTENSION)) {
                file = file.resolveSibling(file.getFileName() + RunFile.EXTENSION);
            }
            save(file);
        }
    }

    /** {@code shared-counter-threads-2026-12-03-0914.threadlab}: the lesson, the mode and when it ran. */
    static String defaultName(RunResult r, Recording recorded) {
        ZonedDateTime when = recorded == null ? ZonedDateTime.now() : recorded.recordedAt().atZone(recorded.zone());
        return r.lesson() + "-" + r.mode() + (r.gil() ? "-gil" : "") + "-"
                + when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)) + RunFile.EXTENSION;
    }

    /**
     * Saves the finished run on screen to {@code file}, off the FX thread; the status line says
     * where it went, or the notice bar why it could not.
     */
    void save(Path file) {
        Recording rec;
        try {
            rec = session().recordingToSave();
        } catch (RunFileException e) {
            window.notices().show(e.getMessage());
            return;
        }
        String saving = "Saving the run to " + file + "\u2026";
        session().tell(saving);
        Thread.ofVirtual().name("threadlab-save-run").start(() -> {
            try {
                RunFile.write(rec, file);
                Platform.runLater(() -> {
                    if (saving.equals(session().messageProperty().get())) {
                        session().tell("Saved the run to " + file);
                    }
                });
            } catch (RunFileException e) {
                Platform.runLater(() -> {
                    if (saving.equals(session().messageProperty().get())) {
                        session().tell("The run was not saved");
                    }
                    window.notices().show(e.getMessage());
                });
            }
        });
    }

    /**
     * Reads a run file off the FX thread and shows its run, replayed. A file that cannot be read
     * leaves the window as it was and says why in the notice bar.
     */
    void open(Path file) {
        Thread.ofVirtual().name("threadlab-open-run").start(() -> {
            try {
                Recording rec = RunFile.read(file);
                Platform.runLater(() -> show(rec));
            } catch (RunFileException e) {
                Platform.runLater(() -> window.notices().show(e.getMessage()));
            } catch (RuntimeException | OutOfMemoryError e) {
                // what the checks did not foresee still leaves the window as it was, and says so
                Platform.runLater(() -> window.notices().show(file + ": cannot open this run file: " + e));
            }
        });
    }

    /**
     * Shows a recorded run: its lesson as recorded, the settings it ran with, every view from its
     * trace, and the banner saying where and when it was recorded and that nothing is running (it
     * goes when the learner runs or opens another lesson). Nothing runs.
     */
    void show(Recording rec) {
        window.open(rec.lesson());
        session().showRecorded(rec);
        RunResult r = rec.result();
        window.notices().showInfo("Recorded on " + rec.machine().describe() + " at " + rec.recordedWhen()
                + ", replayed \u2014 nothing is running."
                + (r.status() == RunStatus.COMPLETED || r.messages().isEmpty() ? ""
                : " " + capitalised(String.join("; ", r.messages())) + "."));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Optional<Path> dropped(Dragboard board) {
        return board.hasFiles() ? runFileAmong(board.getFiles()) : Optional.empty();
    }

    /** The first run file among files dragged onto the window; other files are not the window's to open. */
    static Optional<Path> runFileAmong(List<File> files) {
        return files.stream().map(File::toPath)
                .filter(p -> p.getFileName().toString().endsWith(RunFile.EXTENSION)).findFirst();
    }

    void dragOver(DragEvent e) {
        if (dropped(e.getDragboard()).isPresent()) {
            e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        }
    }

    void dropped(DragEvent e) {
        Optional<Path> file = dropped(e.getDragboard());
        file.ifPresent(this::open);
        e.setDropCompleted(file.isPresent());
        e.consume();
    }
}

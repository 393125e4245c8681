package org.threadlab.ui.settings;

import java.util.Objects;
import java.util.Optional;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * What the window remembers between starts: the learner's progress (completed lessons, predictions,
 * runs, variants and challenges) and the window's layout. The
 * app uses {@link #preferences()}; tests, benchmarks and {@code --snapshot} use {@link #inMemory()},
 * so none of them reads or changes what a learner's window remembers.
 */
public interface Settings {

    /** The learner's progress: which lessons were completed, and each one's predictions, runs, variants, challenges. */
    CompletionStore completions();

    /** The layout saved when the window last closed, if any (and if it still makes sense). */
    Optional<WindowLayout> windowLayout();

    void saveWindowLayout(WindowLayout layout);

    /** The smallest and largest text scale, as a factor of the normal size. */
    double MIN_TEXT_SCALE = 0.75;
    double MAX_TEXT_SCALE = 2.5;

    /** How large the window's text and controls were last set (Ctrl+plus and Ctrl+minus), 1 for normal. */
    double textScale();

    /** Remembers the text scale at once (clamped to {@link #MIN_TEXT_SCALE} .. {@link #MAX_TEXT_SCALE}). */
    void saveTextScale(double scale);

    /** A scale within the limits; a value that is not a number is the normal size. */
    static double clampTextScale(double scale) {
        return Double.isNaN(scale) ? 1 : Math.max(MIN_TEXT_SCALE, Math.min(MAX_TEXT_SCALE, scale));
    }

    /** The folders (or lesson files) a teacher added to the library, in the order added. */
    java.util.List<java.nio.file.Path> lessonFolders();

    /** Remembers the added folders at once. */
    void saveLessonFolders(java.util.List<java.nio.file.Path> folders);

    /**
     * The Python interpreter the learner chose for running a lesson's Python listing (a command on
     * the PATH such as {@code python3.13t}, or a path such as a virtual environment's
     * {@code bin/python}), or {@code ""} to look for {@code python3} on the PATH.
     */
    String pythonCommand();

    void savePythonCommand(String command);

    /**
     * Whether the learner said the built-in lessons' Python listings may run without asking each
     * time. Lessons from elsewhere always ask.
     */
    boolean builtInPythonTrusted();

    void saveBuiltInPythonTrusted(boolean trusted);

    /** Kept in the user's Java preferences, under {@value PreferencesSettings#ROOT}. */
    static Settings preferences() {
        return PreferencesSettings.standard();
    }

    /** Kept in memory only, starting empty: nothing is read from or written to the user's settings. */
    static Settings inMemory() {
        return inMemory(CompletionStore.inMemory());
    }

    /** Kept in memory only, with these completions (which the caller may keep elsewhere). */
    static Settings inMemory(CompletionStore completions) {
        Objects.requireNonNull(completions, "completions");
        return new Settings() {
            private volatile WindowLayout layout;
            private volatile double textScale = 1;
            private volatile java.util.List<java.nio.file.Path> folders = java.util.List.of();
            private volatile String python = "";
            private volatile boolean pythonTrusted;

            @Override
            public String pythonCommand() {
                return python;
            }

            @Override
            public void savePythonCommand(String command) {
                python = command == null ? "" : command.strip();
            }

            @Override
            public boolean builtInPythonTrusted() {
                return pythonTrusted;
            }

            @Override
            public void saveBuiltInPythonTrusted(boolean trusted) {
                pythonTrusted = trusted;
            }

            @Override
            public java.util.List<java.nio.file.Path> lessonFolders() {
                return folders;
            }

            @Override
            public void saveLessonFolders(java.util.List<java.nio.file.Path> folders) {
                this.folders = java.util.List.copyOf(folders);
            }

            @Override
            public CompletionStore completions() {
                return completions;
            }

            @Override
            public Optional<WindowLayout> windowLayout() {
                return Optional.ofNullable(layout);
            }

            @Override
            public void saveWindowLayout(WindowLayout layout) {
                this.layout = Objects.requireNonNull(layout, "layout");
            }

            @Override
            public double textScale() {
                return textScale;
            }

            @Override
            public void saveTextScale(double scale) {
                textScale = clampTextScale(scale);
            }
        };
    }
}

package org.threadlab.ui.settings;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.threadlab.ui.lesson.CompletionStore;
import org.threadlab.ui.lesson.PreferencesCompletionStore;

/**
 * Settings in {@link Preferences}: completions where {@link PreferencesCompletionStore} has always
 * kept them, the course progress beside them, the layout in the child node {@code window}. On Linux they live under
 * {@code ~/.java/.userPrefs} (or under the folder {@code -Djava.util.prefs.userRoot} names, which is
 * how the build keeps its tests out of the user's home).
 */
public final class PreferencesSettings implements Settings {
    /** The user preferences node that holds everything ThreadLab remembers. */
    public static final String ROOT = "/org/threadlab";

    private final CompletionStore completions;
    private final Preferences window;

    /**
     * Settings under {@code root}: completions in its {@code completed-lessons} child, the rest of the
     * learner's progress in {@code lesson-progress}, the layout in {@code window}.
     */
    public PreferencesSettings(Preferences root) {
        this.completions = new PreferencesCompletionStore(root.node("completed-lessons"), root.node("lesson-progress"));
        this.window = root.node("window");
    }

    /** The settings under {@link #ROOT} in the user's preferences. */
    public static PreferencesSettings standard() {
        return new PreferencesSettings(Preferences.userRoot().node(ROOT));
    }

    @Override
    public CompletionStore completions() {
        return completions;
    }

    /** A layout saved before the timeline's divider was remembered: the run area split in half. */
    private static final double DEFAULT_TIMELINE_SHARE = 0.5;

    @Override
    public Optional<WindowLayout> windowLayout() {
        try {
            return Optional.of(new WindowLayout(window.getDouble("width", 0), window.getDouble("height", 0),
                    window.getBoolean("maximized", false), window.getDouble("library-width", 0),
                    window.getDouble("lesson-share", 0), window.getDouble("timeline-share", DEFAULT_TIMELINE_SHARE)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // never saved, or edited by hand into something unusable: start as new
        }
    }

    /** The added lesson folders: keys 0, 1, 2, ... in the {@code lesson-folders} node, absolute paths. */
    @Override
    public java.util.List<java.nio.file.Path> lessonFolders() {
        Preferences node = window.parent().node("lesson-folders");
        java.util.List<java.nio.file.Path> out = new java.util.ArrayList<>();
        for (int i = 0; ; i++) {
            String p = node.get(String.valueOf(i), null);
            if (p == null) {
                return out;
            }
            try {
                out.add(java.nio.file.Path.of(p));
            } catch (java.nio.file.InvalidPathException e) {
                // edited by hand into something that is no path: left out
            }
        }
    }

    @Override
    public void saveLessonFolders(java.util.List<java.nio.file.Path> folders) {
        Preferences node = window.parent().node("lesson-folders");
        try {
            node.clear();
            for (int i = 0; i < folders.size(); i++) {
                node.put(String.valueOf(i), folders.get(i).toAbsolutePath().normalize().toString());
            }
            node.flush();
        } catch (BackingStoreException e) {
            // Not fatal: the folders are there until the window closes, and can be added again.
        }
    }

    /** The {@code python} node: the chosen interpreter and whether built-in listings run without asking. */
    private Preferences python() {
        return window.parent().node("python");
    }

    @Override
    public String pythonCommand() {
        return python().get("command", "").strip();
    }

    @Override
    public void savePythonCommand(String command) {
        python().put("command", command == null ? "" : command.strip());
        flush(python());
    }

    @Override
    public boolean builtInPythonTrusted() {
        return python().getBoolean("built-in-trusted", false);
    }

    @Override
    public void saveBuiltInPythonTrusted(boolean trusted) {
        python().putBoolean("built-in-trusted", trusted);
        flush(python());
    }

    private static void flush(Preferences node) {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Not fatal: the choice holds until the window closes and is asked again next time.
        }
    }

    @Override
    public double textScale() {
        return Settings.clampTextScale(window.getDouble("text-scale", 1));
    }

    @Override
    public void saveTextScale(double scale) {
        window.putDouble("text-scale", Settings.clampTextScale(scale));
        try {
            window.flush();
        } catch (BackingStoreException e) {
            // Not fatal: the window opens at the normal size next time.
        }
    }

    @Override
    public void saveWindowLayout(WindowLayout layout) {
        window.putDouble("width", layout.width());
        window.putDouble("height", layout.height());
        window.putBoolean("maximized", layout.maximized());
        window.putDouble("library-width", layout.libraryWidth());
        window.putDouble("lesson-share", layout.lessonShare());
        window.putDouble("timeline-share", layout.timelineShare());
        try {
            window.flush();
        } catch (BackingStoreException e) {
            // Not fatal: a window that opens at its default size next time.
        }
    }
}

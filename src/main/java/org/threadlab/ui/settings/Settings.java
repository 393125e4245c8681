package org.threadlab.ui.settings;

import java.util.Objects;
import java.util.Optional;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * What the window remembers between starts: the completed lessons and the window's layout. The
 * app uses {@link #preferences()}; tests, benchmarks and {@code --snapshot} use {@link #inMemory()},
 * so none of them reads or changes what a learner's window remembers.
 */
public interface Settings {

    /** Which lessons the learner completed. */
    CompletionStore completions();

    /** The layout saved when the window last closed, if any (and if it still makes sense). */
    Optional<WindowLayout> windowLayout();

    void saveWindowLayout(WindowLayout layout);

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
        };
    }
}

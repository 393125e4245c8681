package org.threadlab.ui.lesson;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which lessons a learner has completed, by lesson id. The app uses
 * {@link PreferencesCompletionStore}, which survives restarts; tests use {@link #inMemory()}. The
 * window gets it with the rest of what it remembers, from {@code org.threadlab.ui.settings.Settings}.
 */
public interface CompletionStore {

    boolean isCompleted(String lessonId);

    void markCompleted(String lessonId);

    /** Forgets that a lesson was completed (for a "start over" or a shared classroom machine). */
    void clear(String lessonId);

    /** Kept in user preferences under {@link PreferencesCompletionStore#NODE}. */
    static CompletionStore preferences() {
        return PreferencesCompletionStore.standard();
    }

    /** Kept in memory only: for tests, and for a demo mode that should leave no trace. */
    static CompletionStore inMemory() {
        Set<String> done = ConcurrentHashMap.newKeySet();
        return new CompletionStore() {
            @Override
            public boolean isCompleted(String lessonId) {
                return done.contains(lessonId);
            }

            @Override
            public void markCompleted(String lessonId) {
                done.add(lessonId);
            }

            @Override
            public void clear(String lessonId) {
                done.remove(lessonId);
            }
        };
    }
}

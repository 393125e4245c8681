package org.threadlab.ui.lesson;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Completed lessons in {@link java.util.prefs.Preferences}: one boolean key per lesson id in the
 * user node {@value #NODE}. Preferences need no file of our own and survive reinstalls; on Linux
 * they live under {@code ~/.java/.userPrefs}.
 */
public final class PreferencesCompletionStore implements CompletionStore {
    /** The user preferences node that holds completions. */
    public static final String NODE = "/org/threadlab/completed-lessons";

    private final Preferences node;

    public PreferencesCompletionStore(Preferences node) {
        this.node = node;
    }

    /** The store under {@link #NODE} in the user's preferences. */
    public static PreferencesCompletionStore standard() {
        return new PreferencesCompletionStore(Preferences.userRoot().node(NODE));
    }

    @Override
    public boolean isCompleted(String lessonId) {
        return node.getBoolean(key(lessonId), false);
    }

    @Override
    public void markCompleted(String lessonId) {
        node.putBoolean(key(lessonId), true);
        flush();
    }

    @Override
    public void clear(String lessonId) {
        node.remove(key(lessonId));
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Not fatal: the value is kept in memory and Preferences retries on its own timer.
        }
    }

    /** Lesson ids are short in practice; a key longer than Preferences allows is hashed to fit. */
    static String key(String lessonId) {
        if (lessonId.length() <= Preferences.MAX_KEY_LENGTH) {
            return lessonId;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(lessonId.getBytes(StandardCharsets.UTF_8));
            return lessonId.substring(0, 40) + "#" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

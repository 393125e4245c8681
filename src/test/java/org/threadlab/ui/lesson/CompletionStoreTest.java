package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both stores remember, forget, and keep lessons apart. */
class CompletionStoreTest {
    private final Preferences node = Preferences.userRoot().node("org/threadlab/test-" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws BackingStoreException {
        node.removeNode();
    }

    private static void remembersAndForgets(CompletionStore store) {
        assertFalse(store.isCompleted("shared-counter"));
        store.markCompleted("shared-counter");
        assertTrue(store.isCompleted("shared-counter"));
        assertFalse(store.isCompleted("squares"));
        store.clear("shared-counter");
        assertFalse(store.isCompleted("shared-counter"));
    }

    @Test
    void inMemory() {
        remembersAndForgets(CompletionStore.inMemory());
    }

    @Test
    void preferencesSurviveANewStoreOnTheSameNode() {
        remembersAndForgets(new PreferencesCompletionStore(node));
        new PreferencesCompletionStore(node).markCompleted("squares");
        assertTrue(new PreferencesCompletionStore(node).isCompleted("squares"));
    }

    @Test
    void longIdsFitPreferencesKeys() {
        String longId = "x".repeat(200);
        String key = PreferencesCompletionStore.key(longId);
        assertTrue(key.length() <= Preferences.MAX_KEY_LENGTH);
        assertNotEquals(key, PreferencesCompletionStore.key("x".repeat(199) + "y"));
        assertEquals("short-id", PreferencesCompletionStore.key("short-id"));
        PreferencesCompletionStore store = new PreferencesCompletionStore(node);
        store.markCompleted(longId);
        assertTrue(store.isCompleted(longId));
    }
}

package org.threadlab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both stores remember a learner's progress, forget it, and keep lessons apart. */
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

    /** Predictions (the first answer stays), runs and their variants, challenges, one lesson's clear, and a reset of all. */
    private static void recordsProgress(CompletionStore store) {
        assertEquals(Optional.empty(), store.prediction("shared-counter"), "no answer yet");
        store.recordPrediction("shared-counter", false);
        store.recordPrediction("shared-counter", true);
        assertEquals(Optional.of(false), store.prediction("shared-counter"), "the first answer is the learner's guess");
        assertFalse(store.hasRun("shared-counter"));
        store.recordRun("shared-counter", "no-lock");
        store.recordRun("shared-counter", "lock");
        store.recordRun("shared-counter", "no-lock");
        assertTrue(store.hasRun("shared-counter"));
        assertEquals(List.of("no-lock", "lock"), List.copyOf(store.variantsRun("shared-counter")), "each variant once, in order");
        assertFalse(store.isCompleted("shared-counter"), "a run is not the library's tick: the window marks that");
        store.challengeWon("shared-counter", "end-at-one");
        store.challengeWon("shared-counter", "end-at-one");
        store.challengeWon("deadlock", "both-stuck");
        assertEquals(Set.of("end-at-one"), store.challengesWon("shared-counter"));
        assertEquals(Set.of("both-stuck"), store.challengesWon("deadlock"));
        assertEquals(Set.of(), store.variantsRun("deadlock"), "lessons apart");
        assertFalse(store.hasRun("deadlock"), "a challenge won is not a run");

        store.markCompleted("squares");
        assertTrue(store.hasRun("squares"), "a tick from before runs were recorded counts as run");
        store.recordRun("squares", "");
        assertEquals(Set.of(""), store.variantsRun("squares"), "a lesson without variants runs as \"\"");

        store.clear("shared-counter");
        assertEquals(Optional.empty(), store.prediction("shared-counter"));
        assertFalse(store.hasRun("shared-counter"));
        assertEquals(Set.of(), store.challengesWon("shared-counter"));
        assertEquals(Set.of("both-stuck"), store.challengesWon("deadlock"), "clear forgets one lesson only");

        store.recordRun("process-queue", "pipe");
        store.resetAll();
        for (String id : List.of("squares", "deadlock", "process-queue")) {
            assertFalse(store.isCompleted(id), id);
            assertFalse(store.hasRun(id), id);
            assertEquals(Set.of(), store.challengesWon(id), id);
            assertEquals(Set.of(), store.variantsRun(id), id);
        }
    }

    @Test
    void inMemoryProgress() {
        recordsProgress(CompletionStore.inMemory());
    }

    @Test
    void preferencesProgressSurvivesANewStoreAndResetsToNothing() throws BackingStoreException {
        recordsProgress(new PreferencesCompletionStore(node));
        new PreferencesCompletionStore(node).recordPrediction("deadlock", true);
        new PreferencesCompletionStore(node).recordRun("deadlock", "ordered");
        new PreferencesCompletionStore(node).challengeWon("deadlock", "both-stuck");
        PreferencesCompletionStore again = new PreferencesCompletionStore(node);
        assertEquals(Optional.of(true), again.prediction("deadlock"));
        assertEquals(Set.of("ordered"), again.variantsRun("deadlock"));
        assertEquals(Set.of("both-stuck"), again.challengesWon("deadlock"));
        assertFalse(again.hasRun("squares"), "asking about a lesson writes nothing");
        assertFalse(node.node("progress").nodeExists("squares"), "asking about a lesson makes no node for it");
        again.resetAll();
        assertEquals(0, node.keys().length, "no tick left");
        assertEquals(0, node.node("progress").childrenNames().length, "no lesson's progress left");
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
        store.recordRun(longId, "v");
        assertEquals(Set.of("v"), store.variantsRun(longId), "a long id names a node too");
    }
}

package org.threadlab.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threadlab.ui.lesson.PreferencesCompletionStore;

/** Both kinds of settings remember a layout and completions; a layout that makes no sense is not restored. */
class SettingsTest {
    // under the test JVM's own preferences root (target/, see the pom), and removed after each test
    private final Preferences root = Preferences.userRoot().node("threadlab-settings-test-" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws BackingStoreException {
        root.removeNode();
    }

    private static final WindowLayout LAYOUT = new WindowLayout(1400, 900, true, 420, 0.4, 0.6);

    @Test
    void inMemoryStartsEmptyAndRemembersWhatItIsGiven() {
        Settings s = Settings.inMemory();
        assertEquals(Optional.empty(), s.windowLayout());
        s.saveWindowLayout(LAYOUT);
        assertEquals(Optional.of(LAYOUT), s.windowLayout());
        s.completions().markCompleted("squares");
        assertTrue(s.completions().isCompleted("squares"));
        assertFalse(Settings.inMemory().completions().isCompleted("squares"), "each in-memory store is its own");
    }

    @Test
    void preferencesSurviveANewStoreOnTheSameNode() {
        PreferencesSettings first = new PreferencesSettings(root);
        assertEquals(Optional.empty(), first.windowLayout(), "nothing saved yet");
        first.saveWindowLayout(LAYOUT);
        first.completions().markCompleted("squares");
        PreferencesSettings again = new PreferencesSettings(root);
        assertEquals(Optional.of(LAYOUT), again.windowLayout());
        assertTrue(again.completions().isCompleted("squares"));
    }

    @Test
    void theTextScaleIsRememberedWithinItsLimits() {
        PreferencesSettings first = new PreferencesSettings(root);
        assertEquals(1.0, first.textScale(), "normal size until changed");
        first.saveTextScale(2.0);
        assertEquals(2.0, new PreferencesSettings(root).textScale(), "a new start finds it");
        first.saveTextScale(9);
        assertEquals(Settings.MAX_TEXT_SCALE, new PreferencesSettings(root).textScale());
        root.node("window").putDouble("text-scale", 0.1); // edited by hand
        assertEquals(Settings.MIN_TEXT_SCALE, new PreferencesSettings(root).textScale());
        Settings memory = Settings.inMemory();
        memory.saveTextScale(1.5);
        assertEquals(1.5, memory.textScale());
        assertEquals(1.0, Settings.inMemory().textScale(), "each in-memory store is its own");
    }

    @Test
    void completionsStayWhereEarlierVersionsKeptThem() {
        assertEquals(PreferencesCompletionStore.NODE, PreferencesSettings.ROOT + "/completed-lessons",
                "a learner's ticks from before are still found");
        new PreferencesSettings(root).completions().markCompleted("deadlock");
        assertTrue(root.node("completed-lessons").getBoolean("deadlock", false));
        assertEquals(PreferencesCompletionStore.PROGRESS_NODE, PreferencesSettings.ROOT + "/lesson-progress");
        new PreferencesSettings(root).completions().recordRun("deadlock", "ordered");
        assertEquals("ordered", root.node("lesson-progress/deadlock").get("variants", null),
                "the rest of the progress beside the ticks, one node per lesson");
    }

    @Test
    void aLayoutEditedIntoNonsenseIsNotRestored() {
        new PreferencesSettings(root).saveWindowLayout(LAYOUT);
        root.node("window").putDouble("lesson-share", 7);
        assertEquals(Optional.empty(), new PreferencesSettings(root).windowLayout());
        assertThrows(IllegalArgumentException.class, () -> new WindowLayout(1400, 900, false, 20, 0.4, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WindowLayout(Double.NaN, 900, false, 400, 0.4, 0.5));
    }

    @Test
    void addedLessonFoldersAreRememberedInOrderAndCanBeForgotten() {
        PreferencesSettings first = new PreferencesSettings(root);
        assertEquals(java.util.List.of(), first.lessonFolders());
        java.nio.file.Path a = java.nio.file.Path.of("/tmp/week-3").toAbsolutePath();
        java.nio.file.Path b = java.nio.file.Path.of("/tmp/extra lessons").toAbsolutePath();
        first.saveLessonFolders(java.util.List.of(a, b));
        assertEquals(java.util.List.of(a, b), new PreferencesSettings(root).lessonFolders(), "a new start finds them");
        first.saveLessonFolders(java.util.List.of(b));
        assertEquals(java.util.List.of(b), new PreferencesSettings(root).lessonFolders());
    }

    @Test
    void thePythonChoiceAndTheTrustInBuiltInListingsAreRemembered() {
        PreferencesSettings first = new PreferencesSettings(root);
        assertEquals("", first.pythonCommand(), "python3 on the PATH until one is chosen");
        assertEquals(false, first.builtInPythonTrusted(), "asked before the first run");
        first.savePythonCommand("  /home/me/venv/bin/python ");
        first.saveBuiltInPythonTrusted(true);
        PreferencesSettings next = new PreferencesSettings(root);
        assertEquals("/home/me/venv/bin/python", next.pythonCommand());
        assertEquals(true, next.builtInPythonTrusted());
        Settings memory = Settings.inMemory();
        memory.savePythonCommand("python3.13t");
        assertEquals("python3.13t", memory.pythonCommand());
        assertEquals(false, memory.builtInPythonTrusted());
    }
}

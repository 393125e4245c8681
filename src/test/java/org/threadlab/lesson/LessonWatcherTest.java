package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher reports a lesson file saved in place or by rename, and nothing it was not asked about. */
class LessonWatcherTest {
    @Test
    void aFileSavedInPlaceOrByRenameIsReportedAndOthersAreNot(@TempDir Path dir) throws Exception {
        Path lesson = dir.resolve("mine.yaml");
        Path other = dir.resolve("other.yaml");
        Files.writeString(lesson, "id: mine\n");
        Files.writeString(other, "id: other\n");
        LinkedBlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
        try (LessonWatcher w = new LessonWatcher(List.of(lesson), reports::add).start()) {
            Files.writeString(other, "id: other\n# changed\n"); // not asked about
            Files.writeString(lesson, "id: mine\n# saved in place\n");
            assertEquals(Set.of(lesson.toAbsolutePath().normalize()), reports.poll(10, TimeUnit.SECONDS));

            Path temp = dir.resolve(".mine.yaml.swp"); // as editors do: write elsewhere, rename over
            Files.writeString(temp, "id: mine\n# saved by rename\n");
            Files.move(temp, lesson, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals(Set.of(lesson.toAbsolutePath().normalize()), reports.poll(10, TimeUnit.SECONDS));
        }
        Files.writeString(lesson, "id: mine\n# after close\n");
        assertNull(reports.poll(LessonWatcher.SETTLE_MILLIS * 5, TimeUnit.MILLISECONDS), "closed: no more reports");
    }

    @Test
    void aFolderReportsEveryYamlFileInIt(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
        try (LessonWatcher w = new LessonWatcher(List.of(dir), reports::add).start()) {
            Files.writeString(dir.resolve("notes.txt"), "not a lesson");
            Files.writeString(dir.resolve("new-one.yaml"), "id: new-one\n");
            Set<Path> got = reports.poll(10, TimeUnit.SECONDS);
            assertTrue(got != null && got.contains(dir.resolve("new-one.yaml").toAbsolutePath().normalize()), "" + got);
            assertTrue(got.stream().allMatch(p -> p.toString().endsWith(".yaml")), "" + got);
        }
    }
}

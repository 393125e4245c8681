package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --snapshot} with {@code --tab sync} and {@code --at MS}, in a separate headless JVM as a teacher runs it. */
class SyncSnapshotCommandTest {
    private static AppProcess.Exit app(Path dir, String... args) throws IOException, InterruptedException {
        return AppProcess.run(dir, args);
    }

    @Test
    void aSnapshotShowsTheSemaphoresTabAtAMomentOfTheReplay(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("semaphore.png");
        AppProcess.Exit exit = app(dir, "--lesson", "semaphore", "--tab", "sync", "--at", "300", "--snapshot", png.toString(),
                "--size", "1200x800");
        assertEquals(0, exit.code(), exit.output());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        // the lower right quarter, where the tab is, has more than a background and a line or two
        Set<Integer> colours = new HashSet<>();
        for (int y = image.getHeight() * 2 / 3; y < image.getHeight() - 40; y += 2) {
            for (int x = image.getWidth() / 2; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the tab draws something: " + colours.size() + " colours");
    }

    @Test
    void theSyncTabOfALessonWithoutSemaphoresOrQueuesIsRefused(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("none.png");
        AppProcess.Exit exit = app(dir, "--lesson", "shared-counter", "--variant", "lock", "--tab", "sync", "--snapshot",
                png.toString());
        assertTrue(exit.output().contains("no semaphore, queue or condition"), exit.output());
        assertEquals(1, exit.code(), exit.output());
        assertTrue(Files.notExists(png));
    }

    @Test
    void aNegativeMomentIsRefusedWithAMessage() {
        var e = assertThrows(CommandLine.ParameterException.class, () -> AppOptions.parse("--at", "-5"));
        assertTrue(e.getMessage().contains("--at"), e.getMessage());
    }
}

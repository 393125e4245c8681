package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --snapshot} as a teacher uses it: a separate JVM started with the app's own main class,
 * headless (no DISPLAY), that runs the lesson, saves the PNG and exits by itself.
 */
class SnapshotCommandTest {
    private static AppProcess.Exit app(Path dir, String... args) throws IOException, InterruptedException {
        return AppProcess.run(dir, args);
    }

    @Test
    void snapshotRunsTheLessonSavesThePngAndExits(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("counter.png");
        AppProcess.Exit exit = app(dir, "--lesson", "shared-counter", "--variant", "lock", "--snapshot", png.toString(),
                "--size", "1200x800");
        assertTrue(exit.output().contains("snapshot saved"), exit.output());
        assertEquals(0, exit.code(), exit.output());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
    }

    @Test
    void withoutALessonTheSnapshotIsTheFirstScreen(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("first-screen.png");
        AppProcess.Exit exit = app(dir, "--snapshot", png.toString(), "--size", "1280x800");
        assertTrue(exit.output().contains("snapshot saved"), exit.output());
        assertEquals(0, exit.code(), exit.output());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
    }

    @Test
    void aSnapshotOfALessonThatDoesNotExistSaysSoAndSavesNothing(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("never.png");
        AppProcess.Exit exit = app(dir, "--lesson", "no-such-lesson", "--snapshot", png.toString());
        assertTrue(exit.output().contains("no lesson 'no-such-lesson'"), exit.output());
        assertTrue(Files.notExists(png), "not a picture of the first screen instead");
        assertEquals(1, exit.code(), exit.output());
    }

    @Test
    void aSnapshotOfARunThatCannotStartSaysWhyAndDoesNotHang(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("never.png");
        AppProcess.Exit exit = app(dir, "--lesson", "shared-counter", "--variant", "no-such-variant", "--snapshot",
                png.toString());
        assertTrue(exit.output().contains("cannot run for the snapshot") && exit.output().contains("no-such-variant"),
                exit.output());
        assertTrue(Files.notExists(png));
        assertEquals(1, exit.code(), exit.output());
    }

    @Test
    void aSnapshotOfARunTheEngineRefusesOnlyWhenStartingSaysWhyAndDoesNotHang(@TempDir Path dir) throws Exception {
        // the limit on child processes is found by the engine's start, on the starter thread, not by the window's checks
        Path png = dir.resolve("never.png");
        AppProcess.Exit exit = app(dir, "--lesson", "pools", "--mode", "process-pool", "--pool-size", "17", "--snapshot",
                png.toString());
        assertTrue(exit.output().contains("cannot run for the snapshot") && exit.output().contains("at most 16"),
                exit.output());
        assertTrue(Files.notExists(png));
        assertEquals(1, exit.code(), exit.output());
    }

    @Test
    void aBadWindowSizeIsRefusedWithAMessage() {
        var e = assertThrows(CommandLine.ParameterException.class, () -> AppOptions.parse("--size", "big"));
        assertTrue(e.getMessage().contains("--size"), e.getMessage());
    }
}

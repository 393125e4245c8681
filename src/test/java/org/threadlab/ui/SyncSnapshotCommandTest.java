package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --snapshot} with {@code --tab sync} and {@code --at MS}, in a separate headless JVM as a teacher runs it. */
class SyncSnapshotCommandTest {
    private record Exit(int code, String output) {}

    private static Exit app(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dthreadlab.lessons=" + System.getProperty("threadlab.lessons", "lessons"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.threadlab.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the app exits by itself after the snapshot");
        } finally {
            p.destroyForcibly();
        }
        return new Exit(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aSnapshotShowsTheSemaphoresTabAtAMomentOfTheReplay(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("semaphore.png");
        Exit exit = app(dir, "--lesson", "semaphore", "--tab", "sync", "--at", "300", "--snapshot", png.toString(),
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
        Exit exit = app(dir, "--lesson", "shared-counter", "--variant", "lock", "--tab", "sync", "--snapshot",
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

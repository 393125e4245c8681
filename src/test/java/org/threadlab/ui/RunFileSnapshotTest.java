package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFile;
import picocli.CommandLine;

/** {@code --open FILE --snapshot PNG}: a picture of a saved run, replayed, from a headless JVM of its own. */
class RunFileSnapshotTest {
    @Test
    void aSnapshotOfASavedRunShowsItsReplayAndExits(@TempDir Path dir) throws Exception {
        Lesson lesson = LessonLibrary.standard().find("shared-counter");
        RunResult r = new Engine().start(RunConfig.of(lesson).withVariant("lock").withMode(new RunMode.Threads())
                .withParams(Map.of("n", 200L))).await();
        Path file = dir.resolve("lock" + RunFile.EXTENSION);
        RunFile.write(Recording.of(lesson, Recording.lessonText(lesson), new RunMode.Threads(), r), file);
        Path png = dir.resolve("replay.png");
        AppProcess.Exit exit = AppProcess.run(dir, "--open", file.toString(), "--snapshot", png.toString(),
                "--tab", "memory", "--size", "1280x800");
        assertTrue(exit.output().contains("snapshot saved"), exit.output());
        assertEquals(0, exit.code(), exit.output());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
    }

    @Test
    void aSnapshotOfABadRunFileSaysWhyAndSavesNothing(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad" + RunFile.EXTENSION), "id: not-a-run\n");
        Path png = dir.resolve("never.png");
        AppProcess.Exit exit = AppProcess.run(dir, "--open", bad.toString(), "--snapshot", png.toString());
        assertTrue(exit.output().contains(bad + ": is not a ThreadLab run file"), exit.output());
        assertTrue(Files.notExists(png));
        assertEquals(1, exit.code(), exit.output());
    }

    @Test
    void aRunFileAndALessonTogetherAreRefused() {
        assertThrows(CommandLine.ParameterException.class, () -> AppOptions.parse("--open", "x.threadlab",
                "--lesson", "shared-counter"));
    }
}

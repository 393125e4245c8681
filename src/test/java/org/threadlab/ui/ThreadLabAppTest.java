package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.ui.lesson.CompletionStore;

/** The window opened with options, and the snapshot it saves. */
@ExtendWith(ApplicationExtension.class)
class ThreadLabAppTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new ThreadLabApp().start(stage, AppOptions.parse("--lesson", "shared-counter", "--variant", "lock",
                "--mode", "thread-pool", "--workers", "3", "--size", "1280x800"), CompletionStore.inMemory());
    }

    @Test
    void optionsOpenTheLessonWithItsSettings() {
        assertEquals("shared-counter", window.session().lessonProperty().get().id());
        assertEquals("lock", window.session().variantProperty().get());
        assertEquals("thread-pool", window.session().modeProperty().get());
        assertEquals(3, window.session().workersProperty().get());
    }

    @Test
    void aSnapshotIsTheWindowsSizeAndNotBlank() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents(10);
        Path file = Path.of("target", "snapshots", "snapshot-test.png");
        WaitForAsyncUtils.asyncFx(() -> {
            WritableImage image = stage.getScene().snapshot(null);
            ThreadLabApp.save(image, file);
            return null;
        }).get(30, TimeUnit.SECONDS);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals((int) stage.getScene().getWidth(), png.getWidth());
        assertEquals((int) stage.getScene().getHeight(), png.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 7) {
            for (int x = 0; x < png.getWidth(); x += 7) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "a real picture has many colours, not a blank: " + colours.size());
        assertTrue(Files.size(file) > 10_000);
    }
}

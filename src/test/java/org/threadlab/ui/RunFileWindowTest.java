package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFile;
import org.threadlab.ui.run.RunSession;

/**
 * Run files in the window: a saved run opens replayed, with its lesson, settings, trace and result
 * and a banner saying where and when it was recorded, running nothing; the banner goes when the
 * learner runs; a bad file says why and changes nothing; the run on screen saves to a file.
 */
@ExtendWith(ApplicationExtension.class)
class RunFileWindowTest {
    private MainWindow window;
    private Stage stage;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = Windows.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Windows.dispose(window);
    }

    /** A real run of shared-counter, no lock, 3 workers in a pool of 2, saved to a file. */
    private Path recordedRun(String name) throws Exception {
        Lesson lesson = LessonLibrary.standard().find("shared-counter");
        RunMode mode = new RunMode.ThreadPool(2);
        RunResult r = new Engine().start(RunConfig.of(lesson).withVariant("no-lock").withMode(mode).withWorkers(3)
                .withParams(Map.of("n", 3000L))).await();
        Path file = dir.resolve(name + RunFile.EXTENSION);
        RunFile.write(Recording.of(lesson, Recording.lessonText(lesson), mode, r), file);
        return file;
    }

    private <T> T fx(java.util.concurrent.Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSavedRunOpensReplayedWithABannerAndRunsNothing(FxRobot robot) throws Exception {
        Path file = recordedRun("counter");
        Recording expected = RunFile.read(file);
        RunSession session = window.session();
        java.util.concurrent.atomic.AtomicBoolean ranAnything = new java.util.concurrent.atomic.AtomicBoolean();
        fx(() -> {
            session.runningProperty().addListener((o, was, running) -> ranAnything.compareAndSet(false, running));
            window.openRun(file);
            return null;
        });
        Windows.waitUntil(() -> session.recordedProperty().get() != null, "the run file opened");
        Recording shown = session.recordedProperty().get();
        RunResult r = fx(() -> session.resultProperty().get());
        assertSame(shown.result(), r, "the result on screen is the recorded one");
        assertEquals(expected.result().shared(), r.shared());
        assertEquals(expected.result().trace().size(), r.trace().size());
        assertEquals("shared-counter", fx(() -> session.lessonProperty().get().id()));
        assertEquals("no-lock", fx(() -> session.variantProperty().get()));
        assertEquals("thread-pool", fx(() -> session.modeProperty().get()));
        assertEquals(3, (int) fx(() -> session.workersProperty().get()));
        assertEquals(2, (int) fx(() -> session.poolSizeProperty().get()));
        assertEquals(3000L, fx(() -> session.paramsProperty().get().get("n")));
        assertFalse(fx(() -> session.runningProperty().get()), "nothing runs");
        assertEquals(expected.result().trace().endNanos(), fx(() -> session.endNanosProperty().get()), 0.0);
        // every view reads the trace: the timeline has its lanes, memory its final value
        assertEquals(expected.result().trace().lanes().size(), (int) fx(() -> session.feedProperty().get().lanes().size()));
        int counter = expected.result().shared().get("counter").intValue();
        assertEquals((long) counter, (long) fx(() -> session.memory().valueAt(0, (long) session.endNanosProperty().get())));

        String banner = fx(() -> window.notices().getText());
        assertTrue(fx(() -> window.notices().isShowing()));
        assertTrue(fx(() -> window.notices().isInfo()), "news, not an alarm");
        assertTrue(banner.startsWith("Recorded on a " + Runtime.getRuntime().availableProcessors() + "-core "), banner);
        assertTrue(banner.contains(expected.recordedWhen()), banner);
        assertTrue(banner.contains("replayed \u2014 nothing is running"), banner);
        String timing = fx(() -> ((javafx.scene.control.Label) window.lookup("#timing")).getText());
        assertTrue(timing.contains("The most the machine it was recorded on allows"), timing);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("adder-")),
                "no worker thread was started");
        assertFalse(ranAnything.get(), "the session never ran while opening the file");

        // running again is the learner's own run: the banner goes, the replay is over
        fx(() -> {
            session.start();
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> !session.runningProperty().get() && session.resultProperty().get() != null
                && session.recordedProperty().get() == null), "the new run ended");
        assertFalse(fx(() -> window.notices().isShowing()), "the banner went with the replay");
        // that run is of the lesson the run file brought (its source is inside the file): it saves all the same
        Path again = dir.resolve("again" + RunFile.EXTENSION);
        fx(() -> {
            window.saveRun(again);
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> session.messageProperty().get().equals("Saved the run to " + again)),
                "the learner's own run after a replay saves");
        assertEquals(expected.lessonText(), RunFile.read(again).lessonText(), "with the lesson text the run file held");
    }

    private boolean fx0(java.util.concurrent.Callable<Boolean> what) {
        try {
            return fx(what);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void openingAnotherLessonTakesTheBannerAway() throws Exception {
        Path file = recordedRun("other");
        fx(() -> {
            window.openRun(file);
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> window.notices().isShowing()), "the banner shows");
        Windows.open(window, "squares");
        assertFalse(fx(() -> window.notices().isShowing()));
        assertNull(fx(() -> window.session().recordedProperty().get()));
    }

    @Test
    void aBadFileSaysWhyAndLeavesTheWindowAsItWas() throws Exception {
        Windows.open(window, "squares");
        Path bad = Files.write(dir.resolve("broken" + RunFile.EXTENSION), "not a run".getBytes());
        fx(() -> {
            window.openRun(bad);
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> window.notices().isShowing()), "the notice shows");
        assertNull(fx(() -> window.session().feedProperty().get()), "no run appeared where there was none");
        // and with a finished run on screen: the same run stays, result and all
        Windows.open(window, "shared-counter");
        RunSession session = window.session();
        fx(() -> {
            session.paramsProperty().set(Map.of("n", 300L));
            session.start();
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> !session.runningProperty().get() && session.resultProperty().get() != null),
                "the run ended");
        RunResult before = fx(() -> session.resultProperty().get());
        Object feedBefore = fx(() -> session.feedProperty().get());
        fx(() -> {
            window.notices().hide();
            window.openRun(bad);
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> window.notices().isShowing()), "the notice shows again");
        assertSame(before, fx(() -> session.resultProperty().get()), "the run on screen stays");
        assertSame(feedBefore, fx(() -> session.feedProperty().get()));
        assertEquals("shared-counter", fx(() -> session.lessonProperty().get().id()));
        Windows.open(window, "squares");
        fx(() -> {
            window.openRun(bad);
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> window.notices().isShowing()), "the notice shows");
        String text = fx(() -> window.notices().getText());
        assertTrue(text.startsWith(bad + ": is not a ThreadLab run file"), text);
        assertFalse(fx(() -> window.notices().isInfo()), "bad news");
        assertEquals("squares", fx(() -> window.session().lessonProperty().get().id()), "the lesson stays");
        assertNull(fx(() -> window.session().recordedProperty().get()));
        assertNull(fx(() -> window.session().feedProperty().get()), "no run appeared");
    }

    @Test
    void theRunOnScreenSavesToAFileThatOpensAsTheSameRun() throws Exception {
        Windows.open(window, "shared-counter");
        RunSession session = window.session();
        fx(() -> {
            session.paramsProperty().set(Map.of("n", 500L));
            session.start();
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> !session.runningProperty().get() && session.resultProperty().get() != null),
                "the run ended");
        RunResult ran = fx(() -> session.resultProperty().get());
        assertEquals(RunStatus.COMPLETED, ran.status());
        Path file = dir.resolve("saved" + RunFile.EXTENSION);
        fx(() -> {
            window.saveRun(file);
            return null;
        });
        Windows.waitUntil(() -> fx0(() -> session.messageProperty().get().equals("Saved the run to " + file)),
                "the status line says where it went");
        Recording back = RunFile.read(file);
        assertEquals(ran.shared(), back.result().shared());
        assertEquals(ran.trace().size(), back.result().trace().size());
        assertEquals(ran.wallNanos(), back.result().wallNanos());
        assertTrue(RunFiles.defaultName(ran, null).matches("shared-counter-threads-\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.threadlab"),
                RunFiles.defaultName(ran, null));
    }

    /** The window as the launcher starts it with these arguments (in place of the test's). */
    private MainWindow startWith(String... args) throws Exception {
        Windows.dispose(window);
        window = WaitForAsyncUtils.asyncFx(() -> new ThreadLabApp().start(stage, AppOptions.parse(args),
                org.threadlab.ui.lesson.CompletionStore.inMemory())).get(30, TimeUnit.SECONDS);
        return window;
    }

    @Test
    void openOptionAndABareFileArgumentOpenTheRun() throws Exception {
        Path file = recordedRun("option");
        for (String[] args : new String[][] {{"--size", "1280x800", "--open", file.toString()},
                {"--size", "1280x800", file.toString()}}) {
            MainWindow w = startWith(args);
            Windows.waitUntil(() -> fx0(() -> w.session().recordedProperty().get() != null), "opened: " + String.join(" ", args));
            assertEquals("shared-counter", fx(() -> w.session().lessonProperty().get().id()));
            assertTrue(fx(() -> w.notices().isShowing() && w.notices().isInfo()));
            assertFalse(fx(() -> w.session().runningProperty().get()));
        }
        assertThrows(picocli.CommandLine.ParameterException.class,
                () -> AppOptions.parse("--open", file.toString(), file.toString()), "one run file at a time");
    }

    @Test
    void ofTheFilesDraggedOntoTheWindowTheFirstRunFileIsTheOneOpened() {
        var files = java.util.List.of(new java.io.File("notes.txt"), new java.io.File("/tmp/lesson.yaml"),
                new java.io.File("/tmp/counter.threadlab"), new java.io.File("/tmp/other.threadlab"));
        assertEquals(Path.of("/tmp/counter.threadlab"), RunFiles.runFileAmong(files).orElseThrow());
        assertTrue(RunFiles.runFileAmong(files.subList(0, 2)).isEmpty(), "a lesson or a text file is not taken");
    }
}

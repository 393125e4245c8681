package org.threadlab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;
import org.threadlab.trace.LockHistory;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.ProcessCopies;
import org.threadlab.trace.SyncHistory;
import org.threadlab.trace.TraceFeed;

/**
 * A run nobody sees, so that the learner's first Run does not pay for a cold JVM. In a fresh JVM
 * the first run spends most of a second loading and interpreting code: the engine's start (the
 * lesson compiler, the run's threads, the CPU clock, the loopback download server), the
 * interpreter's loop, and the trace feed and histories a window pulls every frame; meanwhile its
 * workers already take the cores. One run of ThreadLab's own small lesson ({@code warm-up.yaml}
 * beside this class: never in the library, never on screen) goes through all of that, pulled
 * the way a window pulls it, and its trace is dropped.
 *
 * <p>{@code -Dthreadlab.warmUp=false} turns it off (the first-run benchmark measures without it).
 */
public final class WarmUp {
    /** The lesson's id: no lesson of the library may take it. */
    public static final String LESSON_ID = "warm-up";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private WarmUp() {}

    /** Whether warm-ups are on in this JVM ({@code threadlab.warmUp}, default true). */
    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("threadlab.warmUp", "true"));
    }

    /** ThreadLab's own warm-up lesson. */
    public static Lesson lesson() {
        try (InputStream in = Objects.requireNonNull(WarmUp.class.getResourceAsStream("warm-up.yaml"))) {
            return new LessonParser().parse(Path.of(LESSON_ID + ".yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LessonException e) {
            throw new IllegalStateException("ThreadLab's warm-up lesson does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the warm-up lesson once on the calling thread, pulling its trace into a feed and the
     * histories as a window would while it runs, and returns the finished feed (the caller may
     * hand it to views to warm them too, then drop it). Nothing of it is kept here.
     */
    public static Finished runOnce() throws InterruptedException {
        Lesson lesson = lesson();
        Run run = new Engine().start(RunConfig.of(lesson));
        TraceFeed feed = new TraceFeed(run.recorder());
        long[] initial = lesson.shared().variables().values().stream().mapToLong(Long::longValue).toArray();
        MemoryHistory memory = new MemoryHistory(feed, initial);
        ProcessCopies copies = new ProcessCopies(feed, initial);
        LockHistory locks = new LockHistory(feed);
        SyncHistory sync = new SyncHistory(feed, run.synchronizers());
        while (!run.isDone()) {
            if (feed.pull()) {
                memory.update();
                copies.update();
                locks.update();
                sync.update();
            }
            Thread.sleep(2);
        }
        RunResult result = run.await();
        feed.finish(result.trace());
        memory.reset();
        copies.reset();
        locks.reset();
        sync.reset();
        RUNS.incrementAndGet();
        return new Finished(lesson, result, feed, memory, copies, locks, sync);
    }

    /** A finished warm-up run with what a window would have built from it. */
    public record Finished(Lesson lesson, RunResult result, TraceFeed feed, MemoryHistory memory, ProcessCopies copies,
                           LockHistory locks, SyncHistory sync) {}

    /** How many warm-up runs this JVM finished: for tests and benchmarks. */
    public static int runs() {
        return RUNS.get();
    }
}

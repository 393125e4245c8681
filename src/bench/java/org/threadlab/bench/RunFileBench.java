package org.threadlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFile;

/**
 * Size and opening time of run files made from real runs of shared-counter (no lock, two threads):
 * {@code n} increments per worker make about 8 n events per worker. For each size it records one
 * run, writes it (timed), and opens the file {@code opens} times (timed; the first open of the
 * JVM, with cold code, is printed apart). Opening is {@link RunFile#read}: unzip, parse the lesson,
 * decode every event, merge the lanes into the trace's global order, as the window and
 * {@code replay} do before anything is shown.
 *
 * <p>Run: {@code mvn -B -P bench test-compile exec:exec -Dexec.args="-Xmx2g -Dthreadlab.lessons=lessons
 * -cp %classpath org.threadlab.bench.RunFileBench"}; options after the class name: {@code n=62500,100000}
 * (increments per worker, one file each) {@code opens=7}.
 */
public final class RunFileBench {
    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(62_500L, 100_000L);
        int opens = 7;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "n" -> sizes = java.util.Arrays.stream(kv[1].split(",")).map(s -> Long.parseLong(s.replace("_", ""))).toList();
                case "opens" -> opens = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        System.out.printf(Locale.ROOT, "run files: java %s, %d cores, load %.2f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Lesson lesson = LessonLibrary.standard().find("shared-counter");
        String text = Recording.lessonText(lesson);
        Path dir = Files.createTempDirectory("threadlab-runfile-bench");
        boolean first = true;
        for (long n : sizes) {
            RunResult r = new Engine().start(RunConfig.of(lesson).withVariant("no-lock").withMode(new RunMode.Threads())
                    .withParams(Map.of("n", n))).await();
            Recording rec = Recording.of(lesson, text, new RunMode.Threads(), r);
            Path file = dir.resolve("shared-counter-" + n + RunFile.EXTENSION);
            long w0 = System.nanoTime();
            RunFile.write(rec, file);
            long writeNanos = System.nanoTime() - w0;
            long bytes = Files.size(file);
            int events = r.trace().size();
            r = null;
            rec = null;
            List<Long> times = new ArrayList<>();
            long cold = -1;
            for (int i = 0; i < opens + (first ? 1 : 0); i++) {
                System.gc();
                long t0 = System.nanoTime();
                Recording back = RunFile.read(file);
                long t = System.nanoTime() - t0;
                if (back.result().trace().size() != events) {
                    throw new AssertionError("read " + back.result().trace().size() + " events of " + events);
                }
                if (first && i == 0) {
                    cold = t;
                } else {
                    times.add(t);
                }
            }
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "n=%,d: %,d events, file %,d bytes (%.2f MB, %.2f bytes/event), write %.0f ms;"
                            + " open median %.0f ms (min %.0f, max %.0f, n=%d)%s%n", n, events, bytes, bytes / 1e6,
                    (double) bytes / events, writeNanos / 1e6, times.get(times.size() / 2) / 1e6, times.get(0) / 1e6,
                    times.get(times.size() - 1) / 1e6, times.size(),
                    cold >= 0 ? String.format(Locale.ROOT, "; first open in this JVM %.0f ms", cold / 1e6) : "");
            first = false;
            Files.delete(file);
        }
        Files.delete(dir);
    }
}

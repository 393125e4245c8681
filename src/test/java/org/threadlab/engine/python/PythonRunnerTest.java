package org.threadlab.engine.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.PythonRun;

/**
 * The runner on the machine's real Python: counts, modes and server passed, lines streamed, the
 * whole process tree killed at the timeout and on stop (no orphan), CPU time with the children's,
 * the temporary folder gone. Skipped, with the reason, where there is no Python 3.10+.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonRunnerTest {
    /** Lines as they come, for tests that must react while the listing still runs. */
    private final BlockingQueue<OutputLine> lines = new LinkedBlockingQueue<>();
    private final PythonListener listener = lines::add;

    private static PythonRunner runner() {
        return new PythonRunner(Pythons.require());
    }

    private static Map<String, Long> counts(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    private String awaitLine(String prefix) throws InterruptedException {
        while (true) {
            OutputLine l = lines.poll(60, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within 60 s");
            }
            if (l.text().startsWith(prefix)) {
                return l.text().substring(prefix.length()).strip();
            }
        }
    }

    /** The process runs no more: no such process, or a zombie (dead, its exit status not yet collected). */
    private static boolean gone(long pid) {
        if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            return true;
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return false; // alive for the JDK, and no /proc to tell a zombie
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true; // no such process any more
        }
    }

    private static List<String> texts(PythonResult r) {
        return r.output().stream().map(OutputLine::text).toList();
    }

    @Test
    void passesTheCountsAtTheScaleTheModeAndTheServer() throws Exception {
        PythonRun run = new PythonRun(counts("n", 100_000, "workers", 4), 10, true, "",
                List.of("sequential", "threads"), 30);
        String code = """
                import sys
                if __name__ == "__main__":
                    print("args", sys.argv[1:])
                    print("argv0", sys.argv[0], __name__)
                """;
        PythonTask task = new PythonTask("args_listing", Pythons.listing(code, run), 10, "threads", Duration.ofSeconds(30));
        PythonResult r = runner().run(task, listener);
        assertEquals(PythonResult.Ending.COMPLETED, r.ending(), () -> String.join("\n", texts(r)));
        String server = r.command().get(r.command().size() - 1);
        assertTrue(server.matches("http://127\\.0\\.0\\.1:\\d+"), server);
        assertTrue(texts(r).contains("args ['--n', '10000', '--workers', '1', '--mode', 'threads', '--server', '"
                + server + "']"), () -> String.join("\n", texts(r)));
        assertTrue(texts(r).contains("argv0 args_listing.py __main__"), () -> String.join("\n", texts(r)));
        assertEquals(Map.of("n", 10_000L, "workers", 1L), r.counts());
        assertEquals("threads", r.mode());
        assertEquals(List.of(Pythons.require().command(), "args_listing.py", "--n", "10000", "--workers", "1",
                "--mode", "threads", "--server", server), r.command());
        assertEquals(0, r.exitCode());
        assertTrue(r.asExpected());
    }

    @Test
    void aModeTheListingDoesNotDeclareIsRefused() {
        PythonRun run = Pythons.run(Map.of(), false, "", List.of("sequential", "threads"), 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PythonTask("x", Pythons.listing("print(1)", run), 1, "processes", Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("sequential, threads"), e.getMessage());
    }

    @Test
    void linesArriveWhileTheListingStillRunsAndTheFolderIsGoneAfter() throws Exception {
        // the listing waits for a file that the test writes only after it has seen the first line
        String code = """
                import os, sys, time
                if __name__ == "__main__":
                    print("folder", os.getcwd())
                    print("on stderr", file=sys.stderr)
                    deadline = time.monotonic() + 60
                    while not os.path.exists("go") and time.monotonic() < deadline:
                        time.sleep(0.01)
                    print("after go", os.path.exists("go"))
                """;
        PythonJob<PythonResult> job = runner().start(Pythons.task(code, Pythons.run(Map.of(), false, "", List.of(), 90)), listener);
        Path folder = Path.of(awaitLine("folder "));
        assertFalse(job.isDone(), "the first line came before the end");
        assertTrue(Files.isRegularFile(folder.resolve("listing.py")), "the listing is written in its working folder");
        Files.writeString(folder.resolve("go"), "");
        PythonResult r = job.await();
        assertTrue(texts(r).contains("after go True"), () -> String.join("\n", texts(r)));
        assertTrue(r.output().stream().anyMatch(l -> l.stderr() && l.text().equals("on stderr")));
        assertFalse(Files.exists(folder), "the temporary folder is deleted");
    }

    /** A listing whose multiprocessing child starts a grandchild; all three print their pid and wait for ever. */
    private static final String TREE = """
            import multiprocessing, os, time
            def grandchild():
                print("grandchild", os.getpid(), flush=True)
                time.sleep(3600)
            def child():
                g = multiprocessing.Process(target=grandchild)
                g.start()
                print("child", os.getpid(), flush=True)
                g.join()
            if __name__ == "__main__":
                print("parent", os.getpid(), flush=True)
                c = multiprocessing.Process(target=child)
                c.start()
                c.join()
            """;

    @Test
    void theTimeoutKillsTheWholeTreeAndLeavesNoOrphan() throws Exception {
        PythonRun run = Pythons.run(Map.of(), false, "deadlock", List.of(), 4);
        PythonJob<PythonResult> job = runner().start(Pythons.task(TREE, run), listener);
        List<Long> pids = treePids();
        PythonResult r = job.await();
        assertEquals(PythonResult.Ending.TIMED_OUT, r.ending());
        assertTrue(r.asExpected(), "a listing that hangs on purpose ends at its timeout");
        assertTrue(r.endingText().contains("as expected"), r.endingText());
        for (long pid : pids) {
            assertTrue(gone(pid), "process " + pid + " is gone");
        }
    }

    @Test
    void stopKillsTheWholeTreeToo() throws Exception {
        PythonRun run = Pythons.run(Map.of(), false, "", List.of(), 90);
        PythonJob<PythonResult> job = runner().start(Pythons.task(TREE, run), listener);
        List<Long> pids = treePids();
        job.stop();
        PythonResult r = job.await();
        assertEquals(PythonResult.Ending.STOPPED, r.ending());
        assertFalse(r.asExpected());
        for (long pid : pids) {
            assertTrue(gone(pid), "process " + pid + " is gone");
        }
    }

    /** The three pids of {@link #TREE}, once all three are running. */
    private List<Long> treePids() throws InterruptedException {
        List<Long> pids = new ArrayList<>();
        java.util.Set<String> who = new java.util.HashSet<>();
        while (who.size() < 3) {
            OutputLine l = lines.poll(60, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("the tree did not start within 60 s; saw " + who);
            }
            String[] parts = l.text().split(" ");
            if (parts.length == 2 && List.of("parent", "child", "grandchild").contains(parts[0])) {
                who.add(parts[0]);
                pids.add(Long.parseLong(parts[1]));
            }
        }
        for (long pid : pids) {
            assertFalse(gone(pid), "process " + pid + " runs before the kill");
        }
        return pids;
    }

    @Test
    void cpuTimeCountsTheChildProcesses() throws Exception {
        // the child burns CPU while the parent only waits: the run's CPU time must hold the child's
        String code = """
                import multiprocessing, time
                def burn(q):
                    end = time.process_time() + 0.6
                    x = 0
                    while time.process_time() < end:
                        x += 1
                    q.put(time.process_time())
                if __name__ == "__main__":
                    q = multiprocessing.Queue()
                    p = multiprocessing.Process(target=burn, args=(q,))
                    p.start()
                    print("child cpu", q.get())
                    p.join()
                    print("parent cpu", time.process_time())
                """;
        PythonResult r = runner().run(Pythons.task(code, Pythons.run(Map.of(), false, "", List.of(), 90)), listener);
        assertEquals(PythonResult.Ending.COMPLETED, r.ending(), () -> String.join("\n", texts(r)));
        double child = number(r, "child cpu ");
        double parent = number(r, "parent cpu ");
        double cpu = r.cpu().orElseThrow().toNanos() / 1e9;
        assertTrue(child >= 0.6, "the child burnt its 0.6 s: " + child);
        // os.times() ticks are 10 ms: allow a few of them
        assertTrue(cpu >= parent + child - 0.05, "run CPU " + cpu + " s holds parent " + parent + " + child " + child);
    }

    private static double number(PythonResult r, String prefix) {
        return Double.parseDouble(texts(r).stream().filter(t -> t.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + texts(r))).substring(prefix.length()));
    }

    @Test
    void aListingThatDownloadsFetchesFromTheServerStartedForIt() throws Exception {
        String code = """
                import argparse, urllib.request
                if __name__ == "__main__":
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--server", default="http://127.0.0.1:8000")
                    args = parser.parse_args()
                    with urllib.request.urlopen(args.server + "/download?latency=20&bytes=1234") as answer:
                        print("got", len(answer.read()), "bytes")
                """;
        PythonResult r = runner().run(Pythons.task(code, Pythons.run(Map.of(), true, "", List.of(), 60)), listener);
        assertEquals(PythonResult.Ending.COMPLETED, r.ending(), () -> String.join("\n", texts(r)));
        assertTrue(texts(r).contains("got 1234 bytes"), () -> String.join("\n", texts(r)));
    }

    @Test
    void aFailingListingEndsWithItsExitCodeAndItsOwnTraceback() throws Exception {
        String code = """
                def divide():
                    return 1 / 0
                if __name__ == "__main__":
                    divide()
                """;
        PythonResult r = runner().run(Pythons.task(code, Pythons.run(Map.of(), false, "", List.of(), 60)), listener);
        assertEquals(PythonResult.Ending.FAILED, r.ending());
        assertEquals(1, r.exitCode());
        assertEquals("failed with exit code 1", r.endingText());
        List<String> err = r.output().stream().filter(OutputLine::stderr).map(OutputLine::text).toList();
        assertEquals("Traceback (most recent call last):", err.get(0), err::toString);
        assertTrue(err.get(1).contains("File \"listing.py\", line 4"), () -> "starts in the listing: " + err);
        assertTrue(err.stream().noneMatch(l -> l.contains("runpy") || l.contains("<string>")),
                () -> "no frame of the start-up program: " + err);
        assertEquals("ZeroDivisionError: division by zero", err.get(err.size() - 1));
    }

    @Test
    void processesLeftRunningAfterTheInterpreterEndsAreKilled() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")),
                "skipped: finding a run's orphans needs Linux's /proc");
        String code = """
                import subprocess, sys
                if __name__ == "__main__":
                    p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    print("orphan", p.pid)
                """;
        PythonResult r = runner().run(Pythons.task(code, Pythons.run(Map.of(), false, "", List.of(), 60)), listener);
        assertEquals(PythonResult.Ending.COMPLETED, r.ending(), () -> String.join("\n", texts(r)));
        long orphan = (long) number(r, "orphan ");
        assertEquals(1, r.leftoversKilled());
        assertTrue(gone(orphan), "the process the listing left behind is gone");
    }

    @Test
    void helpersThatLeaveByThemselvesAreNotCountedAsLeftovers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")),
                "skipped: the forkserver start method is a Unix one");
        // a forkserver and a resource tracker outlive the interpreter for a moment, then leave
        String code = """
                import multiprocessing, os
                def pid(_):
                    return os.getpid()
                if __name__ == "__main__":
                    multiprocessing.set_start_method("forkserver")
                    with multiprocessing.Pool(2) as pool:
                        print("workers", len(set(pool.map(pid, range(8)))) > 0)
                """;
        PythonResult r = runner().run(Pythons.task(code, Pythons.run(Map.of(), false, "", List.of(), 60)), listener);
        assertEquals(PythonResult.Ending.COMPLETED, r.ending(), () -> String.join("\n", texts(r)));
        assertTrue(texts(r).contains("workers True"), () -> String.join("\n", texts(r)));
        assertEquals(0, r.leftoversKilled());
    }

    @Test
    void onlyTheLastLinesAreKeptAndTheRestCounted() throws Exception {
        String code = """
                if __name__ == "__main__":
                    for i in range(2500):
                        print(i)
                """;
        List<OutputLine> all = new CopyOnWriteArrayList<>();
        PythonResult r = runner().run(Pythons.task(code, Pythons.run(Map.of(), false, "", List.of(), 60)), all::add);
        assertEquals(2500, all.size(), "the listener sees every line");
        assertEquals(PythonRunner.KEPT_LINES, r.output().size());
        assertEquals(2500 - PythonRunner.KEPT_LINES, r.droppedLines());
        assertEquals("2499", r.output().get(r.output().size() - 1).text());
    }

    @Test
    void aComparisonRunsEachModeInTurnAtTheSameCounts() throws Exception {
        String code = """
                import argparse, os
                if __name__ == "__main__":
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--n", type=int, default=1000)
                    parser.add_argument("--mode", default="threads")
                    args = parser.parse_args()
                    print("ran", args.mode, args.n)
                """;
        PythonRun run = new PythonRun(counts("n", 1000), 10, false, "", List.of("sequential", "threads", "processes"), 60);
        PythonTask task = new PythonTask("cmp", Pythons.listing(code, run), 10, "", Duration.ofSeconds(60));
        List<String> started = new CopyOnWriteArrayList<>();
        PythonListener l = new PythonListener() {
            @Override
            public void line(OutputLine line) {}

            @Override
            public void started(PythonTask t, List<String> command, long pid) {
                started.add(t.mode());
            }
        };
        GilComparison c = runner().compare(task, l).await();
        assertEquals(List.of("sequential", "threads", "processes"), started);
        for (String mode : run.modes()) {
            PythonResult r = c.run(mode).orElseThrow();
            assertEquals(List.of("ran " + mode + " 100"), texts(r));
        }
        assertTrue(c.complete(run.modes()));
        assertEquals(1.0, c.speedUp("sequential").orElseThrow(), 1e-9);
        double threads = c.speedUp("threads").orElseThrow();
        assertEquals(c.run("sequential").orElseThrow().wall().toNanos() / (double) c.run("threads").orElseThrow().wall().toNanos(),
                threads, 1e-9);
    }

    @Test
    void stoppingAComparisonStartsNoFurtherMode() throws Exception {
        String code = """
                import argparse, threading
                if __name__ == "__main__":
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--mode", default="threads")
                    print("waiting in", parser.parse_args().mode)
                    threading.Event().wait()
                """;
        PythonRun run = Pythons.run(Map.of(), false, "", List.of("sequential", "threads", "processes"), 90);
        PythonJob<GilComparison> job = runner().compare(Pythons.task(code, run), listener);
        assertEquals("sequential", awaitLine("waiting in "));
        job.stop();
        GilComparison c = job.await();
        assertEquals(1, c.runs().size(), "no mode after the stopped one");
        assertEquals(PythonResult.Ending.STOPPED, c.runs().get(0).ending());
        assertTrue(c.speedUp("threads").isEmpty());
        assertFalse(c.complete(run.modes()));
    }
}

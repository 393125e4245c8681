package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    @TempDir
    Path dir;

    private int cli(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void replayPrintsTheSummaryTheRunPrintedAfterOneLineSayingWhereAndWhen() throws Exception {
        Path file = dir.resolve("counter.threadlab");
        assertEquals(0, cli("run", "shared-counter", "--variant", "no-lock", "--param", "n=3000", "--save", file.toString()));
        String original = out.toString();
        assertTrue(err.toString().contains("saved the run to " + file), err::toString);
        assertTrue(Files.size(file) > 0);

        assertEquals(0, cli("replay", file.toString()));
        String replayed = out.toString();
        String firstLine = replayed.substring(0, replayed.indexOf(System.lineSeparator()) + System.lineSeparator().length());
        assertTrue(firstLine.startsWith("Recorded on a " + Runtime.getRuntime().availableProcessors() + "-core "), firstLine);
        assertTrue(firstLine.contains("nothing was run"), firstLine);
        assertEquals(original, replayed.substring(firstLine.length()));
    }

    @Test
    void replayJsonIsTheRunsJsonExactly() {
        Path file = dir.resolve("counter-json.threadlab");
        assertEquals(0, cli("run", "shared-counter", "--variant", "lock", "--mode", "thread-pool", "--pool-size", "2",
                "--workers", "3", "--param", "n=500", "--json", "--save", file.toString()));
        String original = out.toString();
        assertEquals(0, cli("replay", file.toString(), "--json"));
        assertEquals(original, out.toString());
        assertTrue(err.toString().startsWith("Recorded on "), err::toString);
    }

    @Test
    void aRunThatLostUpdatesReplaysItsJsonExactly() throws Exception {
        Path file = dir.resolve("lost.threadlab");
        for (int attempt = 0; attempt < 20; attempt++) {
            assertEquals(0, cli("run", "shared-counter", "--variant", "no-lock", "--mode", "threads", "--param", "n=20000",
                    "--json", "--save", file.toString()));
            String original = out.toString();
            long counter = new com.fasterxml.jackson.databind.ObjectMapper().readTree(original).get("shared")
                    .get("counter").asLong();
            if (counter < 40_000) {
                assertEquals(0, cli("replay", file.toString(), "--json"));
                assertEquals(original, out.toString());
                return;
            }
        }
        throw new AssertionError("no lost update in 20 runs of 2 x 20,000 increments");
    }

    @Test
    void aRunWithPrintsAndAQueueReplaysItsConsoleAndJson() {
        Path file = dir.resolve("queue.threadlab");
        assertEquals(0, cli("run", "process-queue", "--save", file.toString()), err::toString);
        String readable = out.toString();
        assertTrue(readable.contains("  [main] parent: received 385"), readable);
        assertEquals(0, cli("replay", file.toString()));
        assertTrue(out.toString().endsWith(readable), out::toString);
        Path json = dir.resolve("queue-json.threadlab");
        assertEquals(0, cli("run", "process-queue", "--json", "--save", json.toString()), err::toString);
        String original = out.toString();
        assertEquals(0, cli("replay", json.toString(), "--json"));
        assertEquals(original, out.toString());
    }

    @Test
    void aProcessRunReplaysWithItsChildrensPids() {
        Path file = dir.resolve("memory.threadlab");
        assertEquals(0, cli("run", "process-memory", "--json", "--save", file.toString()), err::toString);
        String original = out.toString();
        assertTrue(original.contains("\"processes\""), original);
        assertEquals(0, cli("replay", file.toString(), "--json"));
        assertEquals(original, out.toString());
    }

    @Test
    void aDeadlockedRunReplaysWithTheSameExitCode() {
        Path file = dir.resolve("deadlock.threadlab");
        int code = 0;
        String original = null;
        for (int attempt = 0; attempt < 10 && code != Cli.INCOMPLETE; attempt++) {
            code = cli("run", "deadlock", "--mode", "threads", "--json", "--save", file.toString());
            original = out.toString();
        }
        assertEquals(Cli.INCOMPLETE, code, "the deadlock lesson deadlocked in none of 10 runs");
        assertTrue(original.contains("\"deadlocked\""), original);
        assertEquals(Cli.INCOMPLETE, cli("replay", file.toString(), "--json"));
        assertEquals(original, out.toString());
        assertEquals(Cli.INCOMPLETE, cli("replay", file.toString()));
        assertTrue(out.toString().contains("status:  deadlocked"), out::toString);
    }

    @Test
    void saveToAFolderThatDoesNotExistIsRefusedBeforeRunning() {
        Path nowhere = dir.resolve("no-such-folder").resolve("x.threadlab");
        assertEquals(Cli.REFUSED, cli("run", "shared-counter", "--param", "n=10", "--save", nowhere.toString()));
        assertTrue(err.toString().startsWith(nowhere + ": cannot save the run there"), err::toString);
        assertTrue(err.toString().contains("nothing was run"), err::toString);
        assertEquals("", out.toString());
        assertFalse(Files.exists(nowhere.getParent()));
    }

    @Test
    void replayOfABadFileExitsOneWithTheReason() throws Exception {
        Path yaml = dir.resolve("shared-counter.threadlab");
        Files.copy(Path.of("lessons/shared-counter.yaml"), yaml);
        assertEquals(Cli.REFUSED, cli("replay", yaml.toString()));
        assertTrue(err.toString().startsWith(yaml + ": is not a ThreadLab run file"), err::toString);
        assertEquals("", out.toString());
        assertEquals(Cli.REFUSED, cli("replay", dir.resolve("missing.threadlab").toString(), "--json"));
        assertTrue(err.toString().contains("missing.threadlab: no such file"), err::toString);
        assertEquals("", out.toString());
    }
}

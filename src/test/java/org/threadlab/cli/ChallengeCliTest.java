package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code challenge} lists and solves a lesson's challenges; {@code check} refuses one that cannot be won. */
class ChallengeCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void solvePrintsAShortestWinOfEachChallenge() {
        assertEquals(0, cli("challenge", "shared-counter", "lowest-total", "--solve"), err::toString);
        String text = out.toString();
        assertTrue(text.startsWith("1. The lowest total (lowest-total)\n"), text);
        assertTrue(text.contains("   goal:    counter == 2 at the end\n   played:  variant no-lock, 2 workers, n = 2\n"), text);
        assertTrue(text.contains("   shortest win: 12 steps, 2 switches between workers\n"
                + "   A.read A.add A.write A.read A.add B.read B.add B.write B.read B.add B.write A.write\n"), text);
        out.getBuffer().setLength(0);
        assertEquals(0, cli("challenge", "deadlock", "close-the-circle", "--solve"), err::toString);
        assertTrue(out.toString().contains("shortest win: 2 steps, 1 switch between workers\n   A.lock B.lock\n"), out::toString);
    }

    @Test
    void withoutSolveItListsAndAnUnknownIdIsAUsageError() {
        assertEquals(0, cli("challenge", "shared-counter"), err::toString);
        assertTrue(out.toString().contains("2. The lowest total (lowest-total)"), out::toString);
        assertEquals(2, cli("challenge", "shared-counter", "nope"));
        assertTrue(err.toString().contains("no challenge 'nope'; challenges: lose-one, lowest-total"), err::toString);
    }

    @Test
    void checkRefusesAChallengeNobodyCanWinWithItsPlaceInTheFile(@TempDir Path dir) throws Exception {
        String lesson = Files.readString(Path.of("lessons/shared-counter.yaml"))
                .replace("goal: counter == 2\n", "goal: counter == 1\n");
        Path file = dir.resolve("shared-counter.yaml");
        Files.writeString(file, lesson);
        assertEquals(1, cli("check", file.toString()));
        String text = err.toString();
        assertTrue(text.contains(file + ":"), text);
        assertTrue(text.contains("challenge 'lowest-total' cannot be won: no schedule of its"), text);
        assertTrue(text.contains("reaches the goal counter == 1 at the end"), text);
        assertEquals(1, cli("challenge", file.toString(), "lowest-total", "--solve"));
    }
}

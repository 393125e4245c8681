package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ExploreStressCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void exploreListsEachOutcomeWithItsGradeCountAndASchedule() {
        assertEquals(0, cli("explore", "shared-counter", "--variant", "no-lock", "--param", "n=2"), err::toString);
        String text = out.toString();
        assertTrue(text.startsWith("shared-counter [no-lock] - 2 workers, n = 2\nlanes:    A = adder-1, B = adder-2\n"), text);
        assertTrue(text.contains("explored: every schedule, 924 in all"), text);
        assertTrue(text.contains("counter = 4                  ACCEPTABLE   6 schedules (0.65%)"), text);
        assertTrue(text.contains("counter = 3                  INTERESTING  216 schedules (23.38%)"), text);
        assertTrue(text.contains("counter = 2                  INTERESTING  702 schedules (75.97%)"), text);
        assertTrue(text.contains("   one schedule: A.read A.add A.write A.read A.add A.write B.read B.add B.write"), text);
    }

    @Test
    void exploreShowsTheDeadlockAndItsSchedule() {
        assertEquals(0, cli("explore", "deadlock", "--param", "n=1"), err::toString);
        assertTrue(out.toString().contains("DEADLOCK                     -            2 schedules (33.33%)"), out::toString);
        assertTrue(out.toString().contains("   Deadlock: to-bob holds alice-lock and waits for bob-lock;"
                + " to-alice holds bob-lock and waits for alice-lock.\n   one schedule: A.lock B.lock\n"), out::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, cli("explore", "deadlock", "--variant", "fixed-order", "--param", "n=2"), err::toString);
        assertFalse(out.toString().contains("DEADLOCK"), out::toString);
    }

    @Test
    void exploreStopsAtItsLimitAndSaysHowFarItGot() {
        assertEquals(3, cli("explore", "shared-counter", "--max-states", "1000"));
        assertTrue(out.toString().contains("stopped at the limit of 1,000 states; the outcomes below are those found so far"),
                out::toString);
        assertTrue(out.toString().contains("smaller params explore fully, e.g. --param n=2"), out::toString);
    }

    @Test
    void badInputGetsAClearMessage() {
        assertEquals(1, cli("explore", "shared-counter", "--param", "m=2"));
        assertEquals("shared-counter: lesson 'shared-counter' has no param 'm'; its params: n\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, cli("stress", "squares"));
        assertTrue(err.toString().startsWith("squares: stress cannot repeat lesson 'squares': worker 'squarer' has a"
                + " compute step"), err::toString);
        err.getBuffer().setLength(0);
        assertEquals(2, cli("stress", "shared-counter", "--trials", "0"));
        assertEquals("--trials and --seconds must be positive\n", err.toString());
        assertEquals(1, cli("explore", "no-such-lesson"));
    }

    @Test
    @Timeout(60)
    void stressPrintsTheHistogramRateAndWhatWasNeverSeen() {
        assertEquals(0, cli("stress", "shared-counter", "--variant", "lock", "--param", "n=2", "--trials", "100000"),
                err::toString);
        String text = out.toString();
        assertTrue(text.startsWith("shared-counter [lock] - 2 workers, n = 2, one platform thread each\ntrials:  "), text);
        assertTrue(text.contains(" trials/s (stopped after "), text);
        assertTrue(text.contains("\noverlap: ") && text.contains(" sampled trials had another worker inside the same trial"), text);
        assertTrue(text.matches("(?s).*\ncounter = 4 +ACCEPTABLE +[0-9,]+ +100\\.00% +[0-9,]+/s\n.*"), text);
        assertTrue(text.contains("\ncounter = 4                  ACCEPTABLE "), text);
        assertTrue(text.contains("by grade: acceptable 100.00%"), text);
        assertTrue(text.contains("possible but never seen: none; the one outcome that exploring every interleaving finds"
                + " was seen"), text);
    }
}

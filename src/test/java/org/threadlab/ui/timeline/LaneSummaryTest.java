package org.threadlab.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.WorkerState;

/** The level-of-detail summary agrees with a brute-force scan of the events it summarises. */
class LaneSummaryTest {

    /** Time in each state over [a, b), straight from the lane's events; index STATES is "no state". */
    private static double[] bruteForce(LaneLog log, double a, double b, long end) {
        double[] time = new double[LaneSummary.STATES + 1];
        int state = LaneSummary.STATES;
        double since = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < log.size(); i++) {
            if (!log.isState(i)) {
                continue;
            }
            double t = Math.min(log.nanos(i), end);
            time[state] += Math.max(0, Math.min(t, b) - Math.max(since, a));
            state = log.state(i).ordinal();
            since = t;
        }
        time[state] += Math.max(0, Math.min(end, b) - Math.max(since, a));
        time[LaneSummary.STATES] += Math.max(0, b - Math.max(a, end));
        return time;
    }

    /** The state with the most time; ties to the lower ordinal, "no state" last. -1 if the top two are too close to call. */
    private static int dominant(double[] time) {
        int best = -1;
        double top = -1;
        double second = -1;
        for (int k = 0; k <= LaneSummary.STATES; k++) {
            if (time[k] > top) {
                second = top;
                top = time[k];
                best = k == LaneSummary.STATES ? LaneSummary.NONE : k;
            } else if (time[k] > second) {
                second = time[k];
            }
        }
        return top - second < 1e-3 ? Integer.MIN_VALUE : best;
    }

    @Test
    void sampledColumnsMatchABruteForceScanAtEveryZoom() {
        Trace trace = Recordings.manyStates(400, 7);
        TraceFeed feed = new TraceFeed(trace);
        LaneLog log = feed.lane(0);
        LaneSummary summary = new LaneSummary(log);
        summary.ingest();
        long end = feed.endNanos();
        assertTrue(summary.intervalCount() > 5 * LaneSummary.BLOCK, "enough intervals for several checkpoints");

        Random random = new Random(1);
        int compared = 0;
        // few columns: many intervals per column (the checkpoint path); many columns: the walk
        for (int cols : new int[] {1, 3, 7, 40, 300, 2000}) {
            for (int trial = 0; trial < 6; trial++) {
                double t0 = trial == 0 ? 0 : random.nextDouble() * end * 0.8;
                double span = trial == 0 ? end * 1.05 : Math.max(cols, random.nextDouble() * (end - t0));
                double dt = span / cols;
                byte[] out = new byte[cols + 3];
                summary.sample(t0, dt, cols, end, out, 3);
                for (int c = 0; c < cols; c++) {
                    double a = t0 + c * dt;
                    double b = t0 + (c + 1) * dt;
                    int expected = dominant(bruteForce(log, a, b, end));
                    if (expected == Integer.MIN_VALUE) {
                        continue;
                    }
                    assertEquals(expected, out[3 + c], "column " + c + " of " + cols + " at [" + a + ", " + b + ")");
                    assertEquals(expected, summary.dominant(a, b, end));
                    compared++;
                }
            }
        }
        assertTrue(compared > 1000, "compared " + compared + " columns");
    }

    @Test
    void countingColumnsAgreesWithSamplingThem() {
        Trace trace = Recordings.manyStates(300, 5);
        TraceFeed feed = new TraceFeed(trace);
        LaneSummary summary = new LaneSummary(feed.lane(0));
        summary.ingest();
        long end = feed.endNanos();
        long[] weights = new long[256];
        for (int s = 0; s < LaneSummary.STATES; s++) {
            weights[s] = 1L << (5 * s); // any distinct weights; NONE (255) weighs 0
        }
        for (int cols : new int[] {2, 50, 900}) {
            double dt = end * 1.1 / cols;
            byte[] sampled = new byte[cols];
            summary.sample(0, dt, cols, end, sampled, 0);
            long[] diff = new long[cols + 1];
            summary.count(0, dt, cols, end, diff, weights);
            summary.count(0, dt, cols, end, diff, weights); // a second lane in the same state adds up
            long sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += diff[c];
                assertEquals(2 * weights[sampled[c] & 0xFF], sum, "column " + c + " of " + cols);
            }
            assertEquals(0, sum + diff[cols], "every run that starts also ends");
        }
    }

    @Test
    void totalsMatchTheEventsOverAnyRange() {
        Trace trace = Recordings.manyStates(300, 11);
        TraceFeed feed = new TraceFeed(trace);
        LaneLog log = feed.lane(0);
        LaneSummary summary = new LaneSummary(log);
        summary.ingest();
        long end = feed.endNanos();
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            double a = random.nextDouble() * end;
            double b = a + random.nextDouble() * (end - a) * 1.2;
            double[] expected = bruteForce(log, a, b, end);
            double[] actual = summary.totals(a, b, end);
            for (int k = 0; k <= LaneSummary.STATES; k++) {
                assertEquals(expected[k], actual[k], 1e-3 * (b - a) + 1, "state " + k + " over [" + a + ", " + b + ")");
            }
        }
    }

    @Test
    void theSummaryGrowsWithTheLaneAndReadsOnlyNewEvents() throws InterruptedException {
        org.threadlab.trace.TraceRecorder recorder = new org.threadlab.trace.TraceRecorder(Recordings.info());
        org.threadlab.trace.LaneRecorder lane = recorder.newLane("grower", "platform-thread");
        TraceFeed feed = new TraceFeed(recorder);
        lane.state(WorkerState.RUNNING);
        feed.pull();
        LaneSummary summary = new LaneSummary(feed.lane(0));
        long first = summary.ingest();
        assertEquals(1, summary.intervalCount());
        assertTrue(first >= 0);
        assertEquals(-1, summary.ingest(), "nothing new: nothing read");
        Thread.sleep(2);
        lane.state(WorkerState.SLEEPING);
        lane.stepStart(1);
        lane.state(WorkerState.SLEEPING); // the same state again: no new interval
        feed.pull();
        long changed = summary.ingest();
        assertEquals(2, summary.intervalCount());
        assertEquals(summary.intervalStart(1), changed, "reports where the new intervals start");
        assertEquals(WorkerState.SLEEPING, summary.intervalState(1));
    }

    @Test
    void printedLinesAreKeptInOrderForTheirTicks() {
        org.threadlab.trace.TraceRecorder recorder = new org.threadlab.trace.TraceRecorder(
                new org.threadlab.trace.TraceInfo("t", "", "threads", false, java.util.List.of(), java.util.List.of(),
                        java.util.List.of()));
        org.threadlab.trace.LaneRecorder lane = recorder.newLane("music", "platform-thread");
        lane.state(WorkerState.RUNNING);
        for (int i = 0; i < 5; i++) {
            lane.print("bar " + i);
            lane.state(WorkerState.SLEEPING);
            lane.state(WorkerState.RUNNING);
        }
        LaneSummary summary = new LaneSummary(new TraceFeed(recorder.snapshot()).lane(0));
        summary.ingest();
        assertEquals(5, summary.printCount());
        for (int k = 1; k < 5; k++) {
            assertTrue(summary.printTime(k) >= summary.printTime(k - 1));
        }
        assertEquals(0, summary.firstPrintAtOrAfter(Double.NEGATIVE_INFINITY));
        assertEquals(2, summary.firstPrintAtOrAfter(summary.printTime(2)));
        assertEquals(5, summary.firstPrintAtOrAfter(summary.printTime(4) + 1));
    }
}

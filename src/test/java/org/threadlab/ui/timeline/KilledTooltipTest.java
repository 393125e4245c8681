package org.threadlab.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;

/** A killed child process's lane reads as killed, and says where its exit status is, not "n/a". */
class KilledTooltipTest {
    @Test
    void aKilledProcessLaneSaysItWasKilled() {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        LaneRecorder ticker = recorder.newLane("ticker-1", "process");
        ticker.state(WorkerState.RUNNING);
        LockSupport.parkNanos(100_000);
        ticker.state(WorkerState.KILLED);
        LockSupport.parkNanos(100_000);
        TraceFeed feed = new TraceFeed(recorder);
        feed.pull();
        LaneSummary lane = new LaneSummary(feed.lane(0));
        lane.ingest();
        long killedAt = feed.lane(0).nanos(feed.lane(0).size() - 1);
        long end = killedAt + 50_000;
        String text = TooltipText.lane(lane, feed.info(), killedAt + 10_000, killedAt + 10_000, killedAt + 11_000, end);
        assertTrue(text != null && text.contains("killed since"), String.valueOf(text));
        assertTrue(text.contains("killed by a signal") && text.contains("exit status"), text);
        assertTrue(!text.contains("n/a"), text);
    }
}

package org.threadlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A pull with a budget: a bounded frame's worth of events, a feed end no lane is idle before, and a full catch-up. */
class TraceFeedBudgetTest {
    @Test
    void aBudgetedPullCopiesABoundedShareAndCatchesUpOverTheNextPulls() throws Exception {
        TraceRecorder recorder = new TraceRecorder(new TraceInfo("test", "", "threads", false, List.of("x"),
                List.of(), List.of()));
        LaneRecorder busy = recorder.newLane("busy", "platform-thread");
        LaneRecorder quiet = recorder.newLane("quiet", "platform-thread");
        busy.bindCurrentThread();
        busy.state(WorkerState.RUNNING);
        for (int i = 0; i < 10_000; i++) {
            busy.write(0, i);
        }
        quiet.state(WorkerState.SLEEPING);
        int recorded = busy.size();
        TraceFeed feed = new TraceFeed(recorder);

        assertTrue(feed.pull(1_000));
        assertEquals(500, feed.lane(0).size(), "half of the budget for each of the two lanes");
        assertEquals(quiet.size(), feed.lane(1).size(), "a lane under its share is copied whole");
        assertEquals(feed.lane(0).nanos(499), feed.endNanos(),
                "the feed ends where the lane left behind is complete, not now");

        int pulls = 1;
        while (feed.pull(1_000)) {
            pulls++;
            assertTrue(feed.lane(0).size() <= recorded);
        }
        assertEquals(recorded, feed.lane(0).size(), "every event arrives");
        assertTrue(pulls >= recorded / 500, "in bounded pulls: " + pulls);
        assertTrue(feed.endNanos() >= feed.lane(0).nanos(recorded - 1), "and the end catches up with the run");
        assertFalse(feed.pull(1_000), "nothing new");
    }
}

package org.threadlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.engine.Engine;
import org.threadlab.engine.Run;
import org.threadlab.engine.RunConfig;
import org.threadlab.lesson.LessonLibrary;

/** A window may draw a live run's queues before the first event was pulled: they are empty, not an error. */
class SyncHistoryBeforeAnyEventTest {
    @Test
    @Timeout(60)
    void aQueueAskedForBeforeAnyEventIsEmpty() throws Exception {
        Run run = new Engine().start(RunConfig.of(LessonLibrary.standard().find("producer-consumer")));
        try {
            SyncHistory history = new SyncHistory(new TraceFeed(run.recorder()), run.synchronizers());
            assertTrue(history.queueCount() > 0, "the lesson has a queue");
            SyncHistory.QueueState q = history.queueAt(0, 0);
            assertTrue(q.contents().isEmpty(), q.toString());
            assertEquals(0, history.puts(0).size());
        } finally {
            run.cancel();
            run.await();
        }
    }
}

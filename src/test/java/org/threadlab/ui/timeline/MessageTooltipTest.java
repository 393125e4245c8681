package org.threadlab.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;

/** The tooltip of a put or a take names the queue message and its value. */
class MessageTooltipTest {

    @Test
    void aPutAndATakeAreNamedByMessageNumberAndValue() {
        TraceRecorder recorder = new TraceRecorder(Recordings.info());
        LaneRecorder producer = recorder.newLane("producer", "platform-thread");
        LaneRecorder consumer = recorder.newLane("consumer", "platform-thread");
        producer.state(WorkerState.RUNNING);
        producer.stepStart(0);
        producer.messagePut(0, 3);
        producer.stepEnd(0, 30);
        LockSupport.parkNanos(50_000);
        producer.state(WorkerState.DONE);
        consumer.state(WorkerState.RUNNING);
        consumer.stepStart(1);
        consumer.state(WorkerState.WAITING); // the queue is empty
        LockSupport.parkNanos(50_000);
        consumer.messageTaken(0, 3); // recorded while still waiting: that is when it got the value
        consumer.state(WorkerState.RUNNING);
        consumer.stepEnd(1, 30);
        consumer.state(WorkerState.DONE);
        TraceFeed feed = new TraceFeed(recorder);
        feed.pull();
        LaneLog put = feed.lane(0);
        LaneLog take = feed.lane(1);

        assertEquals("put message #3, value 30", TooltipText.message(put, put.nanos(0), put.nanos(put.size() - 1)));
        long waitStart = take.nanos(2);
        long waitEnd = take.nanos(4);
        assertEquals("took message #3, value 30", TooltipText.message(take, waitStart, waitEnd),
                "the waiting interval of the take shows the message it ended with");
        assertNull(TooltipText.message(take, take.nanos(0), waitStart), "no message before the wait");
    }
}

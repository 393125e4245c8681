package org.threadlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TraceRecorderTest {
    private static TraceInfo info() {
        return new TraceInfo("test", "", "threads", false, List.of("x"), List.of(), List.of());
    }

    @Test
    @Timeout(30)
    void aReaderSeesAConsistentPrefixWhileTheWriterGoesOn() throws Exception {
        TraceRecorder recorder = new TraceRecorder(info());
        LaneRecorder lane = recorder.newLane("writer", "platform-thread");
        int total = 300_000; // many chunks of 4096
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < total; i++) {
                lane.write(0, i);
            }
        });
        int snapshots = 0;
        while (writer.isAlive() || snapshots == 0) {
            Trace t = recorder.snapshot();
            LaneEvents events = t.lane(0);
            for (int i = 0; i < events.size(); i++) {
                TraceEvent.SharedWritten w = (TraceEvent.SharedWritten) events.event(i);
                assertEquals(i, w.value(), "event " + i + " of a snapshot is the one written as event " + i);
            }
            snapshots++;
        }
        writer.join();
        assertEquals(total, recorder.snapshot().lane(0).size());
        assertTrue(snapshots > 0);
    }

    @Test
    void lanesMergeInTimeOrderAndKeepTheirOwnNames() throws Exception {
        TraceRecorder recorder = new TraceRecorder(info());
        LaneRecorder a = recorder.newLane("a", "platform-thread");
        LaneRecorder b = recorder.newLane("b", "platform-thread");
        a.state(WorkerState.RUNNING);
        Thread.sleep(2);
        b.state(WorkerState.RUNNING);
        b.print("hello");
        Thread.sleep(2);
        a.state(WorkerState.DONE);
        b.state(WorkerState.DONE);
        Trace t = recorder.snapshot();
        List<TraceEvent> events = t.events();
        assertEquals(5, events.size());
        assertEquals(List.of(0, 1, 1, 0, 1), events.stream().map(TraceEvent::lane).toList());
        assertEquals("hello", ((TraceEvent.Printed) events.get(2)).text());
        assertEquals("b", t.lane(1).info().name());
        List<StateInterval> running = t.stateIntervals(0);
        assertEquals(1, running.size(), "DONE ends the lane's intervals");
        assertTrue(running.get(0).durationNanos() >= 4_000_000L / 2, "the interval spans the sleeps");
    }

    @Test
    void aDisabledRecorderRecordsNothing() {
        TraceRecorder recorder = new TraceRecorder(info(), false);
        LaneRecorder lane = recorder.newLane("quiet", "platform-thread");
        lane.state(WorkerState.RUNNING);
        lane.print("x");
        lane.read(0, 1);
        assertEquals(0, recorder.snapshot().lane(0).size());
    }

    @Test
    void slicesAcrossChunkBoundariesHoldExactlyTheirEvents() {
        TraceRecorder recorder = new TraceRecorder(info());
        LaneRecorder lane = recorder.newLane("w", "platform-thread");
        for (int i = 0; i < 50_000; i++) {
            lane.write(0, i);
        }
        for (int[] range : new int[][] {{0, 64}, {60, 70}, {63, 64}, {100, 40_000}, {49_999, 50_000}, {5, 5}}) {
            LaneEvents slice = lane.slice(range[0], range[1]);
            assertEquals(range[1] - range[0], slice.size());
            for (int i = 0; i < slice.size(); i++) {
                assertEquals(range[0] + i, ((TraceEvent.SharedWritten) slice.event(i)).value());
            }
        }
    }
}

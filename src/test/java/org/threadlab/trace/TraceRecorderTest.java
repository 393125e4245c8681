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

    @Test
    void aStepStartAndItsReadOrWriteShareTheTimeOfTheEventBeforeThem() throws Exception {
        TraceRecorder recorder = new TraceRecorder(info());
        LaneRecorder lane = recorder.newLane("w", "platform-thread");
        lane.state(WorkerState.RUNNING);
        lane.stepStart(1);
        lane.read(0, 41);
        Thread.sleep(2);
        lane.stepEnd(1, 41);
        lane.stepStart(2);
        lane.write(0, 42);
        Thread.sleep(2);
        lane.stepEnd(2, 42);
        LaneEvents e = recorder.snapshot().lane(0);
        assertEquals(7, e.size());
        assertEquals(e.nanos(0), e.nanos(1), "step start reuses the state change's time");
        assertEquals(e.nanos(0), e.nanos(2), "the read reuses it too");
        assertTrue(e.nanos(3) >= e.nanos(2) + 1_000_000, "a step end reads the clock afresh");
        assertEquals(e.nanos(3), e.nanos(4));
        assertEquals(e.nanos(3), e.nanos(5));
        assertTrue(e.nanos(6) > e.nanos(5));
        for (int i = 1; i < e.size(); i++) {
            assertTrue(e.nanos(i) >= e.nanos(i - 1), "times never go back within a lane");
        }
    }

    @Test
    void tenThousandLanesKeepTheirIndexesAndAllAppear() {
        TraceRecorder recorder = new TraceRecorder(info());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, recorder.newLane("v" + i, "virtual-thread").index());
        }
        List<LaneRecorder> lanes = recorder.lanes();
        assertEquals(10_000, lanes.size());
        assertEquals("v9999", lanes.get(9_999).name());
        assertEquals(10_000, recorder.snapshot().lanes().size());
    }
}

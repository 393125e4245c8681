package org.threadlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.LessonLibrary;

/** The memory and lock histories agree with what really happened in real runs. */
class HistoryTest {
    private static RunResult counter(String variant, long n) throws Exception {
        return new Engine().run(RunConfig.of(LessonLibrary.standard().find("shared-counter")).withVariant(variant)
                .withMode(new RunMode.Threads()).withParams(Map.of("n", n)));
    }

    @Test
    void lostIncrementsAreExactlyWhatTheFinalValueIsShort() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            RunResult r = counter("no-lock", 50_000);
            long value = r.shared().get("counter");
            MemoryHistory memory = new MemoryHistory(new TraceFeed(r.trace()), new long[] {0});
            memory.update();
            long end = r.trace().endNanos();
            assertEquals(value, memory.valueAt(0, end), "the last write is the final value");
            assertEquals(100_000, memory.expectedAt(0, end), "every write meant to add one");
            assertEquals(100_000 - value, memory.lostAt(0, end));
            assertEquals(100_000, memory.writeCount(0));
            assertEquals(0, memory.valueAt(0, -1));
            if (value < 100_000) {
                assertTrue(memory.staleWritesAt(0, end) > 0, "some write overwrote an update made since its read");
                return;
            }
        }
        org.junit.jupiter.api.Assertions.fail("no run of 10 lost an update: the lost-update case was never tested");
    }

    @Test
    void eachLostUpdateLinksTheWriteItOverwroteToTheWriteBasedOnAnOlderRead() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            RunResult r = counter("no-lock", 50_000);
            MemoryHistory memory = new MemoryHistory(new TraceFeed(r.trace()), new long[] {0});
            memory.update();
            long end = r.trace().endNanos();
            java.util.List<MemoryHistory.LostUpdate> lost = memory.lostUpdates();
            assertEquals(memory.staleWritesAt(0, end), lost.size(), "one per write based on a stale read");
            if (lost.isEmpty()) {
                continue;
            }
            for (MemoryHistory.LostUpdate u : lost) {
                assertTrue(u.overwritten().nanos() <= u.overwriting().nanos(), "the overwritten write comes first");
                assertTrue(u.readNanos() <= u.overwriting().nanos(), "the read comes before its write");
                assertTrue(u.overwriting().readValue() != u.overwritten().value(),
                        "the write over it was based on a value other than the one it overwrote: " + u);
                MemoryHistory.LastWrite before = memory.lastWriteAt(0, u.overwriting().nanos() - 1);
                assertTrue(before != null && before.write().nanos() <= u.overwritten().nanos(),
                        "no write lies between the two: " + u);
            }
            assertTrue(lost == memory.lostUpdates(), "kept while no write comes");
            return;
        }
        org.junit.jupiter.api.Assertions.fail("no run of 10 lost an update: the links were never tested");
    }

    @Test
    void withTheLockNothingIsLostAndEveryHandoverIsCounted() throws Exception {
        RunResult r = counter("lock", 5_000);
        TraceFeed feed = new TraceFeed(r.trace());
        MemoryHistory memory = new MemoryHistory(feed, new long[] {0});
        memory.update();
        long end = r.trace().endNanos();
        assertEquals(0, memory.lostAt(0, end));
        assertEquals(0, memory.staleWritesAt(0, end));
        LockHistory locks = new LockHistory(feed);
        locks.update();
        LockHistory.State s = locks.stateAt(0, end);
        assertEquals("counter-lock", s.name());
        assertEquals(10_000, s.acquisitions());
        assertEquals(-1, s.owner(), "nobody holds the lock after the run");
        assertTrue(s.waiters().isEmpty());
        long contendedEvents = r.trace().events().stream()
                .filter(e -> e instanceof TraceEvent.LockAcquired a && a.contended()).count();
        assertEquals(contendedEvents, s.contended());
        int previous = -1;
        int handedOver = 0;
        for (LockHistory.Hold h : locks.holds(0)) {
            assertTrue(h.waitFrom() <= h.acquired() && h.acquired() <= h.released());
            LockHistory.State mid = locks.stateAt(0, h.acquired());
            assertEquals(h.lane(), mid.owner(), "the owner at the moment of an acquisition is its acquirer");
            assertEquals(h.contended() && previous != h.lane() ? previous : -1, mid.handedOverBy(),
                    "a hand-off names the worker that held the lock just before, if it was another and the owner waited");
            handedOver += mid.handedOverBy() >= 0 ? 1 : 0;
            previous = h.lane();
        }
        assertEquals(s.handoffs(), handedOver);
        assertTrue(s.handoffs() <= s.contended() && s.contended() <= s.acquisitions());
    }

    @Test
    void theRegisterHoldsTheValueBetweenReadAndWrite() {
        TraceRecorder recorder = new TraceRecorder(new TraceInfo("t", "", "threads", false, java.util.List.of("x"),
                java.util.List.of(), java.util.List.of(new TraceInfo.StepInfo(0, "read", "read x", "w", "", 1),
                        new TraceInfo.StepInfo(1, "add", "tmp += 1", "w", "", 1),
                        new TraceInfo.StepInfo(2, "write", "write x", "w", "", 1))));
        LaneRecorder lane = recorder.newLane("w", "platform-thread");
        lane.stepStart(0);
        lane.read(0, 41);
        lane.stepEnd(0, 41);
        lane.stepStart(1);
        lane.stepEnd(1, 42);
        Trace beforeWrite = recorder.snapshot();
        lane.stepStart(2);
        lane.write(0, 42);
        lane.stepEnd(2, 42);
        Trace after = recorder.snapshot();
        MemoryHistory.Register r1 = new MemoryHistory(new TraceFeed(beforeWrite), new long[] {41})
                .registerAt(0, beforeWrite.endNanos());
        assertEquals(new MemoryHistory.Register(0, 0, 42, true, beforeWrite.lane(0).nanos(1)), r1);
        MemoryHistory.Register r2 = new MemoryHistory(new TraceFeed(after), new long[] {41}).registerAt(0, after.endNanos());
        assertEquals(new MemoryHistory.Register(0, 0, 42, false, after.lane(0).nanos(6)), r2);
    }

    @Test
    void aWriteWithoutARead_isAnAssignmentThatLosesNothing() {
        TraceRecorder recorder = new TraceRecorder(new TraceInfo("t", "", "threads", false, java.util.List.of("result"),
                java.util.List.of(), java.util.List.of(new TraceInfo.StepInfo(0, "write", "write result", "w", "", 1))));
        LaneRecorder a = recorder.newLane("a", "platform-thread");
        LaneRecorder b = recorder.newLane("b", "platform-thread");
        a.stepStart(0);
        a.write(0, 8_999_995_500_000_500_000L); // a computed sum: far from any count of increments
        a.stepEnd(0, 0);
        b.stepStart(0);
        b.write(0, 42);
        b.stepEnd(0, 0);
        Trace t = recorder.snapshot();
        MemoryHistory memory = new MemoryHistory(new TraceFeed(t), new long[] {0});
        memory.update();
        assertEquals(42, memory.valueAt(0, t.endNanos()));
        assertEquals(42, memory.expectedAt(0, t.endNanos()), "the expected value is what was last assigned");
        assertEquals(0, memory.lostAt(0, t.endNanos()));
        assertEquals(0, memory.staleWritesAt(0, t.endNanos()));
    }

    @Test
    void aLaneIsInAStepFromItsStartToItsEnd() {
        TraceRecorder recorder = new TraceRecorder(new TraceInfo("t", "", "threads", false, java.util.List.of("x"),
                java.util.List.of(), java.util.List.of(new TraceInfo.StepInfo(0, "sleep", "sleep", "w", "nap", 3),
                        new TraceInfo.StepInfo(1, "print", "print", "w", "", 4))));
        LaneRecorder lane = recorder.newLane("w", "platform-thread");
        lane.state(WorkerState.RUNNING);
        lane.stepStart(0);
        lane.state(WorkerState.SLEEPING);
        lane.state(WorkerState.RUNNING);
        lane.stepEnd(0, 0);
        lane.stepStart(1);
        lane.stepEnd(1, 0);
        Trace t = recorder.snapshot();
        TraceFeed feed = new TraceFeed(t);
        LaneLog log = feed.lane(0);
        assertEquals(0, CurrentSteps.stepAt(log, log.nanos(2)), "asleep inside the sleep step");
        assertEquals(java.util.Set.of("nap"), CurrentSteps.marksAt(feed, log.nanos(2), 10));
        assertEquals(-1, CurrentSteps.stepAt(log, -1), "before anything");
        assertEquals(-1, CurrentSteps.stepAt(log, t.endNanos()), "after its last step ended");
        assertEquals(java.util.Set.of(), CurrentSteps.marksAt(feed, t.endNanos(), 10));
    }
}

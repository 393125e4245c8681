package org.threadlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.Engine;
import org.threadlab.engine.Run;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.LessonLibrary;

/** The semaphore and queue history agrees with what really happened in real runs of the lessons. */
class SyncHistoryTest {
    private record Ran(RunResult result, SyncHistory history) {}

    private static Ran run(String lesson, Map<String, Long> params, int workers) throws Exception {
        return run(lesson, params, workers, new RunMode.Threads());
    }

    private static Ran run(String lesson, Map<String, Long> params, int workers, RunMode mode) throws Exception {
        Run run = new Engine().start(RunConfig.of(LessonLibrary.standard().find(lesson)).withMode(mode)
                .withWorkers(workers).withParams(params));
        RunResult r = run.await();
        assertEquals(RunStatus.COMPLETED, r.status());
        SyncHistory history = new SyncHistory(new TraceFeed(r.trace()), run.synchronizers());
        history.update();
        return new Ran(r, history);
    }

    /** Every moment at which something changed, and the moments just before each. */
    private static TreeSet<Long> moments(Trace trace) {
        TreeSet<Long> times = new TreeSet<>();
        for (TraceEvent e : trace.events()) {
            times.add(e.nanos());
            times.add(e.nanos() - 1);
        }
        times.add(trace.endNanos());
        return times;
    }

    @Test
    void neverMoreHoldersThanPermitsAndEveryWorkerGotOne() throws Exception {
        Ran ran = run("semaphore", Map.of("latency", 60L), 5);
        SyncHistory h = ran.history();
        assertEquals(1, h.semaphoreCount());
        int most = 0;
        int mostWaiting = 0;
        for (long t : moments(ran.result().trace())) {
            SyncHistory.SemaphoreState s = h.semaphoreAt(0, t);
            assertEquals("connections", s.name());
            assertEquals(2, s.permits());
            assertTrue(s.holders().size() <= 2, "at most two permits held at " + t + ": " + s.holders());
            assertTrue(s.holders().stream().noneMatch(s.waiters()::contains), "a holder does not also wait");
            most = Math.max(most, s.holders().size());
            mostWaiting = Math.max(mostWaiting, s.waiters().size());
        }
        SyncHistory.SemaphoreState end = h.semaphoreAt(0, ran.result().trace().endNanos());
        assertEquals(5, end.acquisitions(), "each of the five workers took a permit once");
        assertEquals(2, end.maxHeld(), "with five workers and two permits, two held at once");
        assertEquals(2, most);
        assertTrue(mostWaiting >= 1, "five workers for two permits: someone waited");
        assertTrue(end.waitedNanos() > 0);
        assertTrue(end.holders().isEmpty() && end.waiters().isEmpty(), "every permit given back at the end");
        List<Integer> lanes = h.permits(0).stream().map(SyncHistory.Permit::lane).sorted().toList();
        assertEquals(5, new TreeSet<>(lanes).size(), "five different workers held a permit");
        // the third worker to get a permit had to wait for one of the first two to give theirs back
        SyncHistory.Permit third = h.permits(0).get(2);
        assertTrue(third.waitFrom() < third.acquired(), "the third acquisition waited");
    }

    @Test
    void everyValuePutIsTakenOnceInOrderAndTheQueueNeverOverflows() throws Exception {
        Ran ran = run("producer-consumer", Map.of("n", 40L), 2);
        SyncHistory h = ran.history();
        assertEquals(1, h.queueCount());
        List<Long> put = h.puts(0).stream().map(SyncHistory.Transfer::value).toList();
        List<Long> taken = h.takes(0).stream().map(SyncHistory.Transfer::value).toList();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 40; i++) {
            expected.add(i);
        }
        assertEquals(expected, put, "the producer put 1 to 40 in turn");
        assertEquals(expected, taken, "the consumer took each value once, in the order it was put");
        int longest = 0;
        for (long t : moments(ran.result().trace())) {
            SyncHistory.QueueState q = h.queueAt(0, t);
            assertEquals(2, q.capacity());
            assertTrue(q.contents().size() <= 2, "never more than the capacity on the queue: " + q.contents());
            assertEquals(q.puts() - q.takes(), q.contents().size(), "on the queue: put and not yet taken");
            for (int k = 1; k < q.contents().size(); k++) {
                assertEquals(q.contents().get(k - 1).value() + 1, q.contents().get(k).value(), "the queue keeps order");
            }
            assertTrue(q.blockedPut().isEmpty() || q.blockedPut().equals(List.of(0)), "only the producer puts");
            assertTrue(q.blockedTake().isEmpty() || q.blockedTake().equals(List.of(1)), "only the consumer takes");
            longest = Math.max(longest, q.contents().size());
        }
        SyncHistory.QueueState end = h.queueAt(0, ran.result().trace().endNanos());
        assertEquals(40, end.puts());
        assertEquals(40, end.takes());
        assertTrue(end.contents().isEmpty() && end.blockedPut().isEmpty() && end.blockedTake().isEmpty());
        assertTrue(end.maxLength() >= 1 && end.maxLength() <= 2);
        assertEquals(longest, end.maxLength());
        assertEquals(ran.result().shared().get("total"), taken.stream().mapToLong(Long::longValue).sum(),
                "the values taken are the ones the consumer added up");
    }

    @Test
    void onVirtualThreadsAndInAPoolTheFactsHoldToo() throws Exception {
        for (RunMode mode : java.util.List.of(new RunMode.VirtualThreads(), new RunMode.ThreadPool(3))) {
            Ran sem = run("semaphore", Map.of("latency", 40L), 4, mode);
            for (long t : moments(sem.result().trace())) {
                assertTrue(sem.history().semaphoreAt(0, t).holders().size() <= 2, mode + " at " + t);
            }
            assertEquals(4, sem.history().semaphoreAt(0, sem.result().trace().endNanos()).acquisitions(), mode.name());
            Ran pc = run("producer-consumer", Map.of("n", 30L), 2, mode instanceof RunMode.ThreadPool ? new RunMode.ThreadPool(2) : mode);
            List<Long> put = pc.history().puts(0).stream().map(SyncHistory.Transfer::value).toList();
            assertEquals(put, pc.history().takes(0).stream().map(SyncHistory.Transfer::value).toList(), mode.name());
            assertEquals(30, put.size());
            for (long t : moments(pc.result().trace())) {
                assertTrue(pc.history().queueAt(0, t).contents().size() <= 2, mode + " at " + t);
            }
        }
    }

    @Test
    void aLessonWithoutSemaphoresOrQueuesHasNone() throws Exception {
        Ran ran = run("shared-counter", Map.of("n", 100L), 2);
        assertEquals(0, ran.history().semaphoreCount());
        assertEquals(0, ran.history().queueCount());
        assertTrue(ran.history().synchronizers().isEmpty());
    }
}

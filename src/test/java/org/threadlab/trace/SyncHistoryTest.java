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

    private static Ran flag(int waiterNap, int notifierNap) throws Exception {
        org.threadlab.lesson.Lesson lesson = org.threadlab.engine.ConditionTest.flag(1, waiterNap, notifierNap);
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Threads()));
        RunResult r = run.await();
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        SyncHistory history = new SyncHistory(new TraceFeed(r.trace()), run.synchronizers());
        history.update();
        return new Ran(r, history);
    }

    private static int lane(Trace trace, String name) {
        for (int l = 0; l < trace.lanes().size(); l++) {
            if (trace.lanes().get(l).info().name().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no lane " + name);
    }

    @Test
    void aWaiterIsInTheWaitSetUntilTheNotifyWakesIt() throws Exception {
        // the notifier naps 200 ms, so the waiter finds the flag down and goes to sleep first
        Ran ran = flag(0, 200);
        SyncHistory h = ran.history();
        Trace trace = ran.result().trace();
        assertEquals(1, h.conditionCount());
        int waiter = lane(trace, "waiter");
        int notifier = lane(trace, "notifier");
        SyncHistory.Signal signal = h.signals(0).getFirst();
        assertEquals(notifier, signal.lane());
        assertEquals(1, signal.woken(), "the notify found the waiter in the wait set");
        SyncHistory.ConditionState before = h.conditionAt(0, signal.nanos() - 1);
        assertEquals("flag-set", before.name());
        assertEquals("flag-lock", before.lock());
        assertEquals(List.of(waiter), before.waitSet(), "asleep on the condition just before the notify");
        assertEquals(List.of(), h.conditionAt(0, signal.nanos()).waitSet(),
                "out of the wait set at the notify, though it runs again only once it has the lock back");
        assertEquals(0, before.notifies());
        SyncHistory.ConditionState end = h.conditionAt(0, trace.endNanos());
        assertEquals(List.of(), end.waitSet(), "woken and gone by the end");
        assertEquals(1, end.waits());
        assertEquals(1, end.notifies());
        assertEquals(0, end.emptyNotifies());
        assertEquals(signal, end.last());
    }

    @Test
    void aNotifyWithNobodyWaitingIsCountedApart() throws Exception {
        // the waiter naps 200 ms: the notify comes first, finds the wait set empty, and the waiter then
        // sees the flag up and never sleeps
        Ran ran = flag(200, 0);
        SyncHistory.ConditionState end = ran.history().conditionAt(0, ran.result().trace().endNanos());
        assertEquals(0, end.waits());
        assertEquals(1, end.notifies());
        assertEquals(1, end.emptyNotifies(), "a notify on an empty wait set wakes nobody");
        assertEquals(0, end.last().woken());
        for (long t : moments(ran.result().trace())) {
            assertEquals(List.of(), ran.history().conditionAt(0, t).waitSet(), "nobody ever slept, at " + t);
        }
    }

    @Test
    void theWaitNotifyBufferNeverHasAWorkerAsleepTwiceOrOnBothConditions() throws Exception {
        Run run = new Engine().start(RunConfig.of(LessonLibrary.standard().find("producer-consumer"))
                .withVariant("wait-notify").withMode(new RunMode.Threads()).withParams(Map.of("n", 40L)));
        RunResult r = run.await();
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        SyncHistory h = new SyncHistory(new TraceFeed(r.trace()), run.synchronizers());
        h.update();
        assertEquals(List.of("not-full", "not-empty"), h.synchronizers().conditions());
        for (long t : moments(r.trace())) {
            List<Integer> asleep = new ArrayList<>();
            for (int c = 0; c < h.conditionCount(); c++) {
                asleep.addAll(h.conditionAt(c, t).waitSet());
            }
            assertEquals(new TreeSet<>(asleep).size(), asleep.size(), "no worker in two wait sets, or twice in one, at " + t);
        }
        long woken = 0;
        int waits = 0;
        for (int c = 0; c < h.conditionCount(); c++) {
            SyncHistory.ConditionState end = h.conditionAt(c, r.trace().endNanos());
            assertEquals(List.of(), end.waitSet(), end.name() + " is empty at the end of a completed run");
            waits += end.waits();
            woken += h.signals(c).stream().mapToLong(SyncHistory.Signal::woken).sum();
        }
        assertTrue(woken >= waits, "every sleep ended in a wake-up by some notify: " + woken + " woken, " + waits + " waits");
    }

    @Test
    void withTwoProducersTheQueueOrderComesFromTheMessageNumbers() throws Exception {
        String text = """
                id: two-producers
                title: Two producers
                summary: Two producers, one consumer.
                narration: Two producers put on one small queue, one consumer takes everything.
                prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
                params: {n: 60}
                shared:
                  variables: {total: 0}
                  queues: {items: 2}
                workers:
                  - name: producer
                    copies: 2
                    steps:
                      - repeat: n
                        as: i
                        steps:
                          - put: items
                            value: i
                  - name: consumer
                    steps:
                      - repeat: 2 * n
                        steps:
                          - take: items
                            into: item
                          - increment: total
                            by: item
                listings:
                  java: "x();"
                  python: "x()"
                run:
                  modes: [threads]
                outcomes:
                  - when: always
                    grade: acceptable
                    text: Done.
                """;
        org.threadlab.lesson.Lesson lesson = new org.threadlab.lesson.LessonParser().parse(
                java.nio.file.Path.of("two-producers.yaml"), text);
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Threads()));
        RunResult r = run.await();
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        SyncHistory h = new SyncHistory(new TraceFeed(r.trace()), run.synchronizers());
        h.update();
        List<SyncHistory.Transfer> puts = h.puts(0);
        List<SyncHistory.Transfer> takes = h.takes(0);
        assertEquals(120, puts.size());
        assertEquals(120, takes.size());
        for (int k = 0; k < 120; k++) {
            assertEquals(k + 1, puts.get(k).message(), "puts in the queue's order");
            assertEquals(k + 1, takes.get(k).message(), "takes in the queue's order");
            assertEquals(puts.get(k).value(), takes.get(k).value(), "take " + (k + 1) + " got the value of put " + (k + 1));
        }
        for (long t : moments(r.trace())) {
            SyncHistory.QueueState q = h.queueAt(0, t);
            assertTrue(q.contents().size() <= 2, "never more than the capacity on the queue, at " + t);
            assertTrue(q.takes() <= q.puts(), "never more taken than put, at " + t);
        }
    }

    @Test
    void aQueueBetweenProcessesIsReadFromTheChildrensLanes() throws Exception {
        Ran ran = run("process-queue", Map.of(), 2, new RunMode.Processes());
        SyncHistory h = ran.history();
        int items = h.synchronizers().queues().indexOf("items");
        List<SyncHistory.Transfer> puts = h.puts(items);
        List<SyncHistory.Transfer> takes = h.takes(items);
        assertEquals(10, puts.size());
        assertEquals(puts.stream().map(SyncHistory.Transfer::value).toList(),
                takes.stream().map(SyncHistory.Transfer::value).toList(), "the consumer process took what the producer put, in order");
        assertTrue(puts.stream().allMatch(p -> ran.result().trace().lane(p.lane()).info().inChildProcess()),
                "the puts come from a child process's lane");
        for (long t : moments(ran.result().trace())) {
            assertTrue(h.queueAt(items, t).contents().size() <= 3, "at most the capacity, at " + t);
        }
    }
}

package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonParser;
import org.threadlab.trace.WorkerState;

/**
 * A live run whose workers can never move again ends as deadlocked with its reason, named as
 * exploration names it, long before its time limit: stuck on a semaphore, a queue (of threads, or
 * shared by processes), a lock or a mixture, and a circle of process-shared locks across child
 * processes. Each lesson here has a 60 s limit, so a run that ends as {@code deadlocked} was ended
 * by the watch, not by the clock.
 */
class StuckRunTest {
    private static final String HEAD = """
            id: stuck
            title: Test
            summary: A run that gets stuck.
            narration: Used by tests.
            prediction: {question: q, choices: [a, b], answer: 1, explanation: e}
            listings: {java: "// test", python: "# test"}
            outcomes:
              - {when: always, grade: acceptable, text: ended}
            """;

    private static Lesson lesson(String body) throws Exception {
        return new LessonParser().parse(Path.of("lessons/stuck.yaml"), HEAD + body);
    }

    private static RunResult run(Lesson lesson, String mode, int poolSize) throws InterruptedException {
        return new Engine().run(RunConfig.of(lesson).withMode(RunMode.of(mode, poolSize)));
    }

    private static void assertStuck(RunResult r, String message) {
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals(message + "; the run was stopped", r.messages().get(0));
        for (RunResult.LaneSummary lane : r.lanes()) {
            assertTrue(lane.finalState() == WorkerState.CANCELLED || lane.finalState() == WorkerState.DONE,
                    lane.name() + " ended " + lane.finalState());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "virtual-threads", "thread-pool", "sequential"})
    @Timeout(60)
    void aSecondPermitOfAOnePermitSemaphoreItHoldsStopsTheRun(String mode) throws Exception {
        Lesson l = lesson("""
                shared: {variables: {done: 0}, semaphores: {gate: 1}}
                workers:
                  - name: greedy
                    steps:
                      - with-permit: gate
                        steps:
                          - with-permit: gate
                            steps:
                              - increment: done
                run: {workers: 1, pool-size: 1, timeout: 60s}
                """);
        assertStuck(run(l, mode, 1), "stuck: greedy waits for a permit of gate, which has none left (it holds one itself);"
                + " no worker that could release a permit is left");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "virtual-threads", "thread-pool"})
    @Timeout(60)
    void takersOfAQueueNobodyPutsToStopTheRunWhenTheLastPutterEnds(String mode) throws Exception {
        // the producer puts two values and ends; three takes cannot all be served
        Lesson l = lesson("""
                shared: {variables: {got: 0}, queues: {items: 4}}
                workers:
                  - name: producer
                    steps:
                      - sleep: 100ms
                      - put: items
                        value: 1
                      - put: items
                        value: 2
                  - name: consumer
                    copies: 3
                    steps:
                      - take: items
                      - increment: got
                        atomic: true
                run: {workers: 4, pool-size: 4, timeout: 60s}
                """);
        RunResult r = run(l, mode, 4);
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals(2L, r.shared().get("got"), "two takes were served");
        String message = r.messages().get(0);
        assertTrue(message.matches("stuck: consumer-[123] waits to take from items, which is empty;"
                + " no worker that could put is left; the run was stopped"), message);
        assertEquals(1, r.lanes().stream().filter(lane -> lane.finalState() == WorkerState.CANCELLED).count());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "virtual-threads"})
    @Timeout(60)
    void aPutterOfAFullQueueNobodyTakesFromStopsTheRun(String mode) throws Exception {
        Lesson l = lesson("""
                shared: {variables: {done: 0}, queues: {items: 1}}
                workers:
                  - name: producer
                    steps:
                      - put: items
                        value: 1
                      - put: items
                        value: 2
                      - increment: done
                run: {workers: 1, timeout: 60s}
                """);
        assertStuck(run(l, mode, 1), "stuck: producer waits to put on items, which is full; no worker that could take is left");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "virtual-threads"})
    @Timeout(60)
    void aLockHeldByAWorkerThatWaitsOnAnEmptyQueueStopsTheRun(String mode) throws Exception {
        Lesson l = lesson("""
                shared: {variables: {done: 0}, locks: [door], queues: {items: 2}}
                workers:
                  - name: holder
                    steps:
                      - with-lock: door
                        steps:
                          - take: items
                          - increment: done
                  - name: blocked
                    steps:
                      - sleep: 200ms
                      - with-lock: door
                        steps:
                          - increment: done
                run: {workers: 2, timeout: 60s}
                """);
        assertStuck(run(l, mode, 2), "stuck: holder waits to take from items, which is empty; blocked waits for door,"
                + " which holder holds; no worker that could put is left");
    }

    @Test
    @Timeout(60)
    void aPoolWhoseOnlyThreadWaitsForAWorkerStillQueuedIsStarved() throws Exception {
        Lesson l = lesson("""
                shared: {variables: {got: 0}, queues: {items: 1}}
                workers:
                  - name: consumer
                    steps:
                      - take: items
                      - increment: got
                  - name: producer
                    steps:
                      - put: items
                        value: 7
                run: {workers: 2, pool-size: 1, timeout: 60s}
                """);
        RunResult r = run(l, "thread-pool", 1);
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals("stuck: consumer waits to take from items, which is empty; producer has not started, because every"
                + " thread of the pool is taken by a worker that waits: nobody is left to put (the pool is starved: give"
                + " it more threads); the run was stopped", r.messages().get(0));
        RunResult two = run(l, "thread-pool", 2);
        assertEquals(RunStatus.COMPLETED, two.status(), "with a second thread the producer runs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sequential", "thread-pool"})
    @Timeout(60)
    void workersThatCouldNotFreeTheWaiterAreNotBlamedOnThePool(String mode) throws Exception {
        // two consumers and no producer: a second thread would not help, so the message does not say it would
        Lesson l = lesson("""
                shared: {variables: {got: 0}, queues: {items: 1}}
                workers:
                  - name: consumer
                    copies: 2
                    steps:
                      - take: items
                      - increment: got
                run: {workers: 2, pool-size: 1, timeout: 60s}
                """);
        RunResult r = run(l, mode, 1);
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals("stuck: consumer-1 waits to take from items, which is empty; no worker that could put is left;"
                + " the run was stopped", r.messages().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "sequential"})
    @Timeout(60)
    void mainWaitingInItsBeforeStepsForWorkersItHasNotStartedIsStuck(String mode) throws Exception {
        Lesson l = lesson("""
                shared: {variables: {got: 0}, queues: {items: 1}}
                workers:
                  - name: producer
                    steps:
                      - put: items
                        value: 1
                main:
                  before:
                    - take: items
                run: {workers: 1, timeout: 60s}
                """);
        RunResult r = run(l, mode, 1);
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals(List.of("stuck: main waits to take from items, which is empty; producer has not started: main starts"
                + " the workers only after its 'before' steps, which wait for them; the run was stopped"), r.messages(),
                "and no complaint about a worker that never started not stopping");
        assertEquals(WorkerState.CANCELLED, r.lanes().stream().filter(lane -> lane.name().equals("producer")).findFirst()
                .orElseThrow().finalState());
    }

    @Test
    @Timeout(60)
    void aRunThatWaitsOnlyForAWhileIsNotStopped() throws Exception {
        // the consumers wait 300 ms for their items: waiting that ends is not being stuck
        Lesson l = lesson("""
                shared: {variables: {got: 0}, semaphores: {gate: 1}, queues: {items: 1}}
                workers:
                  - name: producer
                    steps:
                      - repeat: 3
                        steps:
                          - sleep: 300ms
                          - put: items
                            value: 1
                  - name: consumer
                    copies: 3
                    steps:
                      - with-permit: gate
                        steps:
                          - take: items
                          - increment: got
                run: {workers: 4, timeout: 60s}
                """);
        for (String mode : List.of("threads", "virtual-threads")) {
            RunResult r = run(l, mode, 4);
            assertEquals(RunStatus.COMPLETED, r.status(), () -> mode + ": " + String.join("; ", r.messages()));
            assertEquals(3L, r.shared().get("got"));
        }
    }

    @Test
    @Timeout(90)
    void aChildProcessThatTakesFromAnEmptyProcessSharedQueueIsFoundAndEnded() throws Exception {
        Lesson l = lesson("""
                shared: {variables: {got: 0}, queues: {items: 2}, process-shared: [items]}
                workers:
                  - name: consumer
                    copies: 2
                    steps:
                      - take: items
                      - increment: got
                main:
                  during:
                    - put: items
                      value: 5
                run: {workers: 2, timeout: 60s, modes: [processes, process-pool, threads]}
                """);
        for (String mode : List.of("processes", "process-pool")) {
            Run run = new Engine().start(RunConfig.of(l).withMode(RunMode.of(mode, 2)));
            RunResult r = run.await();
            assertEquals(RunStatus.DEADLOCKED, r.status(), () -> mode + ": " + String.join("; ", r.messages()));
            String message = r.messages().get(0);
            assertTrue(message.matches("stuck: consumer-[12] waits to take from items, which is empty;"
                    + " no worker that could put is left; the run was stopped"), message);
            assertNoChildLeft(run);
        }
    }

    @Test
    @Timeout(90)
    void aCircleOfProcessSharedLocksAcrossTwoChildProcessesIsFoundAndEnded() throws Exception {
        Lesson l = lesson("""
                shared: {variables: {done: 0}, locks: [a, b], process-shared: [a, b, done]}
                workers:
                  - name: first
                    steps:
                      - lock: a
                      - sleep: 400ms
                      - lock: b
                      - increment: done
                      - unlock: b
                      - unlock: a
                  - name: second
                    steps:
                      - lock: b
                      - sleep: 400ms
                      - lock: a
                      - increment: done
                      - unlock: a
                      - unlock: b
                run: {workers: 2, timeout: 60s, modes: [processes, threads]}
                """);
        Run run = new Engine().start(RunConfig.of(l).withMode(RunMode.of("processes", 2)));
        RunResult r = run.await();
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals(List.of("first", "second"), r.deadlock().workers().stream().sorted().toList());
        assertTrue(r.messages().get(0).matches("deadlock: (first holds a and waits for b; second holds b and waits for a"
                + "|second holds b and waits for a; first holds a and waits for b); the run was stopped"), r.messages()::toString);
        assertFalse(r.deadlock().jvmAgreed(), "the JVM's detector cannot see across processes");
        assertNoChildLeft(run);
    }

    @Test
    @Timeout(90)
    void aProcessSharedLockLeftHeldByAKilledChildIsNamedWithItsPid() throws Exception {
        Lesson l = lesson("""
                shared: {variables: {done: 0}, locks: [door], process-shared: [door, done]}
                workers:
                  - name: holder
                    steps:
                      - with-lock: door
                        steps:
                          - sleep: 30s
                  - name: waiter
                    steps:
                      - sleep: 300ms
                      - with-lock: door
                        steps:
                          - increment: done
                run: {workers: 2, timeout: 60s, modes: [processes, threads]}
                """);
        Run run = new Engine().start(RunConfig.of(l).withMode(RunMode.of("processes", 2)));
        // kill the holder once the waiter is blocked on the lock it holds
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long holderPid = -1;
        while (System.nanoTime() < deadline) {
            var lanes = run.recorder().snapshot().lanes();
            if (lanes.get(1).lastState() == WorkerState.BLOCKED_ON_LOCK) {
                holderPid = lanes.get(0).info().pid();
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(holderPid > 0, "the waiter never blocked on the holder's lock");
        assertTrue(run.kill(0), "the holder's child was running");
        RunResult r = run.await();
        assertEquals(RunStatus.DEADLOCKED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals("stuck: waiter waits for door, which process " + holderPid + " still holds, though it runs no worker"
                + " any more (a process killed while it holds a lock leaves it held); no worker that could let the lock go"
                + " is left; the run was stopped", r.messages().get(0));
        assertNoChildLeft(run);
    }

    /** No process carrying the run's marker is alive once its result is in. */
    private static void assertNoChildLeft(Run run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.current().descendants().filter(p -> p.info().arguments()
                    .map(a -> String.join(" ", a).contains(run.childMarker())).orElse(false)).filter(ProcessHandle::isAlive)
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertTrue(left.isEmpty(), "children left behind: " + left);
    }
}

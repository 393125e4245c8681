package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.engine.process.ProcessChild;
import org.threadlab.engine.process.ProcessSummary;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.LaneInfo;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.MemoryHistory;
import org.threadlab.trace.StateInterval;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.WorkerState;

/** The process modes: real child JVMs, their own memory, kill, crash, cancel, limits. */
@Timeout(120)
class ProcessModesTest {
    private static final long PARENT = ProcessHandle.current().pid();

    private static RunResult run(RunConfig config) throws InterruptedException {
        return new Engine().run(config);
    }

    /** Child JVMs alive now whose command line carries the marker. */
    static List<ProcessHandle> alive(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    private static void waitUntil(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(10);
        }
    }

    private static WorkerState lastState(LaneRecorder lane) {
        return lane.slice(0, lane.size()).lastState();
    }

    @Test
    void eachWorkerRunsInAChildProcessWithARealPidOfItsOwn() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("procs");
        RunResult r = run(RunConfig.of(lesson).withMode(new RunMode.Processes()).withWorkers(3));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        Set<Long> pids = new HashSet<>();
        for (LaneEvents lane : r.trace().lanes()) {
            LaneInfo info = lane.info();
            assertEquals(LaneInfo.PROCESS, info.kind());
            assertTrue(info.inChildProcess());
            assertNotEquals(PARENT, info.pid(), info.name());
            pids.add(info.pid());
            assertEquals(WorkerState.DONE, lane.lastState());
            // start-up shows as its own state, from start() to the child's first step
            List<StateInterval> states = lane.stateIntervals(r.trace().endNanos());
            assertEquals(WorkerState.STARTING, states.get(0).state(), info.name());
            assertEquals(WorkerState.RUNNING, states.get(1).state(), info.name());
            assertEquals(info.name(), info.threadName()); // the child reported its own thread
        }
        assertEquals(3, pids.size(), "one process per worker");
        assertEquals(3, r.processes().size());
        for (ProcessSummary p : r.processes()) {
            assertTrue(pids.contains(p.pid()));
            assertEquals(0, p.exitStatus());
            assertEquals(1, p.lanes().size());
            assertEquals(Map.of("counter", 1L), p.shared(), "each child counted once, in its own copy");
        }
        assertEquals(0L, r.shared().get("counter"), "no child's write reaches the parent");
        long prints = r.trace().events().stream().filter(e -> e instanceof TraceEvent.Printed).count();
        assertEquals(3, prints);
        long returns = r.trace().events().stream().filter(e -> e instanceof TraceEvent.Returned).count();
        assertEquals(3, returns);
        assertTrue(alive(PARENT + "-").stream().noneMatch(p -> pids.contains(p.pid())), "every child has exited");
    }

    @Test
    void aProcessPoolRunsManyTasksOnFewProcessesEachInItsOwnMemory() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("procs");
        RunResult r = run(RunConfig.of(lesson).withMode(new RunMode.ProcessPool(2)).withWorkers(5));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        Set<Long> pids = new HashSet<>();
        for (LaneEvents lane : r.trace().lanes()) {
            assertEquals(LaneInfo.POOL_PROCESS, lane.info().kind());
            assertNotEquals(PARENT, lane.info().pid());
            pids.add(lane.info().pid());
            assertEquals(WorkerState.QUEUED, lane.stateIntervals(r.trace().endNanos()).get(0).state());
            assertEquals(WorkerState.DONE, lane.lastState());
        }
        assertEquals(2, pids.size(), "two processes ran five tasks");
        assertEquals(2, r.processes().size());
        int tasks = 0;
        for (ProcessSummary p : r.processes()) {
            tasks += p.lanes().size();
            // a pool process keeps its memory from task to task: its copy counts its own tasks
            assertEquals((long) p.lanes().size(), p.shared().get("counter"), p.toString());
            for (String lane : p.lanes()) {
                long lanePid = r.trace().lanes().stream().filter(l -> l.info().name().equals(lane))
                        .findFirst().orElseThrow().info().pid();
                assertEquals(p.pid(), lanePid, "the trace shows which process ran " + lane);
            }
        }
        assertEquals(5, tasks);
        assertEquals(0L, r.shared().get("counter"));
    }

    @Test
    void theParentsCopyIsUnchangedInProcessMemory() throws InterruptedException {
        Lesson lesson = TestLessons.product("process-memory");
        RunResult r = run(RunConfig.of(lesson).withMode(new RunMode.Processes()));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals(0L, r.shared().get("result"));
        assertEquals(Grade.ACCEPTABLE, r.grade());
        assertEquals(1, r.processes().size());
        assertEquals(49L, r.processes().get(0).shared().get("result"), "the child's own copy holds its write");
        List<String> printed = r.trace().events().stream().filter(e -> e instanceof TraceEvent.Printed)
                .map(e -> ((TraceEvent.Printed) e).text()).toList();
        assertTrue(printed.contains("child: result = 49"), printed::toString);
        assertTrue(printed.contains("parent: result = 0 after join"), printed::toString);
        // the main lane ran in the parent, the child lane elsewhere
        assertEquals(PARENT, r.trace().lane(0).info().pid());
        assertNotEquals(PARENT, r.trace().lane(1).info().pid());

        // the memory view's history is the parent's memory: the child's write is not in it
        MemoryHistory memory = new MemoryHistory(new TraceFeed(r.trace()), new long[] {0});
        memory.update();
        assertEquals(0, memory.writeCount(0));
        assertEquals(0L, memory.valueAt(0, r.trace().endNanos()));

        RunResult threads = run(RunConfig.of(lesson).withMode(new RunMode.Threads()));
        assertEquals(49L, threads.shared().get("result"), "a thread writes the parent's own memory");
        assertTrue(threads.processes().isEmpty());
        MemoryHistory shared = new MemoryHistory(new TraceFeed(threads.trace()), new long[] {0});
        shared.update();
        assertEquals(1, shared.writeCount(0));
        assertEquals(49L, shared.valueAt(0, threads.trace().endNanos()));
    }

    @Test
    void killEndsExactlyOneLaneAsKilledAndTheOthersFinish() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("procs");
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Processes()).withWorkers(3)
                .withParams(Map.of("nap", 3000L)));
        List<LaneRecorder> lanes = run.recorder().lanes();
        waitUntil(() -> lastState(lanes.get(1)) == WorkerState.SLEEPING, Duration.ofSeconds(60));
        assertFalse(run.kill(7), "no such lane");
        assertTrue(run.kill(1));
        RunResult r = run.await();
        assertEquals(RunStatus.FAILED, r.status());
        List<WorkerState> ends = r.lanes().stream().map(RunResult.LaneSummary::finalState).toList();
        assertEquals(List.of(WorkerState.DONE, WorkerState.KILLED, WorkerState.DONE), ends);
        assertEquals(1, r.messages().size(), r.messages()::toString);
        assertTrue(r.messages().get(0).startsWith("w-2 (pid "), r.messages()::toString);
        assertTrue(r.messages().get(0).contains("SIGKILL") && r.messages().get(0).contains("137"),
                r.messages()::toString);
        ProcessSummary killed = r.processes().stream().filter(p -> p.lanes().equals(List.of("w-2")))
                .findFirst().orElseThrow();
        assertEquals(137, killed.exitStatus(), "128 + SIGKILL's 9");
        assertFalse(run.kill(0), "nothing left to kill");
    }

    @Test
    void aChildKilledFromOutsideIsReportedAsKilled() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("procs");
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Processes()).withWorkers(2)
                .withParams(Map.of("nap", 3000L)));
        List<LaneRecorder> lanes = run.recorder().lanes();
        waitUntil(() -> lastState(lanes.get(0)) == WorkerState.SLEEPING, Duration.ofSeconds(60));
        long pid = lanes.get(0).info().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // as the OS or `kill -9` would
        RunResult r = run.await();
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(WorkerState.KILLED, r.lanes().get(0).finalState());
        assertEquals(WorkerState.DONE, r.lanes().get(1).finalState());
        assertTrue(r.messages().get(0).contains("killed from outside ThreadLab by signal 9"), r.messages()::toString);
    }

    @Test
    void aWorkerThatFailsInAChildIsReportedAndItsProcessExitsWithStatusOne() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("crash");
        RunResult r = run(RunConfig.of(lesson).withMode(new RunMode.Processes()));
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(WorkerState.DONE, r.lanes().get(0).finalState());
        assertEquals(WorkerState.FAILED, r.lanes().get(1).finalState());
        assertEquals(1, r.messages().size(), r.messages()::toString);
        String m = r.messages().get(0);
        assertTrue(m.startsWith("bad (pid " + r.lanes().get(1).pid() + "): sleep of 100000000 ms"), m);
        assertEquals(List.of(0, ProcessChild.EXIT_TASK_FAILED),
                r.processes().stream().map(ProcessSummary::exitStatus).sorted().toList());
    }

    @Test
    void cancelLeavesNoChildJvmBehind() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("procs");
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Processes()).withWorkers(3)
                .withParams(Map.of("nap", 30_000L)));
        List<LaneRecorder> lanes = run.recorder().lanes();
        waitUntil(() -> lanes.stream().allMatch(l -> lastState(l) == WorkerState.SLEEPING), Duration.ofSeconds(60));
        assertEquals(3, alive(run.childMarker()).size(), "three children, found by their marker");
        run.cancel();
        RunResult r = run.await(Duration.ofSeconds(20)); // the naps last 30 s: ending sooner, CANCELLED, is the cancel's doing
        assertNotNull(r, "the run ended");
        assertEquals(RunStatus.CANCELLED, r.status());
        assertTrue(r.lanes().stream().allMatch(l -> l.finalState() == WorkerState.CANCELLED), r.lanes()::toString);
        assertEquals(List.of(), alive(run.childMarker()), "no child JVM survives a cancel");
    }

    @Test
    void cancellingAPoolEndsItsQueuedTasksToo() throws InterruptedException {
        Lesson lesson = TestLessons.fixture("procs");
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.ProcessPool(2)).withWorkers(6)
                .withParams(Map.of("nap", 30_000L)));
        List<LaneRecorder> lanes = run.recorder().lanes();
        waitUntil(() -> lastState(lanes.get(0)) == WorkerState.SLEEPING, Duration.ofSeconds(60));
        run.cancel();
        RunResult r = run.await(Duration.ofSeconds(20)); // the naps last 30 s: ending sooner, CANCELLED, is the cancel's doing
        assertNotNull(r);
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals(6, r.lanes().size());
        assertTrue(r.lanes().stream().allMatch(l -> l.finalState() == WorkerState.CANCELLED), r.lanes()::toString);
        assertEquals(List.of(), alive(run.childMarker()));
    }

    @Test
    void withTheGilEachProcessHasItsOwnSoNobodyWaitsForIt() throws InterruptedException {
        Lesson lesson = TestLessons.product("squares");
        RunConfig config = RunConfig.of(lesson).withParams(Map.of("rounds", 30L)).withGil(true, null);
        RunResult processes = run(config.withMode(new RunMode.Processes()));
        assertEquals(RunStatus.COMPLETED, processes.status(), () -> String.join("; ", processes.messages()));
        int gil = processes.trace().info().gilLock();
        assertTrue(gil >= 0);
        for (LaneEvents lane : processes.trace().lanes()) {
            assertFalse(lane.stateNanos(processes.trace().endNanos()).containsKey(WorkerState.WAITING_FOR_GIL),
                    lane.info().name() + " never waits for a GIL of its own process");
            boolean tookGil = false;
            for (int i = 0; i < lane.size(); i++) {
                if (lane.event(i) instanceof TraceEvent.LockAcquired a && a.lock() == gil) {
                    assertFalse(a.contended());
                    tookGil = true;
                }
            }
            assertTrue(tookGil, "each process's worker holds its own simulated GIL");
        }
        assertEquals(Grade.ACCEPTABLE, processes.grade(), processes::outcomeText);
        long exact = processes.processes().get(0).shared().get("result");
        for (ProcessSummary p : processes.processes()) {
            assertEquals(exact, p.shared().get("result"), "every child computed the same exact sum");
            assertEquals(1L, p.shared().get("finished"));
        }

        RunResult threads = run(config.withMode(new RunMode.Threads()));
        assertEquals(exact, threads.shared().get("result"));
        assertTrue(threads.trace().lanes().stream().anyMatch(l -> l.stateNanos(threads.trace().endNanos())
                .containsKey(WorkerState.WAITING_FOR_GIL)), "threads share one GIL and wait for it");
    }

    @Test
    void moreChildProcessesThanTheLimitAreRefusedWithAReason() {
        Lesson lesson = TestLessons.fixture("procs");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Processes()).withWorkers(17)));
        assertTrue(e.getMessage().contains("at most 16 child processes"), e.getMessage());
        var pool = assertThrows(IllegalArgumentException.class,
                () -> new Engine().start(RunConfig.of(lesson).withMode(new RunMode.ProcessPool(17)).withWorkers(3)));
        assertTrue(pool.getMessage().contains("at most 16"), pool.getMessage());
    }

    @Test
    void processSharedValueLosesUpdatesWithoutItsLockAndIsExactWithIt() throws InterruptedException {
        Lesson lesson = TestLessons.product("process-counter");
        RunConfig base = RunConfig.of(lesson).withMode(new RunMode.Processes());
        long expected = 2 * 200_000;

        RunResult locked = run(base.withVariant("value-lock"));
        assertEquals(RunStatus.COMPLETED, locked.status(), () -> String.join("; ", locked.messages()));
        assertEquals(expected, locked.shared().get("counter"), "the inter-process lock makes it exact");
        assertEquals(2, locked.processes().size());
        for (ProcessSummary p : locked.processes()) {
            assertEquals(expected, p.shared().get("counter"), "every process sees the one shared value");
        }
        // the value is one for all processes, so the parent's memory history has every write
        MemoryHistory memory = new MemoryHistory(new TraceFeed(locked.trace()), new long[] {0});
        memory.update();
        assertEquals(expected, memory.writeCount(0));
        assertEquals(expected, memory.valueAt(0, locked.trace().endNanos()));

        boolean lost = false;
        for (int i = 0; i < 10 && !lost; i++) {
            RunResult r = run(base.withVariant("value-no-lock"));
            assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
            long counter = r.shared().get("counter");
            assertTrue(counter > 0 && counter <= expected, "counter " + counter);
            lost = counter < expected;
        }
        assertTrue(lost, "no lost update between two processes in 10 runs");

        RunResult copied = run(base.withVariant("plain-copy"));
        assertEquals(0L, copied.shared().get("counter"));
        for (ProcessSummary p : copied.processes()) {
            assertEquals(200_000L, p.shared().get("counter"), "each process counted in its own copy");
        }
    }

    @Test
    void killIsFalseInAThreadMode() throws InterruptedException {
        Run run = new Engine().start(RunConfig.of(TestLessons.fixture("procs")).withMode(new RunMode.Threads()));
        assertFalse(run.kill(0), "a thread cannot be killed from outside");
        assertEquals(RunStatus.COMPLETED, run.await().status());
    }
}

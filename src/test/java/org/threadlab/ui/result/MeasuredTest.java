package org.threadlab.ui.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Grade;
import org.threadlab.trace.WorkerState;

/** The result's sentences about times, from made-up figures: no JavaFX, no real run. */
class MeasuredTest {
    private static final long MS = 1_000_000L;

    /** A lane that ran {@code runningMs} and got {@code cpuMs} of CPU (-1: unknown), and slept {@code sleepingMs}. */
    private static RunResult.LaneSummary lane(String name, String kind, String thread, long cpuMs, long runningMs,
                                              long sleepingMs) {
        return new RunResult.LaneSummary(name, kind, 42, thread, 1, cpuMs < 0 ? -1 : cpuMs * MS,
                Map.of(WorkerState.RUNNING, runningMs * MS, WorkerState.SLEEPING, sleepingMs * MS), WorkerState.DONE);
    }

    private static RunResult run(String mode, boolean gil, int workers, long wallMs, List<RunResult.LaneSummary> lanes) {
        return new RunResult("squares", "sum-of-squares", mode, gil, 0, workers, Map.of(), RunStatus.COMPLETED,
                List.of(), wallMs * MS, Map.of(), Grade.ACCEPTABLE, "", lanes, null, List.of());
    }

    private static List<RunResult.LaneSummary> busy(int workers, String kind, long cpuMs, long runningMs) {
        List<RunResult.LaneSummary> out = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            out.add(lane("squarer-" + i, kind, "squarer-" + i, cpuMs, runningMs, 0));
        }
        return out;
    }

    @Test
    void theIdealIsTheWorkersThatCanRunAtOnceCappedByTheCores() {
        Measured twoCores = new Measured(2);
        assertEquals(2, twoCores.ideal(run("threads", false, 2, 1000, busy(2, "platform-thread", 900, 950))));
        assertEquals(2, twoCores.ideal(run("threads", false, 8, 1000, busy(8, "platform-thread", 900, 950))));
        assertEquals(4, new Measured(16).ideal(run("processes", false, 4, 1000, busy(4, "process", 900, 950))));
        assertEquals(1, twoCores.ideal(run("threads", true, 2, 1000, busy(2, "platform-thread", 900, 950))),
                "the simulated GIL lets one thread run at a time");
        assertEquals(2, twoCores.ideal(run("processes", true, 2, 1000, busy(2, "process", 900, 950))),
                "each process has its own GIL");
        assertEquals(1, twoCores.ideal(run("sequential", false, 2, 1000, busy(2, "main-thread", 900, 950))));
        List<RunResult.LaneSummary> onePoolThread = List.of(lane("a", "pool-thread", "pool-thread-1", 400, 420, 0),
                lane("b", "pool-thread", "pool-thread-1", 400, 420, 0));
        assertEquals(1, new Measured(8).ideal(run("thread-pool", false, 2, 1000, onePoolThread)),
                "a pool of one thread runs one task at a time");
    }

    @Test
    void theSpeedUpIsMeasuredAgainstTheSequentialRunAndSetBesideTheIdeal() {
        Measured twoCores = new Measured(2);
        RunResult sequential = run("sequential", false, 2, 2000, busy(2, "main-thread", 950, 1000));
        RunResult threads = run("threads", false, 2, 1250, busy(2, "platform-thread", 950, 1000));
        String text = twoCores.speedUp(threads, sequential, true);
        assertTrue(text.startsWith("1.60x the speed of the last sequential run of the same 2 workers (2.00 s)."), text);
        assertTrue(text.contains("The most this machine allows is 2x (2 workers, 2 cores available)."), text);
        String replayed = Measured.recordedOn(16).speedUp(run("processes", false, 2, 1250, busy(2, "process", 950, 1000)),
                null, true);
        assertTrue(replayed.contains("The most the machine it was recorded on allows is 2x (2 workers, 16 cores available)."),
                replayed);

        String withGil = twoCores.speedUp(run("threads", true, 2, 2100, busy(2, "platform-thread", 950, 1000)), sequential, true);
        assertTrue(withGil.startsWith("0.95x the speed"), withGil);
        assertTrue(withGil.contains("allows is 1x (the simulated GIL lets one worker run at a time)"), withGil);

        String many = twoCores.speedUp(run("threads", false, 4, 1000, busy(4, "platform-thread", 450, 500)),
                run("sequential", false, 4, 2000, busy(4, "main-thread", 450, 500)), true);
        assertTrue(many.contains("allows is 2x (4 workers but 2 cores available)"), many);
    }

    @Test
    void withoutASequentialRunItSaysHowToGetOne() {
        String text = new Measured(2).speedUp(run("processes", false, 2, 1250, busy(2, "process", 950, 1000)), null, true);
        assertTrue(text.startsWith("No sequential run of this lesson with 2 workers yet"), text);
        assertTrue(text.contains("run it sequentially"), text);
        String noSequentialMode = new Measured(2).speedUp(run("process-pool", false, 2, 1250, busy(2, "pool-process", 950, 1000)),
                null, false);
        assertTrue(noSequentialMode.startsWith("This lesson has no sequential mode to measure a speed-up against."),
                noSequentialMode);
    }

    @Test
    void workersShortOfCpuAreNamedWithTheFigures() {
        // the squares run of issue 11: two workers running 1.9 s each got about 0.8 s of CPU each
        RunResult starved = run("threads", false, 2, 1985,
                List.of(lane("squarer-1", "platform-thread", "squarer-1", 818, 1912, 0),
                        lane("squarer-2", "platform-thread", "squarer-2", 847, 1808, 0)));
        Optional<String> text = new Measured(2).cpuShortfall(starved);
        assertTrue(text.isPresent());
        assertEquals("The 2 workers used 0.8 cores' worth of CPU over 1.99 s of wall time: while running they got"
                + " 1.67 s of CPU in 3.72 s (45%). Something else was using the processor (another program, this"
                + " window drawing the run as it happened, or cores that are not really separate), so the speed-up is"
                + " lower than 2 cores allow.", text.get());

        Optional<String> sequential = new Measured(2).cpuShortfall(run("sequential", false, 1, 2000,
                List.of(lane("squarer-1", "main-thread", "main", 700, 1900, 0))));
        assertTrue(sequential.orElseThrow().endsWith("so this sequential time is longer than the work alone needs."),
                sequential::get);
    }

    @Test
    void workersThatGotTheirCpuOrWaitedOnPurposeAreNotFlagged() {
        Measured twoCores = new Measured(2);
        assertEquals(Optional.empty(), twoCores.cpuShortfall(run("threads", false, 2, 1000,
                busy(2, "platform-thread", 930, 980))), "CPU-bound and on a core all the time");
        // sleeping is not running: a worker that sleeps 900 ms of its second uses little CPU, rightly
        assertEquals(Optional.empty(), twoCores.cpuShortfall(run("threads", false, 2, 1000,
                List.of(lane("a", "platform-thread", "a", 95, 100, 900), lane("b", "platform-thread", "b", 97, 100, 900)))));
        assertEquals(Optional.empty(), twoCores.cpuShortfall(run("virtual-threads", false, 2, 1000,
                busy(2, "virtual-thread", -1, 980))), "virtual threads: CPU time unknown, nothing said");
        assertEquals(Optional.empty(), twoCores.cpuShortfall(run("threads", false, 2, 60,
                busy(2, "platform-thread", 10, 40))), "too little running to judge");
    }

    @Test
    void workersThatMostlyWaitAreNotCappedByTheCores() {
        Measured twoCores = new Measured(2);
        // three one-second sleeps on three threads: 3x the sequential 3 s, more than 2 cores would allow for computing
        List<RunResult.LaneSummary> sleepers = List.of(lane("task-1", "platform-thread", "t1", 2, 3, 1000),
                lane("task-2", "platform-thread", "t2", 2, 3, 1000), lane("task-3", "platform-thread", "t3", 2, 3, 1000));
        RunResult threads = run("threads", false, 3, 1005, sleepers);
        assertTrue(!Measured.cpuBound(threads), "sleeping workers are not CPU-bound");
        String text = twoCores.speedUp(threads, run("sequential", false, 3, 3010, sleepers), true);
        assertTrue(text.startsWith("3.00x the speed"), text);
        assertTrue(!text.contains("The most this machine allows"), text);
        assertTrue(text.contains("waiting needs no core, so the cores do not cap this speed-up"), text);
        assertTrue(Measured.cpuBound(run("threads", false, 2, 1000, busy(2, "platform-thread", 900, 950))));
    }

    @Test
    void moreWorkersThanCoresAreNotShortOfCpuForSharingTheCores() {
        Measured twoCores = new Measured(2);
        // four CPU-bound workers on two cores: each runnable the whole second, each on a core half of it
        assertEquals(Optional.empty(), twoCores.cpuShortfall(run("threads", false, 4, 1000,
                busy(4, "platform-thread", 490, 1000))), "two cores' worth of CPU is all two cores give");
        assertTrue(twoCores.cpuShortfall(run("threads", false, 4, 1000, busy(4, "platform-thread", 200, 1000))).isPresent(),
                "0.8 cores' worth of two is short");
    }
}

package org.threadlab.ui.result;

import java.util.Locale;
import java.util.Optional;
import org.threadlab.engine.RunResult;
import org.threadlab.trace.WorkerState;

/**
 * The sentences about a run's times that the result shows, worked out from what the run measured
 * and nothing else (no JavaFX here, so that the wording can be tested alone): the speed-up against
 * a sequential run of the same work, the best speed-up this machine allows, and whether the
 * workers got the CPU they asked for.
 *
 * @param cores   the processors the JVM may use ({@link Runtime#availableProcessors()}), passed in
 *                so that a test can pick them
 * @param machine what the sentences call the machine that ran: {@code this machine}, or for a run
 *                replayed from a run file the one it was recorded on
 */
public record Measured(int cores, String machine) {
    /** The sentences of a run on this machine, with {@code cores} processors. */
    public Measured(int cores) {
        this(cores, "this machine");
    }

    /** The sentences of a run replayed from a file, recorded on a machine with {@code cores} processors. */
    public static Measured recordedOn(int cores) {
        return new Measured(cores, "the machine it was recorded on");
    }

    /**
     * Below this share of CPU time over running time a run was short of processor: a CPU-bound
     * worker in the running state is on a core all the time (JIT and the clock's granularity take
     * a few percent), so a lower share means it was runnable but not running.
     */
    static final double SHORT_OF_CPU = 0.8;
    /** Less running time than this in all and the clocks' granularity could tell a false story: say nothing. */
    static final long ENOUGH_RUNNING_NANOS = 100_000_000L;

    /** This machine, as the JVM sees it. */
    public static Measured here() {
        return new Measured(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The best speed-up over sequential that this run's mode allows on this machine: the workers that
     * can run at once (the pool's threads or processes in a pool mode, one under the simulated GIL in
     * a thread mode), capped by the cores.
     */
    public int ideal(RunResult r) {
        if (r.mode().equals("sequential")) {
            return 1;
        }
        boolean threadMode = !r.mode().equals("processes") && !r.mode().equals("process-pool");
        if (r.gil() && threadMode) {
            return 1; // one interpreter lock: one worker runs Python code at a time
        }
        return Math.min(atOnce(r), Math.max(1, cores));
    }

    /** The workers that can be on a processor at once, cores aside: all of them, or a pool's threads or processes. */
    private static int atOnce(RunResult r) {
        int atOnce = Math.max(1, r.workers());
        if (r.mode().equals("thread-pool") || r.mode().equals("process-pool")) {
            atOnce = Math.min(atOnce, r.poolSlots());
        }
        return atOnce;
    }

    /**
     * Whether the workers spent more of their time computing (running, or waiting for the simulated
     * GIL in order to compute) than sleeping, waiting for I/O, a lock or another worker. Only then do
     * the cores (or the GIL) cap the speed-up: waiting needs no core, so workers that mostly wait
     * overlap far beyond the cores. A main thread that only starts and joins its workers is left
     * out; in sequential mode it is the one doing the work.
     */
    public static boolean cpuBound(RunResult r) {
        long computing = 0;
        long waiting = 0;
        for (RunResult.LaneSummary l : r.lanes()) {
            if (l.kind().equals("main-thread") && !r.mode().equals("sequential")) {
                continue;
            }
            var t = l.stateNanos();
            computing += t.getOrDefault(WorkerState.RUNNING, 0L) + t.getOrDefault(WorkerState.WAITING_FOR_GIL, 0L);
            waiting += t.getOrDefault(WorkerState.SLEEPING, 0L) + t.getOrDefault(WorkerState.IO, 0L)
                    + t.getOrDefault(WorkerState.WAITING, 0L) + t.getOrDefault(WorkerState.BLOCKED_ON_LOCK, 0L);
        }
        return computing >= waiting;
    }

    /**
     * The speed-up sentence of a run: against {@code sequential} (the last sequential run of the
     * same lesson, variant, workers and params, or null), next to the ideal of this machine.
     * {@code sequentialMode}: whether the lesson can run sequentially at all (else nothing to ask for).
     */
    public String speedUp(RunResult r, RunResult sequential, boolean sequentialMode) {
        if (r.mode().equals("sequential")) {
            return "Sequential: one worker after another on one thread, the baseline the other modes are measured against.";
        }
        String idealText = cpuBound(r) ? idealText(r, ideal(r))
                : "These workers mostly wait (asleep, for I/O, a lock or each other), and waiting needs no core, so"
                        + " the cores do not cap this speed-up.";
        if (!sequentialMode) {
            return "This lesson has no sequential mode to measure a speed-up against. " + idealText;
        }
        if (sequential == null || sequential.wallNanos() <= 0 || r.wallNanos() <= 0) {
            return "No sequential run of this lesson with " + workers(r.workers())
                    + " yet to compare with: run it sequentially to measure the speed-up. " + idealText;
        }
        double ratio = (double) sequential.wallNanos() / r.wallNanos();
        return String.format(Locale.ROOT, "%s the speed of the last sequential run of the same %s (%s). %s",
                ratio(ratio), workers(r.workers()), seconds(sequential.wallNanos()), idealText);
    }

    private String idealText(RunResult r, int ideal) {
        String why;
        boolean threadMode = !r.mode().equals("processes") && !r.mode().equals("process-pool");
        if (r.gil() && threadMode) {
            why = "the simulated GIL lets one worker run at a time";
        } else if (ideal < r.workers() && ideal == cores) {
            why = workers(r.workers()) + " but " + cores(cores) + " available";
        } else if (ideal < r.workers()) {
            why = ideal + " at a time in the pool";
        } else {
            why = workers(r.workers()) + ", " + cores(cores) + " available";
        }
        return "The most " + machine + " allows is " + ideal + "x (" + why + ").";
    }

    /**
     * When the run's workers got clearly less CPU time than the time they spent running (ready to
     * compute), the figures and what they mean; empty when they got what they asked for, and when the
     * run cannot tell (a CPU time unknown, as on virtual threads, or too little running to judge).
     * Only the running state counts: time asleep, waiting for I/O, a lock, the GIL or another worker
     * legitimately uses no CPU.
     */
    public Optional<String> cpuShortfall(RunResult r) {
        long cpu = 0;
        long running = 0;
        for (RunResult.LaneSummary l : r.lanes()) {
            long ran = l.stateNanos().getOrDefault(WorkerState.RUNNING, 0L);
            if (ran <= 0) {
                continue;
            }
            if (l.cpuNanos() < 0) {
                return Optional.empty(); // one lane unknown: the sum would not be the run's
            }
            cpu += l.cpuNanos();
            running += ran;
        }
        // what the workers could get at most: their running time, but no more than a core each for as
        // many of them as can run at once (4 workers on 2 cores are short of nothing at half their running time)
        double couldGet = Math.min(running, (double) r.wallNanos() * Math.min(atOnce(r), Math.max(1, cores)));
        if (running < ENOUGH_RUNNING_NANOS || r.wallNanos() <= 0 || cpu >= SHORT_OF_CPU * couldGet) {
            return Optional.empty();
        }
        double coresWorth = (double) cpu / r.wallNanos();
        String who = r.workers() == 1 ? "The worker" : "The " + r.workers() + " workers";
        String consequence = r.mode().equals("sequential")
                ? "so this sequential time is longer than the work alone needs"
                : "so the speed-up is lower than " + idealPhrase(r) + " allow" + (ideal(r) == 1 ? "s" : "");
        return Optional.of(String.format(Locale.ROOT,
                "%s used %.1f cores' worth of CPU over %s of wall time: while running %s got %s of CPU in %s"
                        + " (%.0f%%). Something else was using the processor (another program, this window drawing"
                        + " the run as it happened, or cores that are not really separate), %s.",
                who, coresWorth, seconds(r.wallNanos()), r.workers() == 1 ? "it" : "they", seconds(cpu), seconds(running), 100.0 * cpu / running,
                consequence));
    }

    private String idealPhrase(RunResult r) {
        int ideal = ideal(r);
        return ideal == 1 ? "1 core" : ideal + " cores";
    }

    /** A speed-up for the learner: "1.58x". */
    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** A wall time in seconds with three figures: "1.99 s", "0.475 s". */
    public static String seconds(long nanos) {
        double s = nanos / 1e9;
        return String.format(Locale.ROOT, s >= 10 ? "%.1f s" : s >= 1 ? "%.2f s" : "%.3f s", s);
    }

    private static String workers(int n) {
        return n + (n == 1 ? " worker" : " workers");
    }

    private static String cores(int n) {
        return n + (n == 1 ? " core" : " cores");
    }
}

package org.threadlab.engine.python;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How one run of a Python listing went, measured on this machine.
 *
 * @param task            what was asked
 * @param interpreter     the Python it ran on
 * @param counts          the counts passed ({@code --NAME VALUE}), in the order written
 * @param mode            the {@code --mode} passed, or {@code ""} (the listing's own default)
 * @param command         the whole command line, as a learner would type it (interpreter, file, options)
 * @param ending          how it ended
 * @param exitCode        the interpreter's exit code; after a kill what the system reports (137 on Linux)
 * @param wall            from starting the interpreter to its exit (interpreter start-up included)
 * @param cpu             user + system CPU time of the interpreter and its child processes; empty when
 *                        nothing could be measured (see {@link PythonRunner} for how)
 * @param cpuAtExit       the CPU time includes {@code os.times()} taken as the interpreter exited; false
 *                        for a killed run (or one that left with {@code os._exit}), whose CPU time is only
 *                        what the samples taken while it ran saw: a lower bound
 * @param output          the last {@link PythonRunner#KEPT_LINES} lines printed, both streams in the order read
 * @param droppedLines    lines printed before those, not kept
 * @param leftoversKilled processes the listing left running after its interpreter ended, which the
 *                        runner then killed (0 for a tidy listing)
 */
public record PythonResult(PythonTask task, PythonInterpreter interpreter, Map<String, Long> counts, String mode,
                           List<String> command, Ending ending, int exitCode, Duration wall, Optional<Duration> cpu,
                           boolean cpuAtExit,
                           List<OutputLine> output, long droppedLines, int leftoversKilled) {
    /** How a run ended. */
    public enum Ending {
        /** The interpreter exited with code 0. */
        COMPLETED,
        /** The interpreter exited with another code (an exception, {@code sys.exit(1)}, ...). */
        FAILED,
        /** Still running at the timeout: its process tree was killed. */
        TIMED_OUT,
        /** Stopped by {@link PythonJob#stop()}: its process tree was killed. */
        STOPPED
    }

    public PythonResult {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        command = List.copyOf(command);
        output = List.copyOf(output);
    }

    /** The listing stops for ever on purpose ({@code hangs:}), so its timeout is the end it should have. */
    public boolean hangsOnPurpose() {
        return task.run().hangsOnPurpose();
    }

    /**
     * It ended as the lesson expects: completed with exit code 0, or, for a listing that hangs on
     * purpose, still hanging at its timeout.
     */
    public boolean asExpected() {
        return hangsOnPurpose() ? ending == Ending.TIMED_OUT : ending == Ending.COMPLETED;
    }

    /**
     * {@code completed}, {@code failed with exit code 1}, {@code timed out after 10 s, as expected: the
     * listing deadlocks on purpose}, {@code stopped}.
     */
    public String endingText() {
        return switch (ending) {
            case COMPLETED -> hangsOnPurpose() ? "completed, although it should hang (" + task.run().hangs()
                    + "): this time the threads missed the fatal interleaving" : "completed";
            case FAILED -> "failed with exit code " + exitCode;
            case TIMED_OUT -> "timed out after " + seconds(task.timeout()) + " s and was killed"
                    + (hangsOnPurpose() ? ", as expected: the listing hangs on purpose (" + task.run().hangs() + ")" : "");
            case STOPPED -> "stopped and killed";
        };
    }

    /** Wall time in seconds, e.g. {@code 2.41 s}. */
    public String wallText() {
        return String.format(Locale.ROOT, "%.2f s", wall.toNanos() / 1e9);
    }

    /** CPU time in seconds, {@code at least 1.20 s} when only sampled, or {@code not measured}. */
    public String cpuText() {
        return cpu.map(c -> (cpuAtExit ? "" : "at least ") + String.format(Locale.ROOT, "%.2f s", c.toNanos() / 1e9))
                .orElse("not measured");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}

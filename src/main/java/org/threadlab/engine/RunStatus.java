package org.threadlab.engine;

/** How a run ended. */
public enum RunStatus {
    /** Every worker ran to its end. */
    COMPLETED,
    /** Stopped on request. */
    CANCELLED,
    /** Stopped because it ran longer than its timeout. */
    TIMED_OUT,
    /** At least one worker failed (see the run's messages); the others ran on. */
    FAILED,
    /** Workers waited for each other's locks in a circle; the run was stopped (see its messages). */
    DEADLOCKED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

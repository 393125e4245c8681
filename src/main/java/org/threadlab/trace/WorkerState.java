package org.threadlab.trace;

/** The state a worker is in between two state events. Names are the ones shown to learners. */
public enum WorkerState {
    /** Submitted to a pool, waiting for a free pool thread. */
    QUEUED("queued"),
    /** Started (a thread or a process) but not yet at its first step. */
    STARTING("starting"),
    RUNNING("running"),
    /** Ready to run but waiting for the simulated CPython GIL. */
    WAITING_FOR_GIL("waiting-for-gil"),
    BLOCKED_ON_LOCK("blocked-on-lock"),
    SLEEPING("sleeping"),
    /** Waiting for a socket read or write. */
    IO("io"),
    /** Waiting for another worker: a join, a queue, a condition. */
    WAITING("waiting"),
    DONE("done"),
    CANCELLED("cancelled"),
    FAILED("failed"),
    KILLED("killed");

    private final String label;

    WorkerState(String label) {
        this.label = label;
    }

    /** The lower-case, hyphenated name used in exports and on screen. */
    public String label() {
        return label;
    }

    /** True for the states a lane ends in. */
    public boolean isFinal() {
        return this == DONE || this == CANCELLED || this == FAILED || this == KILLED;
    }

    private static final WorkerState[] VALUES = values();

    static WorkerState of(int ordinal) {
        return VALUES[ordinal];
    }
}

package org.threadlab.trace;

/**
 * Who a lane is: the worker's name, what runs it, and the real identities behind it.
 *
 * @param index      position of the lane in its trace
 * @param name       worker name as the lesson gives it, with a copy number when there are copies
 * @param kind       what ran the worker: {@code main-thread}, {@code platform-thread},
 *                   {@code virtual-thread}, {@code pool-thread}, {@code process} (a child JVM of
 *                   its own) or {@code pool-process} (a task run by one child JVM of a pool)
 * @param pid        real operating-system process id
 * @param threadName name of the thread that ran the worker's steps ({@code ""} if it never started)
 * @param threadId   {@link Thread#threadId()} of that thread ({@code -1} if it never started)
 */
public record LaneInfo(int index, String name, String kind, long pid, String threadName, long threadId) {
    /** Kind of a lane run by a child JVM of its own. */
    public static final String PROCESS = "process";
    /** Kind of a lane run as a task by one child JVM of a process pool. */
    public static final String POOL_PROCESS = "pool-process";

    /**
     * True if the lane ran in a child process, with its own copy of the shared variables and its
     * own locks: its reads, writes and lock events concern that copy, not the parent's.
     */
    public boolean inChildProcess() {
        return kind.equals(PROCESS) || kind.equals(POOL_PROCESS);
    }
}

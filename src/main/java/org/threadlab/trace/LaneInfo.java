package org.threadlab.trace;

/**
 * Who a lane is: the worker's name, what runs it, and the real identities behind it.
 *
 * @param index      position of the lane in its trace
 * @param name       worker name as the lesson gives it, with a copy number when there are copies
 * @param kind       what ran the worker: {@code main-thread}, {@code platform-thread},
 *                   {@code virtual-thread}, {@code pool-thread} or {@code process}
 * @param pid        real operating-system process id
 * @param threadName name of the thread that ran the worker's steps ({@code ""} if it never started)
 * @param threadId   {@link Thread#threadId()} of that thread ({@code -1} if it never started)
 */
public record LaneInfo(int index, String name, String kind, long pid, String threadName, long threadId) {}

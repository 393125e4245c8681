package org.threadlab.engine.process;

import java.util.List;
import java.util.Map;

/**
 * One child JVM of a process mode, as the run saw it.
 *
 * @param name       the worker's name with one process per worker; {@code process-1}, ... in a pool
 * @param pid        its real process id
 * @param lanes      the lanes (tasks) it ran, in order
 * @param exitStatus its exit status ({@code 128 + n} when killed by signal n), or -1 if unknown
 * @param shared     its own final copy of the shared variables; what it wrote there never
 *                   reached the parent (empty if it never reported one). A variable that every
 *                   process shares has its one value at the end of the run.
 */
public record ProcessSummary(String name, long pid, List<String> lanes, int exitStatus, Map<String, Long> shared) {}

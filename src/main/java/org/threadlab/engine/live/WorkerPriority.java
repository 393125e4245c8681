package org.threadlab.engine.live;

/**
 * The Java priority of the threads that do a lesson's work: its main thread, its workers, its pool's
 * threads, a child process's workers and Real stress's workers. Normal, unless the runtime says
 * otherwise with {@code -Dthreadlab.workerPriority=N}.
 *
 * <p>The packaged app's runtime on Linux says 1, and maps Java's priority 1 to nice 10, the
 * priority it gives the JVM's JIT compilers (src/dist/Dist.java; docs/performance.md, "Start-up of
 * the packaged app"). The compilers run below the window's threads so that, on a machine with two
 * cores, the window's first frame does not wait behind them. Lesson workers at normal priority that
 * fill every core would then leave the optimizing compiler no processor time at all, and a whole run
 * would go unoptimized; at the compilers' own priority, workers and compilers share the cores as
 * they did before, and the window's threads come first. Without the setting (the developers' JVM,
 * the tests), or where Java ignores priorities (Linux by default), nothing changes.
 */
public final class WorkerPriority {
    /** The system property naming the priority, set by the packaged app's runtime. */
    public static final String PROPERTY = "threadlab.workerPriority";

    private WorkerPriority() {}

    /** A builder of platform threads for a lesson's work, at {@link #current()}. */
    public static Thread.Builder.OfPlatform platformThread() {
        return Thread.ofPlatform().priority(current());
    }

    /** The priority to give a thread that runs a lesson's work now: 1 to 10, normal by default. */
    public static int current() {
        Integer p = Integer.getInteger(PROPERTY);
        return p == null ? Thread.NORM_PRIORITY : Math.clamp(p, Thread.MIN_PRIORITY, Thread.MAX_PRIORITY);
    }
}

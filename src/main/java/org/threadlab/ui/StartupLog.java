package org.threadlab.ui;

/**
 * Where the start-up time goes: with {@code -Dthreadlab.startupLog=true}, each phase of opening the
 * window prints its time since the JVM process started, on stderr, with its thread and the processor
 * time that thread has used ("startup 812 ms: window built (JavaFX Application Thread 290 ms cpu)").
 * The start-up benchmark reads the last line, the first frame drawn; without the property nothing is printed.
 */
final class StartupLog {
    private static final boolean ON = Boolean.getBoolean("threadlab.startupLog");
    /** The JVM's own start time: a process's start time from the operating system is only to the second here. */
    private static final long START_MILLIS = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private StartupLog() {}

    static void phase(String what) {
        if (ON) {
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            System.err.println("startup " + (System.currentTimeMillis() - START_MILLIS) + " ms: " + what
                    + " (" + Thread.currentThread().getName() + " " + cpu + " ms cpu)");
        }
    }

    static boolean enabled() {
        return ON;
    }
}

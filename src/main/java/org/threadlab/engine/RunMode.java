package org.threadlab.engine;

import java.util.List;

/** How a lesson's workers are run. */
public sealed interface RunMode {
    /** The name used in lesson files and on the command line. */
    String name();

    /** Whether the simulated GIL can apply: it matters only where workers run at the same time. */
    default boolean allowsGil() {
        return !(this instanceof Sequential);
    }

    /** One thread runs every worker, one after another: the baseline. */
    record Sequential() implements RunMode {
        public String name() {
            return "sequential";
        }
    }

    /** One platform (operating-system) thread per worker. */
    record Threads() implements RunMode {
        public String name() {
            return "threads";
        }
    }

    /** One virtual thread per worker, mounted on a few carrier threads. */
    record VirtualThreads() implements RunMode {
        public String name() {
            return "virtual-threads";
        }
    }

    /** A fixed pool of {@code size} platform threads; workers are tasks queued to it. */
    record ThreadPool(int size) implements RunMode {
        public ThreadPool {
            if (size < 1) {
                throw new IllegalArgumentException("a pool needs at least one thread");
            }
        }

        public String name() {
            return "thread-pool";
        }
    }

    /**
     * One child JVM per worker: real operating-system processes, each with its own copy of the
     * shared variables, its own locks and (with the GIL switch) its own simulated GIL.
     */
    record Processes() implements RunMode {
        public String name() {
            return "processes";
        }
    }

    /**
     * A fixed pool of {@code size} child JVMs; workers are tasks queued to it, and each child runs
     * one task after another in its one memory (Python's {@code ProcessPoolExecutor}).
     */
    record ProcessPool(int size) implements RunMode {
        public ProcessPool {
            if (size < 1) {
                throw new IllegalArgumentException("a pool needs at least one process");
            }
        }

        public String name() {
            return "process-pool";
        }
    }

    /** True for the modes whose workers run in child processes. */
    default boolean usesProcesses() {
        return this instanceof Processes || this instanceof ProcessPool;
    }

    List<String> NAMES = List.of("sequential", "threads", "virtual-threads", "thread-pool", "processes",
            "process-pool");

    /**
     * The mode of this name; {@code poolSize} is used by {@code thread-pool} and {@code process-pool}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static RunMode of(String name, int poolSize) {
        return switch (name) {
            case "sequential" -> new Sequential();
            case "threads" -> new Threads();
            case "virtual-threads" -> new VirtualThreads();
            case "thread-pool" -> new ThreadPool(poolSize);
            case "processes" -> new Processes();
            case "process-pool" -> new ProcessPool(poolSize);
            default -> throw new IllegalArgumentException("unknown mode '" + name + "'; modes: " + String.join(", ", NAMES));
        };
    }
}

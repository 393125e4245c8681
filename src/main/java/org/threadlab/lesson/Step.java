package org.threadlab.lesson;

import java.util.List;

/**
 * The closed set of things a worker can do. Every step but the two block steps ({@link Repeat},
 * {@link WithLock}) is one observable unit: the engine records its start and end, and a scheduler
 * can hold a worker between any two of them.
 *
 * <p>{@code mark} names the listing line the step belongs to ({@code ""} for none); {@code pos} is
 * where the step is written.
 */
public sealed interface Step {
    Pos pos();

    String mark();

    /** The step kind as written in a lesson file. */
    String kind();

    /** Real CPU work with a result that can be checked. */
    record Compute(ComputeFunction function, Expr a, Expr b, String into, Pos pos, String mark) implements Step {
        public String kind() {
            return "compute";
        }
    }

    /** What a {@code compute} step calculates. */
    enum ComputeFunction {
        /** Sum of {@code i * i} for {@code from <= i < to}, wrapping on overflow like Java's long. */
        SUM_OF_SQUARES("sum-of-squares"),
        /** {@code base} raised to {@code exponent}. */
        POWER("power");

        private final String label;

        ComputeFunction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    record Sleep(Expr millis, Pos pos, String mark) implements Step {
        public String kind() {
            return "sleep";
        }
    }

    /** An HTTP GET from the engine's loopback server, which waits {@code latencyMillis} then sends {@code bytes}. */
    record Download(Expr latencyMillis, Expr bytes, String into, Pos pos, String mark) implements Step {
        public String kind() {
            return "download";
        }
    }

    /** Writes a line to the console; {@code {name}} in the text is replaced by a local's value. */
    record Print(String text, Pos pos, String mark) implements Step {
        public String kind() {
            return "print";
        }
    }

    /** Copies a shared variable into a local (the worker's "register"). */
    record Read(String variable, String into, Pos pos, String mark) implements Step {
        public String kind() {
            return "read";
        }
    }

    /** Adds to a local: no shared memory is touched. */
    record Add(String to, Expr value, Pos pos, String mark) implements Step {
        public String kind() {
            return "add";
        }
    }

    /** Copies a local into a shared variable. */
    record Write(String variable, String from, Pos pos, String mark) implements Step {
        public String kind() {
            return "write";
        }
    }

    /**
     * {@code variable += by}. Plain: shorthand for read, add, write (three steps, racy). Atomic: one
     * indivisible step.
     */
    record Increment(String variable, Expr by, boolean atomic, String local, Pos pos, String mark) implements Step {
        public String kind() {
            return "increment";
        }

        /** The three steps a plain increment stands for. */
        public List<Step> expand() {
            return List.of(new Read(variable, local, pos, mark), new Add(local, by, pos, mark),
                    new Write(variable, local, pos, mark));
        }
    }

    record Lock(String lock, Pos pos, String mark) implements Step {
        public String kind() {
            return "lock";
        }
    }

    record Unlock(String lock, Pos pos, String mark) implements Step {
        public String kind() {
            return "unlock";
        }
    }

    /** Takes the lock, runs the steps, releases the lock. */
    record WithLock(String lock, List<Step> steps, Pos pos, String mark) implements Step {
        public WithLock {
            steps = List.copyOf(steps);
        }

        public String kind() {
            return "with-lock";
        }
    }

    /**
     * Takes one side of a read-write lock: the read side ({@code write} false), which many readers
     * hold together while no writer does, or the write side, which a writer holds alone.
     */
    record RwLock(String lock, boolean write, Pos pos, String mark) implements Step {
        public String kind() {
            return write ? "write-lock" : "read-lock";
        }

        /** The lock name of the side taken, as in {@link SharedState#locks()}. */
        public String side() {
            return SharedState.side(lock, write);
        }
    }

    /** Lets go of one side of a read-write lock. */
    record RwUnlock(String lock, boolean write, Pos pos, String mark) implements Step {
        public String kind() {
            return write ? "write-unlock" : "read-unlock";
        }

        public String side() {
            return SharedState.side(lock, write);
        }
    }

    /** Takes one side of a read-write lock, runs the steps, lets it go. */
    record WithRwLock(String lock, boolean write, List<Step> steps, Pos pos, String mark) implements Step {
        public WithRwLock {
            steps = List.copyOf(steps);
        }

        public String kind() {
            return write ? "with-write-lock" : "with-read-lock";
        }

        public String side() {
            return SharedState.side(lock, write);
        }
    }

    /**
     * Takes one permit of a counting semaphore (waiting while it has none), runs the steps, gives the
     * permit back: two atomic steps around the block, like Python's {@code with semaphore:}.
     */
    record WithPermit(String semaphore, List<Step> steps, Pos pos, String mark) implements Step {
        public WithPermit {
            steps = List.copyOf(steps);
        }

        public String kind() {
            return "with-permit";
        }
    }

    /**
     * Puts a value at the tail of a bounded queue, waiting while it is full. One atomic step: the
     * wait-while-full, the store and the wake-up of a waiting taker (a monitor's wait and notify).
     */
    record Put(String queue, Expr value, Pos pos, String mark) implements Step {
        public String kind() {
            return "put";
        }
    }

    /** Takes the value at the head of a bounded queue into a local, waiting while it is empty. One atomic step. */
    record Take(String queue, String into, Pos pos, String mark) implements Step {
        public String kind() {
            return "take";
        }
    }

    /**
     * The whole {@code while (!until) condition.wait()} loop of a condition variable, run while
     * holding the condition's lock: checks {@code until} (over shared variables, locals and params);
     * while it is false, lets the lock go, sleeps in the condition's wait set until notified, takes
     * the lock back and checks again.
     */
    record Wait(String condition, Expr until, Pos pos, String mark) implements Step {
        public String kind() {
            return "wait";
        }
    }

    /**
     * Wakes one waiter of a condition ({@code all} false, like {@code notify()}) or every waiter
     * ({@code notify-all}); run while holding the condition's lock. With nobody waiting it does nothing.
     */
    record Notify(String condition, boolean all, Pos pos, String mark) implements Step {
        public String kind() {
            return all ? "notify-all" : "notify";
        }
    }

    /** Runs the steps {@code times} times; {@code as}, if not empty, names a local counting 1, 2, ... */
    record Repeat(Expr times, String as, List<Step> steps, Pos pos, String mark) implements Step {
        public Repeat {
            steps = List.copyOf(steps);
        }

        public String kind() {
            return "repeat";
        }
    }

    /**
     * Waits for a shared variable to become non-zero by reading it over and over, {@code while (!ready) {}}:
     * a plain read (the JIT may read it once and spin for ever) or, with {@code volatile}, a volatile
     * one that sees the write as soon as it happens.
     */
    record Spin(String variable, boolean isVolatile, Pos pos, String mark) implements Step {
        public String kind() {
            return "spin-until";
        }
    }

    /**
     * Runs {@code then} when {@code condition} (over the worker's locals and params) is not 0, else
     * {@code otherwise} (empty when the lesson has no {@code else}). Not a step of its own: the test
     * looks at locals only, which no other worker can change, so nothing can come between it and
     * the step after it. What makes a check-then-act racy is the {@code read} before the test.
     */
    record If(Expr condition, List<Step> then, List<Step> otherwise, Pos pos, String mark) implements Step {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        public String kind() {
            return "if";
        }
    }

    /** Ends the worker with a value (visible in the trace; not in shared memory). */
    record Return(Expr value, Pos pos, String mark) implements Step {
        public String kind() {
            return "return";
        }
    }
}

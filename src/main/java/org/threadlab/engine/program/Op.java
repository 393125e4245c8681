package org.threadlab.engine.program;

import org.threadlab.lesson.Step;

/**
 * One instruction of a compiled worker program. Every op but the loop and branch markers is one
 * observable step with its own step number ({@code step}), recorded at start and end.
 *
 * <p>Public so that other interpreters of the same programs (the step scheduler, the stress
 * runner) run exactly what the live engine runs.
 */
public sealed interface Op {
    /**
     * An integer computed from the worker's locals (params are already folded in as constants).
     * Data, not code, so that a compiled program can be sent to a child process as it is.
     */
    sealed interface Value {
        long eval(long[] locals);
    }

    /** A number known when compiling. */
    record Const(long value) implements Value {
        @Override
        public long eval(long[] locals) {
            return value;
        }
    }

    /** The value of one local slot. */
    record Local(int slot) implements Value {
        @Override
        public long eval(long[] locals) {
            return locals[slot];
        }
    }

    /**
     * Any other expression, evaluated with its names bound to local slots or, failing that, to
     * params.
     */
    record Formula(org.threadlab.lesson.Expr expr, java.util.Map<String, Integer> slots,
                   java.util.Map<String, Long> params) implements Value {
        @Override
        public long eval(long[] locals) {
            return expr.eval(name -> {
                Integer slot = slots.get(name);
                return slot != null ? locals[slot] : params.get(name);
            });
        }
    }

    record Read(int step, int variable, int local) implements Op {}

    record Add(int step, int local, Value value) implements Op {}

    record Write(int step, int variable, int local) implements Op {}

    record AtomicAdd(int step, int variable, Value by) implements Op {}

    record Compute(int step, Step.ComputeFunction function, Value a, Value b, int into) implements Op {}

    record Sleep(int step, Value millis) implements Op {}

    record Download(int step, Value latencyMillis, Value bytes, int into) implements Op {}

    /** {@code parts} alternate text and local slots: text, slot, text, slot, ..., text. */
    record Print(int step, String[] text, int[] slots) implements Op {}

    record Lock(int step, int lock) implements Op {}

    record Unlock(int step, int lock) implements Op {}

    record Return(int step, Value value) implements Op {}

    /** Reads a shared variable until it is not 0: plainly, or with a volatile read. */
    record Spin(int step, int variable, String name, boolean isVolatile) implements Op {}

    /** Takes a permit of a semaphore, waiting while it has none. */
    record Acquire(int step, int semaphore) implements Op {}

    /** Gives a permit back to a semaphore. */
    record Release(int step, int semaphore) implements Op {}

    /** Puts a value on a bounded queue, waiting while it is full. */
    record Put(int step, int queue, Value value) implements Op {}

    /** Takes the head of a bounded queue into a local, waiting while it is empty. */
    record Take(int step, int queue, int into) implements Op {}

    /**
     * A condition variable's wait loop, run holding {@code lock}: while {@code until} is false, lets
     * the lock go, waits in the condition's wait set for a notify, takes the lock back, checks again.
     */
    record Wait(int step, int condition, int lock, Until until) implements Op {}

    /** Wakes one waiter of a condition, or all of them; does nothing when none waits. */
    record Notify(int step, int condition, boolean all) implements Op {}

    /**
     * What a wait waits for: an expression whose names are bound to local slots, else to shared
     * variables (by number), else to params.
     */
    record Until(org.threadlab.lesson.Expr expr, java.util.Map<String, Integer> slots,
                 java.util.Map<String, Integer> variables, java.util.Map<String, Long> params) {
        public Until {
            slots = java.util.Map.copyOf(slots);
            variables = java.util.Map.copyOf(variables);
            params = java.util.Map.copyOf(params);
        }

        /** Whether the expression is true for these locals and shared values. */
        public boolean holds(long[] locals, java.util.function.IntToLongFunction shared) {
            return expr.eval(name -> {
                Integer slot = slots.get(name);
                if (slot != null) {
                    return locals[slot];
                }
                Integer variable = variables.get(name);
                return variable != null ? shared.applyAsLong(variable) : params.get(name);
            }) != 0;
        }
    }

    /** Starts a loop: sets the hidden counter to {@code times}; jumps to {@code exit} if it is 0. */
    record RepeatStart(Value times, int counter, int as, int exit) implements Op {}

    /** Ends one round: jumps back to {@code body} while the counter lasts. */
    record RepeatEnd(int counter, int as, int body) implements Op {}

    /**
     * An if's test: goes on to the next op when {@code test} is not 0, else jumps to {@code otherwise}.
     * Not a step: it looks at locals only, so no other worker can change what it sees.
     */
    record Branch(Value test, int otherwise, String condition) implements Op {}

    /** Jumps to {@code target}: the end of an if's then-branch skips its else-branch. */
    record Jump(int target) implements Op {}
}

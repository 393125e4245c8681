package org.threadlab.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The shared variables of one process, as plain memory: a read and a write are ordinary array
 * accesses with no volatile, no fence and no lock, so two workers can really lose each other's
 * updates. Only {@link #atomicAdd} is atomic, for steps that say so.
 */
final class SharedMemory {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private final long[] values;

    SharedMemory(long[] initial) {
        values = initial.clone();
    }

    long read(int variable) {
        return values[variable];
    }

    void write(int variable, long value) {
        values[variable] = value;
    }

    long atomicAdd(int variable, long delta) {
        return (long) SLOT.getAndAdd(values, variable, delta) + delta;
    }

    /** The values now; call after the workers are joined, which makes their writes visible. */
    long[] snapshot() {
        return values.clone();
    }
}

package org.threadlab.engine.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The shared variables of one process, as plain memory: a read and a write are ordinary array
 * accesses with no volatile, no fence and no lock, so two workers can really lose each other's
 * updates. Only {@link #atomicAdd} is atomic, for steps that say so.
 *
 * <p>In the process modes, variables declared {@code process-shared} live instead in a
 * {@code SharedSegment} of the process modes that every process maps: reads and writes there are plain too, so two
 * processes lose each other's updates just as two threads do.
 */
public final class SharedMemory {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle MAPPED = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private final long[] values;
    /** The mapped segment, or null when nothing is shared between processes. */
    private final ByteBuffer mapped;
    /** Per variable: byte offset of its slot in {@link #mapped}, or -1 if it lives in {@link #values}. */
    private final int[] offsets;

    public SharedMemory(long[] initial) {
        this(initial, null, null);
    }

    public SharedMemory(long[] initial, ByteBuffer mapped, int[] offsets) {
        values = initial.clone();
        this.mapped = mapped;
        this.offsets = offsets;
    }

    long read(int variable) {
        if (mapped == null || offsets[variable] < 0) {
            return values[variable];
        }
        return (long) MAPPED.get(mapped, offsets[variable]);
    }

    void write(int variable, long value) {
        if (mapped == null || offsets[variable] < 0) {
            values[variable] = value;
        } else {
            MAPPED.set(mapped, offsets[variable], value);
        }
    }

    /** A volatile read, which sees the latest write (for a volatile spin). */
    long readVolatile(int variable) {
        if (mapped == null || offsets[variable] < 0) {
            return (long) SLOT.getVolatile(values, variable);
        }
        return (long) MAPPED.getVolatile(mapped, offsets[variable]);
    }

    /** Whether the variable lives in this process's own array (not in memory mapped between processes). */
    boolean isLocal(int variable) {
        return mapped == null || offsets[variable] < 0;
    }

    /** The array behind the local variables, for a plain spin that reads it as ordinary code would. */
    long[] plain() {
        return values;
    }

    long atomicAdd(int variable, long delta) {
        if (mapped == null || offsets[variable] < 0) {
            return (long) SLOT.getAndAdd(values, variable, delta) + delta;
        }
        return (long) MAPPED.getAndAdd(mapped, offsets[variable], delta) + delta;
    }

    /** The values now; call after the workers are joined, which makes their writes visible. */
    public long[] snapshot() {
        long[] out = values.clone();
        if (mapped != null) {
            for (int v = 0; v < out.length; v++) {
                if (offsets[v] >= 0) {
                    out[v] = (long) MAPPED.getVolatile(mapped, offsets[v]);
                }
            }
        }
        return out;
    }
}

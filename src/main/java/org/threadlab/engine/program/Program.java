package org.threadlab.engine.program;

import java.util.List;

/**
 * A worker body compiled for running: flat ops, and how many local slots they use.
 *
 * @param localNames names of the slots; hidden loop counters are named {@code #loopN}
 * @param copySlot   slot holding the copy number (1, 2, ...)
 */
public record Program(String worker, Op[] ops, List<String> localNames, int copySlot) {
    public int localCount() {
        return localNames.size();
    }

    public long[] newLocals(int copy) {
        long[] locals = new long[localNames.size()];
        locals[copySlot] = copy;
        return locals;
    }
}

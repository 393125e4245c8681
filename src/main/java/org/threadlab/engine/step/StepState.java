package org.threadlab.engine.step;

import java.util.Arrays;

/**
 * One moment of a stepped run, as an immutable value: shared memory, the owner of each lock, the
 * permits, queues and condition wait sets, and each lane's position and locals. A step makes a new state and shares every part it did not
 * change with the old one, so keeping one state per step is cheap, undo is exact, and equal states
 * (reached by different schedules) are {@link #equals equal}, which the explorer relies on.
 *
 * <p>The arrays are never changed after construction.
 */
public final class StepState {
    final long[] shared;
    /** Lane number of each lock's owner, or -1; for the read side of a read-write lock always -1 (see readers). */
    final int[] owners;
    /** For the read side of a read-write lock, the lanes that hold it, ascending; empty for every other lock. */
    final int[][] readers;
    final LaneState[] lanes;
    /** Permits left in each semaphore. */
    final int[] permits;
    /** The values in each bounded queue, head first. */
    final long[][] queues;
    /** The lanes in each condition's wait set, in the order they began to wait. */
    final int[][] waitSets;
    private final int hash;

    StepState(long[] shared, int[] owners, int[][] readers, int[] permits, long[][] queues, int[][] waitSets,
              LaneState[] lanes) {
        this.shared = shared;
        this.owners = owners;
        this.readers = readers;
        this.permits = permits;
        this.queues = queues;
        this.waitSets = waitSets;
        this.lanes = lanes;
        this.hash = 31 * (31 * (31 * (31 * (31 * Arrays.hashCode(shared) + Arrays.hashCode(owners))
                + Arrays.hashCode(permits)) + Arrays.deepHashCode(queues)) + Arrays.deepHashCode(waitSets))
                + Arrays.hashCode(lanes) + 17 * Arrays.deepHashCode(readers);
    }

    /** A lane's place: which part of its body (0 for workers; 0, 1, 2 for main), the next op, locals. */
    static final class LaneState {
        static final byte RUNNING = 0;
        static final byte DONE = 1;
        static final byte FAILED = 2;

        /** Not at a condition's wait, or at it and checking. */
        static final byte NOT_WAITING = 0;
        /** In the wait set of the condition of its wait step, until a notify. */
        static final byte IN_WAIT_SET = 1;
        /** Notified: its next step takes the condition's lock back. */
        static final byte REACQUIRE = 2;

        final int part;
        final int pc;
        final long[] locals;
        final byte end;
        /** Where the lane is in its wait step: {@link #NOT_WAITING}, {@link #IN_WAIT_SET} or {@link #REACQUIRE}. */
        final byte wait;
        /** Why the lane failed, or null. Not part of equality: the failing step and state decide it. */
        final String failure;
        private final int hash;

        LaneState(int part, int pc, long[] locals, byte end, String failure) {
            this(part, pc, locals, end, NOT_WAITING, failure);
        }

        LaneState(int part, int pc, long[] locals, byte end, byte wait, String failure) {
            this.part = part;
            this.pc = pc;
            this.locals = locals;
            this.end = end;
            this.wait = wait;
            this.failure = failure;
            this.hash = 31 * (31 * (31 * (31 * part + pc) + end) + wait) + Arrays.hashCode(locals);
        }

        /** The same place and locals with another wait phase. */
        LaneState waiting(byte phase) {
            return new LaneState(part, pc, locals, end, phase, failure);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LaneState l && l.hash == hash && l.part == part && l.pc == pc && l.end == end
                    && l.wait == wait && Arrays.equals(l.locals, locals);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Value of a shared variable, by variable number. */
    public long shared(int variable) {
        return shared[variable];
    }

    /** All shared values, by variable number (a copy). */
    public long[] sharedValues() {
        return shared.clone();
    }

    /** The lane that holds a lock, or -1. */
    public int owner(int lock) {
        return owners[lock];
    }

    /** The lanes that hold the read side of a read-write lock, ascending (a copy); empty for other locks. */
    public int[] readers(int lock) {
        return readers[lock].clone();
    }

    /** Permits left in a semaphore. */
    public int permits(int semaphore) {
        return permits[semaphore];
    }

    /** The values waiting in a queue, head first (a copy). */
    public long[] queue(int queue) {
        return queues[queue].clone();
    }

    /** The lanes waiting on a condition, in the order they began to wait (a copy). */
    public int[] waitSet(int condition) {
        return waitSets[condition].clone();
    }

    public int laneCount() {
        return lanes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof StepState s && s.hash == hash && Arrays.equals(s.shared, shared)
                && Arrays.equals(s.owners, owners) && Arrays.deepEquals(s.readers, readers)
                && Arrays.equals(s.permits, permits)
                && Arrays.deepEquals(s.queues, queues) && Arrays.deepEquals(s.waitSets, waitSets)
                && Arrays.equals(s.lanes, lanes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

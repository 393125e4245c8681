package org.threadlab.engine.live;

/**
 * The loop a learner writes to wait for a flag: {@code while (!ready) { }}, here over a plain
 * variable of shared memory. Once the JIT compiles it, nothing in the loop tells the compiler that
 * another thread may change the flag, so it may read the flag once, before the loop, and spin for
 * ever on what it read. Nothing is added to make that happen or to prevent it.
 */
final class SpinLoop {
    private SpinLoop() {}

    /** Spins until the flag is not 0 (or {@code reader.stop}); returns how many times it went round. */
    static long spin(long[] values, int slot, FlagReader reader) {
        long rounds = 0;
        while (reader.read(values, slot) == 0 && !reader.stop) {
            rounds++;
        }
        return rounds;
    }
}

package org.threadlab.engine.live;

/**
 * How {@link SpinLoop} reads the flag it spins on. Loaded afresh for every spin by {@link PlainSpin}
 * (never through this class loader's copy), so that while a spin runs, {@link PlainFlagReader} is
 * the only subclass the JVM knows and its compiler may inline {@link #read} on that assumption.
 */
abstract class FlagReader {
    /** Set by {@link PlainSpin#release} to end a spin that will never see its flag; a plain field too. */
    boolean stop;

    abstract long read(long[] values, int slot);
}

package org.threadlab.engine.live;

/**
 * Never used to read: loading it ends the assumption that {@link PlainFlagReader} is the only
 * {@link FlagReader}, so the JVM throws away code compiled on that assumption, the spin loop
 * included, and the loop goes on in the interpreter, which reads its fields afresh.
 */
final class SecondFlagReader extends FlagReader {
    @Override
    long read(long[] values, int slot) {
        return values[slot];
    }
}

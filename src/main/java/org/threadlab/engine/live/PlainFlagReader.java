package org.threadlab.engine.live;

/** A plain read of the flag: an ordinary array access, with no volatile and no fence. */
final class PlainFlagReader extends FlagReader {
    @Override
    long read(long[] values, int slot) {
        return values[slot];
    }
}

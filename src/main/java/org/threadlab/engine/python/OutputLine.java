package org.threadlab.engine.python;

/**
 * One line a listing printed, as it came.
 *
 * @param stderr  printed to standard error (tracebacks, warnings), else to standard output
 * @param text    the line without its line break; a line longer than {@link #MAX_CHARS} comes in pieces
 * @param atNanos when it was read, in nanoseconds since the interpreter was started
 */
public record OutputLine(boolean stderr, String text, long atNanos) {
    /** Longest piece of a line handed on, so a listing that prints without line breaks cannot fill the memory. */
    public static final int MAX_CHARS = 8_192;
}

package org.threadlab.lesson;

/** How an outcome is graded, in the manner of jcstress. */
public enum Grade {
    /** What a correct program gives. */
    ACCEPTABLE,
    /** Allowed by the program as written, and the point of the lesson (a lost update, say). */
    INTERESTING,
    /** Must never happen; seeing it means the engine or the lesson is wrong. */
    FORBIDDEN,
    /** No outcome of the lesson matched the final state. */
    UNEXPECTED,
    /** The run did not finish (cancelled, timed out, failed), so its final state means nothing. */
    NOT_GRADED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

package org.threadlab.engine.step;

/** Where one lane stands in a {@link StepState}. */
public enum LaneStatus {
    /** It can do its next step now. */
    READY,
    /** Its next step takes a lock that another lane holds. */
    BLOCKED_ON_LOCK,
    /** A worker the main thread has not started yet. */
    NOT_STARTED,
    /** The main thread, at its join, while some worker has not ended. */
    JOINING,
    /** It ran to its end. */
    DONE,
    /** A step could not be done as asked (a value out of its limits); its locks were let go. */
    FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

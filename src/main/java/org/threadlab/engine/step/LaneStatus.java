package org.threadlab.engine.step;

/** Where one lane stands in a {@link StepState}. */
public enum LaneStatus {
    /** It can do its next step now. */
    READY,
    /** Its next step takes a lock that another lane holds. */
    BLOCKED_ON_LOCK,
    /** Its next step takes a permit of a semaphore that has none left. */
    BLOCKED_ON_SEMAPHORE,
    /** Its next step puts on a full queue or takes from an empty one. */
    BLOCKED_ON_QUEUE,
    /** Its next step spins until a shared variable is not 0, and it is 0: it goes round without getting anywhere. */
    SPINNING,
    /** It is in a condition's wait set: it sleeps until another lane notifies that condition. */
    WAITING_ON_CONDITION,
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

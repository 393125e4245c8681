package org.threadlab.trace;

/** The kinds of event a lane records; the ordinal is stored in the packed event code. */
enum EventKind {
    STATE, STEP_START, STEP_END, READ, WRITE, LOCK_ACQUIRED, LOCK_RELEASED, PRINT, RETURN, LOCK_WAITING,
    MESSAGE_PUT, MESSAGE_TAKEN;

    private static final EventKind[] VALUES = values();

    static EventKind of(int ordinal) {
        return VALUES[ordinal];
    }
}

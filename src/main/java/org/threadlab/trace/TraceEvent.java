package org.threadlab.trace;

/**
 * One recorded event, as views and exports see it. {@code nanos} is time since the run started on
 * the machine's monotonic clock; {@code lane} is the lane's index.
 */
public sealed interface TraceEvent {
    int lane();

    long nanos();

    /** The worker entered a new state; it stays there until its next state event. */
    record StateChanged(int lane, long nanos, WorkerState state) implements TraceEvent {}

    record StepStarted(int lane, long nanos, int step) implements TraceEvent {}

    /** A step finished; {@code result} is what it produced (bytes read, value computed, ...) or 0. */
    record StepEnded(int lane, long nanos, int step, long result) implements TraceEvent {}

    record SharedRead(int lane, long nanos, int variable, long value) implements TraceEvent {}

    record SharedWritten(int lane, long nanos, int variable, long value) implements TraceEvent {}

    /** A lock was taken; {@code contended} when the worker had to wait for it. */
    record LockAcquired(int lane, long nanos, int lock, boolean contended) implements TraceEvent {}

    record LockReleased(int lane, long nanos, int lock) implements TraceEvent {}

    /** The lock was held by someone else: the worker starts to wait for it (it joins the lock's queue). */
    record LockWaiting(int lane, long nanos, int lock) implements TraceEvent {}

    /**
     * A value went onto a queue as message number {@code message} of that queue (1, 2, ...); the
     * value is the result of the put step this event is in.
     */
    record MessagePut(int lane, long nanos, int queue, long message) implements TraceEvent {}

    /** Message number {@code message} of a queue was taken; the value is the result of the take step. */
    record MessageTaken(int lane, long nanos, int queue, long message) implements TraceEvent {}

    record Printed(int lane, long nanos, String text) implements TraceEvent {}

    record Returned(int lane, long nanos, long value) implements TraceEvent {}
}

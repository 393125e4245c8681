package org.threadlab.engine.python;

import java.util.List;

/**
 * What a Python run tells as it goes. Called on the runner's own threads, never the caller's: a
 * window hands the lines to a queue and pulls them once per frame. A listener that throws loses
 * that call only; the run goes on.
 */
@FunctionalInterface
public interface PythonListener {
    /** A line the listing printed, as soon as it is read. */
    void line(OutputLine line);

    /**
     * A run began (one per mode in a comparison).
     *
     * @param task    what runs
     * @param command the whole command line, interpreter and listing file first, as a learner would type it
     * @param pid     the interpreter's process id
     */
    default void started(PythonTask task, List<String> command, long pid) {}

    /** A run ended; after its last line. */
    default void ended(PythonResult result) {}
}

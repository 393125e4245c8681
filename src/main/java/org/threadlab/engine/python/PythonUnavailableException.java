package org.threadlab.engine.python;

/**
 * No Python interpreter that can run a listing: none found, it did not answer like a Python, or it
 * is older than 3.10. The message says which, in words meant for the learner.
 */
public final class PythonUnavailableException extends Exception {
    public PythonUnavailableException(String message) {
        super(message);
    }
}

package org.threadlab.engine.python;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A Python run (or a comparison of runs) under way: stop it, or wait for its result.
 *
 * @param <T> {@link PythonResult} for one run, {@link GilComparison} for one run per mode
 */
public final class PythonJob<T> {
    private final CompletableFuture<T> result;
    private final Runnable stopper;

    PythonJob(CompletableFuture<T> result, Runnable stopper) {
        this.result = result;
        this.stopper = stopper;
    }

    /**
     * Stops the run: kills the interpreter's whole process tree (a comparison runs no further mode).
     * Returns at once; the result follows, ending {@link PythonResult.Ending#STOPPED}. Does nothing
     * after the end.
     */
    public void stop() {
        stopper.run();
    }

    /**
     * The result, completed on the runner's thread when the run has ended, its processes are gone,
     * its last line was handed on and its temporary folder deleted; completed exceptionally with an
     * {@link IOException} when a later run of a comparison could not be started.
     */
    public CompletableFuture<T> result() {
        return result.copy();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Waits for the result. */
    public T await() throws InterruptedException, IOException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException re) {
                throw re;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}

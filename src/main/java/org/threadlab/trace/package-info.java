/**
 * What happened during a run, as data: per-worker event buffers filled without shared locks
 * ({@link org.threadlab.trace.TraceRecorder}), the merged, immutable {@link org.threadlab.trace.Trace}
 * that every view and export reads, and exports such as the Chrome trace-event JSON.
 *
 * <p>This package knows nothing of lessons, engines or JavaFX: it stores names and numbers.
 */
package org.threadlab.trace;

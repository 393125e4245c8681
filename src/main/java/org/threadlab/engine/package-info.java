/**
 * Runs a lesson for real: compiles each worker's steps into a small program
 * ({@link org.threadlab.engine.ProgramCompiler}), runs it in a {@link org.threadlab.engine.RunMode}
 * on real platform threads, virtual threads or a thread pool, and records everything into a
 * {@link org.threadlab.trace.TraceRecorder}. The one simulation is {@link org.threadlab.engine.SimulatedGil},
 * CPython's global interpreter lock, which is labelled as such wherever it shows.
 *
 * <p>A program is a flat array of ops, one observable step each, so a scheduler can hold a worker
 * between any two steps; the live runner here executes them back to back.
 */
package org.threadlab.engine;

/**
 * Runs a lesson for real: compiles each worker's steps into a small program
 * ({@link org.threadlab.engine.ProgramCompiler}), runs it in a {@link org.threadlab.engine.RunMode}
 * on real platform threads, virtual threads or a thread pool, and records everything into a
 * {@link org.threadlab.trace.TraceRecorder}. The one simulation is {@link org.threadlab.engine.SimulatedGil},
 * CPython's global interpreter lock, which is labelled as such wherever it shows.
 *
 * <p>A program is a flat array of ops, one observable step each, so a scheduler can hold a worker
 * between any two steps; the live runner here executes them back to back.
 *
 * <p><b>Processes.</b> In the modes {@code processes} and {@code process-pool} the workers run in
 * child JVMs ({@link org.threadlab.engine.ProcessChild}), real processes with PIDs of their own,
 * started and driven by {@code ProcessWorkers}. A child is sent the parent's compiled {@code Plan}
 * as data, never code (ops with their step numbers and expression trees, see {@code PlanCodec}),
 * and runs the tasks it is given with the same {@code LiveWorker}, on its own copy of the shared variables, its own locks
 * and its own simulated GIL. It streams its lanes back over its standard output in the small
 * binary protocol of {@code ProcessProtocol}: parent to child on standard input, {@code J} job,
 * {@code T} task, {@code S} stop, {@code E} end; child to parent, {@code H} hello, {@code N} thread,
 * {@code V} events, {@code C} CPU time, {@code F} failure, {@code M} memory copy, {@code W} what its
 * worker waits for (for the stuck watch, {@code StuckWatch}), {@code D} ended,
 * {@code X} error. Event times count from the parent's trace origin on the machine-wide monotonic
 * clock, so all lanes line up. A child halts as soon as its standard input ends or its parent
 * exits, so none outlives its parent. {@code docs/processes.md} gives every field.
 */
package org.threadlab.engine;

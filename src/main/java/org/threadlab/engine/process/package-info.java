/**
 * The process modes ({@code processes}, {@code process-pool}): the workers run in child JVMs
 * ({@link org.threadlab.engine.process.ProcessChild}), real processes with PIDs of their own, started
 * and driven by {@link org.threadlab.engine.process.ProcessWorkers}. A child is sent the parent's
 * compiled {@link org.threadlab.engine.process.Plan} as data, never code (ops with their step numbers
 * and expression trees, see {@link org.threadlab.engine.process.PlanCodec}), and runs the tasks it is
 * given with the same live interpreter, on its own copy of the shared variables, its own locks and
 * its own simulated GIL; what a lesson declares {@code process-shared} lives in the
 * {@link org.threadlab.engine.process.SharedSegment}, a file every process of the run maps.
 * {@link org.threadlab.engine.process.ChildImage} keeps a jar and a class-data archive of the child's
 * classes so a child starts quickly.
 *
 * <p>A child streams its lanes back over its standard output in the small binary protocol of
 * {@link org.threadlab.engine.process.ProcessProtocol}: parent to child on standard input, {@code J}
 * job, {@code T} task, {@code S} stop, {@code E} end; child to parent, {@code H} hello, {@code N}
 * thread, {@code V} events, {@code C} CPU time, {@code F} failure, {@code M} memory copy, {@code W}
 * what its worker waits for (for the stuck watch), {@code D} ended, {@code X} error. Event times
 * count from the parent's trace origin on the machine-wide monotonic clock, so all lanes line up. A
 * child halts as soon as its standard input ends or its parent exits, so none outlives its parent.
 * {@code docs/processes.md} gives every field.
 */
package org.threadlab.engine.process;

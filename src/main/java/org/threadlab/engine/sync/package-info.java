/**
 * The synchronizers a worker's step can wait on, and the watch that ends a run none of its workers
 * can leave. Locks are {@link org.threadlab.engine.sync.StepLock}s: a thread lock of one process, or a
 * {@link org.threadlab.engine.sync.MappedLock} in memory every process of a run maps; bounded queues
 * are {@link org.threadlab.engine.sync.MessageQueue}s of the same two kinds. Both interfaces are
 * sealed, and a sealed interface's kinds must share its package, so the mapped kinds live here with
 * the thread kinds; the mapped file itself is the process room's {@code SharedSegment}.
 *
 * <p>{@link org.threadlab.engine.sync.WaitGraph} records who waits for what (a lock, a notify, a
 * permit, room on a queue or a value from it) and who holds which lock, with release stores on the
 * workers' slow path only; a child process's waits reach it through its parent.
 * {@link org.threadlab.engine.sync.StuckWatch} reads it while a run lives and finds a circle of lock
 * waits, or every worker left waiting with nobody to free it, confirms it with the real
 * synchronizers, and says it in the words of {@link org.threadlab.engine.sync.WaitTexts}, which
 * step mode and exploration use too. {@link org.threadlab.engine.sync.DeadlockCycle} is a circle by
 * name, as results carry it. Nothing here knows runs or modes.
 */
package org.threadlab.engine.sync;

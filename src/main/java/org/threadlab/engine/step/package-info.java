/**
 * Step mode: a deterministic scheduler over a lesson's compiled programs. Nothing runs on its own;
 * the caller (a learner, a replayed schedule, the explorer) picks which worker does its next atomic
 * step. States are immutable values ({@link org.threadlab.engine.step.StepState}), so undo is a
 * pointer move and two states can be compared and hashed.
 *
 * <p>The same {@link org.threadlab.engine.program.Op}s that the live engine runs are interpreted here, one
 * at a time, without waiting: a sleep or a download is one step that takes no time, a compute
 * really computes its result. No JavaFX here.
 *
 * <p>{@link org.threadlab.engine.step.LostUpdates} reads the steps taken for writes that destroyed
 * an update their writer never saw, so step mode can name a lost update at the step it happens.
 */
package org.threadlab.engine.step;

/**
 * Step mode, exploration and stress in the window: the learner schedules workers one atomic step
 * at a time ({@link org.threadlab.ui.step.StepPanel}), sees every interleaving's outcome
 * ({@link org.threadlab.ui.step.ExplorePanel}) and how often real threads hit each one
 * ({@link org.threadlab.ui.step.StressPanel}). The engine does the work
 * ({@code org.threadlab.engine.step}, {@code .explore}, {@code .stress}); exploration and stress run
 * off the FX thread, and the views poll their results once per frame. {@link
 * org.threadlab.ui.step.DeadlockView} draws a deadlock's circle for step mode and the Locks tab alike.
 *
 * <p>Where one of the three cannot apply to a lesson, {@link org.threadlab.ui.step.TabReasons} says
 * why in a learner's words, and {@link org.threadlab.ui.step.StepTabs} marks the tab.
 */
package org.threadlab.ui.step;

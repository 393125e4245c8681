/**
 * Every interleaving of a small lesson: a depth-first walk over the states of step mode
 * ({@link org.threadlab.engine.step.StepModel}) that remembers each state it has finished, so a
 * state reached by many schedules is explored once. The result is a histogram of final outcomes,
 * each graded by the lesson's outcome rules, with how many schedules lead to it and one schedule
 * that does; deadlocks are outcomes of their own.
 */
package org.threadlab.engine.explore;

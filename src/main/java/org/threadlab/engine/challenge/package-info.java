/**
 * Challenges: step mode as a game where the learner is the scheduler. {@link org.threadlab.engine.challenge.Goal}
 * tests a challenge's goal on a stepped state, {@link org.threadlab.engine.challenge.ChallengeGame} keeps the score
 * of one game (moves, undos, budget, win), and {@link org.threadlab.engine.challenge.Solver} searches every
 * schedule for the shortest win, so that {@code check} refuses a challenge nobody can win.
 */
package org.threadlab.engine.challenge;

/**
 * Real stress, in the manner of jcstress: a lesson's race run many times on real threads, in
 * batches of short trials. Each worker gets a platform thread that plays its program once per trial
 * over that trial's own fresh shared slots (plain memory, real locks); the threads meet at a
 * barrier before and after each batch, then count the batch's final states. Nothing is recorded
 * per step, so the race is exactly as exposed as the hardware makes it.
 */
package org.threadlab.engine.stress;

/**
 * Real stress, in the manner of jcstress: a lesson's race run many times on real threads, in short
 * strides of trials. Each worker gets a platform thread that plays its program once per trial over that
 * trial's own fresh shared slots (plain memory, real locks); all threads run the same stride at the same
 * time, released together at one moment on the shared clock, and count the stride before while they
 * wait for the next. Nothing is recorded per step, so the race is exactly as exposed as the hardware
 * makes it; how many trials really overlapped is sampled and reported.
 */
package org.threadlab.engine.stress;

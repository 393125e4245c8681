/**
 * Real stress, in the manner of jcstress: a lesson's race run many times on real threads, in short
 * strides of trials. Each worker gets a platform thread that plays its program once per trial over that
 * trial's own fresh shared slots (plain memory, real locks); all threads start each stride at the same
 * moment of a timetable on the shared clock, and count the stride before while the next runs. Each
 * worker's stride is written out as JVM bytecode of its own ({@code StrideCode}), which the JIT compiles
 * as it compiles Java; programs it cannot write out are interpreted ({@code TrialCode}). Nothing is
 * recorded per step, so the race is exactly as exposed as the hardware makes it; how many trials really
 * overlapped is sampled and reported.
 */
package org.threadlab.engine.stress;

/**
 * The live interpreter: {@link org.threadlab.engine.live.LiveWorker} runs a compiled program on the
 * calling thread, for real. Shared reads and writes go to plain memory
 * ({@link org.threadlab.engine.live.SharedMemory}, so races lose updates for real), locks are real
 * locks, sleeps really sleep, downloads really fetch from the loopback
 * {@link org.threadlab.engine.live.DownloadServer}, and every step, state change, lock hand-over and
 * message is recorded into the worker's own lane. {@link org.threadlab.engine.live.RunContext} is
 * what the workers of one run (or of one child process) share. The one simulation,
 * {@link org.threadlab.engine.live.SimulatedGil}, is CPython's global interpreter lock, switched on
 * per run and labelled wherever it shows. {@link org.threadlab.engine.live.WorkerPriority} is the
 * priority of the threads that run a lesson's work.
 */
package org.threadlab.engine.live;

/**
 * A lesson's Python listing, run for real on the learner's own interpreter, beside the Java run and
 * the simulated GIL.
 *
 * <p>{@link org.threadlab.engine.python.PythonInterpreter#find(String)} finds and asks the
 * interpreter (version, implementation, whether its GIL is on); a
 * {@link org.threadlab.engine.python.PythonTask} says which listing runs at what scale and mode;
 * {@link org.threadlab.engine.python.PythonRunner} runs it in a temporary folder, streams its lines
 * to a {@link org.threadlab.engine.python.PythonListener}, stops it (its whole process tree) at the
 * timeout or on request through the {@link org.threadlab.engine.python.PythonJob}, and measures its
 * wall and CPU time into a {@link org.threadlab.engine.python.PythonResult}; or runs it once per mode
 * for a {@link org.threadlab.engine.python.GilComparison} of real speed-ups.
 *
 * <p>This is the one place ThreadLab runs code a lesson carries, so nothing here runs by itself:
 * the window and the {@code python} command ask first (consent is theirs, not this package's).
 */
package org.threadlab.engine.python;

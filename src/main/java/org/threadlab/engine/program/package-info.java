/**
 * A lesson compiled for running: {@link org.threadlab.engine.program.CompiledLesson} resolves a
 * variant and its params and {@link org.threadlab.engine.program.ProgramCompiler} turns each worker's
 * steps into a {@link org.threadlab.engine.program.Program}, a flat array of
 * {@link org.threadlab.engine.program.Op}s, one observable step each (loops are jumps). Because a
 * program is flat data, a scheduler can hold a worker between any two steps (step mode), a child
 * process can be sent it as it is (the process room's plan codec), and the live interpreter runs the
 * very same ops. A {@link org.threadlab.engine.program.Task} is one worker to run: its lane name,
 * program and copy number.
 */
package org.threadlab.engine.program;

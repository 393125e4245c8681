/**
 * Runs a lesson for real, and is the one door to it: {@link org.threadlab.engine.Engine} compiles
 * a lesson, starts a {@link org.threadlab.engine.Run} in a {@link org.threadlab.engine.RunMode}
 * (sequential, platform threads, virtual threads, a thread pool, child processes or a pool of them),
 * watches it, and hands back a {@link org.threadlab.engine.RunResult}. The one simulation is the
 * CPython GIL ({@code live.SimulatedGil}), labelled as such wherever it shows.
 *
 * <p>The parts live in rooms of their own, each using only the rooms below it:
 * <ul>
 *   <li>{@code engine.sync}: the synchronizers a step can wait on (locks, queues, of threads or
 *       mapped across processes), the graph of who waits for what, and the stuck watch that ends a
 *       run no worker can move again, in the words exploration uses;</li>
 *   <li>{@code engine.program}: a lesson compiled to flat programs of ops, one observable step each;</li>
 *   <li>{@code engine.live}: the interpreter that runs those programs on real threads, with real
 *       memory, locks, sleeps and downloads, recording every step;</li>
 *   <li>{@code engine.process}: the process modes, child JVMs that run the same interpreter;</li>
 *   <li>{@code engine.step}, {@code engine.explore}, {@code engine.stress}: stepping through a
 *       lesson one atomic step at a time, every interleaving, and stress on real threads.</li>
 *   <li>{@code engine.python}: a lesson's Python listing run for real on the learner's own
 *       interpreter (its process tree stopped whole, wall and CPU time measured), beside the rest.</li>
 * </ul>
 * This package itself holds the run: its configuration, its life (start, cancel, kill a child,
 * time limit, stuck watch) and its result, with the first-Run warm-up and prediction feedback.
 */
package org.threadlab.engine;

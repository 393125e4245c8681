/**
 * Benchmarks, not tests: compiled and run only with {@code mvn -P bench} (see docs/performance.md).
 * {@link org.threadlab.bench.LaneRecorderBench} and {@link org.threadlab.bench.ClockBench} are JMH
 * benchmarks of the recording path; {@link org.threadlab.bench.WholeRuns} times whole lesson runs;
 * {@link org.threadlab.bench.RunFileBench} measures the size of run files and how long they take to open;
 * {@link org.threadlab.bench.JcstressSideBySide} runs Real stress and jcstress
 * ({@link org.threadlab.bench.LostUpdateJcstress}) on the same lost-update race, one after the other.
 */
package org.threadlab.bench;

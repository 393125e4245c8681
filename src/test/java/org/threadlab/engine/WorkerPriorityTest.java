package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.threadlab.engine.live.WorkerPriority;
import org.threadlab.trace.Trace;
import org.threadlab.trace.WorkerState;

/**
 * The threads that do a lesson's work take the priority the runtime names
 * ({@code -Dthreadlab.workerPriority}, which the packaged app's runtime sets to the JIT compilers'
 * level), and stay at normal priority without it.
 */
class WorkerPriorityTest {
    private final Engine engine = new Engine();

    @AfterEach
    void forgetThePriority() {
        System.clearProperty(WorkerPriority.PROPERTY);
    }

    @Test
    void withoutTheSettingLessonWorkIsAtNormalPriority() {
        System.clearProperty(WorkerPriority.PROPERTY);
        assertEquals(Thread.NORM_PRIORITY, WorkerPriority.current());
        System.setProperty(WorkerPriority.PROPERTY, "0");
        assertEquals(Thread.MIN_PRIORITY, WorkerPriority.current(), "kept within Java's priorities");
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "thread-pool", "sequential"})
    @Timeout(60)
    void theWorkersAndTheLessonsMainThreadRunAtTheNamedPriority(String modeName) throws InterruptedException {
        System.setProperty(WorkerPriority.PROPERTY, "1");
        Run run = engine.start(RunConfig.of(TestLessons.fixture("sleepy")).withMode(RunMode.of(modeName, 3)));
        try {
            awaitSleeping(run, modeName.equals("sequential") ? 1 : 3);
            // the run's threads, by name: the lesson's main thread and its workers (sleeper-N, or a pool's threads)
            Map<String, Integer> priorities = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("main") && t.isDaemon() || t.getName().startsWith("sleeper")
                            || t.getName().startsWith("pool-thread-"))
                    .collect(Collectors.toMap(Thread::getName, Thread::getPriority, Math::min));
            assertFalse(priorities.isEmpty(), "the run's threads were found");
            assertEquals(modeName.equals("sequential") ? 1 : 4, priorities.size(), priorities.toString());
            priorities.forEach((name, priority) -> assertEquals(Thread.MIN_PRIORITY, priority, name));
        } finally {
            run.cancel();
            assertNotNull(run.await(Duration.ofSeconds(15)), "the run ended after the cancel");
        }
    }

    /** Waits (boundedly) until {@code count} lanes sleep. */
    private static void awaitSleeping(Run run, int count) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Trace t = run.recorder().snapshot();
            if (t.lanes().stream().filter(l -> l.lastState() == WorkerState.SLEEPING).count() >= count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the workers never slept");
    }
}

package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
    void thePriorityIsNormalWithoutTheSettingAndStaysWithinJavasRange() {
        System.clearProperty(WorkerPriority.PROPERTY);
        assertEquals(Thread.NORM_PRIORITY, WorkerPriority.current());
        System.setProperty(WorkerPriority.PROPERTY, "0");
        assertEquals(Thread.MIN_PRIORITY, WorkerPriority.current());
        System.setProperty(WorkerPriority.PROPERTY, "99");
        assertEquals(Thread.MAX_PRIORITY, WorkerPriority.current());
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "thread-pool", "sequential"})
    @Timeout(60)
    void theWorkersAndTheLessonsMainThreadRunAtTheNamedPriority(String modeName) throws InterruptedException {
        System.setProperty(WorkerPriority.PROPERTY, "1");
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Run run = engine.start(RunConfig.of(TestLessons.fixture("sleepy")).withMode(RunMode.of(modeName, 3)));
        try {
            awaitSleeping(run, modeName.equals("sequential") ? 1 : 3);
            // the threads this run started for the lesson: its main thread, its sleepers, its pool's threads
            Map<String, Integer> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && !t.isVirtual())
                    .filter(t -> t.getName().equals("main") || t.getName().startsWith("sleeper")
                            || t.getName().startsWith("pool-thread-"))
                    .collect(Collectors.toMap(t -> t.getName() + "#" + t.threadId(), Thread::getPriority));
            // the lesson's main thread and its three sleepers, or its pool's three threads; one main thread when sequential
            assertEquals(modeName.equals("sequential") ? 1 : 4, started.size(), started.toString());
            started.forEach((name, priority) -> assertEquals(Thread.MIN_PRIORITY, priority, name));
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

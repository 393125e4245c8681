package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonParser;

/** Semaphores and queues on real threads; the process modes refuse them. */
class SynchronizerRunTest {
    private static final String LESSON = """
            id: gate
            title: Gate
            summary: A semaphore and a queue.
            narration: Two workers pass a value through a queue, one at a time through a gate.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            shared:
              variables: {got: 0}
              semaphores: {gate: 1}
              queues: {buffer: 1}
            workers:
              - name: producer
                steps:
                  - repeat: 50
                    as: i
                    steps:
                      - with-permit: gate
                        steps:
                          - put: buffer
                            value: i
              - name: consumer
                steps:
                  - repeat: 50
                    steps:
                      - take: buffer
                        into: item
                      - increment: got
                        by: item
                        atomic: true
            listings:
              java: "x();"
              python: "x()"
            run:
              modes: [threads, virtual-threads, processes]
            outcomes:
              - when: got == 1275
                grade: acceptable
                text: All there.
              - when: always
                grade: forbidden
                text: Lost.
            """;

    @Test
    void aQueueAndASemaphoreWorkOnRealThreads() throws Exception {
        Lesson lesson = new LessonParser().parse(Path.of("lessons/gate.yaml"), LESSON);
        for (String mode : new String[] {"threads", "virtual-threads"}) {
            RunResult r = new Engine().run(RunConfig.of(lesson).withMode(RunMode.of(mode, 2)));
            assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
            assertEquals(1275L, r.shared().get("got"), mode);
        }
    }

    @Test
    void theProcessModesRefuseThemWithASentence() throws Exception {
        Lesson lesson = new LessonParser().parse(Path.of("lessons/gate.yaml"), LESSON);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Engine().start(RunConfig.of(lesson).withMode(RunMode.of("processes", 2))));
        assertTrue(e.getMessage().contains("uses semaphores or queues, which only the thread modes can run"),
                e.getMessage());
    }
}

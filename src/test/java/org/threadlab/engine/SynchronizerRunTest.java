package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;

/** Semaphores and queues on real threads; a lesson that may run as processes cannot use semaphores. */
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
              modes: [threads, virtual-threads]
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
    void aLessonWithAProcessModeMayNotUseThem() {
        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(Path.of("lessons/gate.yaml"),
                LESSON.replace("modes: [threads, virtual-threads]", "modes: [threads, processes]")));
        assertEquals(3, e.problems().size(), e::getMessage); // the with-permit, the put and the take
        assertTrue(e.getMessage().contains("semaphore 'gate' is used in mode processes, but semaphores work in the"
                + " thread modes only"), e.getMessage());
        assertTrue(e.getMessage().contains("queue 'buffer' is used in mode processes, where each process would get a"
                + " queue of its own; list it under shared.process-shared"), e.getMessage());
    }
}

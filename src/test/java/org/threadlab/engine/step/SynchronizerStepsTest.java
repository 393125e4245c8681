package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;

/** Semaphores and bounded queues as atomic steps: who blocks, what the state holds, what exploration finds. */
class SynchronizerStepsTest {
    private static StepModel model(String id, String variant, Map<String, Long> params) throws Exception {
        return new StepModel(CompiledLesson.of(LessonLibrary.standard().find(id), variant, null, params));
    }

    @Test
    void aThirdWorkerWaitsForAPermitUntilOneIsGivenBack() throws Exception {
        StepModel m = model("semaphore", "two-permits", Map.of());
        StepSession s = new StepSession(m);
        s.play(List.of(0, 1)); // A and B take the two permits
        assertEquals(0, s.state().permits(0));
        assertEquals(LaneStatus.BLOCKED_ON_SEMAPHORE, s.status(2));
        assertTrue(m.why(s.state(), 2, s.status(2)).endsWith("a permit of connections, which has none left"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(2));
        assertTrue(e.getMessage().contains("which has none left"), e.getMessage());
        s.play(List.of(0, 0, 0)); // A downloads, counts, gives its permit back
        assertEquals(1, s.state().permits(0));
        assertEquals(LaneStatus.READY, s.status(2));
        s.undo();
        assertEquals(LaneStatus.BLOCKED_ON_SEMAPHORE, s.status(2), "undo takes the permit back");
    }

    @Test
    void theProducerWaitsOnAFullBufferAndTheConsumerOnAnEmptyOne() throws Exception {
        StepModel m = model("producer-consumer", "", Map.of("n", 3L));
        StepSession s = new StepSession(m);
        assertEquals(LaneStatus.BLOCKED_ON_QUEUE, s.status(1), "nothing to take yet");
        assertTrue(m.why(s.state(), 1, s.status(1)).endsWith("take from buffer, which is empty"));
        s.play(List.of(0, 0));
        assertArrayEquals(new long[] {1, 2}, s.state().queue(0));
        assertEquals(LaneStatus.BLOCKED_ON_QUEUE, s.status(0));
        assertTrue(m.why(s.state(), 0, s.status(0)).endsWith("put on buffer, which is full"));
        StepResult took = s.step(1);
        assertEquals(1L, took.value(), "first in, first out");
        assertArrayEquals(new long[] {2}, s.state().queue(0));
        assertEquals(Map.of("item", 1L, "k", 1L), Map.copyOf(m.locals(s.state(), 1)).entrySet().stream()
                .filter(en -> !en.getKey().equals("copy")).collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void exploringTheBufferFindsOnlyTheInOrderOutcome() throws Exception {
        ExploreResult r = Explorer.explore(model("producer-consumer", "", Map.of("n", 3L)));
        assertTrue(r.complete());
        assertEquals(1, r.outcomes().size());
        assertEquals(Grade.ACCEPTABLE, r.outcomes().get(0).grade());
        assertEquals(Map.of("total", 6L, "in_order", 14L), r.outcomes().get(0).shared());
    }

    @Test
    void aConsumerWaitingForAnItemNobodyWillPutIsStuck() throws Exception {
        Lesson lesson = new LessonParser().parse(Path.of("lessons/stuck.yaml"), """
                id: stuck
                title: Stuck
                summary: One take too many.
                narration: The consumer takes three items; only two are made.
                prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
                shared:
                  variables: {got: 0}
                  queues: {buffer: 1}
                workers:
                  - name: producer
                    steps:
                      - repeat: 2
                        as: i
                        steps:
                          - put: buffer
                            value: i
                  - name: consumer
                    steps:
                      - repeat: 3
                        steps:
                          - take: buffer
                          - increment: got
                            atomic: true
                listings:
                  java: "x();"
                  python: "x()"
                outcomes:
                  - when: always
                    grade: acceptable
                    text: Done.
                """);
        ExploreResult r = Explorer.explore(new StepModel(CompiledLesson.of(lesson, "", null, Map.of())));
        assertTrue(r.complete());
        List<ExploredOutcome> outcomes = r.outcomes();
        assertEquals(1, outcomes.size(), outcomes::toString);
        assertEquals(ExploredOutcome.Kind.DEADLOCK, outcomes.get(0).kind());
        assertTrue(outcomes.get(0).text().contains("(consumer) waits to take from buffer, which is empty"), outcomes.get(0).text());
        assertTrue(outcomes.get(0).deadlock().cycle().isEmpty(), "no circle of locks: stuck on a queue");
    }
}

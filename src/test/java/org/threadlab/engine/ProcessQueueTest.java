package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.trace.ChromeTraceExporter;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.WorkerState;

/**
 * Queues between processes (a process-shared queue in the mapped segment) and the message numbers
 * that tie each put to its take in the trace, in the process and the thread modes.
 */
@Timeout(120)
class ProcessQueueTest {
    private static final Path FILE = Path.of("lessons/pq.yaml");
    private static final long PARENT = ProcessHandle.current().pid();

    /** Producers put {@code copy * 100000 + i} for i = 1..n; one consumer takes them all and adds them up. */
    private static final String LESSON = """
            id: pq
            title: Queue between processes
            summary: Producers put numbers on a queue, a consumer takes them.
            narration: Values go from process to process through a queue.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            params: {n: 150, producers: 1}
            shared:
              variables: {got: 0}
              queues: {buffer: 3}
              process-shared: [buffer, got]
            workers:
              - name: producer
                copies: producers
                steps:
                  - repeat: n
                    as: i
                    steps:
                      - put: buffer
                        value: copy * 100000 + i
              - name: consumer
                steps:
                  - repeat: n * producers
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
              mode: processes
              modes: [processes, threads]
            outcomes:
              - when: always
                grade: acceptable
                text: Done.
            """;

    private static Lesson lesson(String text) throws LessonException {
        return new LessonParser().parse(FILE, text);
    }

    /** A message as one lane saw it: its number and the value of the step it was put or taken in. */
    private record Seen(long number, long value) {}

    /** The messages put (or taken) in a lane, in the lane's order. */
    private static List<Seen> messages(LaneEvents lane, boolean puts) {
        List<Seen> out = new ArrayList<>();
        for (int i = 0; i < lane.size(); i++) {
            TraceEvent e = lane.event(i);
            long number;
            if (puts && e instanceof TraceEvent.MessagePut m) {
                number = m.message();
            } else if (!puts && e instanceof TraceEvent.MessageTaken m) {
                number = m.message();
            } else {
                continue;
            }
            for (int k = i + 1; k < lane.size(); k++) {
                if (lane.event(k) instanceof TraceEvent.StepEnded end) {
                    out.add(new Seen(number, end.result()));
                    break;
                }
            }
        }
        return out;
    }

    private static LaneEvents lane(RunResult r, String name) {
        return r.trace().lanes().stream().filter(l -> l.info().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void oneProducerAndOneConsumerGetEveryValueOnceAndInOrderAcrossTwoProcesses() throws Exception {
        int n = 150;
        RunResult r = new Engine().run(RunConfig.of(lesson(LESSON)).withMode(new RunMode.Processes()));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        long expected = 0;
        for (int i = 1; i <= n; i++) {
            expected += 100_000 + i;
        }
        assertEquals(expected, r.shared().get("got"), "the consumer's sum, in a process-shared variable");

        LaneEvents producer = lane(r, "producer");
        LaneEvents consumer = lane(r, "consumer");
        assertNotEquals(producer.info().pid(), consumer.info().pid(), "two processes");
        assertNotEquals(PARENT, producer.info().pid());
        assertNotEquals(PARENT, consumer.info().pid());
        assertTrue(producer.info().inChildProcess() && consumer.info().inChildProcess());

        List<Seen> put = messages(producer, true);
        List<Seen> taken = messages(consumer, false);
        assertEquals(n, put.size());
        assertEquals(n, taken.size());
        for (int i = 0; i < n; i++) {
            assertEquals(new Seen(i + 1, 100_000 + i + 1), put.get(i), "put " + (i + 1));
            assertEquals(put.get(i), taken.get(i), "the take of message " + (i + 1) + " got the value put under it");
        }
        // the queue holds three, so with 150 values the producer must have waited for room or the consumer for values
        assertTrue(producer.stateNanos(r.trace().endNanos()).containsKey(WorkerState.WAITING)
                || consumer.stateNanos(r.trace().endNanos()).containsKey(WorkerState.WAITING));
    }

    @Test
    void twoProducersAndOneConsumerHaveEveryMessageTakenExactlyOnce() throws Exception {
        int n = 120;
        Lesson lesson = lesson(LESSON);
        RunResult r = new Engine().run(RunConfig.of(lesson).withMode(new RunMode.Processes())
                .withParams(Map.of("n", (long) n, "producers", 2L)));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        Map<Long, Long> putValues = new HashMap<>();
        Set<Long> pids = new HashSet<>();
        for (String name : List.of("producer-1", "producer-2")) {
            LaneEvents p = lane(r, name);
            pids.add(p.info().pid());
            for (Seen s : messages(p, true)) {
                assertEquals(null, putValues.put(s.number(), s.value()), "message " + s.number() + " put twice");
            }
        }
        LaneEvents consumer = lane(r, "consumer");
        pids.add(consumer.info().pid());
        assertEquals(3, pids.size(), "three processes");
        assertEquals(2 * n, putValues.size());
        for (long m = 1; m <= 2 * n; m++) {
            assertTrue(putValues.containsKey(m), "message " + m + " was put");
        }
        List<Seen> taken = messages(consumer, false);
        assertEquals(2 * n, taken.size());
        Set<Long> takenNumbers = new HashSet<>();
        long[] lastOf = new long[3];
        for (int i = 0; i < taken.size(); i++) {
            Seen s = taken.get(i);
            assertEquals(i + 1, s.number(), "first in, first out");
            assertTrue(takenNumbers.add(s.number()), "message " + s.number() + " taken twice");
            assertEquals(putValues.get(s.number()), s.value(), "message " + s.number());
            int from = (int) (s.value() / 100_000);
            assertTrue(s.value() % 100_000 > lastOf[from], "each producer's values arrive in its own order");
            lastOf[from] = s.value() % 100_000;
        }
        long expected = 0;
        for (int i = 1; i <= n; i++) {
            expected += 100_000 + i + 200_000 + i;
        }
        assertEquals(expected, r.shared().get("got"));
    }

    @Test
    void onThreadsTooEachTakeNamesTheMessageItGot() throws Exception {
        RunResult r = new Engine().run(RunConfig.of(lesson(LESSON)).withMode(RunMode.of("threads", 2))
                .withParams(Map.of("n", 50L)));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        List<Seen> put = messages(lane(r, "producer"), true);
        assertEquals(50, put.size());
        assertEquals(put, messages(lane(r, "consumer"), false));
        for (int i = 0; i < put.size(); i++) {
            assertEquals(i + 1, put.get(i).number());
        }
    }

    @Test
    void theChromeExportDrawsAnArrowFromEachPutToItsTake() throws Exception {
        RunResult r = new Engine().run(RunConfig.of(lesson(LESSON)).withMode(new RunMode.Processes())
                .withParams(Map.of("n", 20L)));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChromeTraceExporter().write(r.trace(), out);
        JsonNode events = new ObjectMapper().readTree(out.toByteArray()).get("traceEvents");
        Map<String, Long> starts = new HashMap<>();
        Map<String, Long> finishes = new HashMap<>();
        long producerPid = lane(r, "producer").info().pid();
        long consumerPid = lane(r, "consumer").info().pid();
        for (JsonNode e : events) {
            String ph = e.get("ph").asText();
            if (ph.equals("s")) {
                assertEquals(null, starts.put(e.get("id").asText(), e.get("pid").asLong()), "one start per message");
            } else if (ph.equals("f")) {
                assertEquals("e", e.get("bp").asText());
                assertEquals(null, finishes.put(e.get("id").asText(), e.get("pid").asLong()), "one finish per message");
            }
        }
        assertEquals(20, starts.size());
        assertEquals(starts.keySet(), finishes.keySet(), "every arrow has both ends");
        assertTrue(starts.values().stream().allMatch(pid -> pid == producerPid), "arrows start in the producer");
        assertTrue(finishes.values().stream().allMatch(pid -> pid == consumerPid), "and end in the consumer");
    }

    @Test
    void theCheckerRefusesAQueueThatIsNotProcessSharedInALessonWithAProcessMode() {
        String text = LESSON.replace("process-shared: [buffer, got]", "process-shared: [got]");
        LessonException e = assertThrows(LessonException.class, () -> lesson(text));
        assertEquals(2, e.problems().size(), e::getMessage); // the put and the take
        LessonProblem put = e.problems().get(0);
        List<String> lines = text.lines().toList();
        int line = 0;
        while (!lines.get(line).contains("- put: buffer")) {
            line++;
        }
        assertEquals(FILE.toString(), put.pos().file());
        assertEquals(line + 1, put.pos().line());
        assertEquals(lines.get(line).indexOf("put: buffer") + 1, put.pos().column());
        assertTrue(put.format().contains("queue 'buffer' is used in mode processes, where each process would get a"
                + " queue of its own; list it under shared.process-shared"), put.format());
        assertTrue(put.format().contains("multiprocessing.Queue"), put.format());

        // the same lesson limited to the thread modes needs no process-shared queue
        String threadsOnly = text.replace("mode: processes\n  modes: [processes, threads]", "mode: threads\n  modes: [threads]");
        assertNotEquals(text, threadsOnly);
        Lesson ok = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> lesson(threadsOnly));
        assertEquals(List.of("threads"), ok.run().modes());
    }

    @Test
    void aProcessSharedNameThatIsBothAVariableAndAQueueIsRefused() {
        String text = LESSON.replace("variables: {got: 0}", "variables: {got: 0, buffer: 0}");
        LessonException e = assertThrows(LessonException.class, () -> lesson(text));
        assertTrue(e.getMessage().contains("shared.process-shared[0]: 'buffer' names both a variable and a queue;"
                + " rename one"), e.getMessage());
    }

    @Test
    void cancellingAProcessRunBlockedOnAFullQueueEndsPromptlyAndLeavesNoChild() throws Exception {
        String all = LESSON.replace("params: {n: 150, producers: 1}", "params: {n: 1000, producers: 1}");
        String text = all.substring(0, all.indexOf("  - name: consumer")) + all.substring(all.indexOf("listings:"));
        Lesson lesson = lesson(text);
        assertEquals(1, lesson.workers().size(), "the consumer is gone: nobody makes room");
        Run run = new Engine().start(RunConfig.of(lesson).withMode(new RunMode.Processes()));
        List<LaneRecorder> lanes = run.recorder().lanes();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lanes.isEmpty() || lastState(lanes.get(0)) != WorkerState.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the producer never waited on the full queue");
            Thread.sleep(10);
        }
        assertEquals(1, ProcessModesTest.alive(run.childMarker()).size(), "the producer's child JVM");
        run.cancel();
        RunResult r = run.await(Duration.ofSeconds(20)); // the producer would wait for ever: ending CANCELLED is the cancel's doing
        assertNotNull(r, "the run ended after the cancel");
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals(WorkerState.CANCELLED, r.lanes().get(0).finalState());
        assertEquals(3, messages(lane(r, "producer"), true).size(), "three puts filled the queue, the fourth waited");
        assertEquals(List.of(), ProcessModesTest.alive(run.childMarker()), "no child JVM survives the cancel");
    }

    private static WorkerState lastState(LaneRecorder lane) {
        return lane.slice(0, lane.size()).lastState();
    }
}

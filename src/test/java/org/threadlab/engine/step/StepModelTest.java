package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;

class StepModelTest {

    static StepModel model(String lesson, String variant, Map<String, Long> params) {
        try {
            return new StepModel(CompiledLesson.of(LessonLibrary.standard().find(lesson), variant, null, params));
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void aGivenScheduleIsReproducedExactlyAndLosesAnUpdate() {
        StepModel m = model("shared-counter", "no-lock", Map.of("n", 1L));
        assertEquals(List.of("A", "B"), m.lanes().stream().map(StepModel.LaneDef::label).toList());
        List<Integer> schedule = Schedules.parse(m, "A.read B.read A.add B.add A.write B.write");
        assertEquals(List.of(0, 1, 0, 1, 0, 1), schedule);

        StepSession first = new StepSession(m);
        List<StepResult> steps = first.play(schedule);
        assertEquals(List.of("read", "read", "add", "add", "write", "write"),
                steps.stream().map(StepResult::kind).toList());
        assertEquals(List.of(0L, 0L, 1L, 1L, 1L, 1L), steps.stream().map(StepResult::value).toList());
        assertEquals("adder-1 reads counter = 0 into tmp", steps.get(0).text());
        assertEquals("inc", steps.get(0).mark(), "every part of the increment carries its mark");
        assertEquals(0, steps.get(4).variable());
        assertTrue(first.finished());
        assertEquals(Map.of("counter", 1L), m.shared(first.state()));
        assertEquals(Grade.INTERESTING, m.outcome(first.state()).orElseThrow().grade());
        assertEquals("A.read B.read A.add B.add A.write B.write", first.scheduleText());

        // the same schedule again passes through equal states, step by step
        StepSession second = new StepSession(m);
        List<StepState> firstStates = states(m, schedule);
        for (int i = 0; i < schedule.size(); i++) {
            assertEquals(firstStates.get(i), second.state(), "state before step " + (i + 1));
            second.step(schedule.get(i));
        }
        assertEquals(first.state(), second.state());
        assertEquals(first.history(), second.history());
    }

    @Test
    void undoReturnsToIdenticalStatesBackToTheStart() {
        StepModel m = model("shared-counter", "no-lock", Map.of("n", 2L));
        StepSession s = new StepSession(m);
        List<StepState> seen = new ArrayList<>();
        seen.add(s.state());
        for (int lane : List.of(0, 0, 1, 0, 1, 1, 1, 0, 0, 1)) {
            s.step(lane);
            seen.add(s.state());
        }
        Map<String, Long> register = m.locals(s.state(), 0);
        assertTrue(register.containsKey("tmp") && !register.keySet().stream().anyMatch(k -> k.startsWith("#")));
        for (int back = seen.size() - 2; back >= 0; back--) {
            assertTrue(s.undo());
            assertEquals(seen.get(back), s.state(), "after undoing to step " + back);
            assertEquals(back, s.position());
        }
        assertFalse(s.undo(), "nothing before the start");
        assertEquals(m.initial(), s.state());
        assertArrayEquals(new long[] {0}, s.state().sharedValues());
        // and another path from there
        s.step(1);
        assertEquals(List.of(1), s.schedule());
    }

    @Test
    void aWorkerWaitingForAHeldLockIsBlockedAndCannotBeChosen() {
        StepModel m = model("shared-counter", "lock", Map.of("n", 1L));
        StepSession s = new StepSession(m);
        StepResult took = s.step(0);
        assertEquals("lock", took.kind());
        assertEquals(0, s.state().owner(0));
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(1));
        assertArrayEquals(new int[] {0}, s.movable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(1));
        assertEquals("B (adder-2) is blocked: it waits for counter-lock, which adder-1 holds", e.getMessage());
        assertEquals(1, s.position(), "a refused step changes nothing");
        s.play(List.of(0, 0, 0, 0)); // read, add, write, unlock
        assertEquals(-1, s.state().owner(0));
        assertEquals(LaneStatus.DONE, s.status(0));
        assertEquals(LaneStatus.READY, s.status(1));
    }

    @Test
    void takingTheFirstLockEachDrivesIntoTheDeadlock() {
        StepModel m = model("deadlock", "", Map.of("n", 1L));
        StepSession s = new StepSession(m);
        s.play(Schedules.parse(m, "A.lock B.lock"));
        assertEquals(0, s.movable().length);
        assertFalse(s.finished());
        Deadlock d = s.deadlock().orElseThrow();
        assertEquals(2, d.cycle().size());
        assertEquals("to-bob holds alice-lock and waits for bob-lock; to-alice holds bob-lock and waits for alice-lock",
                d.describe());
        assertEquals(List.of(), d.alsoStuck());
        s.undo();
        assertTrue(s.deadlock().isEmpty());
    }

    @Test
    void theMainThreadStartsAndJoinsItsWorkers() {
        StepModel m = model("hello-threads", "", Map.of());
        assertEquals("main", m.lanes().get(0).name());
        StepSession s = new StepSession(m);
        for (int lane = 1; lane < m.lanes().size(); lane++) {
            assertEquals(LaneStatus.NOT_STARTED, s.status(lane));
        }
        int guard = 0;
        while (!m.nextKind(s.state(), 0).equals("start")) {
            s.step(0);
            assertTrue(++guard < 1000);
        }
        StepResult start = s.step(0);
        assertEquals("start", start.kind());
        assertNull(start.step());
        assertEquals(LaneStatus.READY, s.status(1));
        while (!m.nextKind(s.state(), 0).equals("join")) {
            s.step(0);
        }
        assertEquals(LaneStatus.JOINING, s.status(0));
        while (s.movable().length > 0) {
            s.step(s.movable()[s.movable().length - 1]);
        }
        assertTrue(s.finished());
        assertTrue(s.history().stream().anyMatch(r -> r.kind().equals("join")));
        assertTrue(s.history().stream().anyMatch(r -> r.printed() != null));
    }

    @Test
    void badSchedulesAreRefusedWithAReason() {
        StepModel m = model("shared-counter", "no-lock", Map.of("n", 1L));
        IllegalArgumentException noLane = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(m, "A Z"));
        assertEquals("step 2 'Z': no lane 'Z'; lanes: A (adder-1), B (adder-2)", noLane.getMessage());
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
                () -> Schedules.parse(m, "A.read A.write"));
        assertEquals("step 2 'A.write': A's next step is 'add', not 'write'", wrongKind.getMessage());
    }

    private static List<StepState> states(StepModel m, List<Integer> schedule) {
        List<StepState> out = new ArrayList<>();
        StepState s = m.initial();
        for (int lane : schedule) {
            out.add(s);
            s = m.step(s, lane).next();
        }
        return out;
    }
}

package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.explore.ExploreResult;
import org.threadlab.engine.explore.ExploredOutcome;
import org.threadlab.engine.explore.Explorer;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.LessonLibrary;

/** Condition variables in step mode and exploration: wait sets, the reacquire step, lost wake-ups. */
class ConditionStepTest {
    private static final int PRODUCER = 0;
    private static final int CONSUMER = 1;
    /** In the wait-notify variant: not-full is condition 0, not-empty condition 1, buffer-lock lock 0. */
    private static final int NOT_EMPTY = 1;
    private static final int BUFFER_LOCK = 0;

    private static StepModel model(String variant) throws Exception {
        return new StepModel(CompiledLesson.of(LessonLibrary.standard().find("producer-consumer"), variant, null,
                Map.of("n", 4L)));
    }

    @Test
    void aConsumerThatWaitsOnAnEmptyBufferCannotMoveUntilTheProducerNotifies() throws Exception {
        StepModel m = model("wait-notify");
        StepSession s = new StepSession(m);
        s.step(CONSUMER); // takes buffer-lock
        assertEquals(CONSUMER, s.state().owner(BUFFER_LOCK));
        StepResult waited = s.step(CONSUMER); // count > 0 is false: lets the lock go and waits
        assertEquals("wait", waited.kind());
        assertEquals(0L, waited.value(), "until was false");
        assertEquals(LaneStatus.WAITING_ON_CONDITION, s.status(CONSUMER));
        assertEquals(-1, s.state().owner(BUFFER_LOCK), "waiting lets the lock go");
        assertArrayEquals(new int[] {CONSUMER}, s.state().waitSet(NOT_EMPTY));
        assertEquals(List.of("consumer"), m.waitSet(s.state(), NOT_EMPTY));
        assertEquals(NOT_EMPTY, m.waitsOn(s.state(), CONSUMER));
        assertArrayEquals(new int[] {PRODUCER}, s.movable(), "the consumer cannot be chosen");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(CONSUMER));
        assertTrue(e.getMessage().contains("waits on not-empty (until count > 0)"), e.getMessage());

        s.play(List.of(PRODUCER, PRODUCER, PRODUCER, PRODUCER, PRODUCER)); // lock, wait (passes), add, write, count
        assertEquals(LaneStatus.WAITING_ON_CONDITION, s.status(CONSUMER), "a count that changes wakes nobody");
        StepResult notified = s.step(PRODUCER); // notify-all not-empty
        assertEquals("notify-all", notified.kind());
        assertEquals(1L, notified.value(), "one waiter woken");
        assertArrayEquals(new int[0], s.state().waitSet(NOT_EMPTY));
        assertEquals(LaneStatus.BLOCKED_ON_LOCK, s.status(CONSUMER), "woken, but the producer still holds the lock");
        assertEquals("reacquire", m.nextKind(s.state(), CONSUMER));
        assertEquals(BUFFER_LOCK, m.waitsFor(s.state(), CONSUMER));

        s.step(PRODUCER); // unlock
        assertEquals(LaneStatus.READY, s.status(CONSUMER));
        StepResult back = s.step(CONSUMER);
        assertEquals("reacquire", back.kind());
        assertEquals(CONSUMER, s.state().owner(BUFFER_LOCK));
        assertEquals("wait", m.nextKind(s.state(), CONSUMER), "it checks until again");
        StepResult checked = s.step(CONSUMER);
        assertEquals(1L, checked.value(), "count > 0 now holds");
        StepResult took = s.step(CONSUMER);
        assertEquals("read", took.kind());
        assertEquals(1L, took.value(), "the first item made");
    }

    @Test
    void undoPutsTheWaiterBackInTheWaitSetExactly() throws Exception {
        StepModel m = model("wait-notify");
        StepSession s = new StepSession(m);
        s.play(List.of(CONSUMER, CONSUMER)); // the consumer waits on not-empty
        StepState waiting = s.state();
        s.play(List.of(PRODUCER, PRODUCER, PRODUCER, PRODUCER, PRODUCER, PRODUCER)); // ... notify-all
        assertArrayEquals(new int[0], s.state().waitSet(NOT_EMPTY));
        s.undo(6);
        assertEquals(waiting, s.state());
        assertArrayEquals(new int[] {CONSUMER}, s.state().waitSet(NOT_EMPTY));
        assertEquals(LaneStatus.WAITING_ON_CONDITION, s.status(CONSUMER));
        s.undo();
        assertArrayEquals(new int[0], s.state().waitSet(NOT_EMPTY), "before its wait, nobody waits");
        assertEquals(CONSUMER, s.state().owner(BUFFER_LOCK));
        assertEquals(LaneStatus.READY, s.status(CONSUMER));
    }

    @Test
    void aNotifyWithNobodyWaitingIsLost() throws Exception {
        StepModel m = model("wait-notify");
        StepSession s = new StepSession(m);
        List<StepResult> steps = s.play(List.of(PRODUCER, PRODUCER, PRODUCER, PRODUCER, PRODUCER, PRODUCER));
        StepResult notify = steps.get(5);
        assertEquals("notify-all", notify.kind());
        assertEquals(0L, notify.value());
        assertTrue(notify.text().contains("nobody is waiting on it: the notify is lost"), notify.text());
        assertArrayEquals(new int[0], s.state().waitSet(NOT_EMPTY));
        s.step(PRODUCER); // unlock
        s.play(List.of(CONSUMER, CONSUMER)); // lock, wait: count > 0 already holds, so it never waits
        assertEquals(LaneStatus.READY, s.status(CONSUMER));
        assertEquals("read", m.nextKind(s.state(), CONSUMER));
        assertArrayEquals(new int[0], s.state().waitSet(NOT_EMPTY));
    }

    @Test
    void exploringTheCorrectBufferFindsOnlyTheAcceptableOutcome() throws Exception {
        ExploreResult r = Explorer.explore(model("wait-notify"));
        assertTrue(r.complete());
        assertFalse(r.deadlocks(), "no schedule leaves anyone waiting for ever");
        assertEquals(1, r.outcomes().size(), r.outcomes()::toString);
        ExploredOutcome only = r.outcomes().get(0);
        assertEquals(ExploredOutcome.Kind.COMPLETED, only.kind());
        assertEquals(Grade.ACCEPTABLE, only.grade());
        assertEquals(10L, only.shared().get("total"));
        assertEquals(30L, only.shared().get("in_order"));
    }

    @Test
    void exploringOneConditionWithNotifyFindsAScheduleWhereEveryoneWaits() throws Exception {
        StepModel m = model("one-condition-notify");
        ExploreResult r = Explorer.explore(m);
        assertTrue(r.complete());
        assertTrue(r.deadlocks(), "a notify can wake the wrong waiter");
        assertTrue(r.outcomes().stream().anyMatch(o -> o.kind() == ExploredOutcome.Kind.COMPLETED
                && o.grade() == Grade.INTERESTING), "and many schedules still end well");
        ExploredOutcome stuck = r.outcomes().stream().filter(o -> o.kind() == ExploredOutcome.Kind.DEADLOCK)
                .filter(o -> o.deadlock().alsoStuck().size() == 3).findFirst().orElseThrow();
        assertTrue(stuck.deadlock().cycle().isEmpty(), "no circle of locks: a wait set");
        assertTrue(stuck.text().contains("waiting on changed: "), stuck.text());

        // replaying its schedule leaves all three in the wait set, none able to move
        StepSession s = new StepSession(m);
        s.play(stuck.schedule());
        assertEquals(0, s.movable().length);
        assertEquals(3, s.state().waitSet(0).length);
        for (int lane = 0; lane < 3; lane++) {
            assertEquals(LaneStatus.WAITING_ON_CONDITION, s.status(lane));
        }
        assertTrue(s.deadlock().isPresent());
        assertTrue(s.state().shared(m.compiled().variables().indexOf("total")) < 10, "some items never arrived");
    }

    @Test
    void theLostWakeUpStoryEndsWithEveryoneInTheWaitSet() throws Exception {
        var lesson = LessonLibrary.standard().find("producer-consumer");
        var story = lesson.stepping().stories().stream().filter(st -> st.variant().equals("one-condition-notify"))
                .findFirst().orElseThrow();
        StepModel m = Stories.model(lesson, story.variant());
        StepSession s = new StepSession(m);
        s.play(Stories.schedule(m, story));
        assertEquals(0, s.movable().length);
        assertEquals(List.of("producer", "consumer-1", "consumer-2"), m.waitSet(s.state(), 0));
        assertTrue(s.deadlock().orElseThrow().describe()
                .contains("waiting on changed: producer, consumer-1, consumer-2, and nobody is left to notify them"));
        assertEquals(1L, s.state().shared(m.compiled().variables().indexOf("total")), "only item 1 arrived");
    }
}

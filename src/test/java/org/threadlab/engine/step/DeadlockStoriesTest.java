package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.sync.DeadlockCycle;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Stepping;

/** The deadlock lesson's two stories: one drives step mode into the circle, the other shows one order never closes it. */
class DeadlockStoriesTest {

    private static StepSession play(Stepping.Story story, Lesson lesson) {
        StepModel model = Stories.model(lesson, story.variant());
        StepSession session = new StepSession(model);
        List<Integer> schedule = Stories.schedule(model, story);
        // no beat before the last one is already stuck: the story ends where the deadlock begins
        session.play(schedule.subList(0, schedule.size() - 1));
        assertTrue(session.deadlock().isEmpty(), story.title());
        session.step(schedule.get(schedule.size() - 1));
        return session;
    }

    @Test
    void oppositeOrdersEndInTheCircle() throws Exception {
        Lesson lesson = LessonLibrary.standard().find("deadlock");
        Stepping.Story story = lesson.stepping().stories().get(0);
        assertEquals("opposite-order", story.variant());
        StepSession session = play(story, lesson);
        DeadlockCycle cycle = session.deadlock().orElseThrow().named();
        assertEquals(2, cycle.links().size());
        for (DeadlockCycle.Link link : cycle.links()) {
            assertEquals(link.worker().equals("to-bob") ? "alice-lock" : "bob-lock", link.holds(), cycle.describe());
            assertEquals(link.worker().equals("to-bob") ? "bob-lock" : "alice-lock", link.waitsFor(), cycle.describe());
        }
        assertEquals(0, session.movable().length, "nobody can move");
        var shared = session.model().shared(session.state());
        assertEquals(2000L, shared.get("alice") + shared.get("bob"), "the one finished transfer kept the total");
    }

    @Test
    void oneFixedOrderGoesOnAndFinishes() throws Exception {
        Lesson lesson = LessonLibrary.standard().find("deadlock");
        Stepping.Story story = lesson.stepping().stories().get(1);
        assertEquals("fixed-order", story.variant());
        StepSession session = play(story, lesson);
        assertTrue(session.deadlock().isEmpty());
        assertTrue(session.movable().length > 0, "someone can always move");
        // whatever comes next, the two transfers each finish: play on, first movable lane each time
        while (!session.finished()) {
            assertFalse(session.deadlock().isPresent());
            session.step(session.movable()[0]);
        }
        var shared = session.model().shared(session.state());
        assertEquals(1000L, shared.get("alice"));
        assertEquals(1000L, shared.get("bob"));
    }
}

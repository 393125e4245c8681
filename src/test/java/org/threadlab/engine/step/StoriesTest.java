package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Pos;
import org.threadlab.lesson.Stepping;

class StoriesTest {
    @Test
    void theSharedCounterStoryEndsInALostUpdate() throws Exception {
        Lesson lesson = LessonLibrary.standard().find("shared-counter");
        Stepping.Story story = lesson.stepping().stories().get(0);
        StepModel model = Stories.model(lesson, story.variant());
        StepSession session = new StepSession(model);
        session.play(Stories.schedule(model, story));
        assertTrue(session.finished());
        assertEquals(3L, model.shared(session.state()).get("counter"), "4 increments, one lost");
    }

    @Test
    void aMoveThatCannotBePlayedSaysWhereAndWhy() throws Exception {
        Lesson lesson = LessonLibrary.standard().find("shared-counter");
        StepModel model = Stories.model(lesson, "no-lock");
        Pos at = new Pos("lessons/x.yaml", 7, 13, "stepping.stories[0].steps[1].do");
        Stepping.Story story = new Stepping.Story("bad", "", List.of(
                new Stepping.Beat("A.read", "one", at), new Stepping.Beat("A.write", "two", at)), at);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stories.schedule(model, story));
        assertTrue(e.getMessage().startsWith("lessons/x.yaml:7:13"), e.getMessage());
        assertTrue(e.getMessage().contains("A's next step is 'add', not 'write'"), e.getMessage());
        Stepping.Story nobody = new Stepping.Story("bad", "", List.of(new Stepping.Beat("Z", "?", at)), at);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stories.schedule(model, nobody)).getMessage()
                .contains("no lane 'Z'"));
    }
}

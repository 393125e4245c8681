package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.LessonLibrary;

/** The warm-up run: ThreadLab's own lesson, run whole, through what a first run needs. */
class WarmUpTest {
    @Test
    @Timeout(60)
    void theWarmUpRunsItsOwnLessonToTheEndThroughLocksSleepsDownloadsAndPrints() throws Exception {
        int before = WarmUp.runs();
        WarmUp.Finished run = WarmUp.runOnce();
        assertEquals(before + 1, WarmUp.runs());
        assertEquals(WarmUp.LESSON_ID, run.result().lesson(), "its own lesson, none of the library's");
        assertEquals(RunStatus.COMPLETED, run.result().status(), () -> String.join("; ", run.result().messages()));
        assertEquals(Grade.ACCEPTABLE, run.result().grade(), "the lock kept every increment");
        assertEquals(2, run.result().shared().get("pages"), "each worker downloaded from the loopback server");
        assertTrue(run.feed().isFinished());
        assertEquals(run.result().trace().endNanos(), run.feed().endNanos());
        assertTrue(LessonLibrary.standard().loadAll().lessons().stream().noneMatch(l -> l.id().equals(WarmUp.LESSON_ID)),
                "no lesson of the library has the warm-up's id");
    }
}

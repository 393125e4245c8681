package org.threadlab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneLog;

/** The session's heartbeat, driven by hand: no screen needed. */
class RunSessionTest {
    private long now = 1_000_000_000L;

    private RunResult runToTheEnd(RunSession s) throws InterruptedException {
        s.start();
        assertTrue(s.runningProperty().get(), s.messageProperty().get());
        for (int i = 0; i < 3000 && s.resultProperty().get() == null; i++) {
            Thread.sleep(5);
            now += 16_000_000L;
            s.frame(now);
        }
        assertNotNull(s.resultProperty().get(), "the run ended");
        return s.resultProperty().get();
    }

    @Test
    @Timeout(60)
    void aRunEndsInTheSessionAndCanBeReplayedEventByEvent() throws Exception {
        RunSession s = new RunSession();
        s.lessonProperty().set(LessonLibrary.standard().find("shared-counter"));
        assertEquals("no-lock", s.variantProperty().get());
        assertEquals(2, s.workersProperty().get());
        s.variantProperty().set("lock");
        RunResult r = runToTheEnd(s);
        assertEquals(Grade.ACCEPTABLE, r.grade());
        assertFalse(s.runningProperty().get());
        assertEquals(r.trace().endNanos(), s.endNanosProperty().get(), 0.5);
        assertEquals(s.endNanosProperty().get(), s.playheadProperty().get(), 0.5, "the playhead rests at the end");
        assertEquals(200_000, s.memory().valueAt(0, (long) s.playheadProperty().get()));

        s.rewind();
        assertEquals(0, s.playheadProperty().get());
        s.stepForward();
        double first = s.playheadProperty().get();
        long earliest = Long.MAX_VALUE;
        for (LaneLog lane : s.feedProperty().get().lanes()) {
            earliest = Math.min(earliest, lane.nanos(0));
        }
        assertEquals(earliest, first, 0.5, "one step goes to the first event of any worker");
        s.stepForward();
        assertTrue(s.playheadProperty().get() >= first);

        s.speedProperty().set(0.01);
        s.togglePlay();
        assertTrue(s.playingProperty().get());
        double before = s.playheadProperty().get();
        s.frame(now += 16_000_000L);
        s.frame(now += 16_000_000L);
        assertEquals(before + 2 * 0.01 * 16_000_000L, s.playheadProperty().get(), 1, "1/100 speed: 0.16 ms per 16 ms frame");
        s.seek(s.endNanosProperty().get() * 2);
        assertEquals(s.endNanosProperty().get(), s.playheadProperty().get(), 0.5, "seeking past the end stops at the end");
    }

    @Test
    @Timeout(60)
    void aThreadsRunIsComparedWithTheLastSequentialRunOfTheSameLesson() throws Exception {
        RunSession s = new RunSession();
        s.lessonProperty().set(LessonLibrary.standard().find("shared-counter"));
        s.variantProperty().set("atomic");
        s.modeProperty().set("sequential");
        RunResult sequential = runToTheEnd(s);
        s.modeProperty().set("threads");
        RunResult threads = runToTheEnd(s);
        assertEquals(sequential, s.lastSequential(threads));
    }

    @Test
    void aRefusedRunSaysWhy() throws Exception {
        RunSession s = new RunSession();
        s.lessonProperty().set(LessonLibrary.standard().find("shared-counter"));
        s.workersProperty().set(500);
        s.start();
        assertFalse(s.runningProperty().get());
        assertTrue(s.messageProperty().get().contains("runs with 1 to 8 workers; asked for 500"), s.messageProperty()::get);
    }

    @Test
    @Timeout(30)
    void stopEndsTheRunAndKeepsItsTraceForReplay() throws Exception {
        RunSession s = new RunSession();
        s.lessonProperty().set(LessonLibrary.standard().find("shared-counter"));
        s.variantProperty().set("lock");
        s.start();
        s.stop();
        for (int i = 0; i < 400 && s.resultProperty().get() == null; i++) {
            Thread.sleep(5);
            s.frame(now += 16_000_000L);
        }
        assertNotNull(s.resultProperty().get());
        assertEquals("Stopped", s.messageProperty().get());
        assertNotNull(s.feedProperty().get());
    }
}

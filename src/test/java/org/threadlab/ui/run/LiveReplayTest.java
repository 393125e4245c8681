package org.threadlab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.lesson.LessonLibrary;

/** Replay while a run is live, with the session's heartbeat driven by hand: no screen needed. */
class LiveReplayTest {
    private long now = 1_000_000_000L;

    @Test
    @Timeout(60)
    void pauseFreezesStepMovesAndPlayCatchesUpThenFollows() throws Exception {
        RunSession s = new RunSession();
        s.lessonProperty().set(LessonLibrary.standard().find("downloads")); // 2-second downloads
        s.start();
        assertTrue(s.runningProperty().get());
        assertTrue(s.startingProperty().get());
        for (int i = 0; i < 3000 && (s.startingProperty().get() || s.endNanosProperty().get() == 0); i++) {
            Thread.sleep(5);
            s.frame(now += 16_000_000L);
        }
        assertFalse(s.startingProperty().get(), s.messageProperty().get());
        assertTrue(s.followingProperty().get(), "a live run is followed");
        assertTrue(s.playingProperty().get(), "following is playing: the button offers pause");
        assertEquals(s.endNanosProperty().get(), s.playheadProperty().get());

        s.togglePlay();
        assertFalse(s.playingProperty().get());
        assertFalse(s.followingProperty().get());
        double paused = s.playheadProperty().get();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(5);
            s.frame(now += 16_000_000L);
        }
        assertEquals(paused, s.playheadProperty().get(), "paused: the playhead stays while the run goes on");

        s.rewind();
        s.stepForward();
        double first = s.playheadProperty().get();
        assertTrue(first > 0, "a step goes to the first event");
        s.frame(now += 16_000_000L);
        assertEquals(first, s.playheadProperty().get(), "after a step the replay stays paused");

        s.speedProperty().set(1.0);
        s.togglePlay();
        assertTrue(s.playingProperty().get());
        s.frame(now += 60_000_000_000L); // a minute of frames at once: past any live end
        if (s.runningProperty().get()) {
            assertTrue(s.followingProperty().get(), "caught up with the live end: following again");
            assertEquals(s.endNanosProperty().get(), s.playheadProperty().get());
        }
        s.stop();
        for (int i = 0; i < 3000 && s.resultProperty().get() == null; i++) {
            Thread.sleep(5);
            s.frame(now += 16_000_000L);
        }
        assertFalse(s.runningProperty().get());
        s.close();
    }

    @Test
    @Timeout(60)
    void anUnknownParamIsRefusedAtOnceWithItsName() throws Exception {
        RunSession s = new RunSession();
        s.lessonProperty().set(LessonLibrary.standard().find("shared-counter"));
        s.paramsProperty().set(java.util.Map.of("no-such-param", 3L));
        s.start();
        assertFalse(s.startingProperty().get());
        assertFalse(s.runningProperty().get(), "the start was refused before the starter thread was asked");
        assertTrue(s.messageProperty().get().contains("no-such-param"), s.messageProperty().get());
        assertEquals(null, s.resultProperty().get());
        s.close();
    }
}

package org.threadlab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.threadlab.engine.RunMode;

/** The status line names the mode and the workers that really ran. */
class ModeTextTest {
    @Test
    void eachModeIsNamedWithItsWorkers() {
        assertEquals("sequentially on one thread", ModeText.where(new RunMode.Sequential(), 2));
        assertEquals("on 2 threads", ModeText.where(new RunMode.Threads(), 2));
        assertEquals("on 1 thread", ModeText.where(new RunMode.Threads(), 1));
        assertEquals("on 4 virtual threads", ModeText.where(new RunMode.VirtualThreads(), 4));
        assertEquals("on a pool of 2 threads", ModeText.where(new RunMode.ThreadPool(2), 8));
        assertEquals("in 2 child processes", ModeText.where(new RunMode.Processes(), 2));
        assertEquals("in a pool of 1 child process", ModeText.where(new RunMode.ProcessPool(1), 3));
    }

    @Test
    void theRunningLineSaysWhereAndWhetherTheGilIsSimulated() {
        assertEquals("Running in 3 child processes\u2026", ModeText.running(new RunMode.Processes(), 3, false));
        assertEquals("Running on 2 threads with a simulated CPython GIL\u2026",
                ModeText.running(new RunMode.Threads(), 2, true));
    }
}

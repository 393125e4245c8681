package org.threadlab.ui.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shares shown beside the outcome bars: a rare outcome that happened never reads as 0.0 %. */
class OutcomeBarsTest {
    @Test
    void sharesKeepRareOutcomesVisible() {
        assertEquals("<0.1%", OutcomeBars.percent(861, 4_046_976), "seen 861 times is not 0.0 %");
        assertEquals(">99.9%", OutcomeBars.percent(4_045_925, 4_046_976), "not every trial is not 100.0 %");
        assertEquals("0.0%", OutcomeBars.percent(0, 4_046_976));
        assertEquals("100.0%", OutcomeBars.percent(10, 10));
        assertEquals("33.3%", OutcomeBars.percent(1, 3));
        assertEquals("", OutcomeBars.percent(0, 0));
    }
}

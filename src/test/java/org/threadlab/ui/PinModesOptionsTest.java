package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --pin-modes}: modes in turn, each optionally with the simulated GIL; anything else is refused with a reason. */
class PinModesOptionsTest {
    @Test
    void modesAndGilAreReadInOrder() {
        AppOptions options = AppOptions.parse("--lesson", "squares", "--pin-modes", "sequential,threads,processes,threads+gil");
        assertEquals(List.of(new PinnedModes.Step("sequential", false), new PinnedModes.Step("threads", false),
                new PinnedModes.Step("processes", false), new PinnedModes.Step("threads", true)),
                PinnedModes.parse(options.pinModes));
    }

    @Test
    void anUnknownModeOrAGilOnOneThreadIsRefused() {
        var unknown = assertThrows(CommandLine.ParameterException.class,
                () -> AppOptions.parse("--pin-modes", "sequential,fibers"));
        assertTrue(unknown.getMessage().contains("unknown mode 'fibers'"), unknown.getMessage());
        var gil = assertThrows(CommandLine.ParameterException.class,
                () -> AppOptions.parse("--pin-modes", "sequential+gil"));
        assertTrue(gil.getMessage().contains("one thread has no GIL"), gil.getMessage());
    }

    @Test
    void aRunFileIsNeverRunInEachMode() {
        var both = assertThrows(CommandLine.ParameterException.class,
                () -> AppOptions.parse("--open", "counter.threadlab", "--pin-modes", "sequential,threads"));
        assertTrue(both.getMessage().contains("a run file is replayed, never run"), both.getMessage());
    }
}

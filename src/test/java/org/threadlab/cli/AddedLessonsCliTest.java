package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --lessons DIR} adds a folder for list, run, explore, challenge; check takes folders. */
class AddedLessonsCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aTeachersFolderIsListedRunExploredAndChecked(@TempDir Path dir) {
        assertEquals(0, cli("new", "week-3", "--dir", dir.toString()), err::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, cli("list", "--lessons", dir.toString()), err::toString);
        assertTrue(out.toString().contains("lessons from " + dir + ":\nweek-3 "), out::toString);
        assertEquals(0, cli("--lessons", dir.toString(), "run", "week-3", "--param", "n=100"), err::toString);
        assertEquals(0, cli("explore", "week-3", "--param", "n=2", "--lessons", dir.toString()), err::toString);
        assertEquals(0, cli("challenge", "week-3", "--solve", "--lessons", dir.toString()), err::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, cli("check", dir.toString()), err::toString);
        assertTrue(out.toString().contains("week-3.yaml: ok"), out::toString);
        assertEquals(1, cli("run", "week-3"), "without the folder there is no such lesson");
    }

    @Test
    void mainTellsACommandAfterLeadingLessonFoldersFromTheWindow() {
        assertTrue(org.threadlab.MainAccess.isCommand("--lessons", "x", "list"));
        assertTrue(org.threadlab.MainAccess.isCommand("run", "shared-counter"));
        assertFalse(org.threadlab.MainAccess.isCommand("--lessons", "x"), "only folders: the window");
        assertFalse(org.threadlab.MainAccess.isCommand("--lesson", "shared-counter"));
    }
}

package org.threadlab.engine.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and asking the interpreter: the real one, none, a too old one, a free-threaded one (stand-ins are shell scripts). */
class PythonInterpreterTest {
    @Test
    void theMachinesPythonSaysWhatItIs() {
        PythonInterpreter p = Pythons.require();
        assertTrue(p.label().matches("\\w+ 3\\.\\d+\\.\\d+.*"), p.label());
        assertTrue(Files.isExecutable(Path.of(p.executable())), p.executable());
        assertTrue(p.gilLabel().equals("GIL enabled") || p.gilLabel().startsWith("free-threaded"), p.gilLabel());
    }

    @Test
    void aMissingInterpreterIsSaidSo(@TempDir Path dir) {
        PythonUnavailableException onPath = assertThrows(PythonUnavailableException.class,
                () -> PythonInterpreter.find("threadlab-no-such-python"));
        assertEquals("no threadlab-no-such-python on PATH", onPath.getMessage());
        PythonUnavailableException file = assertThrows(PythonUnavailableException.class,
                () -> PythonInterpreter.find(dir.resolve("python3").toString()));
        assertEquals(dir.resolve("python3") + ": no such file", file.getMessage());
    }

    /** A shell script that answers the probe as the given Python would. */
    private static Path standIn(Path dir, String answer) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "skipped: needs /bin/sh for a stand-in interpreter");
        Path script = dir.resolve("python");
        Files.writeString(script, "#!/bin/sh\necho '" + answer + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aPythonOlderThan310IsRefusedWithItsVersion(@TempDir Path dir) throws Exception {
        Path old = standIn(dir, "threadlab-probe|3.9.18|CPython|0|1|/usr/bin/python3.9");
        PythonUnavailableException e = assertThrows(PythonUnavailableException.class, () -> PythonInterpreter.find(old.toString()));
        assertEquals(old + " is CPython 3.9.18; the listings are written for Python 3.10 or newer", e.getMessage());
    }

    @Test
    void aFreeThreadedBuildSaysItsGilIsOff(@TempDir Path dir) throws Exception {
        Path ft = standIn(dir, "threadlab-probe|3.13.1|CPython|1|0|/opt/python3.13t");
        PythonInterpreter p = PythonInterpreter.find(ft.toString());
        assertEquals("CPython 3.13.1", p.label());
        assertFalse(p.gilEnabled());
        assertEquals("free-threaded, GIL disabled", p.gilLabel());
        assertEquals("/opt/python3.13t", p.executable());
    }

    @Test
    void somethingThatIsNoPythonIsSaidSo(@TempDir Path dir) throws Exception {
        Path notPython = standIn(dir, "hello");
        PythonUnavailableException e = assertThrows(PythonUnavailableException.class, () -> PythonInterpreter.find(notPython.toString()));
        assertEquals(notPython + " did not answer like a Python interpreter (exit code 0: hello)", e.getMessage());
    }
}

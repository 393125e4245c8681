package org.threadlab.engine.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Child JVMs start from this JVM's own runtime, also when this process was started by the packaged app's launcher. */
class ChildJavaTest {
    @Test
    void childJavaIsTheJavaOfThisRuntimeNotThisProcessCommand() {
        Path java = Path.of(ProcessWorkers.javaExecutable());
        assertEquals(Path.of(System.getProperty("java.home"), "bin"), java.getParent());
        assertTrue(java.getFileName().toString().matches("java(\\.exe)?"), java.toString());
        assertTrue(Files.isExecutable(java), java + " is not executable");
    }

    @Test
    void baseCommandStartsWithThatJava() {
        assertEquals(ProcessWorkers.javaExecutable(), ProcessWorkers.baseCommand(false).get(0));
    }
}

package org.threadlab.engine.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildImageTest {

    @Test
    void halfWrittenArchivesOfGoneWritersAreDeletedAndOthersKept(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path abandoned = Files.writeString(dir.resolve("child.aot.tmp-" + gone.pid()), "x");
        Path beingWritten = Files.writeString(dir.resolve("child.aot.tmp-" + ProcessHandle.current().pid()), "x");
        Path archive = Files.writeString(dir.resolve("child.aot"), "x");
        Path jar = Files.writeString(dir.resolve("classes.jar"), "x");

        ChildImage.deleteAbandoned(dir);

        assertFalse(Files.exists(abandoned), "its writer exited");
        assertTrue(Files.exists(beingWritten), "its writer (this JVM) is alive");
        assertTrue(Files.exists(archive));
        assertTrue(Files.exists(jar));
    }
}

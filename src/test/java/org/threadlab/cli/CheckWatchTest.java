package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** {@code check --watch} checks again on every save: a broken save says where, a fixed one says ok. */
class CheckWatchTest {
    @Test
    void eachSaveIsCheckedAgain(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path file = dir.resolve("mine.yaml");
        String good = Files.readString(Path.of("lessons/hello-threads.yaml")).replace("id: hello-threads", "id: mine");
        Files.writeString(file, good);
        Thread watcher = Thread.ofPlatform().daemon().start(() ->
                Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--watch", file.toString()));
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> out.toString().contains("watching 1 file"));
            assertTrue(out.toString().startsWith(file + ": ok (mine"), out::toString);

            Files.writeString(file, good.replace("title:", "titel:"));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> err.toString().contains("mine.yaml:"));
            assertTrue(err.toString().contains("titel"), err::toString);

            Files.writeString(file, good);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> out.toString().split(": ok \\(mine", -1).length == 3); // the first check and this one
        } finally {
            watcher.interrupt();
            watcher.join(5000);
        }
        assertEquals(false, watcher.isAlive(), "Ctrl+C (here an interrupt) ends the watch");
    }
}

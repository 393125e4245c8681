package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The app as a teacher starts it: a separate JVM with the app's main class, headless (no DISPLAY). */
final class AppProcess {
    record Exit(int code, String output) {}

    /** Where java.util.prefs keeps user and system preferences; the pom points both into target/. */
    static final List<String> PREFERENCES_ROOTS = List.of("java.util.prefs.userRoot", "java.util.prefs.systemRoot");

    private AppProcess() {}

    /** Runs the app with these arguments, its output in {@code dir}, and asserts it exits by itself. */
    static Exit run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dthreadlab.lessons=" + System.getProperty("threadlab.lessons", "lessons"));
        // the child keeps its Java preferences where this test JVM keeps its own (target/, see the pom), not in ~/.java
        for (String key : PREFERENCES_ROOTS) {
            String value = System.getProperty(key);
            if (value != null) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.threadlab.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the app exits by itself after the snapshot");
        } finally {
            p.destroyForcibly();
        }
        return new Exit(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
    }
}

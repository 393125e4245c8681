package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new} writes a lesson that checks clean, copies one under a new id, and never overwrites. */
class NewCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theStarterChecksCleanRunsAndExplainsItsParts(@TempDir Path dir) throws Exception {
        assertEquals(0, cli("new", "my-first", "--dir", dir.toString()), err::toString);
        Path file = dir.resolve("my-first.yaml");
        assertTrue(out.toString().startsWith("wrote " + file + " (my-first, checks clean)"), out::toString);
        String text = Files.readString(file);
        assertTrue(text.contains("\nid: my-first\n"), "the id matches the file name");
        assertTrue(text.startsWith("# yaml-language-server: $schema=file:"), "editors find the schema: " + text.substring(0, 80));
        for (String part : new String[] {"prediction:", "shared:", "workers:", "listings:", "variants:", "run:",
                "outcomes:", "stepping:", "challenges:"}) {
            int at = text.indexOf("\n" + part);
            assertTrue(at > 0, part);
            String lineBefore = text.substring(text.lastIndexOf('\n', at - 1) + 1, at);
            assertTrue(lineBefore.startsWith("#"), () -> part + " has a comment just before it: " + lineBefore);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, cli("check", file.toString()), err::toString);
        assertEquals(0, cli("run", file.toString(), "--param", "n=1000"), err::toString);
    }

    @Test
    void fromCopiesALessonUnderTheNewIdAndItChecksClean(@TempDir Path dir) throws Exception {
        assertEquals(0, cli("new", "counter-for-week-3", "--from", "shared-counter", "--dir", dir.toString()), err::toString);
        Path file = dir.resolve("counter-for-week-3.yaml");
        String text = Files.readString(file);
        assertTrue(text.startsWith("# Copied from shared-counter.yaml"), text.substring(0, 60));
        assertTrue(text.contains("\nid: counter-for-week-3\n"));
        String schema = "# yaml-language-server: $schema=" + Path.of("docs/lesson.schema.json").toAbsolutePath().normalize().toUri();
        assertEquals(Files.readString(Path.of("lessons/shared-counter.yaml")).replace("id: shared-counter", "id: counter-for-week-3")
                        .replace("# yaml-language-server: $schema=../docs/lesson.schema.json", schema),
                text.substring(text.indexOf('\n') + 1), "the rest is the lesson as it was, the schema found from anywhere");
        assertEquals(0, cli("check", file.toString()), err::toString);
    }

    @Test
    void itNeverOverwritesAndRefusesBadIdsAndUnknownLessons(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("taken.yaml");
        Files.writeString(file, "mine");
        assertEquals(1, cli("new", "taken", "--dir", dir.toString()));
        assertEquals("mine", Files.readString(file), "the teacher's file is untouched");
        assertTrue(err.toString().contains("already exists"), err::toString);
        assertEquals(2, cli("new", "Bad_Id", "--dir", dir.toString()));
        assertTrue(err.toString().contains("is not a lesson id"), err::toString);
        assertEquals(1, cli("new", "other", "--from", "no-such-lesson", "--dir", dir.toString()));
        assertTrue(err.toString().contains("no lesson 'no-such-lesson'"), err::toString);
        assertEquals(1, Files.list(dir).count(), "nothing else was written");
    }
}

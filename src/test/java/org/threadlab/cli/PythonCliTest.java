package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.threadlab.engine.python.Pythons;
import org.threadlab.lesson.LessonLibrary;

/**
 * {@code python LESSON}: the code and the interpreter printed first; a lesson from outside the
 * built-in library runs only with --yes; exit codes; --compare; --json. Needs a Python 3.10+ (skipped
 * with the reason otherwise), except where nothing is run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static final String GREETING = """
            import argparse
            if __name__ == "__main__":
                parser = argparse.ArgumentParser()
                parser.add_argument("--n", type=int, default=1000)
                parser.add_argument("--mode", default="threads")
                args = parser.parse_args()
                print("hello from the listing", args.n, args.mode)
            """;

    /** Writes a small lesson {@code id.yaml} into the folder, with this Python listing and python-run. */
    static Path lesson(Path folder, String id, String python, String pythonRun) throws Exception {
        String text = """
                id: %ID%
                title: Py
                summary: A counter.
                narration: Two workers add.
                prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
                params:
                  n: 1000
                shared:
                  variables: {counter: 0}
                workers:
                  - name: adder
                    copies: 2
                    steps:
                      - repeat: n
                        steps:
                          - increment: counter
                listings:
                  java: "x();"
                  python: |
                %PY%
                %RUN%
                run:
                  modes: [threads]
                outcomes:
                  - when: counter >= 0
                    grade: acceptable
                    text: Fine.
                """.replace("%ID%", id).replace("%PY%", python.strip().indent(4).stripTrailing())
                .replace("%RUN%", pythonRun.strip().indent(2).stripTrailing());
        Files.createDirectories(folder);
        Path file = folder.resolve(id + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private static final String RUN = """
            python-run:
              counts: {n: 1000}
              scale: 10
              modes: [sequential, threads, processes]
              timeout: 30
            """;

    @Test
    void aLessonFromOutsideTheLibraryIsShownButNotRunWithoutYes(@TempDir Path dir) throws Exception {
        Pythons.require(); // the interpreter is printed with the code, before the question
        lesson(dir, "greeting", GREETING, RUN);
        assertEquals(2, cli("python", "greeting", "--lessons", dir.toString()), err::toString);
        assertTrue(out.toString().contains("print(\"hello from the listing\", args.n, args.mode)"),
                () -> "the exact code is printed first:\n" + out);
        assertTrue(out.toString().contains("python:  "), out::toString);
        assertFalse(out.toString().contains("hello from the listing 100"), () -> "nothing ran:\n" + out);
        assertTrue(err.toString().contains("not run. This lesson comes from outside ThreadLab's built-in library"),
                err::toString);
        assertTrue(err.toString().contains("add --yes"), err::toString);

        out.getBuffer().setLength(0);
        assertEquals(2, cli("python", dir.resolve("greeting.yaml").toString()), "a path outside is refused too");

        out.getBuffer().setLength(0);
        assertEquals(0, cli("python", "greeting", "--lessons", dir.toString(), "--yes"), err::toString);
        assertTrue(out.toString().contains("\nhello from the listing 100 threads\n"), out::toString);
        assertTrue(out.toString().contains("ended:   completed"), out::toString);
        assertTrue(out.toString().contains("counts:  n = 100"), out::toString);
    }

    @Test
    void aBuiltInLessonRunsWithoutYes(@TempDir Path dir) throws Exception {
        Pythons.require();
        Path builtIn = dir.resolve("built-in");
        lesson(builtIn, "greeting", GREETING, RUN);
        String before = System.getProperty("threadlab.lessons");
        System.setProperty("threadlab.lessons", builtIn.toString());
        try {
            assertEquals(0, cli("python", "greeting", "--scale", "1", "--mode", "sequential"), err::toString);
            assertTrue(out.toString().contains("\nhello from the listing 1000 sequential\n"), out::toString);
            assertTrue(out.toString().contains("$ "), "the command line is shown");
            out.getBuffer().setLength(0);
            assertEquals(0, cli("python", builtIn.resolve("greeting.yaml").toString()),
                    "a path to a file of the built-in folder is a built-in lesson: " + err);
        } finally {
            if (before == null) {
                System.clearProperty("threadlab.lessons");
            } else {
                System.setProperty("threadlab.lessons", before);
            }
        }
    }

    @Test
    void theLauncherTakesPythonAndServeForCommandsNotTheWindow() {
        assertTrue(org.threadlab.MainAccess.isCommand("python", "squares"));
        assertTrue(org.threadlab.MainAccess.isCommand("--lessons", "x", "python", "y"));
        assertTrue(org.threadlab.MainAccess.isCommand("serve"));
    }

    @Test
    void onlyTheBuiltInFolderCountsAsBuiltIn(@TempDir Path dir) throws Exception {
        Path builtIn = dir.resolve("lessons");
        Path added = dir.resolve("added");
        lesson(builtIn, "greeting", GREETING, RUN);
        lesson(added, "other", GREETING, RUN);
        LessonLibrary library = new LessonLibrary(builtIn, java.util.List.of(added));
        assertTrue(library.isBuiltIn(library.find("greeting")));
        assertTrue(library.isBuiltIn(library.find(builtIn.resolve("greeting.yaml").toString())));
        assertFalse(library.isBuiltIn(library.find("other")));
        assertFalse(library.isBuiltIn(library.find(added.resolve("other.yaml").toString())));
    }

    @Test
    void exitCodesSayHowTheListingEnded(@TempDir Path dir) throws Exception {
        Pythons.require();
        lesson(dir, "fails", "raise SystemExit(4)", "python-run:\n  timeout: 30");
        assertEquals(1, cli("python", "fails", "--lessons", dir.toString(), "--yes"), err::toString);
        assertTrue(out.toString().contains("ended:   failed with exit code 4"), out::toString);

        out.getBuffer().setLength(0);
        lesson(dir, "hangs", "import threading\nthreading.Event().wait()", "python-run:\n  hangs: deadlock\n  timeout: 2");
        assertEquals(0, cli("python", "hangs", "--lessons", dir.toString(), "--yes"), "an expected hang: " + err);
        assertTrue(out.toString().contains("timed out after 2 s and was killed, as expected"), out::toString);

        lesson(dir, "stuck", "import threading\nthreading.Event().wait()", "python-run:\n  timeout: 2");
        assertEquals(3, cli("python", "stuck", "--lessons", dir.toString(), "--yes"), "an unexpected hang: " + err);

        lesson(dir, "listless", "print(1)", "");
        assertEquals(1, cli("python", "listless", "--lessons", dir.toString(), "--yes"));
        assertTrue(err.toString().contains("listless has a Python listing but does not say how it runs"), err::toString);
        assertEquals(2, cli("python", "greeting-missing-mode", "--bogus"), "a usage error");
    }

    @Test
    void compareRunsEveryModeAndJsonIsOneObject(@TempDir Path dir) throws Exception {
        Pythons.require();
        lesson(dir, "greeting", GREETING, RUN);
        assertEquals(0, cli("python", "greeting", "--lessons", dir.toString(), "--yes", "--compare", "--json"), err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("greeting", json.get("lesson").asText());
        assertEquals(3, json.get("runs").size());
        for (int i = 0; i < 3; i++) {
            JsonNode run = json.get("runs").get(i);
            String mode = java.util.List.of("sequential", "threads", "processes").get(i);
            assertEquals(mode, run.get("mode").asText());
            assertEquals("completed", run.get("ending").asText());
            assertEquals("hello from the listing 100 " + mode, run.get("output").get(0).get("text").asText());
        }
        assertEquals(1.0, json.get("speedUps").get("sequential").asDouble(), 1e-9);
        assertTrue(json.get("speedUps").get("threads").asDouble() > 0);
        assertTrue(err.toString().contains("speed-up over sequential"), () -> "the table goes to stderr with --json:\n" + err);
        assertTrue(err.toString().contains("print(\"hello from the listing\""), "the code too");
        assertEquals(2, cli("python", "greeting", "--lessons", dir.toString(), "--yes", "--compare", "--mode", "threads"));
    }
}

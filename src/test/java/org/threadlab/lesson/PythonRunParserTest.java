package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.threadlab.lesson.ProblemAsserts.assertAt;
import static org.threadlab.lesson.ProblemAsserts.indent;
import static org.threadlab.lesson.ProblemAsserts.only;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code python-run:} beside the listings: what parses, and each bad input with where it points. */
class PythonRunParserTest {
    private static final Path FILE = Path.of("lessons/py.yaml");

    private static final String TEMPLATE = """
            id: py
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
                import argparse
                parser = argparse.ArgumentParser()
                parser.add_argument("--n", type=int, default=100_000)
                parser.add_argument('--mode', default="threads")
                parser.add_argument("--server", default="http://127.0.0.1:8000")
            %RUN%
            run:
              modes: [threads]
            outcomes:
              - when: counter >= 0
                grade: acceptable
                text: Fine.
            """;

    private static String lesson(String run) {
        return TEMPLATE.replace("%RUN%", indent(run, 2));
    }

    @Test
    void everyKeyParsesAndIsKeptOnThePythonListing() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson("""
                python-run:
                  counts: {n: 100_000}
                  scale: 20
                  server: true
                  hangs: deadlock
                  modes: [sequential, threads, processes]
                  timeout: 12
                """));
        PythonRun run = l.listing("python").orElseThrow().pythonRun().orElseThrow();
        assertEquals(Map.of("n", 100_000L), run.counts());
        assertEquals(20, run.scale());
        assertTrue(run.server());
        assertEquals("deadlock", run.hangs());
        assertTrue(run.hangsOnPurpose());
        assertEquals(List.of("sequential", "threads", "processes"), run.modes());
        assertEquals(12, run.timeoutSeconds());
        assertEquals(Map.of("n", 5_000L), run.countsAt(20));
        assertEquals(Map.of("n", 1L), run.countsAt(1_000_000));
        assertTrue(l.listing("java").orElseThrow().pythonRun().isEmpty());
    }

    @Test
    void defaultsAreAsWrittenWithTheStandardTimeout() throws LessonException {
        Lesson l = new LessonParser().parse(FILE, lesson("python-run: {}"));
        PythonRun run = l.listing("python").orElseThrow().pythonRun().orElseThrow();
        assertEquals(1, run.scale());
        assertFalse(run.server());
        assertFalse(run.hangsOnPurpose());
        assertTrue(run.modes().isEmpty());
        assertEquals(PythonRun.DEFAULT_TIMEOUT_SECONDS, run.timeoutSeconds());
        assertTrue(new LessonParser().parse(FILE, lesson("")).listing("python").orElseThrow().pythonRun().isEmpty());
    }

    @Test
    void aCountTheListingDoesNotReadIsRefusedAtItsName() {
        String text = lesson("python-run:\n  counts: {rounds: 10}");
        assertAt(FILE, only(FILE, text), text, "rounds", "listings.python-run.counts.rounds", "no option --rounds");
    }

    @Test
    void badValuesAreRefusedWhereTheyAreWritten() {
        String zero = lesson("python-run:\n  counts: {n: -5}");
        assertAt(FILE, only(FILE, zero), zero, "-5}", "listings.python-run.counts.n", "at least 1");
        String scale = lesson("python-run:\n  scale: -2");
        assertAt(FILE, only(FILE, scale), scale, "-2", "listings.python-run.scale", "at least 1");
        String hangs = lesson("python-run:\n  hangs: deadlok");
        assertAt(FILE, only(FILE, hangs), hangs, "deadlok", "listings.python-run.hangs", "did you mean 'deadlock'");
        String mode = lesson("python-run:\n  modes: [threads, gil]");
        assertAt(FILE, only(FILE, mode), mode, "gil]", "listings.python-run.modes[1]", "unknown mode 'gil'");
        String timeout = lesson("python-run:\n  timeout: 601");
        assertAt(FILE, only(FILE, timeout), timeout, "601", "listings.python-run.timeout", "1 to 600");
        String key = lesson("python-run:\n  speed: 3");
        assertTrue(only(FILE, key).message().contains("speed"), () -> only(FILE, key).message());
    }

    @Test
    void aServerOrModesTheListingCannotTakeAreRefused() {
        String text = lesson("python-run:\n  server: true").replace("\"--server\"", "\"--host\"");
        assertAt(FILE, only(FILE, text), text, "true", "listings.python-run.server", "no option --server");
        String modes = lesson("python-run:\n  modes: [threads]").replace("'--mode'", "'--how'");
        assertAt(FILE, only(FILE, modes), modes, "[threads]", "listings.python-run.modes", "no option --mode");
        assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, modes));
    }
}

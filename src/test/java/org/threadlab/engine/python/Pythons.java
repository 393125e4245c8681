package org.threadlab.engine.python;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.threadlab.lesson.Listing;
import org.threadlab.lesson.PythonRun;

/** The machine's Python for the tests, or a visible skip when it has none that is 3.10 or newer. */
public final class Pythons {
    private static PythonInterpreter found;
    private static String missing;

    private Pythons() {}

    /** python3 (else python) on PATH, 3.10+; skips the test with the reason when there is none. */
    public static synchronized PythonInterpreter require() {
        if (found == null && missing == null) {
            try {
                found = PythonInterpreter.find();
            } catch (PythonUnavailableException e) {
                missing = e.getMessage();
            }
        }
        Assumptions.assumeTrue(found != null, () -> "skipped: no Python to run listings on: " + missing);
        return found;
    }

    /** A Python listing with its python-run, from code as a lesson would carry it. */
    public static Listing listing(String code, PythonRun run) {
        return new Listing("python", List.of(code.strip().split("\n", -1)), Map.of(), run);
    }

    public static PythonRun run(Map<String, Long> counts, boolean server, String hangs, List<String> modes, int timeout) {
        return new PythonRun(counts, 1, server, hangs, modes, timeout);
    }

    public static PythonTask task(String code, PythonRun run) {
        return new PythonTask("listing", listing(code, run), 1, "", Duration.ofSeconds(run.timeoutSeconds()));
    }
}

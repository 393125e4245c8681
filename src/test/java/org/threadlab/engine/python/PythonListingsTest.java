package org.threadlab.engine.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Listing;
import org.threadlab.lesson.PythonRun;
import org.threadlab.lesson.Variant;

/**
 * Every Python listing of every built-in lesson and variant is a program that runs: it says how
 * ({@code python-run:}), and on the machine's Python at small counts (its scale times 20), in the
 * mode it shows and in each of its {@code modes:}, it completes with exit code 0; a listing that
 * hangs on purpose must still be hanging at its timeout (at most 15 s here) and is killed. Variants
 * that share one listing run it once. Listings run one after another.
 */
class PythonListingsTest {
    private static final Duration LONGEST = Duration.ofSeconds(15);
    private static final int SMALLER = 20;

    /** Each distinct Python listing with the lessons and variants that show it ({@code squares [gil]}). */
    private static Map<Listing, List<String>> listings() {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        assertTrue(loaded.problems().isEmpty(), () -> "the built-in lessons load: " + loaded.problems());
        assertTrue(loaded.lessons().size() >= 20, "the built-in lessons are found: " + loaded.lessons().size());
        Map<Listing, List<String>> out = new LinkedHashMap<>();
        for (Lesson lesson : loaded.lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("") : lesson.variants().stream().map(Variant::name).toList();
            for (String v : variants) {
                String name = lesson.id() + (v.isEmpty() ? "" : " [" + v + "]");
                Listing listing = lesson.resolve(v).listing("python").orElse(null);
                out.computeIfAbsent(listing == null ? new Listing("python", List.of("# none: " + name), Map.of()) : listing,
                        k -> new ArrayList<>()).add(name);
            }
        }
        return out;
    }

    @Test
    void everyPythonListingSaysHowItRuns() {
        List<String> lacking = new ArrayList<>();
        listings().forEach((listing, names) -> {
            if (listing.pythonRun().isEmpty()) {
                lacking.addAll(names);
            }
        });
        assertTrue(lacking.isEmpty(), () -> lacking.size() + " Python listings have no python-run: (or no"
                + " Python listing at all): " + String.join(", ", lacking));
    }

    @TestFactory
    Stream<DynamicTest> everyPythonListingRunsAtSmallCounts() {
        PythonRunner runner = new PythonRunner(Pythons.require());
        List<DynamicTest> tests = new ArrayList<>();
        listings().forEach((listing, names) -> {
            if (listing.pythonRun().isEmpty()) {
                return; // reported by everyPythonListingSaysHowItRuns
            }
            PythonRun run = listing.pythonRun().get();
            List<String> modes = new ArrayList<>();
            modes.add("");
            modes.addAll(run.modes());
            String first = names.get(0);
            PythonTask base = new PythonTask(first.replaceAll(" \\[.*", "").replaceAll("[^A-Za-z0-9_]", "_"), listing,
                    run.scale() * SMALLER, "", Duration.ofSeconds(Math.min(run.timeoutSeconds(), LONGEST.toSeconds())));
            for (String mode : modes) {
                String title = String.join(", ", names) + (mode.isEmpty() ? "" : " --mode " + mode);
                tests.add(DynamicTest.dynamicTest(title, () -> check(runner, base.inMode(mode), title)));
            }
        });
        return tests.stream();
    }

    private static void check(PythonRunner runner, PythonTask task, String title) throws Exception {
        PythonResult r = runner.run(task, line -> { });
        String shown = title + " (" + String.join(" ", r.command()) + ") " + r.endingText() + " after " + r.wallText()
                + "; its last lines:\n" + String.join("\n", r.output().stream()
                .skip(Math.max(0, r.output().size() - 25)).map(l -> (l.stderr() ? "! " : "  ") + l.text()).toList());
        if (task.run().hangsOnPurpose()) {
            assertEquals(PythonResult.Ending.TIMED_OUT, r.ending(), () -> "should hang (" + task.run().hangs() + "): " + shown);
        } else {
            assertEquals(PythonResult.Ending.COMPLETED, r.ending(), () -> shown);
            assertEquals(0, r.exitCode(), () -> shown);
        }
        assertTrue(r.output().stream().anyMatch(l -> !l.stderr() && !l.text().isBlank()),
                () -> "prints what the lesson speaks about: " + shown);
    }
}

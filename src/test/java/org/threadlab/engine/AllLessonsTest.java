package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Outcome;
import org.threadlab.lesson.Variant;
import org.threadlab.trace.WorkerState;

/**
 * Every shipped lesson, in every variant and every mode it allows (threads with and without the
 * GIL), ends in the outcome this table expects. An outcome is named by its grade and its
 * {@code when} as the lesson writes them ({@code "acceptable: counter == workers * n"}), so two
 * acceptable outcomes (the parent's copy untouched, or the parent's own memory written) are told
 * apart; a run that does not complete is named by its status ({@code failed}, {@code deadlocked}).
 * A row expects one outcome wherever the result is settled by the program; two only where the
 * lesson is a real race, said so in the row. The table must name exactly the combinations the
 * lessons have: a new lesson, variant or mode fails {@link #theTableCoversEveryLessonVariantAndModeExactly}
 * until it has its rows.
 */
class AllLessonsTest {
    private static final boolean GIL = true;
    private static final boolean NO_GIL = false;
    private static final String DEFAULT = "";

    /** A lesson's variant in one mode, and the outcomes it may end in. */
    record Row(String lesson, String variant, String mode, boolean gil, Set<String> expected) {
        String key() {
            return lesson + " [" + (variant.isEmpty() ? "default" : variant) + "] " + mode + (gil ? " +gil" : "");
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private static Row row(String lesson, String variant, String mode, boolean gil, String... expected) {
        return new Row(lesson, variant, mode, gil, new LinkedHashSet<>(List.of(expected)));
    }

    /** Rows for several modes that all end the same way. */
    private static List<Row> rows(String lesson, String variant, List<String> modes, boolean gil, String... expected) {
        return modes.stream().map(m -> row(lesson, variant, m, gil, expected)).toList();
    }

    private static final List<String> THREAD_MODES = List.of("threads", "virtual-threads", "thread-pool");
    private static final List<String> IN_PROCESS_MODES = List.of("sequential", "threads", "virtual-threads", "thread-pool");

    /** Smaller params than the lessons' own, where a lesson has them, so the class stays quick. */
    static final Map<String, Map<String, Long>> SMALL = Map.ofEntries(
            Map.entry("compare", Map.of("rounds", 5L, "wait", 100L)),
            Map.entry("squares", Map.of("rounds", 5L)),
            Map.entry("process-squares", Map.of("rounds", 5L)),
            Map.entry("pools", Map.of("n", 300_000L)),
            Map.entry("lock-contention", Map.of("n", 20_000L)),
            Map.entry("shared-counter", Map.of("n", 20_000L)),
            Map.entry("process-counter", Map.of("n", 20_000L)),
            Map.entry("deadlock", Map.of("n", 2_000L)),
            Map.entry("kill", Map.of("ticks", 3L)),
            Map.entry("semaphore", Map.of("latency", 100L)),
            Map.entry("readers-writers", Map.of("reads", 6L)));

    static final List<Row> TABLE = table();

    private static List<Row> table() {
        List<Row> t = new ArrayList<>();
        // compare: `finished` is process-shared, so every mode counts both workers
        for (String variant : List.of("cpu", "io")) {
            t.addAll(rows("compare", variant, List.of("sequential", "threads", "processes"), NO_GIL,
                    "acceptable: finished == workers"));
            t.add(row("compare", variant, "threads", GIL, "acceptable: finished == workers"));
        }

        // check-then-act: without a lock over check and act, a real race wherever two customers (or callers)
        // run at once; one after another, or holding the lock from the check on, it is settled
        String notOverdrawn = "acceptable: balance >= 0 && balance + paid_out == 100";
        String overdrawn = "interesting: balance < 0";
        String handedOutMore = "interesting: balance + paid_out > 100";
        t.add(row("check-then-act", "no-lock", "sequential", NO_GIL, notOverdrawn));
        t.addAll(rows("check-then-act", "no-lock", THREAD_MODES, NO_GIL, notOverdrawn, overdrawn, handedOutMore));
        t.add(row("check-then-act", "no-lock", "threads", GIL, notOverdrawn, overdrawn, handedOutMore));
        t.add(row("check-then-act", "lock-act-only", "sequential", NO_GIL, notOverdrawn));
        t.addAll(rows("check-then-act", "lock-act-only", THREAD_MODES, NO_GIL, notOverdrawn, overdrawn));
        t.add(row("check-then-act", "lock-act-only", "threads", GIL, notOverdrawn, overdrawn));
        t.addAll(rows("check-then-act", "lock-both", IN_PROCESS_MODES, NO_GIL, notOverdrawn));
        t.add(row("check-then-act", "lock-both", "threads", GIL, notOverdrawn));
        t.add(row("check-then-act", "lazy-init", "sequential", NO_GIL, "acceptable: built == 1"));
        t.addAll(rows("check-then-act", "lazy-init", THREAD_MODES, NO_GIL, "acceptable: built == 1",
                "interesting: built > 1"));
        t.add(row("check-then-act", "lazy-init", "threads", GIL, "acceptable: built == 1", "interesting: built > 1"));
        t.addAll(rows("check-then-act", "lazy-init-locked", IN_PROCESS_MODES, NO_GIL, "acceptable: built == 1"));
        t.add(row("check-then-act", "lazy-init-locked", "threads", GIL, "acceptable: built == 1"));

        // crash: the third worker's power is out of range, so the run fails in both modes
        t.add(row("crash", DEFAULT, "threads", NO_GIL, "failed"));
        t.add(row("crash", DEFAULT, "threads", GIL, "failed"));
        t.add(row("crash", DEFAULT, "processes", NO_GIL, "failed"));

        // deadlock, opposite orders: a real race; the circle closes in some runs and not in others
        t.addAll(rows("deadlock", "opposite-order", THREAD_MODES, NO_GIL,
                "deadlocked", "acceptable: alice == 1000 && bob == 1000"));
        t.add(row("deadlock", "opposite-order", "threads", GIL,
                "deadlocked", "acceptable: alice == 1000 && bob == 1000"));
        t.add(row("deadlock", "opposite-order", "sequential", NO_GIL, "acceptable: alice == 1000 && bob == 1000"));
        t.addAll(rows("deadlock", "fixed-order", IN_PROCESS_MODES, NO_GIL, "acceptable: alice == 1000 && bob == 1000"));
        t.add(row("deadlock", "fixed-order", "threads", GIL, "acceptable: alice == 1000 && bob == 1000"));

        // dining-philosophers, left fork first: a real race; the circle of five closes in some runs and not in
        // others; the fixes never deadlock, and who gets how many portions is a race too (one after another,
        // philosopher 1 eats the whole pot, so the others starve)
        String everyoneAte = "acceptable: food + ate_1 + ate_2 + ate_3 + ate_4 + ate_5 == 50"
                + " && min(min(ate_1, ate_2), min(min(ate_3, ate_4), ate_5)) > 0";
        String someoneStarved = "interesting: food + ate_1 + ate_2 + ate_3 + ate_4 + ate_5 == 50";
        t.addAll(rows("dining-philosophers", "left-first", THREAD_MODES, NO_GIL, "deadlocked", everyoneAte, someoneStarved));
        t.add(row("dining-philosophers", "left-first", "threads", GIL, "deadlocked", everyoneAte, someoneStarved));
        for (String variant : List.of("left-first", "ordered", "waiter")) {
            t.add(row("dining-philosophers", variant, "sequential", NO_GIL, someoneStarved));
        }
        for (String variant : List.of("ordered", "waiter")) {
            t.addAll(rows("dining-philosophers", variant, THREAD_MODES, NO_GIL, everyoneAte, someoneStarved));
            t.add(row("dining-philosophers", variant, "threads", GIL, everyoneAte, someoneStarved));
        }

        // downloads: the pages count in the parent's memory, except as processes
        String allPages = "acceptable: pages == workers && total_bytes == workers * page_bytes";
        t.addAll(rows("downloads", DEFAULT, IN_PROCESS_MODES, NO_GIL, allPages));
        t.add(row("downloads", DEFAULT, "threads", GIL, allPages));
        t.addAll(rows("downloads", DEFAULT, List.of("processes", "process-pool"), NO_GIL,
                "acceptable: pages == 0 && total_bytes == 0"));

        String everyJob = "acceptable: bars_played == bars && keys_read == polls && moves == workers * turns";
        t.addAll(rows("game-threads", DEFAULT, IN_PROCESS_MODES, NO_GIL, everyJob));
        t.add(row("game-threads", DEFAULT, "threads", GIL, everyJob));

        // hello-threads: main looks after 250 ms, while the child needs 500 ms for its six lines;
        // sequential runs the whole child inside start, so main sees every line
        String sawPart = "acceptable: printed == lines * workers && seen_by_main >= 0 && seen_by_main < printed";
        t.add(row("hello-threads", DEFAULT, "sequential", NO_GIL,
                "interesting: printed == lines * workers && seen_by_main == printed"));
        t.addAll(rows("hello-threads", DEFAULT, THREAD_MODES, NO_GIL, sawPart));
        t.add(row("hello-threads", DEFAULT, "threads", GIL, sawPart));

        // kill (nobody kills here): each process ticks in its own copy; threads tick in the parent's
        t.add(row("kill", DEFAULT, "processes", NO_GIL, "acceptable: ticked == 0"));
        t.add(row("kill", DEFAULT, "threads", NO_GIL, "acceptable: ticked == ticks * workers"));
        t.add(row("kill", DEFAULT, "threads", GIL, "acceptable: ticked == ticks * workers"));

        for (String variant : List.of("coarse-lock", "lock-per-increment", "atomic", "local-sums")) {
            t.addAll(rows("lock-contention", variant, IN_PROCESS_MODES, NO_GIL, "acceptable: counter == workers * n"));
            t.add(row("lock-contention", variant, "threads", GIL, "acceptable: counter == workers * n"));
        }

        // pools: `done` is process-shared
        t.addAll(rows("pools", DEFAULT, List.of("thread-pool", "process-pool"), NO_GIL, "acceptable: done == workers"));

        // process-counter: the Value is shared by processes and threads alike
        String everyIncrement = "acceptable: counter == workers * n";
        String lost = "interesting: counter < workers * n && counter > 0";
        for (String mode : List.of("processes", "process-pool", "threads")) {
            // a real race: two workers may or may not come between each other's read and write
            t.add(row("process-counter", "value-no-lock", mode, NO_GIL, everyIncrement, lost));
            t.add(row("process-counter", "value-lock", mode, NO_GIL, everyIncrement));
        }
        t.add(row("process-counter", "value-no-lock", "threads", GIL, everyIncrement, lost)); // a real race
        t.add(row("process-counter", "value-lock", "threads", GIL, everyIncrement));
        // plain-copy: a child counts in its own copy; threads share the global (and race on it)
        t.addAll(rows("process-counter", "plain-copy", List.of("processes", "process-pool"), NO_GIL,
                "acceptable: counter == 0"));
        t.add(row("process-counter", "plain-copy", "threads", NO_GIL,
                "acceptable: counter == workers * n", "interesting: counter < workers * n")); // a real race
        t.add(row("process-counter", "plain-copy", "threads", GIL,
                "acceptable: counter == workers * n", "interesting: counter < workers * n")); // a real race

        t.addAll(rows("process-memory", DEFAULT, List.of("processes", "process-pool"), NO_GIL, "acceptable: result == 0"));
        t.add(row("process-memory", DEFAULT, "threads", NO_GIL, "acceptable: result == pow(x, 2)"));
        t.add(row("process-memory", DEFAULT, "threads", GIL, "acceptable: result == pow(x, 2)"));

        // process-queue: what reaches the parent through the queue, and what only through shared memory
        String viaQueueOnly = "acceptable: received == sum_of_squares(1, n + 1) && total == 0";
        String viaQueueAndMemory = "acceptable: received == sum_of_squares(1, n + 1) && total == received";
        t.add(row("process-queue", "queue-back", "processes", NO_GIL, viaQueueOnly));
        t.add(row("process-queue", "queue-back", "threads", NO_GIL, viaQueueAndMemory));
        t.add(row("process-queue", "queue-back", "threads", GIL, viaQueueAndMemory));
        t.add(row("process-queue", "plain-global", "processes", NO_GIL, "interesting: received == 0 && total == 0"));
        String viaMemory = "acceptable: received == 0 && total == sum_of_squares(1, n + 1)";
        t.add(row("process-queue", "plain-global", "threads", NO_GIL, viaMemory));
        t.add(row("process-queue", "plain-global", "threads", GIL, viaMemory));

        // process-squares: children write their own copies; threads and sequential write the parent's
        String parentUntouched = "acceptable: square == 0 && quad == 0";
        String parentSees = "acceptable: square == pow(x, 2) && quad == pow(x, 4)";
        t.addAll(rows("process-squares", "square-and-quad", List.of("processes", "process-pool"), NO_GIL, parentUntouched));
        t.addAll(rows("process-squares", "square-and-quad", List.of("threads", "sequential"), NO_GIL, parentSees));
        t.add(row("process-squares", "square-and-quad", "threads", GIL, parentSees));
        t.addAll(rows("process-squares", "sum", List.of("processes", "process-pool"), NO_GIL,
                "acceptable: total == 0 && finished == 0"));
        String sumsSeen = "acceptable: finished == workers && total == sum_of_squares(0, n)";
        t.addAll(rows("process-squares", "sum", List.of("threads", "sequential"), NO_GIL, sumsSeen));
        t.add(row("process-squares", "sum", "threads", GIL, sumsSeen));

        String inOrder = "acceptable: total == n * (n + 1) / 2 && in_order == sum_of_squares(1, n + 1)";
        t.addAll(rows("producer-consumer", "queue", THREAD_MODES, NO_GIL, inOrder));
        t.add(row("producer-consumer", "queue", "threads", GIL, inOrder));
        String inOrderAndEmpty = inOrder + " && count == 0";
        t.addAll(rows("producer-consumer", "wait-notify", THREAD_MODES, NO_GIL, inOrderAndEmpty));
        t.add(row("producer-consumer", "wait-notify", "threads", GIL, inOrderAndEmpty));
        // one condition and notify: a real race; a notify that wakes the wrong consumer can leave everyone asleep
        String gotThrough = "interesting: total == n * (n + 1) / 2 && count == 0";
        t.addAll(rows("producer-consumer", "one-condition-notify", THREAD_MODES, NO_GIL, "deadlocked", gotThrough));
        t.add(row("producer-consumer", "one-condition-notify", "threads", GIL, "deadlocked", gotThrough));

        for (String variant : List.of("two-permits", "no-semaphore")) {
            t.addAll(rows("semaphore", variant, IN_PROCESS_MODES, NO_GIL, "acceptable: downloaded == workers"));
            t.add(row("semaphore", variant, "threads", GIL, "acceptable: downloaded == workers"));
        }

        // shared-counter: only no-lock races; the other three are correct in every mode
        String exact = "acceptable: counter == workers * n";
        t.add(row("shared-counter", "no-lock", "sequential", NO_GIL, exact));
        for (String mode : THREAD_MODES) {
            // a real race: one short run may or may not lose updates (a late write may even undo
            // more than one worker's worth)
            t.add(row("shared-counter", "no-lock", mode, NO_GIL, exact,
                    "interesting: counter < workers * n && counter >= n", "interesting: counter < n"));
        }
        t.add(row("shared-counter", "no-lock", "threads", GIL, exact, // a real race: the GIL may switch between read and write
                "interesting: counter < workers * n && counter >= n", "interesting: counter < n"));
        for (String variant : List.of("lock", "atomic", "local-sums")) {
            t.addAll(rows("shared-counter", variant, IN_PROCESS_MODES, NO_GIL, exact));
            t.add(row("shared-counter", variant, "threads", GIL, exact));
        }

        // squares: children add up in their own copies; every other mode in the parent's memory
        // readers-writers: the locks keep every page whole; starvation is timing, see ReadWriteLockRunTest
        List<String> rwModes = List.of("threads", "virtual-threads");
        for (String variant : List.of("plain-lock", "read-write-lock")) {
            t.addAll(rows("readers-writers", variant, rwModes, NO_GIL, "acceptable: torn == 0"));
            t.add(row("readers-writers", variant, "threads", GIL, "acceptable: torn == 0"));
        }
        // a real race: the writer gets in early only if every reader is out at once (say, readers that started late)
        String starved = "interesting: torn == 0 && seen == workers * reads";
        String gap = "acceptable: torn == 0 && seen < workers * reads";
        t.addAll(rows("readers-writers", "readers-first", rwModes, NO_GIL, starved, gap));
        t.add(row("readers-writers", "readers-first", "threads", GIL, starved, gap));
        // the fair writer waits only for readers ahead of it; it comes last only if its thread started after them
        t.addAll(rows("readers-writers", "fair", rwModes, NO_GIL, gap, "acceptable: torn == 0"));
        t.add(row("readers-writers", "fair", "threads", GIL, gap, "acceptable: torn == 0"));
        // a real race: a reader may or may not look between the writer's two writes
        t.addAll(rows("readers-writers", "no-lock", rwModes, NO_GIL, "interesting: torn > 0", "acceptable: torn == 0"));
        t.add(row("readers-writers", "no-lock", "threads", GIL, "interesting: torn > 0", "acceptable: torn == 0"));

        String everySum = "acceptable: finished == workers && result == sum_of_squares(0, n)";
        t.addAll(rows("squares", "sum-of-squares", IN_PROCESS_MODES, NO_GIL, everySum));
        t.add(row("squares", "sum-of-squares", "threads", GIL, everySum));
        t.addAll(rows("squares", "sum-of-squares", List.of("processes", "process-pool"), NO_GIL,
                "acceptable: finished == 0 && result == 0"));
        t.addAll(rows("squares", "square-and-quad", IN_PROCESS_MODES, NO_GIL, parentSees));
        t.add(row("squares", "square-and-quad", "threads", GIL, parentSees));
        t.addAll(rows("squares", "square-and-quad", List.of("processes", "process-pool"), NO_GIL, parentUntouched));

        // start-cost: `started` is process-shared
        t.addAll(rows("start-cost", DEFAULT, List.of("threads", "virtual-threads", "processes"), NO_GIL,
                "acceptable: started == workers"));
        t.add(row("start-cost", DEFAULT, "threads", GIL, "acceptable: started == workers"));

        String everySquare = "acceptable: done == workers && total == sum_of_squares(1, workers + 1)";
        t.addAll(rows("thread-pool", DEFAULT, IN_PROCESS_MODES, NO_GIL, everySquare));
        t.add(row("thread-pool", DEFAULT, "threads", GIL, everySquare));

        // visibility: a compiled spin on a plain flag may never see it and is stopped at the time
        // limit; under the simulated GIL (CPython's interpreter) and with volatile it always sees it
        String sawIt = "interesting: ready == 1 && answer == 42";
        t.addAll(rows("visibility", "plain", THREAD_MODES, NO_GIL, "timed-out", sawIt));
        t.add(row("visibility", "plain", "threads", GIL, sawIt));
        t.addAll(rows("visibility", "volatile", THREAD_MODES, NO_GIL, "acceptable: ready == 1 && answer == 42"));
        t.add(row("visibility", "volatile", "threads", GIL, "acceptable: ready == 1 && answer == 42"));

        t.addAll(rows("virtual-threads", "sleeps", THREAD_MODES, NO_GIL, "acceptable: done == workers"));
        t.add(row("virtual-threads", "sleeps", "threads", GIL, "acceptable: done == workers"));
        String everyByte = "acceptable: done == workers && total_bytes == workers * page_bytes";
        t.addAll(rows("virtual-threads", "downloads", THREAD_MODES, NO_GIL, everyByte));
        t.add(row("virtual-threads", "downloads", "threads", GIL, everyByte));
        return t;
    }

    /**
     * The combinations the shipped lessons have: each variant in each of its modes without the GIL,
     * and on threads with the GIL too.
     */
    private static Set<String> combinationsInTheLessons() {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        assertTrue(loaded.problems().isEmpty(), loaded.problems()::toString);
        Set<String> out = new TreeSet<>();
        for (Lesson lesson : loaded.lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of(DEFAULT)
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                List<String> modes = lesson.resolve(variant).run().modes();
                for (String mode : modes) {
                    out.add(new Row(lesson.id(), variant, mode, NO_GIL, Set.of()).key());
                }
                if (modes.contains("threads")) {
                    out.add(new Row(lesson.id(), variant, "threads", GIL, Set.of()).key());
                }
            }
        }
        return out;
    }

    @Test
    void theTableCoversEveryLessonVariantAndModeExactly() {
        Set<String> inTable = new TreeSet<>();
        for (Row r : TABLE) {
            assertTrue(inTable.add(r.key()), () -> "the table has two rows for " + r.key());
        }
        Set<String> inLessons = combinationsInTheLessons();
        Set<String> missing = new TreeSet<>(inLessons);
        missing.removeAll(inTable);
        Set<String> unknown = new TreeSet<>(inTable);
        unknown.removeAll(inLessons);
        assertTrue(missing.isEmpty() && unknown.isEmpty(), () -> "add rows with their expected outcomes for: " + missing
                + "; remove the rows for combinations no lesson has: " + unknown);
    }

    /** Each expected outcome is one the lesson really has, and never a forbidden one. */
    @Test
    void theTableNamesOnlyOutcomesTheLessonsHave() {
        for (Row r : TABLE) {
            Lesson resolved = TestLessons.product(r.lesson()).resolve(r.variant());
            Set<String> known = new LinkedHashSet<>(List.of(RunStatus.FAILED.label(), RunStatus.DEADLOCKED.label(),
                    RunStatus.TIMED_OUT.label()));
            for (Outcome o : resolved.outcomes()) {
                if (o.grade() != Grade.FORBIDDEN) {
                    known.add(name(o));
                }
            }
            for (String e : r.expected()) {
                assertTrue(known.contains(e), () -> r.key() + " expects '" + e + "', but the lesson's outcomes are " + known);
            }
            assertTrue(!r.expected().isEmpty(), r::key);
        }
    }

    static Stream<Row> rowsToRun() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsToRun")
    @Timeout(90)
    void runsToTheExpectedOutcome(Row row) throws InterruptedException {
        Lesson lesson = TestLessons.product(row.lesson());
        Lesson resolved = lesson.resolve(row.variant());
        Map<String, Long> small = new HashMap<>(SMALL.getOrDefault(row.lesson(), Map.of()));
        small.keySet().retainAll(resolved.params().keySet());
        RunConfig config = RunConfig.of(lesson).withVariant(row.variant()).withParams(small)
                .withMode(RunMode.of(row.mode(), resolved.run().poolSize())).withGil(row.gil(), null);
        RunResult r = new Engine().run(config);

        String ended = ending(r, resolved);
        assertTrue(row.expected().contains(ended), () -> row.key() + " ended '" + ended + "', expected one of "
                + row.expected() + "; shared " + r.shared() + "; " + String.join("; ", r.messages()));
        switch (r.status()) {
            // a cycle of locks, or (with condition variables) everyone asleep with nobody left to notify
            case DEADLOCKED -> assertTrue(r.messages().get(0).startsWith("deadlock: ")
                    || r.messages().get(0).startsWith("stuck: ") && !resolved.shared().conditions().isEmpty(),
                    r.messages()::toString);
            case FAILED -> { // crash: exactly the out-of-range worker failed, and the others finished
                assertEquals(1, r.lanes().stream().filter(l -> l.finalState() == WorkerState.FAILED).count(),
                        r.lanes()::toString);
                assertEquals(2L, r.shared().get("finished"), "the other two workers finished");
            }
            case COMPLETED -> {
                for (RunResult.LaneSummary lane : r.lanes()) {
                    assertEquals(WorkerState.DONE, lane.finalState(), lane.name());
                }
            }
            // visibility's plain spin: the result says why the worker never stopped by itself
            case TIMED_OUT -> assertTrue(r.messages().stream().anyMatch(m -> m.contains("was still spinning on ready")),
                    r.messages()::toString);
            default -> { }
        }
    }

    /** How a run ended: its outcome's name when it completed, else its status. */
    private static String ending(RunResult r, Lesson resolved) {
        if (r.status() != RunStatus.COMPLETED) {
            assertEquals(Grade.NOT_GRADED, r.grade());
            return r.status().label();
        }
        Map<String, Long> finalState = new LinkedHashMap<>(r.params());
        finalState.putAll(r.shared());
        return resolved.outcomeFor(finalState).map(o -> {
            assertEquals(o.grade(), r.grade(), "the run was graded by the outcome that matches its final state");
            return name(o);
        }).orElse(Grade.UNEXPECTED.label());
    }

    private static String name(Outcome o) {
        return o.grade().label() + ": " + o.when().text();
    }

    /** With a step small enough for every power, crash has nothing to crash on, and says so. */
    @Test
    @Timeout(30)
    void crashWithPowersThatFitCompletesAndIsAcceptable() throws InterruptedException {
        Lesson crash = TestLessons.product("crash");
        RunResult r = new Engine().run(RunConfig.of(crash).withMode(new RunMode.Threads()).withParams(Map.of("step", 10L)));
        assertEquals(RunStatus.COMPLETED, r.status(), () -> String.join("; ", r.messages()));
        assertEquals(3L, r.shared().get("finished"));
        assertEquals("acceptable: finished == workers && workers * step <= 63", ending(r, crash));
    }

    @Test
    void theCurriculumsThreadLessonsAreAllThere() {
        List<String> ids = LessonLibrary.standard().loadAll().lessons().stream().map(Lesson::id).toList();
        for (String id : List.of("hello-threads", "game-threads", "downloads", "squares", "shared-counter",
                "thread-pool", "virtual-threads", "deadlock")) {
            assertTrue(ids.contains(id), () -> id + " is missing from " + ids);
        }
    }

    @Test
    void theProcessLessonsAreThereAndSquaresAndDownloadsRunAsProcesses() {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        List<String> ids = loaded.lessons().stream().map(Lesson::id).toList();
        for (String id : List.of("process-memory", "process-squares", "process-counter")) {
            assertTrue(ids.contains(id), () -> id + " is missing from " + ids);
        }
        for (Lesson l : loaded.lessons()) {
            if (l.id().equals("squares") || l.id().equals("downloads")) {
                assertTrue(l.run().modes().containsAll(List.of("processes", "process-pool")), l.id());
            }
        }
    }

    /** Every guided story plays to its end in step mode: each move is a lane that can move then. */
    @Test
    void everyStoryPlays() {
        int stories = 0;
        for (Lesson lesson : LessonLibrary.standard().loadAll().lessons()) {
            for (org.threadlab.lesson.Stepping.Story story : lesson.stepping().stories()) {
                org.threadlab.engine.step.StepModel model = org.threadlab.engine.step.Stories.model(lesson, story.variant());
                List<Integer> schedule = org.threadlab.engine.step.Stories.schedule(model, story);
                assertEquals(story.beats().size(), schedule.size(), story.title());
                stories++;
            }
        }
        assertTrue(stories >= 1, "at least one lesson tells a story");
    }
}

package org.threadlab.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;

/**
 * The prediction feedback names the variant and mode the question is about, compares the guess
 * with the run only when the run is of that kind, and never reveals or confirms an answer from a
 * run that cannot show it (the lock run that once "confirmed" that a total falls short).
 */
class PredictionFeedbackTest {
    private static final Lesson COUNTER = TestLessons.product("shared-counter");
    private static final int RIGHT = 1; // "Usually less than 200,000, ..."
    private static final int WRONG = 0; // "Always exactly 200,000"

    private static RunResult run(Lesson lesson, String variant, String mode, boolean gil, RunStatus status,
                                 Map<String, Long> shared) {
        var defaults = lesson.resolve(variant).run(); // the lesson's own settings, which its question assumes
        return run(lesson, variant, mode, gil, status, shared, defaults.workers(), Math.min(defaults.workers(), defaults.poolSize()));
    }

    /** A run of {@code workers} workers; in a pool mode, on {@code poolThreads} pool threads. */
    private static RunResult run(Lesson lesson, String variant, String mode, boolean gil, RunStatus status,
                                 Map<String, Long> shared, int workers, int poolThreads) {
        Map<String, Long> params = Map.of("n", 100_000L, "workers", (long) workers);
        List<RunResult.LaneSummary> lanes = new java.util.ArrayList<>();
        for (int i = 0; i < workers; i++) {
            boolean pool = mode.endsWith("pool");
            lanes.add(new RunResult.LaneSummary("adder-" + (i + 1), pool ? "pool-thread" : "platform-thread", 1,
                    pool ? "pool-thread-" + (i % poolThreads + 1) : "adder-" + (i + 1), pool ? 100 + i % poolThreads : 100 + i,
                    1_000_000L, Map.of(), org.threadlab.trace.WorkerState.DONE));
        }
        return new RunResult(lesson.id(), variant, mode, gil, 0, workers, params, status, List.of(), 1_234_000_000L, shared,
                status == RunStatus.COMPLETED ? Grade.ACCEPTABLE : Grade.NOT_GRADED, "graded text", lanes, null,
                List.of());
    }

    @Test
    void aRunWithOtherWorkersOrAnotherPoolDoesNotAnswerTheQuestion() {
        PredictionFeedback four = PredictionFeedback.of(COUNTER, run(COUNTER, "no-lock", "threads", false,
                RunStatus.COMPLETED, Map.of("counter", 250_000L), 4, 4), Optional.of(RIGHT));
        assertFalse(four.answersQuestion(), "the question assumes the lesson's 2 workers");
        assertTrue(four.summary().contains("this run had 4 workers instead of 2, so it does not answer it"), four.summary());
        PredictionFeedback onePoolThread = PredictionFeedback.of(COUNTER, run(COUNTER, "no-lock", "thread-pool", false,
                RunStatus.COMPLETED, Map.of("counter", 200_000L), 2, 1), Optional.of(RIGHT));
        assertFalse(onePoolThread.answersQuestion(), "one pool thread runs the adders one after another");
        assertTrue(onePoolThread.summary().contains("a pool of 1 instead of 2"), onePoolThread.summary());
        assertTrue(PredictionFeedback.of(COUNTER, run(COUNTER, "no-lock", "thread-pool", false, RunStatus.COMPLETED,
                Map.of("counter", 150_000L), 2, 2), Optional.of(RIGHT)).answersQuestion(), "the lesson's own pool of 2");
    }

    private static RunResult counter(String variant, String mode, long counter) {
        return run(COUNTER, variant, mode, false, RunStatus.COMPLETED, Map.of("counter", counter));
    }

    @Test
    void aLockRunDoesNotAnswerTheNoLockQuestionAndSaysSo() {
        PredictionFeedback f = PredictionFeedback.of(COUNTER, counter("lock", "threads", 200_000), Optional.of(RIGHT));
        assertFalse(f.answersQuestion());
        assertTrue(f.summary().startsWith("You predicted \u201cUsually less than 200,000, and different from run to run\u201d."
                + " The question was about \u201cNo lock\u201d on threads, virtual threads or a thread pool; this run used \u201cWith a lock\u201d"
                + " on threads, so it does not answer it."), f.summary());
        assertFalse(f.summary().contains("right"), "nothing is confirmed by a run of another variant: " + f.summary());
        assertFalse(f.summary().contains("falls short"), "the no-lock explanation is not given for a lock run: " + f.summary());
        assertTrue(f.observed().contains("Run \u201cNo lock\u201d on threads, virtual threads or a thread pool to check your guess."),
                f.observed());
    }

    @Test
    void aNoLockRunOnThreadsThatLostUpdatesConfirmsTheRightGuess() {
        PredictionFeedback f = PredictionFeedback.of(COUNTER, counter("no-lock", "threads", 137_518), Optional.of(RIGHT));
        assertTrue(f.answersQuestion());
        assertTrue(f.summary().startsWith("Your prediction \u201cUsually less than 200,000, and different from run to run\u201d"
                + " was right. This run (\u201cNo lock\u201d on threads): counter = 137,518, in 1.23 s of wall time. It shows what"
                + " the answer says."), f.summary());
        assertTrue(f.observed().startsWith("\u201cNo lock\u201d on threads: counter = 137,518"), f.observed());
    }

    @Test
    void aNoLockRunThatHappenedToBeExactSaysItDidNotShowTheAnswerThisTime() {
        PredictionFeedback f = PredictionFeedback.of(COUNTER, counter("no-lock", "virtual-threads", 200_000),
                Optional.of(WRONG));
        assertTrue(f.answersQuestion());
        assertTrue(f.summary().startsWith("You predicted \u201cAlways exactly 200,000\u201d; the answer is \u201cUsually less"
                + " than 200,000, and different from run to run\u201d. This run (\u201cNo lock\u201d on virtual threads): counter ="
                + " 200,000, in 1.23 s of wall time. It does not show what the answer says this time"), f.summary());
    }

    @Test
    void withoutAGuessTheAnswerIsGivenForTheQuestionItBelongsTo() {
        PredictionFeedback f = PredictionFeedback.of(COUNTER, counter("no-lock", "thread-pool", 150_000), Optional.empty());
        assertTrue(f.summary().startsWith("You made no prediction. The answer to the question about \u201cNo lock\u201d on threads,"
                + " virtual threads or a thread pool is \u201cUsually less"), f.summary());
    }

    @Test
    void aSequentialRunOfTheRightVariantIsAnotherModeAndSaysSo() {
        PredictionFeedback f = PredictionFeedback.of(COUNTER, counter("no-lock", "sequential", 200_000), Optional.empty());
        assertFalse(f.answersQuestion());
        assertTrue(f.summary().startsWith("The question was about \u201cNo lock\u201d on threads, virtual threads or a thread pool;"
                + " this run used \u201cNo lock\u201d, one worker after another (sequential), so it does not answer it."), f.summary());
        assertTrue(f.summary().endsWith("to see the answer."), f.summary());
    }

    @Test
    void aStoppedRunDoesNotAnswer() {
        PredictionFeedback f = PredictionFeedback.of(COUNTER, run(COUNTER, "no-lock", "threads", false,
                RunStatus.CANCELLED, Map.of("counter", 50_000L)), Optional.of(RIGHT));
        assertFalse(f.answersQuestion());
        assertTrue(f.summary().contains("was stopped before the end, so it does not answer the question"), f.summary());
    }

    @Test
    void aQuestionAboutTheGilIsAnsweredOnlyByARunWithIt() {
        Lesson compare = TestLessons.product("compare");
        PredictionFeedback without = PredictionFeedback.of(compare, run(compare, "cpu", "threads", false,
                RunStatus.COMPLETED, Map.of("finished", 2L)), Optional.empty());
        assertFalse(without.answersQuestion());
        assertTrue(without.summary().contains("The question was about \u201cCPU-bound\u201d on threads or child processes with the"
                + " simulated GIL; this run used \u201cCPU-bound\u201d on threads, so it does not answer it."), without.summary());
        PredictionFeedback with = PredictionFeedback.of(compare, run(compare, "cpu", "threads", true,
                RunStatus.COMPLETED, Map.of("finished", 2L)), Optional.empty());
        assertTrue(with.answersQuestion(), with.summary());
        assertTrue(with.summary().contains("This run (\u201cCPU-bound\u201d on threads with the simulated GIL): it took 1.23 s"
                + " of wall time (run sequential mode too, to compare)."), with.summary());
    }

    /** A question about time is answered with this run's time as a share of the last sequential run's. */
    @Test
    void aQuestionAboutTimeComparesTheRunWithTheLastSequentialRun() {
        Lesson squares = TestLessons.product("squares");
        Map<String, Long> sums = Map.of("result", 1L, "finished", 2L);
        RunResult threads = run(squares, "sum-of-squares", "threads", false, RunStatus.COMPLETED, sums);
        RunResult sequential = new RunResult("squares", "sum-of-squares", "sequential", false, 0, 2, Map.of(),
                RunStatus.COMPLETED, List.of(), 2_468_000_000L, sums, Grade.ACCEPTABLE, "", List.of(), null, List.of());
        PredictionFeedback f = PredictionFeedback.of(squares, threads, Optional.of(1), sequential);
        assertTrue(f.answersQuestion());
        assertTrue(f.observed().equals("\u201cSum of squares\u201d on threads: it took 1.23 s of wall time, 0.50 of the 2.47 s the"
                + " last sequential run took."), f.observed());
        RunResult otherVariant = new RunResult("squares", "square-and-quad", "sequential", false, 0, 2, Map.of(),
                RunStatus.COMPLETED, List.of(), 2_468_000_000L, sums, Grade.ACCEPTABLE, "", List.of(), null, List.of());
        assertTrue(PredictionFeedback.of(squares, threads, Optional.of(1), otherVariant).observed()
                .endsWith("(run sequential mode too, to compare)."), "only the same variant's sequential run is T");
    }

    @Test
    void aLessonWithoutSequentialModeIsNotToldToRunIt() {
        Lesson kill = TestLessons.product("kill");
        PredictionFeedback f = PredictionFeedback.of(kill, run(kill, "", "processes", false, RunStatus.COMPLETED,
                Map.of("ticked", 0L)), Optional.of(1));
        assertTrue(f.observed().equals("Child processes: it took 1.23 s of wall time."), f.observed());
    }

    @Test
    void aFailedRunThatIsTheQuestionsKindQuotesItsValues() {
        Lesson crash = TestLessons.product("crash");
        PredictionFeedback f = PredictionFeedback.of(crash, run(crash, "", "threads", false, RunStatus.FAILED,
                Map.of("finished", 2L)), Optional.of(1));
        assertTrue(f.answersQuestion());
        assertTrue(f.observed().equals("Threads: the run failed after 1.23 s, with finished = 2."), f.observed());
    }

    @Test
    void aLessonWithoutAQuestionHasNoFeedback() {
        Lesson noQuestion = new Lesson(COUNTER.source(), COUNTER.id(), COUNTER.title(), COUNTER.summary(),
                COUNTER.concepts(), COUNTER.level(), COUNTER.narration(), null, COUNTER.params(), COUNTER.shared(),
                COUNTER.workers(), COUNTER.main(), COUNTER.listings(), COUNTER.variants(), COUNTER.run(),
                COUNTER.outcomes(), COUNTER.stepping(), COUNTER.challenges());
        assertNull(PredictionFeedback.of(noQuestion, counter("no-lock", "threads", 1), Optional.empty()));
    }
}

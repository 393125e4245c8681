package org.threadlab.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Prediction;
import org.threadlab.lesson.Variant;

/**
 * What a finished run says about the lesson's prediction. A question is about one variant in
 * certain modes (see {@link Prediction}); only a run of that kind can confirm or refute the
 * learner's guess. Any other run is named for what it was, and the question stays open.
 *
 * @param answersQuestion whether this run is of the variant and mode the question asks about, and
 *                        ran far enough to say something
 * @param question        the variant and mode the question is about, e.g. "No lock on threads"
 * @param thisRun         the variant and mode that ran, e.g. "With a lock on threads"
 * @param observed        what this run showed, one or two sentences (for the lesson pane)
 * @param summary         the paragraph for the result: the guess, the answer (only when this run
 *                        answers the question), what this run showed, and the lesson's explanation
 */
public record PredictionFeedback(boolean answersQuestion, String question, String thisRun, String observed,
                                 String summary) {

    /**
     * The feedback on a run of {@code lesson} (as written, not resolved to a variant) for a guess
     * (a 0-based choice, or empty when the learner locked none in); null when the lesson asks no
     * question.
     */
    public static PredictionFeedback of(Lesson lesson, RunResult run, Optional<Integer> guess) {
        return of(lesson, run, guess, null);
    }

    /**
     * As {@link #of(Lesson, RunResult, Optional)}, and a question about time (one without
     * {@code shows}) compares this run's wall time with {@code lastSequential}, the last sequential
     * run of the same lesson, variant and worker count (null if there is none).
     */
    public static PredictionFeedback of(Lesson lesson, RunResult run, Optional<Integer> guess, RunResult lastSequential) {
        Prediction p = lesson == null ? null : lesson.prediction();
        if (p == null || run == null) {
            return null;
        }
        String question = questionAbout(lesson);
        String thisRun = describe(lesson, List.of(run.variant()), List.of(run.mode()), run.gil() ? Boolean.TRUE : null);
        boolean sameKind = (lesson.predictionVariants().isEmpty() || lesson.predictionVariants().contains(run.variant()))
                && lesson.predictionModes().contains(run.mode())
                && (p.gil() == null || p.gil() == run.gil());
        boolean ranEnough = run.status() != RunStatus.CANCELLED && run.status() != RunStatus.TIMED_OUT;
        String otherSettings = otherSettings(lesson, run);
        String quoted = quote(p.rightChoice());
        String guessed = guess.filter(g -> g >= 0 && g < p.choices().size()).map(g -> p.choices().get(g)).orElse(null);
        String explanation = p.explanation().strip().replace("`", "");

        if (!sameKind) {
            String about = "The question was about " + question + "; this run used " + thisRun
                    + ", so it does not answer it.";
            String next = " Run " + question + " to " + (guessed == null ? "see the answer." : "check your guess.");
            return new PredictionFeedback(false, question, thisRun, about + next,
                    (guessed == null ? "" : "You predicted " + quote(guessed) + ". ") + about + next);
        }
        if (otherSettings != null) {
            String about = "The question is about " + question + " with the lesson's own settings; this run had "
                    + otherSettings + ", so it does not answer it.";
            String next = " Run it with those to " + (guessed == null ? "see the answer." : "check your guess.");
            return new PredictionFeedback(false, question, thisRun, about + next,
                    (guessed == null ? "" : "You predicted " + quote(guessed) + ". ") + about + next);
        }
        if (!ranEnough) {
            String about = "This run of " + thisRun + " was " + (run.status() == RunStatus.CANCELLED ? "stopped"
                    : "stopped at its time limit") + " before the end, so it does not answer the question.";
            return new PredictionFeedback(false, question, thisRun, about + " Run it to the end to see.",
                    (guessed == null ? "" : "You predicted " + quote(guessed) + ". ") + about);
        }
        String shown = shows(p, run, lesson.run().modes().contains("sequential") ? lastSequential : null,
                lesson.run().modes().contains("sequential"));
        String observed = capitalize(thisRun) + ": " + shown;
        String verdict;
        if (guessed == null) {
            verdict = "You made no prediction. The answer to the question about " + question + " is " + quoted + ".";
        } else if (guess.get() == p.answer()) {
            verdict = "Your prediction " + quoted + " was right.";
        } else {
            verdict = "You predicted " + quote(guessed) + "; the answer is " + quoted + ".";
        }
        return new PredictionFeedback(true, question, thisRun, observed,
                verdict + " This run (" + thisRun + "): " + shown + " " + explanation);
    }

    /**
     * How this run's workers or pool differ from the lesson's defaults, which the question assumes
     * ("3 workers instead of 2", "a pool of 3 instead of 2"); null when they do not. A pool is known
     * by the threads or processes that took tasks: as many as the pool has, or as there were tasks.
     */
    private static String otherSettings(Lesson lesson, RunResult run) {
        var defaults = lesson.resolve(run.variant()).run();
        List<String> differ = new ArrayList<>();
        if (run.workers() != defaults.workers()) {
            differ.add(run.workers() + (run.workers() == 1 ? " worker" : " workers") + " instead of " + defaults.workers());
        }
        boolean pool = run.mode().equals("thread-pool") || run.mode().equals("process-pool");
        int expectedSlots = Math.min(defaults.poolSize(), defaults.workers());
        if (pool && differ.isEmpty() && run.status() == RunStatus.COMPLETED && run.poolSlots() != expectedSlots) {
            differ.add("a pool of " + run.poolSlots() + " instead of " + defaults.poolSize());
        }
        return differ.isEmpty() ? null : String.join(" and ", differ);
    }

    /**
     * "No lock on threads, virtual threads or a thread pool": the kind of run the lesson's
     * question is about, to show with the question before the run; empty without a question.
     */
    public static String questionAbout(Lesson lesson) {
        return lesson == null || lesson.prediction() == null ? ""
                : describe(lesson, lesson.predictionVariants(), lesson.predictionModes(), lesson.prediction().gil());
    }

    /**
     * What this run showed that bears on the question: with {@code shows}, whether the final state
     * shows the answer, with the values it looks at; without, the wall time (next to the last
     * sequential run's, if any); for a run that failed or deadlocked, its final values.
     */
    private static String shows(Prediction p, RunResult run, RunResult lastSequential, boolean canRunSequentially) {
        String time = seconds(run.wallNanos());
        List<String> names = new ArrayList<>();
        if (p.shows() != null) {
            for (String n : p.shows().names()) {
                if (run.shared().containsKey(n)) {
                    names.add(n);
                }
            }
        } else {
            names.addAll(run.shared().keySet());
        }
        String values = String.join(", ", names.stream().map(n -> n + " = "
                + String.format(Locale.ROOT, "%,d", run.shared().get(n))).toList());
        if (run.status() != RunStatus.COMPLETED) {
            return "the run " + run.status().label() + " after " + time + (values.isEmpty() ? "." : ", with " + values + ".");
        }
        if (p.shows() == null) { // one run's values cannot tell; what it measured is its time
            return "it took " + time + " of wall time" + (canRunSequentially ? sequential(run, lastSequential) : "") + ".";
        }
        String measured = (values.isEmpty() ? "" : values + ", ") + "in " + time + " of wall time.";
        Map<String, Long> state = new HashMap<>(run.params());
        state.putAll(run.shared());
        boolean holds = p.shows().eval(n -> state.getOrDefault(n, 0L)) != 0;
        return measured + (holds ? " It shows what the answer says."
                : " It does not show what the answer says this time: one run can miss it, so run it again.");
    }

    /** ", 0.52 of the last sequential run's 1.20 s", or nothing when there is no such run to compare with. */
    private static String sequential(RunResult run, RunResult last) {
        if (last == null || run.mode().equals("sequential") || !last.mode().equals("sequential")
                || !last.lesson().equals(run.lesson()) || !last.variant().equals(run.variant())
                || last.workers() != run.workers() || last.wallNanos() <= 0) {
            return run.mode().equals("sequential") ? "" : " (run sequential mode too, to compare)";
        }
        return String.format(Locale.ROOT, ", %.2f of the %s the last sequential run took",
                (double) run.wallNanos() / last.wallNanos(), seconds(last.wallNanos()));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /**
     * "“No lock” on threads", "threads with the simulated GIL", "“Sum”, one worker after another
     * (sequential)": variant titles are quoted, since some read like a mode ("Shared value, no lock").
     */
    static String describe(Lesson lesson, List<String> variants, List<String> modes, Boolean gil) {
        String title = either(variants.stream().map(v -> lesson.variant(v).map(Variant::title).orElse(""))
                .filter(t -> !t.isEmpty()).map(PredictionFeedback::quote).toList());
        String how = either(modes.stream().map(PredictionFeedback::mode).toList());
        if (Boolean.TRUE.equals(gil)) {
            how += " with the simulated GIL";
        } else if (Boolean.FALSE.equals(gil) && modes.contains("threads")) {
            how += " without the GIL";
        }
        return title.isEmpty() ? how : title + (modes.equals(List.of("sequential")) ? ", " : " on ") + how;
    }

    /** A mode as a sentence names it. */
    static String mode(String name) {
        return switch (name) {
            case "sequential" -> "one worker after another (sequential)";
            case "threads" -> "threads";
            case "virtual-threads" -> "virtual threads";
            case "thread-pool" -> "a thread pool";
            case "processes" -> "child processes";
            case "process-pool" -> "a process pool";
            default -> name;
        };
    }

    /** "a", "a or b", "a, b or c". */
    private static String either(List<String> items) {
        return items.isEmpty() ? "" : items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static String quote(String choice) {
        return "\u201c" + choice.strip() + "\u201d";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

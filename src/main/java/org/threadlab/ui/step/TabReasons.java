package org.threadlab.ui.step;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.Stories;
import org.threadlab.lesson.Lesson;

/**
 * Why Step through, Every interleaving or Real stress cannot apply to a lesson and variant, in one
 * sentence a learner understands, with a lesson where it does apply; empty when it applies. The
 * window shows the sentence in place of the tab's controls (see {@code MainWindow.showStepModes}).
 */
public final class TabReasons {
    /** Lessons whose race every one of the three tabs shows well, by their titles. */
    static final String RACE_LESSONS = "\u201CTwo threads, one counter\u201D, \u201CWhat a lock costs\u201D or"
            + " \u201CTwo locks, opposite orders\u201D";

    /** What step mode and exploration do with a lesson about processes: they play its threads mode. */
    static final String AS_THREADS = "This lesson runs as processes by default, but here its workers are threads of one"
            + " program sharing its memory, as in its threads mode; run it as processes to see what separate memories"
            + " change.";

    /** More lanes than this are too many to step by hand (and to name A to Z), or to explore. */
    static final int MOST_LANES = 26;

    private TabReasons() {}

    /** Whether the variant runs in a process mode by default. */
    static boolean processMode(Lesson lesson, String variant) {
        return lesson.resolve(variant).run().mode().startsWith("process");
    }

    /** Why step mode cannot show the lesson, or empty. */
    public static Optional<String> step(Lesson lesson, String variant) {
        return tooManyLanes(lesson, variant, "Step through", workers -> String.format(Locale.ROOT, "Step through lets"
                + " you move each worker by hand, one step at a time; this lesson starts %,d workers, far too many to move"
                + " by hand. Try it on %s.", workers, RACE_LESSONS));
    }

    /** Why exploring every interleaving cannot apply to the lesson, or empty. */
    public static Optional<String> explore(Lesson lesson, String variant) {
        return tooManyLanes(lesson, variant, "Every interleaving", workers -> String.format(Locale.ROOT, "Every"
                + " interleaving tries every order of the workers' steps; with %,d workers the orders are far too many to"
                + " try. Try it on %s.", workers, RACE_LESSONS));
    }

    /**
     * The step model's reasons, shared by step mode and exploration: the lesson's workers cannot be
     * built for it, or they are more lanes than {@link #MOST_LANES} ({@code why} words it for the tab).
     */
    private static Optional<String> tooManyLanes(Lesson lesson, String variant, String tab,
                                                 java.util.function.IntFunction<String> why) {
        StepModel model;
        try {
            model = Stories.model(lesson, variant);
        } catch (IllegalArgumentException e) {
            return Optional.of(tab + " cannot build this lesson's workers: " + e.getMessage());
        }
        return model.lanes().size() > MOST_LANES ? Optional.of(why.apply(workers(model))) : Optional.empty();
    }

    /** Why the stress cannot repeat the lesson, or empty: the plain-words form of {@code Stress.unsupported}. */
    public static Optional<String> stress(Lesson lesson, String variant) {
        CompiledLesson compiled;
        try {
            compiled = CompiledLesson.of(lesson, variant, null, lesson.steppingParams(variant));
        } catch (IllegalArgumentException e) {
            return Optional.of("Real stress cannot build this lesson's workers: " + e.getMessage());
        }
        String pointer = " To see a race repeated, open " + RACE_LESSONS + ".";
        if (processMode(lesson, variant)) {
            return Optional.of("Real stress repeats a race between threads of one program, millions of times; this"
                    + " lesson's work happens in child processes, so there is no such race to repeat." + pointer);
        }
        if (compiled.lanes().size() < 2) {
            return Optional.of("Real stress repeats a race between workers; this lesson has only one worker, so nothing"
                    + " races." + pointer);
        }
        if (!compiled.main().isEmpty()) {
            return Optional.of("Real stress repeats only the workers' race, millions of times; in this lesson the main"
                    + " thread takes part too (it starts, waits for or reads after its workers), and that cannot be"
                    + " repeated so." + pointer);
        }
        Set<String> doings = new LinkedHashSet<>();
        for (CompiledLesson.Lane lane : compiled.lanes()) {
            for (Op op : lane.program().ops()) {
                String doing = switch (op) {
                    case Op.Compute c -> "compute long results";
                    case Op.Sleep s -> "sleep";
                    case Op.Download d -> "wait for downloads";
                    case Op.Print p -> "print";
                    case Op.Acquire a -> "take permits of a semaphore";
                    case Op.Release r -> "take permits of a semaphore";
                    case Op.Put p -> "pass items through a queue";
                    case Op.Take t -> "pass items through a queue";
                    case Op.Wait w -> "wait on a condition";
                    case Op.Notify n -> "wait on a condition";
                    default -> null;
                };
                if (doing != null) {
                    doings.add(doing);
                }
            }
        }
        if (!doings.isEmpty()) {
            return Optional.of("Real stress repeats a short race on shared variables (read, add, write, lock) millions"
                    + " of times; this lesson's workers also " + and(doings) + ", which stress cannot repeat." + pointer);
        }
        return Optional.empty();
    }

    private static int workers(StepModel model) {
        return (int) model.lanes().stream().filter(l -> !l.main()).count();
    }

    private static String and(Set<String> items) {
        java.util.List<String> list = java.util.List.copyOf(items);
        return list.size() == 1 ? list.get(0)
                : String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }
}

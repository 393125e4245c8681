package org.threadlab.ui.course;

import java.util.List;
import java.util.Optional;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Variant;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * What the learner has done in one lesson, as the course path marks it.
 *
 * @param hasQuestion     whether the lesson asks a prediction question
 * @param prediction      the learner's answer: right, wrong, or empty while none
 * @param ran             whether a run of the lesson ended by itself
 * @param variantsTried   the lesson's variants that were run, in file order
 * @param variantsLeft    its variants not run yet, in file order
 * @param challengesWon   how many of its challenges were won
 * @param challengesLeft  its challenges not won yet, in file order
 */
public record LessonMarks(boolean hasQuestion, Optional<Boolean> prediction, boolean ran,
                          List<Variant> variantsTried, List<Variant> variantsLeft,
                          int challengesWon, List<CourseChallenges.Challenge> challengesLeft) {

    public LessonMarks {
        variantsTried = List.copyOf(variantsTried);
        variantsLeft = List.copyOf(variantsLeft);
        challengesLeft = List.copyOf(challengesLeft);
    }

    /** The marks of {@code lesson} in {@code store}, with the challenges the lesson declares. */
    public static LessonMarks of(Lesson lesson, CompletionStore store) {
        return of(lesson, store, CourseChallenges.of(lesson));
    }

    /** The marks of {@code lesson} in {@code store}, for a lesson with these challenges. */
    public static LessonMarks of(Lesson lesson, CompletionStore store, List<CourseChallenges.Challenge> challenges) {
        var run = store.variantsRun(lesson.id());
        List<Variant> tried = lesson.variants().stream().filter(v -> run.contains(v.name())).toList();
        List<Variant> left = lesson.variants().stream().filter(v -> !run.contains(v.name())).toList();
        var won = store.challengesWon(lesson.id());
        List<CourseChallenges.Challenge> notWon = challenges.stream().filter(c -> !won.contains(c.id())).toList();
        boolean ran = store.hasRun(lesson.id());
        if (lesson.variants().size() == 1 && ran) {
            // one way to run it: a run is the variant tried (also a tick kept from before variants were counted)
            tried = lesson.variants();
            left = List.of();
        }
        return new LessonMarks(lesson.prediction() != null, store.prediction(lesson.id()), ran, tried, left,
                challenges.size() - notWon.size(), notWon);
    }

    /** How many variants the lesson has: the count shows only when there are two or more to try. */
    public int variants() {
        return variantsTried.size() + variantsLeft.size();
    }

    public int challenges() {
        return challengesWon + challengesLeft.size();
    }

    /** Every step the path asks for is done: run, every variant tried, every challenge won (a guess is not required). */
    public boolean done() {
        return ran && variantsLeft.isEmpty() && challengesLeft.isEmpty();
    }

    /** Nothing done at all. */
    public boolean untouched() {
        return !ran && prediction.isEmpty() && variantsTried.isEmpty() && challengesWon == 0;
    }
}

package org.threadlab.ui.course;

import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Variant;

/**
 * The step the course path suggests next: open a lesson not run yet, try a variant not run yet, or
 * win a challenge not won yet. {@code number} is the lesson's place in the course, from 1.
 */
public sealed interface NextStep {
    Lesson lesson();

    int number();

    /** The sentence shown after a result and on the path, e.g. "Next: try “With a lock” in Two threads, one counter". */
    String sentence();

    /** A button's words, e.g. "Try “With a lock” in lesson 7". */
    String action();

    /** The first screen's button, e.g. "Continue with lesson 7: try “With a lock”". */
    String continueText();

    /** Whether the step is only to open its lesson (nothing in it done yet). */
    default boolean opensLesson() {
        return this instanceof OpenLesson;
    }

    /** A lesson not run yet: open it, lock in a guess if it asks one, run it. */
    record OpenLesson(Lesson lesson, int number) implements NextStep {
        @Override
        public String sentence() {
            return "Next: lesson " + number + ", " + quote(lesson.title())
                    + (lesson.prediction() != null ? ": lock in a guess, then run it" : ": run it and watch");
        }

        @Override
        public String action() {
            return "Lesson " + number + ": " + lesson.title();
        }

        @Override
        public String continueText() {
            return "Continue with lesson " + number + ": " + lesson.title();
        }
    }

    /** A variant of a lesson that has run, not tried yet. */
    record TryVariant(Lesson lesson, int number, Variant variant) implements NextStep {
        @Override
        public String sentence() {
            return "Next: try the variant " + quote(variant.title()) + " of lesson " + number + ", " + quote(lesson.title());
        }

        @Override
        public String action() {
            return "Try " + quote(variant.title()) + " in lesson " + number;
        }

        @Override
        public String continueText() {
            return "Continue with lesson " + number + ": try " + quote(variant.title());
        }
    }

    /** A challenge of a lesson not won yet: played in Step through. */
    record WinChallenge(Lesson lesson, int number, CourseChallenges.Challenge challenge) implements NextStep {
        @Override
        public String sentence() {
            return "Next: win the challenge " + quote(challenge.title()) + " of lesson " + number + ", "
                    + quote(lesson.title()) + ", in Step through";
        }

        @Override
        public String action() {
            return "Challenge " + quote(challenge.title()) + " in lesson " + number;
        }

        @Override
        public String continueText() {
            return "Continue with lesson " + number + ": the challenge " + quote(challenge.title());
        }
    }

    private static String quote(String s) {
        return "\u201C" + s + "\u201D";
    }
}

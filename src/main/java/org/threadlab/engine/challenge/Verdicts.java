package org.threadlab.engine.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonProblem;

/** Proves each challenge of a lesson winnable, or says why not, as problems at the challenge's place in the file. */
public final class Verdicts {
    private Verdicts() {}

    /** One challenge's search, or why it could not be searched. */
    public record Verdict(Challenge challenge, Solver.Solution solution, String error) {
        /** Whether a learner can win it within its budget. */
        public boolean winnable() {
            return solution != null && solution.verdict() == Solver.Verdict.WINNABLE && solution.moves() > 0;
        }

        /** Why it cannot be shipped, in a sentence; empty if it can. */
        public String problem() {
            if (error != null) {
                return "challenge '" + challenge.id() + "' cannot be played: " + error;
            }
            return switch (solution.verdict()) {
                case WINNABLE -> solution.moves() == 0 ? "challenge '" + challenge.id() + "' is won before any step:"
                        + " the goal " + goalText(challenge) + " already holds at the start" : "";
                case IMPOSSIBLE -> String.format(Locale.ROOT, "challenge '%s' cannot be won: no schedule of its"
                        + " %,d states reaches the goal %s", challenge.id(), solution.states(), goalText(challenge));
                case OVER_BUDGET -> "challenge '" + challenge.id() + "' cannot be won within its budget of "
                        + challenge.budget() + " steps: the shortest win takes " + solution.moves() + " (raise budget:)";
                case UNKNOWN -> "challenge '" + challenge.id() + "' could not be proved winnable: the search stopped at "
                        + solution.stop() + " without a win; make it smaller (fewer workers or smaller params)";
            };
        }
    }

    /** The goal as written, with when it is tested. */
    public static String goalText(Challenge c) {
        return c.goal().text() + (c.moment() == Challenge.Moment.AT_END ? " at the end" : " at some moment");
    }

    /** Searches one challenge. */
    public static Verdict of(Lesson lesson, Challenge challenge) {
        try {
            return new Verdict(challenge, Solver.solve(new Goal(challenge, Goal.model(lesson, challenge))), null);
        } catch (IllegalArgumentException e) {
            return new Verdict(challenge, null, e.getMessage());
        }
    }

    /** The problems of a lesson's challenges: those nobody can win within their budget. */
    public static List<LessonProblem> problems(Lesson lesson) {
        List<LessonProblem> out = new ArrayList<>();
        for (Challenge c : lesson.challenges()) {
            Verdict v = of(lesson, c);
            if (!v.winnable()) {
                out.add(new LessonProblem(c.pos(), v.problem()));
            }
        }
        return out;
    }
}

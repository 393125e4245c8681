package org.threadlab.engine.challenge;

import java.util.List;
import org.threadlab.engine.step.StepResult;
import org.threadlab.engine.step.StepSession;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;

/**
 * One game of a challenge: the learner picks the worker of every step and wins when the goal holds.
 * Undo is allowed and counted; the budget, if any, caps the steps on the board. Not thread-safe: one
 * view or command plays it.
 */
public final class ChallengeGame {
    /** Where the game stands. */
    public enum Status {
        /** The goal does not hold yet and a step can still be taken. */
        PLAYING,
        /** The goal holds. */
        WON,
        /** The budget is spent and the goal does not hold: undo, or start over. */
        OUT_OF_MOVES,
        /** No step can follow (all ended, or stuck) and the goal does not hold: undo, or start over. */
        LOST
    }

    private final Challenge challenge;
    private final Goal goal;
    private final StepSession session;
    private int moves;
    private int undos;
    private int hintsShown;
    private List<Integer> winningSchedule;

    public ChallengeGame(Lesson lesson, Challenge challenge) {
        this.challenge = challenge;
        this.goal = new Goal(challenge, Goal.model(lesson, challenge));
        this.session = new StepSession(goal.model());
    }

    public Challenge challenge() {
        return challenge;
    }

    public Goal goal() {
        return goal;
    }

    /** The stepped run on the board; step only through {@link #step}, {@link #undo} and {@link #restart}. */
    public StepSession session() {
        return session;
    }

    public Status status() {
        if (goal.holds(session.state())) {
            return Status.WON;
        }
        if (goal.over(session.state())) {
            return Status.LOST;
        }
        if (challenge.budget() > 0 && session.position() >= challenge.budget()) {
            return Status.OUT_OF_MOVES;
        }
        return Status.PLAYING;
    }

    /**
     * One step of a worker.
     *
     * @throws IllegalStateException    if the game is not being played (won, lost or out of moves)
     * @throws IllegalArgumentException if the worker cannot move now, saying why
     */
    public StepResult step(int lane) {
        Status s = status();
        if (s != Status.PLAYING) {
            throw new IllegalStateException("the game is over (" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + "); undo or start over");
        }
        StepResult r = session.step(lane);
        moves++;
        if (status() == Status.WON && winningSchedule == null) {
            winningSchedule = session.schedule();
        }
        return r;
    }

    /** Takes back the last step; false at the start. */
    public boolean undo() {
        boolean undone = session.undo();
        if (undone) {
            undos++;
        }
        return undone;
    }

    /** Back to the start; the moves and undos so far still count. */
    public void restart() {
        while (undo()) {
            // each step taken back counts as an undo
        }
    }

    /** Steps on the board now. */
    public int position() {
        return session.position();
    }

    /** Every step taken in this game, counting those taken back since. */
    public int moves() {
        return moves;
    }

    public int undos() {
        return undos;
    }

    /** Steps left in the budget, or -1 without a budget. */
    public int movesLeft() {
        return challenge.budget() == 0 ? -1 : Math.max(0, challenge.budget() - session.position());
    }

    /** The next hint, or null when all have been shown; each call shows one more. */
    public String nextHint() {
        return hintsShown < challenge.hints().size() ? challenge.hints().get(hintsShown++) : null;
    }

    /** The hints shown so far, in order. */
    public List<String> hintsShown() {
        return challenge.hints().subList(0, hintsShown);
    }

    /** The first winning schedule played in this game, or null before a win. */
    public List<Integer> winningSchedule() {
        return winningSchedule;
    }
}

package org.threadlab.engine.challenge;

import java.util.HashMap;
import java.util.Map;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.StepState;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * A challenge's goal over the states of its step model: the shared values, the params,
 * {@code deadlock} (no worker can move, not all have ended) and {@code inside} (how many workers
 * are about to do a step on one of the critical section's lines).
 */
public final class Goal {
    private final Challenge challenge;
    private final StepModel model;

    public Goal(Challenge challenge, StepModel model) {
        this.challenge = challenge;
        this.model = model;
    }

    /**
     * The step model a challenge is played on: its variant, its workers, the lesson's stepping params
     * with the challenge's own over them.
     *
     * @throws IllegalArgumentException if the lesson cannot be compiled so (the checker reports why first)
     */
    public static StepModel model(Lesson lesson, Challenge challenge) {
        Map<String, Long> params = params(lesson, challenge);
        Integer workers = challenge.workers() == 0 ? null : challenge.workers();
        return new StepModel(CompiledLesson.of(lesson, challenge.variant(), workers, params));
    }

    /** The params a challenge is played with: the lesson's stepping params, the challenge's own over them. */
    public static Map<String, Long> params(Lesson lesson, Challenge challenge) {
        Map<String, Long> params = new java.util.LinkedHashMap<>(lesson.steppingParams(challenge.variant()));
        params.putAll(challenge.params());
        return params;
    }

    public Challenge challenge() {
        return challenge;
    }

    public StepModel model() {
        return model;
    }

    /** Whether the goal holds in this state, at the moment the challenge tests it. */
    public boolean holds(StepState state) {
        if (challenge.moment() == Challenge.Moment.AT_END && !model.finished(state)) {
            return false;
        }
        Map<String, Long> names = new HashMap<>(model.compiled().params());
        names.putAll(model.shared(state));
        return challenge.goal().eval(name -> switch (name) {
            case Challenge.DEADLOCK -> deadlocked(state) ? 1 : 0;
            case Challenge.INSIDE -> inside(state);
            default -> names.getOrDefault(name, 0L);
        }) != 0;
    }

    /** No worker can move and not every worker has ended: stuck for good. */
    public boolean deadlocked(StepState state) {
        return model.movable(state).length == 0 && !model.finished(state);
    }

    /** How many workers are about to do a step on a line of the critical section. */
    public int inside(StepState state) {
        int n = 0;
        for (int lane = 0; lane < state.laneCount(); lane++) {
            StepInfo next = model.nextStep(state, lane);
            if (next != null && challenge.critical().contains(next.mark())) {
                n++;
            }
        }
        return n;
    }

    /** Whether no step can follow: every worker ended, or none can move. */
    public boolean over(StepState state) {
        return model.movable(state).length == 0;
    }
}

package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stepped run that a learner drives: pick a lane, it does one step; undo goes back any number of
 * steps, to the start if need be. Keeps one state per step (they share what did not change), so
 * undo is exact and costs nothing. Not thread-safe: one view or command drives it.
 */
public final class StepSession {
    private final StepModel model;
    private final List<StepState> states = new ArrayList<>();
    private final List<StepResult> results = new ArrayList<>();

    public StepSession(StepModel model) {
        this.model = model;
        states.add(model.initial());
    }

    public StepModel model() {
        return model;
    }

    /** The state now. */
    public StepState state() {
        return states.get(states.size() - 1);
    }

    /** How many steps have been taken. */
    public int position() {
        return results.size();
    }

    /** The lane chosen at each step so far: the schedule that leads here. */
    public List<Integer> schedule() {
        return results.stream().map(StepResult::lane).toList();
    }

    /** What each step so far did, in order. */
    public List<StepResult> history() {
        return List.copyOf(results);
    }

    /** The lost updates in the steps taken so far (see {@link LostUpdates}); undo takes them back too. */
    public LostUpdates lostUpdates() {
        return LostUpdates.of(results);
    }

    public int[] movable() {
        return model.movable(state());
    }

    public LaneStatus status(int lane) {
        return model.status(state(), lane);
    }

    public boolean finished() {
        return model.finished(state());
    }

    public Optional<Deadlock> deadlock() {
        return model.deadlock(state());
    }

    /**
     * One step of a lane.
     *
     * @throws IllegalArgumentException if the lane cannot move now, saying why
     */
    public StepResult step(int lane) {
        StepModel.Transition t = model.step(state(), lane);
        states.add(t.next());
        results.add(t.result());
        return t.result();
    }

    /** Takes back the last step; false if already at the start. */
    public boolean undo() {
        if (results.isEmpty()) {
            return false;
        }
        results.remove(results.size() - 1);
        states.remove(states.size() - 1);
        return true;
    }

    /** Takes back up to {@code steps} steps; returns how many were taken back. */
    public int undo(int steps) {
        int n = 0;
        while (n < steps && undo()) {
            n++;
        }
        return n;
    }

    /** Back to the start. */
    public void reset() {
        undo(results.size());
    }

    /**
     * Plays a schedule from the current state, one step per lane number.
     *
     * @throws IllegalArgumentException if a lane cannot move at its turn; the steps before it stay done
     */
    public List<StepResult> play(List<Integer> schedule) {
        List<StepResult> out = new ArrayList<>();
        for (int i = 0; i < schedule.size(); i++) {
            try {
                out.add(step(schedule.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step " + (position() + 1) + " of the schedule: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The schedule so far in readable form, e.g. {@code A.read A.add B.read}. */
    public String scheduleText() {
        return Schedules.format(model, results);
    }
}

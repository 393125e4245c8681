package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedules as text: each step written as its lane's label and the step kind, {@code A.read A.add
 * B.read ...}, the way a learner would tell another which worker moved when.
 */
public final class Schedules {
    private Schedules() {}

    /** The steps taken, as {@code A.read A.add ...}. */
    public static String format(StepModel model, List<StepResult> steps) {
        StringBuilder sb = new StringBuilder();
        for (StepResult r : steps) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(model.lanes().get(r.lane()).label()).append('.').append(r.kind());
        }
        return sb.toString();
    }

    /** A schedule of lane numbers played from the start and written as {@code A.read A.add ...}. */
    public static String describe(StepModel model, List<Integer> schedule) {
        StepSession session = new StepSession(model);
        session.play(schedule);
        return format(model, session.history());
    }

    /**
     * Reads a schedule written as lane labels or names, each optionally with the step kind it
     * expects: {@code A B B}, {@code A.read B.read A.add}. The kinds are checked when it is played
     * from the start.
     *
     * @throws IllegalArgumentException naming the first token that is not a lane, or whose kind
     *                                  does not match the step that lane would do
     */
    public static List<Integer> parse(StepModel model, String text) {
        List<Integer> out = new ArrayList<>();
        StepSession session = new StepSession(model);
        int index = 0;
        for (String token : text.trim().split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            index++;
            int dot = token.indexOf('.');
            String who = dot < 0 ? token : token.substring(0, dot);
            int lane = model.laneOf(who);
            if (lane < 0) {
                throw new IllegalArgumentException("step " + index + " '" + token + "': no lane '" + who + "'; lanes: "
                        + String.join(", ", model.lanes().stream().map(l -> l.label() + " (" + l.name() + ")").toList()));
            }
            String expected = dot < 0 ? null : token.substring(dot + 1);
            String next = model.nextKind(session.state(), lane);
            if (expected != null && !expected.equals(next)) {
                throw new IllegalArgumentException("step " + index + " '" + token + "': " + who + "'s next step is '"
                        + (next.isEmpty() ? "nothing (it has ended)" : next) + "', not '" + expected + "'");
            }
            try {
                session.step(lane);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step " + index + " '" + token + "': " + e.getMessage(), e);
            }
            out.add(lane);
        }
        return out;
    }
}

package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Stepping;

/**
 * Compiles a lesson for step mode (with its {@code stepping.params}) and checks guided stories
 * against it: every move must be a lane that can move at its turn.
 */
public final class Stories {
    private Stories() {}

    /** The lesson compiled as step mode shows it: its variant, its stepping params over its own. */
    public static StepModel model(Lesson lesson, String variant) {
        Map<String, Long> params = lesson.steppingParams(variant);
        return new StepModel(CompiledLesson.of(lesson, variant, null, params));
    }

    /**
     * A story's schedule as lane numbers.
     *
     * @throws IllegalArgumentException naming the story's file position and the first move that
     *                                  cannot be played, and why
     */
    public static List<Integer> schedule(StepModel model, Stepping.Story story) {
        List<Integer> out = new ArrayList<>();
        StepSession session = new StepSession(model);
        for (int i = 0; i < story.beats().size(); i++) {
            Stepping.Beat beat = story.beats().get(i);
            try {
                out.add(step(model, session, beat.move()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(beat.pos() + ": story '" + story.title() + "' step " + (i + 1) + " '"
                        + beat.move() + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static int step(StepModel model, StepSession session, String move) {
        int dot = move.indexOf('.');
        String who = dot < 0 ? move : move.substring(0, dot);
        int lane = model.laneOf(who);
        if (lane < 0) {
            throw new IllegalArgumentException("no lane '" + who + "'; lanes: "
                    + String.join(", ", model.lanes().stream().map(l -> l.label() + " (" + l.name() + ")").toList()));
        }
        String next = model.nextKind(session.state(), lane);
        if (dot >= 0 && !move.substring(dot + 1).equals(next)) {
            throw new IllegalArgumentException(who + "'s next step is '" + (next.isEmpty() ? "nothing (it has ended)" : next)
                    + "', not '" + move.substring(dot + 1) + "'");
        }
        session.step(lane);
        return lane;
    }
}

package org.threadlab.ui.course;

import java.util.List;
import org.threadlab.lesson.Lesson;

/**
 * A lesson's challenges as the course path counts them: the learner wins each in Step through by
 * playing the scheduler. Lessons declare them in their file ({@code challenges}); every count and
 * next step on the path follows from this one method.
 */
public final class CourseChallenges {
    private CourseChallenges() {}

    /** One challenge: its id (what the progress store keeps) and its title (what the path shows). */
    public record Challenge(String id, String title) {}

    /** The lesson's challenges in file order. */
    public static List<Challenge> of(Lesson lesson) {
        return lesson.challenges().stream().map(c -> new Challenge(c.id(), c.title())).toList();
    }
}

package org.threadlab.ui.course;

import java.util.List;

/**
 * One idea of the curriculum, as the course path shows it: its number in the curriculum, a short
 * title, one sentence on what the learner will see, and which lessons teach it: by id, and for a
 * lesson not named here (a new one) by the first of its concepts that the idea lists.
 */
public record CourseIdea(int number, String title, String gist, List<String> lessonIds, List<String> concepts) {
    public CourseIdea {
        lessonIds = List.copyOf(lessonIds);
        concepts = List.copyOf(concepts);
    }

    /** The heading of a lesson that belongs to no idea: it still has a place on the path. */
    public static final CourseIdea MORE = new CourseIdea(0, "More lessons",
            "Lessons that add to the ideas above.", List.of(), List.of());
}

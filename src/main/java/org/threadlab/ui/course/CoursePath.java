package org.threadlab.ui.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.threadlab.lesson.Lesson;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * The course as a path: the lessons in course order ({@code lessons/course.txt}), under the
 * curriculum's ideas they teach. Consecutive lessons of the same idea share one section; an idea
 * the course comes back to later gets a second section, marked as continued, so that the path
 * never leaves the course's order. It also says what to do next: the first step not done, in that
 * order (no JavaFX here, so the rules are tested without a window).
 */
public final class CoursePath {

    /** One idea's stretch of the path: its lessons in course order. */
    public record Section(CourseIdea idea, boolean continued, List<Lesson> lessons) {
        public Section {
            lessons = List.copyOf(lessons);
        }
    }

    private final List<Lesson> lessons;
    private final List<Section> sections;
    private final Function<Lesson, List<CourseChallenges.Challenge>> challenges;

    private CoursePath(List<Lesson> lessons, List<Section> sections,
                       Function<Lesson, List<CourseChallenges.Challenge>> challenges) {
        this.lessons = List.copyOf(lessons);
        this.sections = List.copyOf(sections);
        this.challenges = challenges;
    }

    /** The path through these lessons, given in course order, with the challenges they declare. */
    public static CoursePath of(List<Lesson> courseOrder) {
        return of(courseOrder, CourseChallenges::of);
    }

    /** The path through these lessons, given in course order, each with the challenges {@code challenges} gives it. */
    public static CoursePath of(List<Lesson> courseOrder, Function<Lesson, List<CourseChallenges.Challenge>> challenges) {
        List<Section> sections = new ArrayList<>();
        CourseIdea current = null;
        List<Lesson> stretch = new ArrayList<>();
        for (Lesson lesson : courseOrder) {
            CourseIdea idea = CourseIdeas.of(lesson);
            if (idea != current && current != null) {
                sections.add(new Section(current, false, stretch));
                stretch = new ArrayList<>();
            }
            current = idea;
            stretch.add(lesson);
        }
        if (current != null) {
            sections.add(new Section(current, false, stretch));
        }
        return new CoursePath(courseOrder, markContinued(sections), challenges);
    }

    /** A section whose idea had a section before it is a continuation. */
    private static List<Section> markContinued(List<Section> sections) {
        List<Section> marked = new ArrayList<>();
        List<CourseIdea> before = new ArrayList<>();
        for (Section s : sections) {
            marked.add(new Section(s.idea(), before.contains(s.idea()), s.lessons()));
            before.add(s.idea());
        }
        return marked;
    }

    /** Every lesson, in course order. */
    public List<Lesson> lessons() {
        return lessons;
    }

    public List<Section> sections() {
        return sections;
    }

    /** The lesson's place in the course, from 1; 0 if it is not on the path. */
    public int number(Lesson lesson) {
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).id().equals(lesson.id())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The lesson's challenges. */
    public List<CourseChallenges.Challenge> challenges(Lesson lesson) {
        return challenges.apply(lesson);
    }

    /** What the learner has done in the lesson. */
    public LessonMarks marks(Lesson lesson, CompletionStore store) {
        return LessonMarks.of(lesson, store, challenges(lesson));
    }

    /** How many lessons have every step done. */
    public long lessonsDone(CompletionStore store) {
        return lessons.stream().filter(l -> marks(l, store).done()).count();
    }

    /** The first step not done, from the start of the course; empty when the whole course is done. */
    public Optional<NextStep> nextStep(CompletionStore store) {
        for (Lesson lesson : lessons) {
            Optional<NextStep> step = stepIn(lesson, store);
            if (step.isPresent()) {
                return step;
            }
        }
        return Optional.empty();
    }

    /**
     * What to do after a result in {@code current}: the next step of that lesson if it has one left,
     * else the first step not done after it in the course, else the first one left before it
     * (a learner who skipped ahead is sent back to what they skipped); empty when all is done.
     */
    public Optional<NextStep> nextStepAfter(Lesson current, CompletionStore store) {
        int at = number(current) - 1;
        if (at < 0) {
            return nextStep(store);
        }
        for (int k = 0; k < lessons.size(); k++) {
            Optional<NextStep> step = stepIn(lessons.get((at + k) % lessons.size()), store);
            if (step.isPresent()) {
                return step;
            }
        }
        return Optional.empty();
    }

    /** The lesson's first step not done: run it, then each variant not tried, then each challenge not won. */
    public Optional<NextStep> stepIn(Lesson lesson, CompletionStore store) {
        LessonMarks marks = marks(lesson, store);
        int number = number(lesson);
        if (!marks.ran()) {
            return Optional.of(new NextStep.OpenLesson(lesson, number));
        }
        if (!marks.variantsLeft().isEmpty()) {
            return Optional.of(new NextStep.TryVariant(lesson, number, marks.variantsLeft().get(0)));
        }
        if (!marks.challengesLeft().isEmpty()) {
            return Optional.of(new NextStep.WinChallenge(lesson, number, marks.challengesLeft().get(0)));
        }
        return Optional.empty();
    }
}

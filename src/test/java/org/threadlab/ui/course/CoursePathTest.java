package org.threadlab.ui.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.Variant;
import org.threadlab.ui.lesson.CompletionStore;

/** The path through the shipped lessons: its sections, the marks per lesson, and the next step it suggests. */
class CoursePathTest {
    private static final List<Lesson> COURSE = LessonLibrary.standard().loadAll().inCourseOrder();
    private final CompletionStore store = CompletionStore.inMemory();

    private static Lesson lesson(String id) {
        return COURSE.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    /** Every variant of a lesson run (or the lesson itself, if it has none). */
    private void runAll(Lesson l) {
        if (l.variants().isEmpty()) {
            store.recordRun(l.id(), "");
        }
        l.variants().forEach(v -> store.recordRun(l.id(), v.name()));
        l.challenges().forEach(c -> store.challengeWon(l.id(), c.id()));
    }

    @Test
    void theSectionsKeepTheCourseOrderAndEveryShippedLessonHasAnIdea() {
        CoursePath path = CoursePath.of(COURSE);
        List<Lesson> walked = path.sections().stream().flatMap(s -> s.lessons().stream()).toList();
        assertEquals(COURSE, walked, "the path never leaves the course's order");
        for (Lesson l : COURSE) {
            assertNotEquals(CourseIdea.MORE, CourseIdeas.of(l), l.id() + " is under one of the curriculum's ideas");
        }
        List<CourseIdea> before = new ArrayList<>();
        for (int i = 0; i < path.sections().size(); i++) {
            CoursePath.Section s = path.sections().get(i);
            assertEquals(before.contains(s.idea()), s.continued(), "continued exactly when its idea came before: " + s.idea().title());
            if (i > 0) {
                assertNotEquals(path.sections().get(i - 1).idea(), s.idea(), "neighbouring lessons of one idea share a section");
            }
            before.add(s.idea());
        }
        assertEquals(CourseIdeas.ALL.get(0), path.sections().get(0).idea(), "the course starts with what a thread is");
        assertEquals(1, path.number(COURSE.get(0)));
        assertEquals(COURSE.size(), path.number(COURSE.get(COURSE.size() - 1)));
    }

    @Test
    void everyLessonAnIdeaNamesIsShippedAndTheIdeasAreInTheCurriculumsOrder() {
        Set<String> shipped = Set.copyOf(COURSE.stream().map(Lesson::id).toList());
        for (int i = 0; i < CourseIdeas.ALL.size(); i++) {
            CourseIdea idea = CourseIdeas.ALL.get(i);
            assertEquals(i + 1, idea.number());
            for (String id : idea.lessonIds()) {
                assertTrue(shipped.contains(id), idea.title() + " names " + id + ", which is no shipped lesson");
            }
        }
    }

    @Test
    void aLessonNoIdeaNamesIsPlacedByItsFirstConceptAnIdeaLists() {
        Lesson race = copy(lesson("shared-counter"), "check-then-act", List.of("banking", "race-condition", "deadlock"));
        assertEquals(6, CourseIdeas.of(race).number(), "the first concept an idea lists decides: race-condition");
        Lesson unknown = copy(lesson("shared-counter"), "quantum", List.of("qubits"));
        assertEquals(CourseIdea.MORE, CourseIdeas.of(unknown));
        List<Lesson> withNew = new ArrayList<>(COURSE);
        withNew.add(unknown);
        CoursePath path = CoursePath.of(withNew);
        CoursePath.Section last = path.sections().get(path.sections().size() - 1);
        assertEquals(CourseIdea.MORE, last.idea());
        assertEquals(List.of(unknown), last.lessons());
    }

    @Test
    void aNewLearnerStartsAtTheFirstLessonAndGoesOnWhenEachIsRunInEveryVariant() {
        CoursePath path = CoursePath.of(COURSE);
        Optional<NextStep> first = path.nextStep(store);
        assertEquals(new NextStep.OpenLesson(COURSE.get(0), 1), first.orElseThrow());
        assertTrue(first.get().sentence().contains(COURSE.get(0).title()), first.get().sentence());
        runAll(COURSE.get(0));
        assertEquals(new NextStep.OpenLesson(COURSE.get(1), 2), path.nextStep(store).orElseThrow());
        assertEquals(1, path.lessonsDone(store));
    }

    @Test
    void afterARunTheNextStepIsTheLessonsNextVariantInFileOrder() {
        CoursePath path = CoursePath.of(COURSE);
        Lesson counter = lesson("shared-counter");
        List<Variant> variants = counter.variants();
        assertTrue(variants.size() >= 3, "the counter lesson has several fixes to try");
        store.recordRun(counter.id(), variants.get(0).name());
        NextStep step = path.nextStepAfter(counter, store).orElseThrow();
        assertEquals(new NextStep.TryVariant(counter, path.number(counter), variants.get(1)), step);
        assertTrue(step.sentence().contains("\u201C" + variants.get(1).title() + "\u201D"), step.sentence());
        store.recordRun(counter.id(), variants.get(2).name()); // one skipped: it is the one suggested
        assertEquals(variants.get(1), ((NextStep.TryVariant) path.nextStepAfter(counter, store).orElseThrow()).variant());
        LessonMarks marks = path.marks(counter, store);
        assertEquals(2, marks.variantsTried().size());
        assertEquals(variants.size(), marks.variants());
        assertFalse(marks.done());
    }

    @Test
    void aLearnerWhoSkippedAheadGoesOnAfterTheLessonThenBackToWhatTheySkipped() {
        CoursePath path = CoursePath.of(COURSE);
        Lesson counter = lesson("shared-counter");
        int at = path.number(counter);
        runAll(counter);
        NextStep after = path.nextStepAfter(counter, store).orElseThrow();
        assertEquals(new NextStep.OpenLesson(COURSE.get(at), at + 1), after, "the lesson after it in the course");
        assertEquals(new NextStep.OpenLesson(COURSE.get(0), 1), path.nextStep(store).orElseThrow(),
                "from the start, the first lesson is still to do");
        for (Lesson l : COURSE.subList(at - 1, COURSE.size())) {
            runAll(l);
        }
        assertEquals(new NextStep.OpenLesson(COURSE.get(0), 1), path.nextStepAfter(COURSE.get(COURSE.size() - 1), store)
                .orElseThrow(), "after the last lesson, back to the first one left");
        COURSE.forEach(this::runAll);
        assertEquals(Optional.empty(), path.nextStep(store), "the whole course is done");
        assertEquals(Optional.empty(), path.nextStepAfter(counter, store));
        assertEquals(COURSE.size(), path.lessonsDone(store));
    }

    @Test
    void challengesComeAfterTheVariantsAndALessonIsDoneWhenAllAreWon() {
        Lesson counter = lesson("shared-counter");
        List<CourseChallenges.Challenge> two = List.of(new CourseChallenges.Challenge("end-at-one", "Make it end at 1"),
                new CourseChallenges.Challenge("both-inside", "Both inside at once"));
        CoursePath path = CoursePath.of(COURSE, l -> l == counter ? two : List.of());
        runAll(counter);
        assertEquals(new NextStep.WinChallenge(counter, path.number(counter), two.get(0)),
                path.nextStepAfter(counter, store).orElseThrow());
        store.challengeWon(counter.id(), "end-at-one");
        NextStep second = path.nextStepAfter(counter, store).orElseThrow();
        assertEquals(new NextStep.WinChallenge(counter, path.number(counter), two.get(1)), second);
        assertTrue(second.sentence().contains("Both inside at once"), second.sentence());
        assertEquals(1, path.marks(counter, store).challengesWon());
        assertEquals(2, path.marks(counter, store).challenges());
        store.challengeWon(counter.id(), "both-inside");
        assertTrue(path.marks(counter, store).done());
        assertInstanceOf(NextStep.OpenLesson.class, path.nextStepAfter(counter, store).orElseThrow());
        assertEquals(counter.challenges().size(), CoursePath.of(COURSE).marks(counter, store).challenges(),
                "the shipped lesson's own challenges reach the path");
        assertTrue(counter.challenges().size() > 0);
    }

    @Test
    void marksSayWhatWasDone() {
        CoursePath path = CoursePath.of(COURSE);
        Lesson counter = lesson("shared-counter");
        LessonMarks none = path.marks(counter, store);
        assertTrue(none.untouched());
        assertEquals(counter.prediction() != null, none.hasQuestion());
        assertEquals(Optional.empty(), none.prediction());
        store.recordPrediction(counter.id(), false);
        assertEquals(Optional.of(false), path.marks(counter, store).prediction());
        assertFalse(path.marks(counter, store).ran());
        assertFalse(path.marks(counter, store).untouched());

        // a tick from before runs were recorded: a lesson with one way to run is done, one of several variants has them to try
        Lesson single = COURSE.stream().filter(l -> l.variants().size() <= 1).findFirst().orElseThrow();
        store.markCompleted(single.id());
        assertTrue(path.marks(single, store).done(), single.id());
        store.markCompleted(counter.id());
        LessonMarks ticked = path.marks(counter, store);
        assertTrue(ticked.ran());
        assertEquals(0, ticked.variantsTried().size());
        assertFalse(ticked.done());
    }

    /** The lesson with another id and other concepts, as a new lesson file would give. */
    private static Lesson copy(Lesson l, String id, List<String> concepts) {
        return new Lesson(l.source(), id, l.title(), l.summary(), concepts, l.level(), l.narration(), l.prediction(),
                Map.copyOf(l.params()), l.shared(), l.workers(), l.main(), l.listings(), l.variants(), l.run(),
                l.outcomes(), l.stepping(), l.challenges());
    }
}

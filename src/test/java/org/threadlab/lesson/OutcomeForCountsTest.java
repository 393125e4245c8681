package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An outcome's text beside a count of many trials or schedules drops what points at one run's console,
 * timeline or wall time, and keeps what the outcome means.
 */
class OutcomeForCountsTest {
    @Test
    void aSentenceSendingTheReaderToTheWallTimeOrTheConsoleIsDropped() {
        assertEquals("Every increment arrived, as the lock guarantees.", Outcome.forCounts("""
                Every increment arrived, as the lock guarantees. Compare the wall time with the other
                variants to see what taking the lock costs."""));
        assertEquals("Never overdrawn. Each customer held the lock.",
                Outcome.forCounts("Never overdrawn. The console says who was paid. Each customer held the lock."));
        assertEquals("Anything stored twice was built twice.", Outcome.forCounts("Anything stored twice (see the console) was built twice."));
        assertEquals("The sums add up.", Outcome.forCounts("The sums add up. Now compare the wall times: they differ."));
    }

    @Test
    void whatTheOutcomeMeansIsKept() {
        String lost = "Lost updates. Two workers read the same value, both added one, and the later write overwrote the"
                + " earlier. The shortfall is the number of increments lost.";
        assertEquals(lost, Outcome.forCounts(lost));
        // a statement about the timeline is what the outcome means there: kept
        String semaphore = "Every page arrived. With more than two workers, the timeline shows the others waiting.";
        assertEquals(semaphore, Outcome.forCounts(semaphore));
        // nothing but a pointer: the text as it is rather than nothing
        assertEquals("Compare the timeline with the other variant.", Outcome.forCounts("Compare the timeline with the other variant."));
    }

    @Test
    void noShippedOutcomeTextStillPointsAtTheConsoleOrWallTimeBesideACount() throws Exception {
        Pattern pointer = Pattern.compile("(?i)(compare the (wall time|timeline)|the console says|\\(see the console\\))");
        List<Lesson> lessons = LessonLibrary.standard().loadAll().lessons();
        assertFalse(lessons.isEmpty());
        int texts = 0;
        for (Lesson lesson : lessons) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                for (Outcome o : lesson.resolve(variant).outcomes()) {
                    String shown = Outcome.forCounts(o.text());
                    texts++;
                    assertFalse(pointer.matcher(shown).find(), () -> lesson.id() + "/" + variant + ": " + shown);
                }
            }
        }
        assertTrue(texts > 50, "the lessons' outcome texts were read: " + texts);
    }
}

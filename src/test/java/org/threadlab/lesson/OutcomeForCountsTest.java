package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An outcome's text beside a count of many trials or schedules keeps what the outcome is and stops
 * where the text turns to the reader of one run: its console, timeline, wall time, "run it again".
 */
class OutcomeForCountsTest {
    @Test
    void theTextStopsAtTheFirstSentenceWrittenForOneRunsReader() {
        assertEquals("Every increment arrived, as the lock guarantees.", Outcome.forCounts("""
                Every increment arrived, as the lock guarantees. Compare the wall time with the other
                variants to see what taking the lock costs."""));
        assertEquals("Never overdrawn.", Outcome.forCounts("Never overdrawn. The console says who was paid. Each held the lock."));
        // what follows a pointer may lean on it ("they take about half as long"): it goes too
        assertEquals("The sums are exact.", Outcome.forCounts(
                "The sums are exact. Now compare the wall times: one after another they add up. Threads take about half as long."));
        assertEquals("No deadlock, this time.", Outcome.forCounts("No deadlock, this time. Run it again, or step through it."));
        assertEquals("Every page arrived. The semaphore let two in flight.", Outcome.forCounts(
                "Every page arrived. The semaphore let two in flight. With more workers, the timeline shows the others waiting."));
    }

    @Test
    void aPointerInBracketsGoesAndTheSentenceStays() {
        assertEquals("Someone starved: a philosopher got no portion at all.",
                Outcome.forCounts("Someone starved: a philosopher got no portion at all (see the counters)."));
    }

    @Test
    void whatTheOutcomeMeansIsKept() {
        String lost = "Lost updates. Two workers read the same value, both added one, and the later write overwrote the"
                + " earlier. The shortfall is the number of increments lost.";
        assertEquals(lost, Outcome.forCounts(lost));
        // the first sentence says what the outcome is: kept, whatever it mentions
        assertEquals("Run on threads, the workers share one counter and this run lost nothing.", Outcome.forCounts(
                "Run on threads, the workers share one counter and this run lost nothing. Run it as processes to see more."));
        // a sentence that ends inside a bracket still ends there
        assertEquals("It cannot go wrong. (One after another, it never can.)", Outcome.forCounts(
                "It cannot go wrong. (One after another, it never can.) Compare the timeline."));
        assertEquals("Every task ran: 1 + 4 + 9 + ... up to the last task. Queued tasks wait.", Outcome.forCounts(
                "Every task ran: 1 + 4 + 9 + ... up to the last task. Queued tasks wait."));
    }

    @Test
    void everyShippedOutcomeTextBesideACountHasNoPointerAtOneRunAfterItsFirstSentence() throws Exception {
        Pattern pointer = Pattern.compile("(?i)(\\brun it (again|as|a few)\\b|compare the|look at|the timeline|the console|the counters|in the result"
                + "|wall time|\\(see )");
        List<Lesson> lessons = LessonLibrary.standard().loadAll().lessons();
        int texts = 0;
        for (Lesson lesson : lessons) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                for (Outcome o : lesson.resolve(variant).outcomes()) {
                    String shown = Outcome.forCounts(o.text());
                    String first = shown.split("(?<=[.!?]) ", 2)[0];
                    String rest = shown.substring(first.length());
                    texts++;
                    assertFalse(pointer.matcher(rest).find(), () -> lesson.id() + "/" + variant + ": " + shown);
                    assertFalse(shown.contains("(see "), () -> lesson.id() + "/" + variant + ": " + shown);
                    assertTrue(shown.length() >= 10, () -> lesson.id() + "/" + variant + ": " + shown);
                }
            }
        }
        assertTrue(texts > 50, "the lessons' outcome texts were read: " + texts);
    }
}

package org.threadlab.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;

/** Step mode names a lost update at the write that causes it, and counts each lost update once. */
class LostUpdatesTest {

    private static StepModel threeWorkers(long n) {
        try {
            return new StepModel(CompiledLesson.of(LessonLibrary.standard().find("shared-counter"), "no-lock", 3,
                    Map.of("n", n)));
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static StepSession play(StepModel m, String schedule) {
        StepSession s = new StepSession(m);
        s.play(Schedules.parse(m, schedule));
        return s;
    }

    @Test
    void bsWriteAfterAsWriteDestroysAsUpdateAndSaysSo() {
        StepModel m = StepModelTest.model("shared-counter", "no-lock", Map.of("n", 1L));
        StepSession s = play(m, "A.read B.read A.add A.write B.add");
        assertEquals(List.of(), s.lostUpdates().writes(), "nothing is lost before B writes");
        s.step(m.laneOf("B"));
        assertEquals(1L, s.state().shared(0), "two increments, counter = 1");
        List<LostUpdate> lost = s.lostUpdates().writes();
        assertEquals(1, lost.size(), lost::toString);
        LostUpdate l = lost.get(0);
        assertEquals(6, l.step());
        assertEquals(m.laneOf("B"), l.lane());
        assertEquals(List.of(new LostUpdate.Update(4, m.laneOf("A"), 1, false)), l.destroyed());
        assertEquals("B's write of 1 to counter destroyed A's update: B read 0 before A wrote 1", l.describe(m));
        assertEquals(1, s.lostUpdates().missing());
    }

    @Test
    void aSerialScheduleLosesNothing() {
        StepModel m = StepModelTest.model("shared-counter", "no-lock", Map.of("n", 2L));
        StepSession s = play(m, "A A A A A A B B B B B B");
        assertTrue(s.finished());
        assertEquals(4L, s.state().shared(0));
        assertEquals(List.of(), s.lostUpdates().writes());
    }

    @Test
    void theCountFollowsUndo() {
        StepModel m = StepModelTest.model("shared-counter", "no-lock", Map.of("n", 1L));
        StepSession s = play(m, "A.read B.read A.add A.write B.add B.write");
        assertEquals(1, s.lostUpdates().writes().size());
        s.undo();
        assertEquals(List.of(), s.lostUpdates().writes(), "the write that destroyed A's update is taken back");
        s.step(m.laneOf("B"));
        assertEquals(1, s.lostUpdates().writes().size(), "and done again");
        s.reset();
        assertEquals(List.of(), s.lostUpdates().writes());
    }

    @Test
    void anUpdateAlreadyDestroyedIsNotCountedAgain() {
        StepModel m = threeWorkers(1);
        StepSession s = play(m, "A.read B.read C.read A.add A.write C.add C.write B.add B.write");
        assertEquals(1L, s.state().shared(0), "three increments, counter = 1");
        List<LostUpdate> lost = s.lostUpdates().writes();
        assertEquals(2, lost.size(), "two of the three increments are gone: " + lost);
        assertEquals("C's write of 1 to counter destroyed A's update: C read 0 before A wrote 1", lost.get(0).describe(m));
        assertEquals("B's write of 1 to counter destroyed C's update: B read 0 before C wrote 1", lost.get(1).describe(m));
        assertEquals(2, s.lostUpdates().missing());
    }

    @Test
    void anUpdateComesBackWhenTheLaneThatSawItWritesOnTopOfItsDestroyer() {
        StepModel m = StepModelTest.model("shared-counter", "no-lock", Map.of("n", 2L));
        StepSession s = play(m, "B.read A.read A.add A.write A.read A.add B.add B.write A.write");
        assertEquals(2L, s.state().shared(0), "three increments, counter = 2");
        List<LostUpdate> lost = s.lostUpdates().writes();
        assertEquals("B's write of 1 to counter destroyed A's update: B read 0 before A wrote 1", lost.get(0).describe(m));
        assertEquals("A's write of 2 to counter destroyed B's update: A read 1 before B wrote 1", lost.get(1).describe(m));
        assertEquals(1, s.lostUpdates().missing(), "A's first update is back in A's write of 2: one is missing, not two");
    }

    @Test
    void oneWriteCanDestroySeveralUpdates() {
        StepModel m = StepModelTest.model("shared-counter", "no-lock", Map.of("n", 2L));
        StepSession s = play(m, "A.read B.read B.add B.write B.read B.add B.write A.add A.write");
        List<LostUpdate> lost = s.lostUpdates().writes();
        assertEquals(1, lost.size(), lost::toString);
        assertEquals("A's write of 1 to counter destroyed B's updates: A read 0 before B wrote 1 and B wrote 2",
                lost.get(0).describe(m));
        assertEquals(2, lost.get(0).destroyed().size());
    }

    @Test
    void atomicIncrementsNeverLoseAndALockLeavesNoGap() {
        for (String variant : List.of("atomic", "lock", "local-sums")) {
            StepModel m = StepModelTest.model("shared-counter", variant, Map.of("n", 3L));
            Random random = new Random(11);
            for (int round = 0; round < 200; round++) {
                StepSession s = randomRun(m, random);
                assertEquals(List.of(), s.lostUpdates().writes(), variant + ": " + s.scheduleText());
                assertEquals(6L, s.state().shared(0));
            }
        }
    }

    /**
     * Without a lock, every increment that is missing from the final counter is reported exactly
     * once, whatever the schedule: the count is the truth of the run, not a guess.
     */
    @Test
    void withoutALockTheLostCountIsWhatTheCounterIsShort() {
        StepModel m = threeWorkers(3);
        Random random = new Random(7);
        boolean sawALoss = false;
        for (int round = 0; round < 500; round++) {
            StepSession s = randomRun(m, random);
            long shortBy = 9 - s.state().shared(0);
            assertEquals(shortBy, s.lostUpdates().missing(), s.scheduleText());
            sawALoss |= shortBy > 0;
        }
        assertTrue(sawALoss, "500 random schedules lost no update at all");
    }

    @Test
    void eachVariableHasItsOwnHistoryAndAnAtomicUpdateCanBeDestroyedByAPlainWrite() throws LessonException {
        Lesson lesson = new LessonParser().parse(Path.of("lessons/mixed.yaml"), """
                id: mixed
                title: Mixed
                summary: A plain and an atomic increment.
                narration: One worker adds with a read, an add and a write; the other atomically.
                prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
                shared:
                  variables: {x: 0, y: 0}
                workers:
                  - name: plain
                    steps:
                      - increment: x
                      - increment: y
                  - name: atomic
                    steps:
                      - increment: x
                        atomic: true
                      - increment: y
                        atomic: true
                listings:
                  java: "x();"
                  python: "x()"
                outcomes:
                  - when: always
                    grade: acceptable
                    text: Done.
                """);
        StepModel m = new StepModel(CompiledLesson.of(lesson, "", null, Map.of()));
        StepSession s = play(m, "A.read B.increment A.add A.write A.read A.add A.write B.increment");
        assertEquals(1L, s.state().shared(0));
        assertEquals(2L, s.state().shared(1), "y: the atomic increment came after A's write; nothing lost");
        List<LostUpdate> lost = s.lostUpdates().writes();
        assertEquals(1, lost.size(), lost::toString);
        assertEquals("A's write of 1 to x destroyed B's update: A read 0 before B incremented it to 1", lost.get(0).describe(m));
        assertEquals(1, s.lostUpdates().missing());
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            StepSession r = randomRun(m, random);
            assertEquals(4 - r.state().shared(0) - r.state().shared(1), r.lostUpdates().missing(), r.scheduleText());
        }
    }

    @Test
    void onlyTheLocksAVariantTakesAreUsed() {
        assertEquals(List.of(), StepModelTest.model("shared-counter", "no-lock", Map.of("n", 1L)).usedLocks());
        assertEquals(List.of(), StepModelTest.model("shared-counter", "atomic", Map.of("n", 1L)).usedLocks());
        assertEquals(List.of(0), StepModelTest.model("shared-counter", "lock", Map.of("n", 1L)).usedLocks());
        assertEquals(List.of(0), StepModelTest.model("shared-counter", "local-sums", Map.of("n", 1L)).usedLocks());
        assertEquals(List.of(0, 1), StepModelTest.model("deadlock", "opposite-order", Map.of("n", 1L)).usedLocks());
        StepModel waits = StepModelTest.model("producer-consumer", "wait-notify", Map.of("n", 1L));
        assertEquals(List.of(waits.compiled().locks().indexOf("buffer-lock")), waits.usedLocks());
    }

    private static StepSession randomRun(StepModel m, Random random) {
        StepSession s = new StepSession(m);
        while (!s.finished()) {
            int[] movable = s.movable();
            s.step(movable[random.nextInt(movable.length)]);
        }
        return s;
    }
}

package org.threadlab.engine.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.Challenge;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;
import org.threadlab.lesson.LessonProblem;

/** The rules of a challenge: win, budget, undo, and the search that proves a challenge winnable or not. */
class ChallengeTest {
    /** A counter lesson with the challenges given (YAML list items), parsed as a file of its own. */
    static Lesson counter(String challenges) throws LessonException {
        String text = """
                id: tiny-counter
                title: Tiny counter
                summary: Two workers add to one counter.
                narration: Two workers add to one counter.
                prediction:
                  question: What is the total?
                  choices: [Four, Less]
                  answer: 2
                  explanation: Updates get lost.
                params:
                  n: 2
                shared:
                  variables:
                    counter: 0
                  locks: [counter-lock]
                workers:
                  - name: adder
                    copies: workers
                    steps:
                      - repeat: n
                        steps:
                          - increment: counter
                            mark: inc
                listings:
                  java: |
                    counter += 1; // [inc]
                  python: |
                    counter += 1  # [inc]
                outcomes:
                  - when: counter == workers * n
                    grade: acceptable
                    text: All there.
                  - when: always
                    grade: interesting
                    text: Some lost.
                variants:
                  no-lock:
                    title: No lock
                    description: The race.
                  lock:
                    title: Lock
                    description: With the lock.
                    workers:
                      - name: adder
                        copies: workers
                        steps:
                          - repeat: n
                            steps:
                              - with-lock: counter-lock
                                steps:
                                  - increment: counter
                                    mark: inc
                challenges:
                """ + challenges.stripIndent().indent(2);
        return new LessonParser().parse(Path.of("tiny-counter.yaml"), text);
    }

    private static Challenge only(Lesson l) {
        assertEquals(1, l.challenges().size());
        return l.challenges().get(0);
    }

    @Test
    void theLowestTotalOfTwoByTwoIsTwoAndItsShortestWinIsFound() throws Exception {
        Lesson l = counter("""
                - id: two
                  title: Two
                  task: End at 2.
                  goal: counter == 2
                  hints: [Read early, write late.]
                """);
        Verdicts.Verdict v = Verdicts.of(l, only(l));
        assertTrue(v.winnable(), v.problem());
        assertEquals(12, v.solution().moves(), "every increment is three steps: 2 x 2 x 3");
        assertEquals(2, v.solution().switches(), "A runs to its last write, B runs through, A writes");
        ChallengeGame game = new ChallengeGame(l, only(l));
        for (int lane : v.solution().schedule()) {
            assertEquals(ChallengeGame.Status.PLAYING, game.status());
            game.step(lane);
        }
        assertEquals(ChallengeGame.Status.WON, game.status());
        assertEquals(2L, game.session().model().shared(game.session().state()).get("counter"));
        assertEquals(v.solution().schedule(), game.winningSchedule());
    }

    @Test
    void aTotalOfOneIsProvedImpossibleAndCheckRefusesIt() throws Exception {
        Lesson l = counter("""
                - id: one
                  title: One
                  task: End at 1.
                  goal: counter == 1
                  hints: [Try.]
                """);
        Verdicts.Verdict v = Verdicts.of(l, only(l));
        assertEquals(Solver.Verdict.IMPOSSIBLE, v.solution().verdict());
        assertTrue(v.solution().states() > 10, "the whole state space was searched");
        List<LessonProblem> problems = Verdicts.problems(l);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).format().startsWith("tiny-counter.yaml:"), problems.get(0).format());
        assertTrue(problems.get(0).message().contains("cannot be won"), problems.get(0).message());
        // with a lock, no schedule loses an update: losing one is impossible too
        Lesson locked = counter("""
                - id: break-the-lock
                  title: Break the lock
                  task: Lose an update.
                  variant: lock
                  goal: counter < workers * n
                  hints: [Try.]
                """);
        assertEquals(Solver.Verdict.IMPOSSIBLE, Verdicts.of(locked, only(locked)).solution().verdict());
    }

    @Test
    void aBudgetBelowTheShortestWinIsRefusedAndSpentBudgetEndsTheGameUntilUndo() throws Exception {
        Lesson l = counter("""
                - id: two
                  title: Two
                  task: End at 2.
                  goal: counter == 2
                  budget: 11
                  hints: [Read early, write late.]
                """);
        Verdicts.Verdict v = Verdicts.of(l, only(l));
        assertEquals(Solver.Verdict.OVER_BUDGET, v.solution().verdict());
        assertTrue(v.problem().contains("budget of 11"), v.problem());

        ChallengeGame game = new ChallengeGame(l, only(l));
        for (int i = 0; i < 11; i++) {
            game.step(i < 6 ? 0 : 1);
        }
        assertEquals(ChallengeGame.Status.OUT_OF_MOVES, game.status());
        assertEquals(0, game.movesLeft());
        assertThrows(IllegalStateException.class, () -> game.step(1));
        assertTrue(game.undo());
        assertEquals(ChallengeGame.Status.PLAYING, game.status());
        assertEquals(1, game.movesLeft());
        assertEquals(11, game.moves(), "moves count every step played, also those taken back");
        assertEquals(1, game.undos());
    }

    @Test
    void aGameThatEndsWithoutTheGoalIsLostUntilUndone() throws Exception {
        Lesson l = counter("""
                - id: two
                  title: Two
                  task: End at 2.
                  goal: counter == 2
                  hints: [a, b]
                """);
        ChallengeGame game = new ChallengeGame(l, only(l));
        for (int i = 0; i < 12; i++) {
            game.step(i < 6 ? 0 : 1); // one worker after the other: nothing is lost, 4
        }
        assertEquals(ChallengeGame.Status.LOST, game.status());
        assertNull(game.winningSchedule());
        game.restart();
        assertEquals(0, game.position());
        assertEquals(12, game.undos());
        assertEquals(ChallengeGame.Status.PLAYING, game.status());
        assertEquals("a", game.nextHint());
        assertEquals("b", game.nextHint());
        assertNull(game.nextHint(), "two hints, then none");
        assertEquals(List.of("a", "b"), game.hintsShown());
    }

    @Test
    void anyMomentGoalsSeeTheWayThroughAndInsideCountsWorkersAtTheCriticalLines() throws Exception {
        Lesson l = counter("""
                - id: both-inside
                  title: Both inside
                  task: Get both workers to the increment while holding the lock.
                  variant: lock
                  goal: inside == 2
                  when: any-moment
                  critical: [inc]
                  hints: [Try.]
                - id: half-way
                  title: Half way
                  task: Make the counter 1 at some moment.
                  variant: no-lock
                  goal: counter == 1
                  when: any-moment
                  hints: [Try.]
                """);
        assertEquals(Solver.Verdict.IMPOSSIBLE, Verdicts.of(l, l.challenges().get(0)).solution().verdict(),
                "the lock lets one worker at a time reach the increment");
        Verdicts.Verdict half = Verdicts.of(l, l.challenges().get(1));
        assertTrue(half.winnable());
        assertEquals(3, half.solution().moves(), "read, add, write of one worker");
        assertEquals(0, half.solution().switches());
    }

    @Test
    void aGoalThatHoldsBeforeAnyStepIsRefused() throws Exception {
        Lesson l = counter("""
                - id: free
                  title: Free
                  task: Both at the increment.
                  variant: no-lock
                  goal: inside == 2
                  when: any-moment
                  critical: [inc]
                  hints: [Nothing to do.]
                """);
        Verdicts.Verdict v = Verdicts.of(l, only(l));
        assertFalse(v.winnable());
        assertTrue(v.problem().contains("won before any step"), v.problem());
    }

    @Test
    void aDeadlockGoalIsWonWhenNobodyCanMove() throws Exception {
        Lesson deadlock = LessonLibrary.standard().find("deadlock");
        Challenge c = deadlock.challenges().stream().filter(x -> x.goal().names().contains(Challenge.DEADLOCK))
                .findFirst().orElseThrow(() -> new AssertionError("the deadlock lesson has a deadlock challenge"));
        Verdicts.Verdict v = Verdicts.of(deadlock, c);
        assertTrue(v.winnable(), v.problem());
        ChallengeGame game = new ChallengeGame(deadlock, c);
        game.session().play(v.solution().schedule());
        assertTrue(game.goal().deadlocked(game.session().state()));
        assertEquals(ChallengeGame.Status.WON, game.status());
    }

    @Test
    void everyShippedChallengeCanBeWonAndTheLessonsHaveAtLeastTwelve() throws Exception {
        LessonLibrary.Loaded all = LessonLibrary.standard().loadAll();
        assertTrue(all.problems().isEmpty(), () -> all.problems().toString());
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Lesson l : all.lessons()) {
            for (LessonProblem p : Verdicts.problems(l)) {
                problems.add(p.format());
            }
            count += l.challenges().size();
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertTrue(count >= 12, "at least 12 challenges across the lessons; found " + count);
    }

    @Test
    void badChallengesAreRefusedWithFileLineAndColumn() {
        LessonException e = assertThrows(LessonException.class, () -> counter("""
                - id: a
                  title: A
                  task: Something.
                  goal: countr == 2
                  when: sometimes
                  hints: [x]
                - id: b
                  title: B
                  task: Something.
                  goal: inside == 2
                  variant: nope
                  hints: [x]
                - id: c
                  title: C
                  task: Something.
                  goal: inside == 2
                  critical: [missing]
                - id: c
                  title: C again
                  task: Something.
                  goal: counter == 2
                  workers: 99
                  hints: [x]
                """));
        String all = String.join("\n", e.problems().stream().map(LessonProblem::format).toList());
        assertTrue(all.contains("unknown moment 'sometimes'"), all);
        assertTrue(all.contains("no variant 'nope'"), all);
        assertTrue(all.contains("critical line 'missing' is not a mark"), all);
        assertTrue(all.contains("at least one hint"), all);
        assertTrue(all.contains("two challenges are called 'c'"), all);
        assertTrue(all.contains("runs with 1 to 16 workers, not 99"), all);
        for (LessonProblem p : e.problems()) {
            assertTrue(p.pos().line() > 1 && p.pos().column() >= 1, p.format());
        }
    }

    @Test
    void aGoalNamingNeitherVariableNorParamIsRefused() {
        LessonException e = assertThrows(LessonException.class, () -> counter("""
                - id: a
                  title: A
                  task: Something.
                  goal: countr == 2
                  hints: [x]
                """));
        String all = String.join("\n", e.problems().stream().map(LessonProblem::format).toList());
        assertTrue(all.contains("'countr'") && all.contains("did you mean 'counter'"), all);
        assertFalse(all.contains("inside"), "no word about inside without critical lines: " + all);
    }
}

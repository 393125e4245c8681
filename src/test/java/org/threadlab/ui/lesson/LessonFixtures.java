package org.threadlab.ui.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;

/**
 * Small lesson files written by the tests themselves, so that the views are tested against
 * known content rather than the shipped lessons, which change as the course grows.
 */
final class LessonFixtures {
    private LessonFixtures() {}

    /** Two variants with different listings; markers {@code loop}, {@code inc} and (lock only) {@code lock}. */
    static final String COUNTER = """
            id: counter
            title: Two threads, one counter
            summary: Two workers add to one counter and updates get lost.
            level: beginner
            concepts: [shared-memory, race-condition, lock]
            narration: |
              `counter += 1` is **three** steps:

              1. read
              2. add
              3. write
            prediction:
              question: What is the final value?
              choices: [Always 200, Usually less than 200, Always n_half = 100]
              answer: 2
              explanation: Updates get *lost*.
            params: {n: 100}
            shared: {variables: {counter: 0}, locks: [l]}
            workers:
              - name: adder
                copies: workers
                steps:
                  - repeat: n
                    mark: loop
                    steps:
                      - increment: counter
                        mark: inc
            listings:
              java: |
                class Counter {
                    static int counter = 0;
                    static void add() {
                        for (int i = 0; i < 100; i++) { // [loop]
                            counter += 1;               // [inc]
                        }
                    }
                }
              python: |
                counter = 0

                def add():
                    global counter
                    for _ in range(100):  # [loop]
                        counter += 1      # [inc]
            variants:
              no-lock:
                title: No lock
                description: The race.
              lock:
                title: with_lock
                description: One worker at a time.
                workers:
                  - name: adder
                    copies: workers
                    steps:
                      - repeat: n
                        mark: loop
                        steps:
                          - with-lock: l
                            mark: lock
                            steps:
                              - increment: counter
                                mark: inc
                listings:
                  java: |
                    class Counter {
                        static int counter = 0;
                        static final Object lock = new Object();
                        static void add() {
                            for (int i = 0; i < 100; i++) { // [loop]
                                synchronized (lock) {       // [lock]
                                    counter += 1;           // [inc]
                                }
                            }
                        }
                    }
                  python: |
                    import threading
                    counter = 0
                    lock = threading.Lock()

                    def add():
                        global counter
                        for _ in range(100):  # [loop]
                            with lock:        # [lock]
                                counter += 1  # [inc]
            run: {workers: 2}
            outcomes:
              - {when: counter == workers * n, grade: acceptable, text: all there}
              - {when: always, grade: interesting, text: lost updates}
            """;

    static String simple(String id, String title, String level, String concepts, String summary) {
        return """
                id: %s
                title: %s
                summary: %s
                level: %s
                concepts: %s
                narration: Used by tests.
                prediction: {question: q, choices: [a, b], answer: 1, explanation: e}
                listings: {java: "// test", python: "# test"}
                shared: {variables: {done: 0}}
                workers:
                  - name: w
                    steps:
                      - increment: done
                        atomic: true
                run: {workers: 1}
                outcomes:
                  - {when: always, grade: acceptable, text: ok}
                """.formatted(id, title, summary, level, concepts);
    }

    /** Four good lessons in three groups, and one broken file. */
    static LessonLibrary.Loaded library(Path dir) {
        write(dir, "counter.yaml", COUNTER);
        write(dir, "hello.yaml", simple("hello", "Start and join", "beginner", "[thread, start, join]",
                "A child thread prints while main goes on."));
        write(dir, "zeta.yaml", simple("zeta", "Many threads at once", "advanced", "[thread, scalability]",
                "Ten thousand threads."));
        write(dir, "pool.yaml", simple("pool", "A pool of workers", "intermediate", "[thread-pool, queue, lock]",
                "Reusable workers take tasks from a queue."));
        write(dir, "broken.yaml", "id: broken\ntitle: [not closed\n");
        return new LessonLibrary(dir).loadAll();
    }

    static Lesson counter(Path dir) {
        write(dir, "counter.yaml", COUNTER);
        try {
            return new LessonParser().parse(dir.resolve("counter.yaml"));
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static void write(Path dir, String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzing the lesson reader with Jazzer (coverage-guided, libFuzzer on the JVM): shipped lessons with
 * random edits, lessons made of the format's own keys with random values, and raw text. Every input
 * must end as a lesson or a {@link LessonException} with a problem, never as another throwable, and
 * within a second. The parser is called without its safety net ({@link LessonParser#parseText}), so
 * a fault of the reader shows here instead of being turned into a message.
 *
 * <p>Plain {@code mvn test} runs it in Jazzer's regression mode (the stored inputs only); {@code mvn
 * verify}'s {@code fuzz} execution fuzzes it for a short while ({@code JAZZER_FUZZ=1}); the bench
 * profile runs {@link #fuzzerTestOneInput} from Jazzer's command line for longer and prints how many
 * inputs it tried ({@code docs/performance.md}).
 */
public class LessonFuzzTest {
    private static final long LIMIT_NANOS = 1_000_000_000L;
    private static final String YAML_CHARACTERS = "[]{}:-,?'\"&*!|>#%@`\\ \n\t_.0123456789abcxyzé";
    private static final List<String> KEYS = List.of("id", "title", "summary", "narration", "prediction", "listings",
            "shared", "variables", "locks", "semaphores", "queues", "conditions", "process-shared", "workers", "name",
            "copies", "steps", "read", "write", "add", "increment", "atomic", "lock", "unlock", "with-lock",
            "with-permit", "put", "take", "wait", "until", "notify", "notify-all", "repeat", "as", "sleep", "compute",
            "download", "print", "return", "main", "before", "during", "after", "run", "modes", "timeout", "pool-size",
            "outcomes", "when", "grade", "text", "variants", "params", "mark", "into", "value", "from", "to", "if", "then", "else");
    private static final List<String> VALUES = List.of("0", "-1", "2", "9223372036854775807", "1e9", "n", "x + 1",
            "((((a))))", "1 / 0", "500ms", "2s", "-3s", "[]", "{}", "[a, b]", "{a: 1}", "null", "~", "true", "'", "\"x\"",
            "|\n  text", ">-\n  folded", "&a x", "*a", "!!binary aGk=", "!!map {}", "? k", "threads", "processes",
            "acceptable", "forbidden", "always", "counter == 2", "é", "\t", "");

    private static final List<String> SHIPPED = shipped();

    private static List<String> shipped() {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("threadlab.lessons", "lessons")))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "45s")
    void theReaderAnswersEveryInputWithALessonOrAMessageWithinASecond(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** Jazzer's entry point, for its command line (the bench profile's long run). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        assertAnswered(input(data));
    }

    /** One input from the fuzzer's bytes: an edited shipped lesson, a lesson of keys and values, or raw text. */
    static String input(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> {
                String text = SHIPPED.get(data.consumeInt(0, SHIPPED.size() - 1));
                int edits = data.consumeInt(1, 6);
                for (int i = 0; i < edits; i++) {
                    text = new Edit(data.consumeInt(0, 4), data.consumeProbabilityDouble(), data.consumeInt(0, 400),
                            insert(data)).apply(text);
                }
                yield text;
            }
            case 1 -> {
                List<String> lines = new ArrayList<>();
                int n = data.consumeInt(1, 60);
                for (int i = 0; i < n; i++) {
                    lines.add("  ".repeat(data.consumeInt(0, 6)) + (data.consumeBoolean() ? "- " : "")
                            + data.pickValue(KEYS) + ": " + data.pickValue(VALUES));
                }
                yield String.join("\n", lines) + "\n";
            }
            default -> data.consumeRemainingAsString();
        };
    }

    private static String insert(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> data.pickValue(VALUES);
            case 1 -> "\n" + data.pickValue(KEYS) + ": ";
            default -> {
                StringBuilder sb = new StringBuilder();
                int n = data.consumeInt(0, 12);
                for (int i = 0; i < n; i++) {
                    sb.append(YAML_CHARACTERS.charAt(data.consumeInt(0, YAML_CHARACTERS.length() - 1)));
                }
                yield sb.toString();
            }
        };
    }

    /** A lesson or a LessonException, within the limit; a slow input is timed twice more before it fails. */
    private static void assertAnswered(String text) {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                new LessonParser().parseText(Path.of("lessons/fuzz.yaml"), text);
            } catch (LessonException e) {
                if (e.problems().isEmpty()) {
                    fail("a LessonException without a problem for:\n" + text);
                }
            } catch (Throwable t) {
                throw new AssertionError("the reader threw " + t + " for:\n" + text, t);
            }
            long took = System.nanoTime() - start;
            if (took <= LIMIT_NANOS) {
                return;
            }
            if (attempt == 3) {
                fail("reading took " + took / 1_000_000 + " ms, three times over 1 s, for:\n" + text);
            }
        }
    }

    /** One random edit at a relative position: delete, duplicate, insert special characters, or swap two lines. */
    private record Edit(int kind, double at, int length, String insert) {
        String apply(String text) {
            if (text.isEmpty()) {
                return insert;
            }
            int from = (int) (at * text.length());
            int to = Math.min(text.length(), from + length);
            return switch (kind) {
                case 0 -> text.substring(0, from) + text.substring(to);
                case 1 -> text.substring(0, to) + text.substring(from, to) + text.substring(to);
                case 2 -> text.substring(0, from) + insert + text.substring(from);
                case 3 -> text.substring(0, from) + insert + text.substring(to);
                default -> swapLines(text, from, to);
            };
        }

        private static String swapLines(String text, int from, int to) {
            String[] lines = text.split("\n", -1);
            int a = (int) ((long) from * lines.length / Math.max(1, text.length()));
            int b = (int) ((long) to * lines.length / Math.max(1, text.length()));
            a = Math.min(a, lines.length - 1);
            b = Math.min(b, lines.length - 1);
            String t = lines[a];
            lines[a] = lines[b];
            lines[b] = t;
            return String.join("\n", lines);
        }
    }
}

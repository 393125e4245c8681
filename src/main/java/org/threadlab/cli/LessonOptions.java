package org.threadlab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonProblem;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The lesson, variant, workers and params that {@code explore} and {@code stress} share (a picocli mixin). */
final class LessonOptions {
    @Parameters(index = "0", paramLabel = "LESSON", description = "Lesson id (from the lessons folder) or path to a .yaml file.")
    String lessonName;
    @Option(names = "--variant", paramLabel = "V", description = "Variant (default: the lesson's first).")
    String variant;
    @Option(names = "--workers", paramLabel = "N", description = "How many workers (the lesson's 'workers' param).")
    Integer workers;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets one of the lesson's params, e.g. n=2.")
    Map<String, Long> params = new LinkedHashMap<>();

    /** The compiled lesson, or null after printing why it cannot be had. */
    CompiledLesson compile(Cli parent, PrintWriter err) {
        Lesson lesson;
        try {
            lesson = parent.library().find(lessonName);
        } catch (LessonException e) {
            e.problems().stream().map(LessonProblem::format).forEach(err::println);
            return null;
        }
        try {
            return CompiledLesson.of(lesson, variant, workers, params);
        } catch (IllegalArgumentException e) {
            err.println(lessonName + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code shared-counter [no-lock] - 2 workers, n = 2}. */
    static String heading(CompiledLesson c) {
        StringBuilder sb = new StringBuilder(c.lesson().id());
        if (!c.lesson().defaultVariant().isEmpty()) {
            sb.append(" [").append(c.lesson().defaultVariant()).append(']');
        }
        sb.append(" - ").append(c.lanes().size()).append(c.lanes().size() == 1 ? " worker" : " workers");
        if (!c.main().isEmpty()) {
            sb.append(" and main");
        }
        c.params().forEach((k, v) -> {
            if (!k.equals("workers")) {
                sb.append(", ").append(k).append(" = ").append(String.format(Locale.ROOT, "%,d", v));
            }
        });
        return sb.toString();
    }

    /** {@code counter = 3, done = 1}; {@code (nothing shared)} when empty. */
    static String values(Map<String, Long> shared) {
        if (shared.isEmpty()) {
            return "(nothing shared)";
        }
        StringBuilder sb = new StringBuilder();
        shared.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" = ").append(v));
        return sb.toString();
    }

    /** A hint with smaller params, e.g. {@code --param n=2}; empty when the lesson has none. */
    static String smallerParams(CompiledLesson c) {
        StringBuilder sb = new StringBuilder();
        c.lesson().params().keySet().stream().filter(k -> !k.equals("workers"))
                .forEach(k -> sb.append(sb.isEmpty() ? "" : " ").append("--param ").append(k).append("=2"));
        return sb.toString();
    }

    static String percent(long part, long whole) {
        return whole <= 0 ? "" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}

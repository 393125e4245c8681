package org.threadlab.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a new lesson: a starter that checks clean and explains each part in comments, or a
 * copy of a lesson under a new id. For {@code new} on the command line and the window's "New lesson".
 */
public final class LessonStarter {
    private LessonStarter() {}

    /** The comment by which YAML editor plugins find the lesson format's JSON Schema. */
    public static final String SCHEMA_COMMENT = "# yaml-language-server: $schema=";
    /** The {@code id:} line of a lesson file, at the start of a line. */
    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:[ \\t]*\\S.*$");

    /** Whether a new lesson may be called so (the rule of lesson ids). */
    public static boolean validId(String id) {
        return id != null && Names.TAG_NAME.matcher(id).matches();
    }

    /**
     * The schema's comment line for a file written anywhere: the schema beside the built-in lessons
     * ({@code ../docs/lesson.schema.json} from there), as a file URI; empty when there is none.
     */
    public static String schemaLine(Path builtInLessons) {
        Path schema = builtInLessons.toAbsolutePath().normalize().resolveSibling("docs").resolve("lesson.schema.json");
        return Files.isRegularFile(schema) ? SCHEMA_COMMENT + schema.toUri() + "\n" : "";
    }

    /** The starter lesson, called {@code id}, headed by {@code schemaLine}. */
    public static String starter(String id, String schemaLine) throws IOException {
        try (InputStream in = LessonStarter.class.getResourceAsStream("starter-lesson.yaml")) {
            if (in == null) {
                throw new IOException("the starter lesson is missing from ThreadLab itself");
            }
            return schemaLine + new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("LESSON_ID", id);
        }
    }

    /**
     * A lesson's text under a new id, headed by a comment naming where it came from; a relative
     * schema line is replaced by {@code schemaLine}, which reaches the schema from anywhere.
     *
     * @throws IllegalArgumentException if the text has no {@code id:} line
     */
    public static String copy(String text, String from, String id, String schemaLine) {
        Matcher m = ID_LINE.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(from + " has no 'id:' line to change");
        }
        String copied = text.substring(0, m.start()) + "id: " + id + text.substring(m.end());
        if (copied.startsWith(SCHEMA_COMMENT)) {
            copied = schemaLine + copied.substring(copied.indexOf('\n') + 1);
        }
        return "# Copied from " + from + " by ThreadLab new.\n" + copied;
    }
}

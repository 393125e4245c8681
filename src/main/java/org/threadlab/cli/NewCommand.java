package org.threadlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;
import org.threadlab.lesson.LessonProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code new ID [--from LESSON] [--dir DIR]}: writes a starter lesson that checks clean and explains
 * each part in comments, or a copy of an existing lesson under a new id. Never overwrites a file.
 */
@Command(name = "new", description = "Writes a new lesson file ID.yaml: a starter that explains each part in comments,"
        + " or with --from a copy of an existing lesson under the new id. It checks clean as written.")
final class NewCommand implements Callable<Integer> {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** The {@code id:} line of a lesson file, at the start of a line. */
    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:[ \\t]*\\S.*$");

    @CommandLine.ParentCommand
    Cli parent;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "The new lesson's id: lower-case letters, digits and -.")
    String id;
    @Option(names = "--from", paramLabel = "LESSON", description = "Copy this lesson (an id from the lessons folder, or a"
            + " path to a .yaml file) instead of the starter.")
    String from;
    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to write into (default: the current folder).",
            defaultValue = ".")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!ID.matcher(id).matches()) {
            err.println("'" + id + "' is not a lesson id: use lower-case letters, digits and -, starting with a letter or digit");
            return Cli.USAGE;
        }
        Path file = dir.resolve(id + ".yaml");
        if (Files.exists(file)) {
            err.println(file + " already exists; choose another id or folder (new never overwrites a file)");
            return Cli.REFUSED;
        }
        String text;
        try {
            text = from == null ? starter() : copy(err);
        } catch (IOException e) {
            err.println("cannot read the lesson to copy: " + e.getMessage());
            return Cli.REFUSED;
        }
        if (text == null) {
            return Cli.REFUSED;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            err.println("cannot write " + file + ": " + e.getMessage());
            return Cli.REFUSED;
        }
        try {
            Lesson l = new LessonParser().parse(file);
            java.util.List<LessonProblem> unwinnable = org.threadlab.engine.challenge.Verdicts.problems(l);
            if (!unwinnable.isEmpty()) {
                throw new LessonException(unwinnable);
            }
            out.println("wrote " + file + " (" + l.id() + ", checks clean)");
            out.println("next: edit it, then ThreadLab check " + file + "; run it with ThreadLab run " + file);
            return Cli.OK;
        } catch (LessonException e) { // the copy of a lesson with problems keeps them; say so
            out.println("wrote " + file + ", which does not check yet:");
            e.problems().stream().map(LessonProblem::format).forEach(err::println);
            return Cli.REFUSED;
        }
    }

    /** The comment by which YAML editor plugins find the lesson format's JSON Schema. */
    private static final String SCHEMA_COMMENT = "# yaml-language-server: $schema=";

    /**
     * The schema's comment line for a file written elsewhere than lessons/: the schema beside the
     * built-in lessons ({@code ../docs/lesson.schema.json} from there), as an absolute path; empty
     * when this installation has no schema file.
     */
    private String schemaLine() {
        Path schema = parent.library().folder().toAbsolutePath().normalize().resolveSibling("docs")
                .resolve("lesson.schema.json");
        return Files.isRegularFile(schema) ? SCHEMA_COMMENT + schema.toUri() + "\n" : "";
    }

    /** The starter lesson with the new id. */
    private String starter() throws IOException {
        try (InputStream in = NewCommand.class.getResourceAsStream("starter-lesson.yaml")) {
            if (in == null) {
                throw new IOException("the starter lesson is missing from ThreadLab itself");
            }
            return schemaLine() + new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("LESSON_ID", id);
        }
    }

    /** The lesson named by --from, its id line changed to the new id; null (said why) if it cannot be had. */
    private String copy(PrintWriter err) throws IOException {
        Path source;
        if (from.endsWith(".yaml") || from.contains("/")) {
            source = Path.of(from);
        } else {
            source = parent.library().folder().resolve(from + ".yaml");
        }
        if (!Files.isRegularFile(source)) {
            err.println("no lesson '" + from + "' (looked for " + source + ")");
            return null;
        }
        String text = Files.readString(source, StandardCharsets.UTF_8);
        Matcher m = ID_LINE.matcher(text);
        if (!m.find()) {
            err.println(source + " has no 'id:' line to change");
            return null;
        }
        String copied = text.substring(0, m.start()) + "id: " + id + text.substring(m.end());
        if (copied.startsWith(SCHEMA_COMMENT)) { // a relative path to the schema would not reach it from elsewhere
            copied = schemaLine() + copied.substring(copied.indexOf('\n') + 1);
        }
        return "# Copied from " + source.getFileName() + " by ThreadLab new.\n" + copied;
    }
}

package org.threadlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.lesson.LessonStarter;
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
        if (!LessonStarter.validId(id)) {
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

    private String schemaLine() {
        return LessonStarter.schemaLine(parent.library().folder());
    }

    /** The starter lesson with the new id. */
    private String starter() throws IOException {
        return LessonStarter.starter(id, schemaLine());
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
        try {
            return LessonStarter.copy(text, String.valueOf(source.getFileName()), id, schemaLine());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return null;
        }
    }
}

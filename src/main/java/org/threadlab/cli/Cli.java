package org.threadlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.threadlab.engine.challenge.Verdicts;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonParser;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.lesson.LessonWatcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Entry point of the headless commands. Exit codes: 0 fine, 1 lesson, run or run file refused, 2 usage, 3 run did
 * not complete (also when a replayed run did not). {@code python} refines them: 1 also when the listing failed,
 * 2 also when a lesson from outside the built-in library is run without {@code --yes}, 3 when it timed out or
 * was stopped although it should have completed, or completed although it should hang.
 */
@Command(name = "threadlab", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Runs concurrency lessons on real threads and records what happened.",
        subcommands = {Cli.ListCommand.class, Cli.CheckCommand.class, RunCommand.class, ReplayCommand.class,
                ExploreCommand.class, StressCommand.class, ChallengeCommand.class, NewCommand.class,
                PythonCommand.class, ServeCommand.class})
public final class Cli implements Callable<Integer> {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int INCOMPLETE = 3;

    @Option(names = "--lessons", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Also use the lessons in this folder (or this lesson file), beside the built-in ones;"
                    + " may be given more than once.")
    List<Path> extraLessons = new java.util.ArrayList<>();

    /** The built-in lessons (the threadlab.lessons property, else lessons/) and the added folders. */
    LessonLibrary library() {
        return LessonLibrary.standard().withExtra(extraLessons);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return OK;
    }

    /** The pom's version, written into the jar at build time (version.txt is a filtered resource). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            try (java.io.InputStream in = Cli.class.getResourceAsStream("/org/threadlab/version.txt")) {
                String v = in == null ? "unknown" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                return new String[] {"ThreadLab " + v};
            }
        }
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    @Command(name = "list", description = "Lists the lessons, grouped by level.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LessonLibrary.Loaded loaded = parent.library().loadAll();
            java.util.Optional<Path> group = java.util.Optional.empty();
            for (Lesson l : loaded.lessons()) {
                java.util.Optional<Path> from = loaded.addedFrom(l);
                if (from.isPresent() && !from.equals(group)) {
                    out.println();
                    out.println("lessons from " + from.get() + ":");
                }
                group = from;
                out.printf("%-18s %-13s %s%n", l.id(), l.level().label(), l.title());
                if (!l.variants().isEmpty()) {
                    out.printf("%-18s %-13s variants: %s%n", "", "",
                            String.join(", ", l.variants().stream().map(v -> v.name()).toList()));
                }
            }
            if (loaded.lessons().isEmpty()) {
                out.println("no lessons in " + parent.library().folder().toAbsolutePath());
            }
            for (LessonProblem p : loaded.problems()) {
                spec.commandLine().getErr().println(p.format());
            }
            return loaded.problems().isEmpty() ? OK : REFUSED;
        }
    }

    @Command(name = "check", description = "Checks lesson files; prints every problem with file, line and column.")
    static final class CheckCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Lesson files, or folders of them, to check.")
        List<Path> files;
        @Option(names = "--watch", description = "Check again each time a file is saved, until stopped (Ctrl+C).")
        boolean watch;

        @Override
        public Integer call() {
            List<Path> all = new java.util.ArrayList<>();
            for (Path f : files) {
                if (java.nio.file.Files.isDirectory(f) && !java.nio.file.Files.isReadable(f)) {
                    spec.commandLine().getErr().println(f + ": cannot list the folder");
                    return REFUSED;
                } else if (java.nio.file.Files.isDirectory(f)) {
                    all.addAll(LessonLibrary.files(f));
                } else {
                    all.add(f);
                }
            }
            int bad = check(all);
            if (bad > 0) {
                spec.commandLine().getErr().println(bad + " of " + all.size() + " files have problems");
            }
            if (!watch) {
                return bad == 0 ? OK : REFUSED;
            }
            PrintWriter out = spec.commandLine().getOut();
            try (LessonWatcher watcher = new LessonWatcher(files, changed -> {
                synchronized (this) {
                    List<Path> present = changed.stream().filter(java.nio.file.Files::isRegularFile).sorted().toList();
                    if (!present.isEmpty()) {
                        out.println("-- " + java.time.LocalTime.now().withNano(0) + " saved:");
                        check(present);
                        out.flush();
                        spec.commandLine().getErr().flush();
                    }
                }
            }).start()) {
                // said once the folders are registered: a save after this line is seen
                out.println("watching " + files.size() + " file" + (files.size() == 1 ? "" : "s") + "; Ctrl+C stops");
                out.flush();
                new java.util.concurrent.CountDownLatch(1).await(); // until the process is stopped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("cannot watch the files: " + e.getMessage());
                return REFUSED;
            }
            return OK;
        }

        /** Checks the files, printing "ok" or each problem; returns how many have problems. */
        private int check(List<Path> paths) {
            int bad = 0;
            LessonParser parser = new LessonParser();
            for (Path f : paths) {
                try {
                    Lesson l = parser.parse(f);
                    List<LessonProblem> unwinnable = Verdicts.problems(l);
                    if (!unwinnable.isEmpty()) {
                        throw new LessonException(unwinnable);
                    }
                    spec.commandLine().getOut().println(f + ": ok (" + l.id() + ", " + Math.max(1, l.variants().size())
                            + " variant" + (l.variants().size() > 1 ? "s" : "") + (l.challenges().isEmpty() ? ""
                            : ", " + l.challenges().size() + " challenge" + (l.challenges().size() > 1 ? "s" : "")
                            + ", each winnable") + ")");
                } catch (LessonException e) {
                    bad++;
                    for (LessonProblem p : e.problems()) {
                        spec.commandLine().getErr().println(p.format());
                    }
                }
            }
            return bad;
        }
    }
}

package org.threadlab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lessons of a folder ({@code lessons/} by default, or the {@code threadlab.lessons} system
 * property). Broken files do not hide the good ones: each load returns both.
 */
public final class LessonLibrary {
    private final Path folder;

    public LessonLibrary(Path folder) {
        this.folder = folder;
    }

    /** The folder named by {@code -Dthreadlab.lessons}, else {@code lessons} in the working folder. */
    public static LessonLibrary standard() {
        String configured = System.getProperty("threadlab.lessons");
        return new LessonLibrary(Path.of(configured != null && !configured.isBlank() ? configured : "lessons"));
    }

    public Path folder() {
        return folder;
    }

    /** The file, in the lessons folder, that lists the lesson ids in the order a course takes them. */
    public static final String COURSE_FILE = "course.txt";

    /**
     * What loading the folder gave: the lessons that parse, the problems of those that do not, and
     * the course order of {@value #COURSE_FILE} (lesson ids; empty when the folder has no such file).
     */
    public record Loaded(List<Lesson> lessons, List<LessonProblem> problems, List<String> course) {
        public Loaded {
            lessons = List.copyOf(lessons);
            problems = List.copyOf(problems);
            course = List.copyOf(course);
        }

        /** Lessons and problems with no course file: the course is the file order. */
        public Loaded(List<Lesson> lessons, List<LessonProblem> problems) {
            this(lessons, problems, List.of());
        }

        /**
         * The lessons in course order: those the course file names, in its order, then the others in
         * file order. An id the course names twice, or that no lesson has, is skipped.
         */
        public List<Lesson> inCourseOrder() {
            java.util.Map<String, Lesson> byId = new java.util.LinkedHashMap<>();
            lessons.forEach(l -> byId.putIfAbsent(l.id(), l));
            List<Lesson> ordered = new ArrayList<>();
            for (String id : course) {
                Lesson l = byId.remove(id);
                if (l != null) {
                    ordered.add(l);
                }
            }
            ordered.addAll(byId.values());
            return List.copyOf(ordered);
        }
    }

    public Loaded loadAll() {
        List<Lesson> lessons = new ArrayList<>();
        List<LessonProblem> problems = new ArrayList<>();
        LessonParser parser = new LessonParser();
        for (Path file : files()) {
            try {
                lessons.add(parser.parse(file));
            } catch (LessonException e) {
                problems.addAll(e.problems());
            }
        }
        return new Loaded(lessons, problems, course());
    }

    /**
     * The lesson ids {@value #COURSE_FILE} lists, in its order: one a line, blank lines and lines
     * starting with {@code #} left out. Empty when the folder has no such file or it cannot be read.
     */
    public List<String> course() {
        Path file = folder.resolve(COURSE_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of(); // unreadable: the lessons still load, in file order
        }
    }

    /** The lesson files, sorted by name. */
    public List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A lesson by id (looked up in the folder) or by path to a file.
     *
     * @throws LessonException if there is no such lesson or it does not parse
     */
    public Lesson find(String idOrPath) throws LessonException {
        Path asPath = Path.of(idOrPath);
        if (idOrPath.endsWith(".yaml") || idOrPath.contains("/")) {
            return new LessonParser().parse(asPath);
        }
        Path file = folder.resolve(idOrPath + ".yaml");
        if (!Files.exists(file)) {
            List<String> ids = files().stream().map(p -> p.getFileName().toString().replace(".yaml", "")).toList();
            throw new LessonException(new LessonProblem(new Pos(idOrPath, 0, 0, ""), "no lesson '" + idOrPath
                    + "' in " + folder + Names.suggest(idOrPath, ids)
                    + (ids.isEmpty() ? "" : "; lessons: " + String.join(", ", ids))));
        }
        return new LessonParser().parse(file);
    }
}

package org.threadlab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lessons of a folder ({@code lessons/} by default, or the {@code threadlab.lessons} system
 * property), and of any further folders or files a teacher adds ({@code --lessons DIR}). Broken
 * files do not hide the good ones: each load returns both.
 */
public final class LessonLibrary {
    private final Path folder;
    /** Folders (or single lesson files) added to the built-in ones, in the order given. */
    private final List<Path> extra;

    public LessonLibrary(Path folder) {
        this(folder, List.of());
    }

    public LessonLibrary(Path folder, List<Path> extra) {
        this.folder = folder;
        this.extra = List.copyOf(extra);
    }

    /** The same library with these folders or files added to it. */
    public LessonLibrary withExtra(List<Path> more) {
        List<Path> all = new ArrayList<>(extra);
        all.addAll(more);
        return new LessonLibrary(folder, all);
    }

    /** The folders and files added to the built-in lessons. */
    public List<Path> extra() {
        return extra;
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
    public record Loaded(List<Lesson> lessons, List<LessonProblem> problems, List<String> course, List<Path> extra) {
        public Loaded {
            lessons = List.copyOf(lessons);
            problems = List.copyOf(problems);
            course = List.copyOf(course);
            extra = List.copyOf(extra);
        }

        public Loaded(List<Lesson> lessons, List<LessonProblem> problems, List<String> course) {
            this(lessons, problems, course, List.of());
        }

        /** Lessons and problems with no course file: the course is the file order. */
        public Loaded(List<Lesson> lessons, List<LessonProblem> problems) {
            this(lessons, problems, List.of());
        }

        /** The added folder (or file, or zip) a lesson came from, or empty for a built-in lesson. */
        public java.util.Optional<Path> addedFrom(Lesson lesson) {
            Path source = lesson.source().toAbsolutePath().normalize();
            for (Path p : extra) {
                Path abs = p.toAbsolutePath().normalize();
                if (source.equals(abs) || source.getParent() != null && source.getParent().equals(abs)
                        || source.toString().startsWith(p + "!" + java.io.File.separator)
                        || source.toString().startsWith(abs + "!" + java.io.File.separator)) {
                    return java.util.Optional.of(p);
                }
            }
            return java.util.Optional.empty();
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
        java.util.Map<String, Path> ids = new java.util.HashMap<>();
        List<Path> all = new ArrayList<>();
        List<Zipped> zipped = new ArrayList<>();
        for (Path p : extra) {
            if (Files.isDirectory(p)) {
                all.addAll(files(p));
            } else if (Files.isRegularFile(p) && isZip(p)) {
                zipped.addAll(unzip(p, problems));
            } else if (Files.isRegularFile(p)) {
                all.add(p);
            } else {
                problems.add(new LessonProblem(new Pos(p.toString(), 0, 0, ""), "no such folder or lesson file"));
            }
        }
        List<Path> builtIn = files();
        LessonCache cache = builtIn.isEmpty() ? null : LessonCache.of(folder);
        for (Path file : builtIn) {
            keep(file, () -> parseOrCached(parser, cache, file), ids, lessons, problems);
        }
        for (Path file : all) {
            keep(file, () -> parser.parse(file), ids, lessons, problems);
        }
        for (Zipped z : zipped) {
            keep(z.name(), () -> parser.parse(z.name(), z.text()), ids, lessons, problems);
        }
        return new Loaded(lessons, problems, course(), extra);
    }

    /**
     * A lesson file of the built-in folder: from the folder's {@link LessonCache} when it holds the
     * file as it is now, else parsed from its YAML (which also says what is wrong with a broken one).
     */
    private static Lesson parseOrCached(LessonParser parser, LessonCache cache, Path file) throws LessonException {
        if (cache != null && cache.size() > 0) {
            try {
                if (Files.size(file) <= Limits.MAX_FILE_BYTES) {
                    java.util.Optional<Lesson> cached = cache.lesson(file, Files.readAllBytes(file));
                    if (cached.isPresent()) {
                        return cached.get();
                    }
                }
            } catch (IOException e) {
                // the parse below reads the file again and says what is wrong with it
            }
        }
        return parser.parse(file);
    }

    /** How a lesson is read: from its file, or from text already read (out of a zip). */
    @FunctionalInterface
    private interface Read {
        Lesson lesson() throws LessonException;
    }

    /**
     * Reads one lesson into the library: the first lesson with an id keeps it (a built-in lesson,
     * or the folder given first); a later one with the same id, or one that does not check, is a problem.
     */
    private static void keep(Path name, Read read, java.util.Map<String, Path> ids, List<Lesson> lessons,
                             List<LessonProblem> problems) {
        try {
            Lesson l = read.lesson();
            Path first = ids.putIfAbsent(l.id(), name);
            if (first != null) {
                problems.add(new LessonProblem(new Pos(name.toString(), 1, 1, "id"), "another lesson, " + first
                        + ", has the id '" + l.id() + "'; give this one an id (and file name) of its own"));
            } else {
                lessons.add(l);
            }
        } catch (LessonException e) {
            problems.addAll(e.problems());
        }
    }

    /** Most lesson files one zip may hold; a zip is a teacher's folder of lessons, not an archive of anything. */
    static final int MAX_ZIPPED_LESSONS = 500;

    /** A lesson file read from a zip: named {@code ZIP!/NAME.yaml} in messages and as its source. */
    private record Zipped(Path name, String text) {}

    private static boolean isZip(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /**
     * The {@code .yaml} files of a zip (in any folder of it), read with care: each at most
     * {@link Limits#MAX_FILE_BYTES} as the zip says and as read, at most {@link #MAX_ZIPPED_LESSONS}
     * of them; what cannot be read is a problem, and the rest load. Nothing is written to disk.
     */
    private static List<Zipped> unzip(Path zip, List<LessonProblem> problems) {
        List<Zipped> out = new ArrayList<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                java.util.zip.ZipEntry e = entries.nextElement();
                String entry = e.getName();
                String simple = entry.substring(entry.lastIndexOf('/') + 1);
                if (e.isDirectory() || !simple.endsWith(".yaml") || simple.startsWith(".")) {
                    continue;
                }
                Path name = Path.of(zip + "!", simple);
                if (out.size() >= MAX_ZIPPED_LESSONS) {
                    problems.add(new LessonProblem(new Pos(zip.toString(), 0, 0, ""), "more than " + MAX_ZIPPED_LESSONS
                            + " lesson files; the rest are left out"));
                    break;
                }
                if (e.getSize() > Limits.MAX_FILE_BYTES) {
                    problems.add(new LessonProblem(new Pos(name.toString(), 1, 1, ""), "file is too large; a lesson file"
                            + " may be at most " + Limits.MAX_FILE_BYTES + " bytes"));
                    continue;
                }
                try (java.io.InputStream in = z.getInputStream(e)) {
                    byte[] bytes = in.readNBytes(Limits.MAX_FILE_BYTES + 1); // the size in the zip may lie
                    if (bytes.length > Limits.MAX_FILE_BYTES) {
                        problems.add(new LessonProblem(new Pos(name.toString(), 1, 1, ""), "file is too large; a lesson"
                                + " file may be at most " + Limits.MAX_FILE_BYTES + " bytes"));
                        continue;
                    }
                    out.add(new Zipped(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new LessonProblem(new Pos(zip.toString(), 0, 0, ""), "cannot read this zip: " + e.getMessage()));
        }
        return out;
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

    /** The lesson files of the built-in folder, sorted by name. */
    public List<Path> files() {
        return files(folder);
    }

    /** The lesson files ({@code .yaml}) of a folder, sorted by name; none if it is no folder or cannot be read. */
    public static List<Path> files(Path folder) {
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
     * Whether the lesson is one of the built-in library's: its file lies in the built-in folder
     * (found there by id, or named by a path into it). Lessons of added folders, of zips and of
     * other paths are not: what they carry (a Python listing to run) was not written with ThreadLab.
     */
    public boolean isBuiltIn(Lesson lesson) {
        Path source = lesson.source();
        if (source == null || source.getParent() == null || !Files.isRegularFile(source)) {
            return false;
        }
        try {
            return Files.isSameFile(source.toRealPath().getParent(), folder.toRealPath());
        } catch (IOException e) {
            return false;
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
        for (Path p : extra) { // the built-in folder first, then the added ones in order
            if (Files.exists(file)) {
                break;
            }
            file = Files.isDirectory(p) ? p.resolve(idOrPath + ".yaml")
                    : p.getFileName() != null && p.getFileName().toString().equals(idOrPath + ".yaml") ? p : file;
        }
        if (!Files.exists(file) && extra.stream().anyMatch(LessonLibrary::isZip)) { // in a zip: read it
            for (Lesson l : loadAll().lessons()) {
                if (l.id().equals(idOrPath)) {
                    return l;
                }
            }
        }
        if (!Files.exists(file)) {
            List<String> ids = new ArrayList<>(files().stream().map(p -> p.getFileName().toString().replace(".yaml", "")).toList());
            extra.stream().filter(Files::isDirectory).forEach(d -> files(d).forEach(
                    p -> ids.add(p.getFileName().toString().replace(".yaml", ""))));
            throw new LessonException(new LessonProblem(new Pos(idOrPath, 0, 0, ""), "no lesson '" + idOrPath
                    + "' in " + folder + (extra.isEmpty() ? "" : " or " + extra.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", "))) + Names.suggest(idOrPath, ids)
                    + (ids.isEmpty() ? "" : "; lessons: " + String.join(", ", ids))));
        }
        return file.equals(folder.resolve(idOrPath + ".yaml")) ? parseOrCached(new LessonParser(), LessonCache.of(folder), file)
                : new LessonParser().parse(file);
    }
}

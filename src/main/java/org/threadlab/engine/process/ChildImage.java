package org.threadlab.engine.process;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonParser;

/**
 * How a child JVM is launched fast: with a class-data-sharing (AppCDS) archive of the classes a
 * child loads (the engine's interpreter, the protocol, the recorder), so that it maps them instead of loading,
 * parsing and verifying them again. Most of a child's start-up went there.
 *
 * <p>The JVM archives classes only from jar files, and under {@code mvn javafx:run} or a test the
 * app's classes are in directories. So, once per build, this class packs those directories into a
 * jar, runs one training child on that class path with {@code -XX:ArchiveClassesAtExit} (a tiny
 * built-in lesson that touches every step kind), and keeps the jar and the archive in the user's
 * temporary directory under a key made from the JDK and the class path's files (names, sizes and
 * modification times): any rebuild makes a new key, and the JVM itself also refuses an archive
 * whose jars changed. Until the archive exists, children start as before, from the original class
 * path; the preparation runs on a background thread and never delays a run.
 */
public final class ChildImage {
    /** A child's class path and the flags that go with it. */
    record Launch(String classPath, List<String> flags) {}

    private static final AtomicBoolean PREPARING = new AtomicBoolean();
    /** Older builds' caches kept beside the current one (a few MB each, the archive most of it). */
    private static final int KEEP_OLD = 2;
    /**
     * From JDK 25 on, an AOT cache (JEP 483 and 514) instead of a plain CDS archive: besides the
     * parsed classes it keeps them loaded and linked, which saves more of the start-up.
     */
    private static final boolean AOT = Runtime.version().feature() >= 25 && !Boolean.getBoolean("threadlab.noAot");
    private static final String ARCHIVE = AOT ? "child.aot" : "child.jsa";
    private static volatile Path cache;
    private static volatile String jarClassPath;

    private ChildImage() {}

    /** The launch to use now: with the archive if it is ready, else the plain class path (and preparation starts). */
    static Launch launch() {
        String original = System.getProperty("java.class.path");
        if (Boolean.getBoolean("threadlab.noAppCds")) {
            return new Launch(original, List.of());
        }
        Path dir = cache();
        if (dir != null && Files.isRegularFile(dir.resolve(ARCHIVE)) && jarClassPath != null) {
            return new Launch(jarClassPath, List.of((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + dir.resolve(ARCHIVE)));
        }
        prepareInBackground();
        return new Launch(original, List.of());
    }

    /** Starts building the jar and the archive if they are not there yet; returns at once. */
    public static void prepareInBackground() {
        if (Boolean.getBoolean("threadlab.noAppCds") || !PREPARING.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon(true).name("threadlab-cds").start(() -> {
            try {
                prepare();
            } catch (IOException | RuntimeException e) {
                System.err.println("ThreadLab: no class-data sharing for child processes: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * The JVM flags a child process gets (without class path, archive and main class), for a
     * benchmark's bare JVM started with the same flags: {@code fullJit} as for a lesson that computes.
     */
    public static List<String> childJvmFlags(boolean fullJit) {
        List<String> cmd = ProcessWorkers.baseCommand(fullJit);
        return List.copyOf(cmd.subList(1, cmd.size()));
    }

    /** Whether children would start from the archive now. */
    public static boolean isReady() {
        if (Boolean.getBoolean("threadlab.noAppCds")) {
            return true; // nothing to prepare
        }
        Path dir = cache();
        return dir != null && Files.isRegularFile(dir.resolve(ARCHIVE)) && jarClassPath != null;
    }

    /** Builds what is missing and waits for it (the command line, benchmarks, tests). Returns whether the archive is ready. */
    public static boolean prepareNow() throws IOException, InterruptedException {
        prepare();
        Path dir = cache();
        return dir != null && Files.isRegularFile(dir.resolve(ARCHIVE));
    }

    private static synchronized void prepare() throws IOException, InterruptedException {
        Path dir = cache();
        if (dir == null) {
            return;
        }
        if (Files.isRegularFile(dir.resolve(ARCHIVE))) {
            return;
        }
        Files.createDirectories(dir);
        deleteAbandoned(dir);
        String cp = jarClassPath;
        long pid = ProcessHandle.current().pid();
        Path tmp = dir.resolve(ARCHIVE + ".tmp-" + pid);
        Files.deleteIfExists(tmp);
        List<String> cmd = new ArrayList<>(ProcessWorkers.baseCommand(false));
        cmd.addAll(List.of((AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + tmp, "-Dthreadlab.training=true", "-cp", cp,
                ProcessChild.class.getName()));
        Path log = dir.resolve("training.log");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        try (OutputStream os = p.getOutputStream()) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
            trainingJob().write(out);
            out.writeByte(ProcessProtocol.TASK);
            out.writeInt(0);
            out.writeInt(0);
            out.writeByte(ProcessProtocol.END);
            out.flush();
        } catch (IOException e) {
            // it died at once; reported below by its exit status
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the training child did not finish within 60 s");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
            Files.deleteIfExists(tmp);
            throw new IOException("the training child exited with status " + p.exitValue() + "; see " + log);
        }
        move(tmp, dir.resolve(ARCHIVE));
        pruneOld(dir);
    }

    /** The built-in training lesson as a job, compiled here so the child's counts match. */
    private static ProcessProtocol.Job trainingJob() throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(ChildImage.class.getResourceAsStream("child-training.yaml"))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            Path path = Path.of("child-training.yaml");
            Lesson lesson = new LessonParser().parse(path, text).resolve("");
            Map<String, Long> params = new LinkedHashMap<>(lesson.params());
            params.put("workers", 1L);
            Plan plan = Plan.compile(lesson, params);
            return new ProcessProtocol.Job(System.nanoTime(), true, lesson.id(), lesson.defaultVariant(), lesson.shared(),
                    plan, 0, -1, "");
        } catch (org.threadlab.lesson.LessonException e) {
            throw new IOException("the training lesson does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The cache folder of this JDK and class path, with the jar in it (made now if missing); null
     * when this class path cannot be archived.
     */
    private static Path cache() {
        Path c = cache;
        if (c != null) {
            return c;
        }
        synchronized (ChildImage.class) {
            if (cache != null) {
                return cache;
            }
            try {
                List<Path> entries = new ArrayList<>();
                for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                    if (!e.isEmpty()) {
                        entries.add(Path.of(e).toAbsolutePath());
                    }
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                update(digest, System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"));
                List<Path> dirs = new ArrayList<>();
                for (Path e : entries) {
                    if (Files.isDirectory(e)) {
                        dirs.add(e);
                        try (Stream<Path> files = Files.walk(e)) {
                            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                                stamp(digest, f);
                            }
                        }
                    } else if (Files.isRegularFile(e)) {
                        stamp(digest, e);
                    }
                }
                String key = HexFormat.of().formatHex(digest.digest()).substring(0, 20);
                Path root = Path.of(System.getProperty("java.io.tmpdir"),
                        "threadlab-child-cds-" + System.getProperty("user.name", "user"));
                Path dir = root.resolve(key);
                Path jar = dir.resolve("classes.jar");
                if (!dirs.isEmpty() && !Files.isRegularFile(jar)) {
                    Files.createDirectories(dir);
                    Path tmp = dir.resolve("classes.jar.tmp-" + ProcessHandle.current().pid());
                    writeJar(dirs, tmp);
                    move(tmp, jar);
                }
                // the directories become the one jar, in the place of the first of them
                List<String> cp = new ArrayList<>();
                boolean jarAdded = false;
                for (Path e : entries) {
                    if (dirs.contains(e)) {
                        if (!jarAdded) {
                            cp.add(jar.toString());
                            jarAdded = true;
                        }
                    } else if (Files.isRegularFile(e)) {
                        cp.add(e.toString());
                    }
                }
                jarClassPath = String.join(java.io.File.pathSeparator, cp);
                cache = dir;
                return dir;
            } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
                System.err.println("ThreadLab: no class-data sharing for child processes: " + e.getMessage());
                return null;
            }
        }
    }

    private static void update(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }

    private static void stamp(MessageDigest d, Path f) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        update(d, f + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
    }

    /** Packs directories into one jar; a class in an earlier directory wins, as on the class path. */
    private static void writeJar(List<Path> dirs, Path jar) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path dir : dirs) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                        if (name.equals("META-INF/MANIFEST.MF") || !seen.add(name)) {
                            continue;
                        }
                        JarEntry entry = new JarEntry(name);
                        entry.setTime(Files.getLastModifiedTime(f).toMillis());
                        out.putNextEntry(entry);
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes half-written archives whose writer is gone (a short command-line run that exited while
     * its training child still ran): each is as large as a whole archive.
     */
    static void deleteAbandoned(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                int at = name.lastIndexOf(".tmp-");
                if (at < 0) {
                    continue;
                }
                try {
                    long writer = Long.parseLong(name.substring(at + 5));
                    if (ProcessHandle.of(writer).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // not one of ours: written by no live process either
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // left for the next preparation
        }
    }

    /** Deletes the caches of older builds but the newest few (a running child keeps its mapped files). */
    private static void pruneOld(Path current) {
        try (Stream<Path> siblings = Files.list(current.getParent())) {
            List<Path> old = siblings.filter(p -> !p.equals(current) && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
            for (Path p : old.subList(Math.min(KEEP_OLD, old.size()), old.size())) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            // another ThreadLab may be pruning too; what is left goes next time
        }
    }
}

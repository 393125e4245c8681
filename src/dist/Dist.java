import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds ThreadLab's application image (and, where the platform's packaging tools exist, its
 * installer) with the JDK's own jdeps, jlink and jpackage. Run by {@code mvn -P dist package} on
 * the JDK that maven-toolchains-plugin selects, as a single-file program:
 *
 * <pre>java src/dist/Dist.java key=value...</pre>
 *
 * <p>The runtime it links holds the JDK modules ThreadLab's jars use (asked of jdeps) and JavaFX
 * as named modules: JavaFX from the class path prints "Unsupported JavaFX configuration". The
 * JavaFX jars from Maven carry their native libraries inside; they are taken out of the modules
 * and put in the runtime's library folder, where the JVM finds them, so nothing is unpacked into
 * the user's home at start. Monocle (the headless glass platform, for {@code --snapshot} on a
 * machine without a screen) belongs to the javafx.graphics module and is linked into it. The rest
 * of the libraries and ThreadLab's own jar stay on the class path, as under Maven.
 */
public final class Dist {
    private static final String NAME = "ThreadLab";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--classpath")) { // exec-maven-plugin's <classpath/> is an argument of its own
                a.put("classpath", args[++i]);
                continue;
            }
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path base = Path.of(a.get("basedir"));
        Path target = Path.of(a.get("target"));
        Path appJar = Path.of(a.get("jar"));
        String version = a.get("version");
        Path work = target.resolve("dist-work");
        Path dist = target.resolve("dist");
        delete(work);
        delete(dist);
        Files.createDirectories(work);
        Files.createDirectories(dist);

        // sort the runtime class path: JavaFX (the platform jars; the plain ones are empty), Monocle, the rest
        List<Path> fxJars = new ArrayList<>();
        List<Path> libs = new ArrayList<>();
        Path monocle = null;
        for (String e : a.get("classpath").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            String n = p.getFileName().toString();
            if (!n.endsWith(".jar")) {
                continue; // target/classes: its jar is appJar
            }
            if (n.startsWith("javafx-")) {
                if (n.matches("javafx-.*-(linux|win|mac)(-aarch64)?\\.jar")) {
                    fxJars.add(p);
                }
            } else if (n.startsWith("openjfx-monocle-")) {
                monocle = p;
            } else {
                libs.add(p);
            }
        }

        // JavaFX modules without their native libraries (and javafx.graphics with Monocle), natives aside
        Path fxMods = Files.createDirectories(work.resolve("javafx-modules"));
        Path natives = Files.createDirectories(work.resolve("javafx-natives"));
        List<String> fxModules = new ArrayList<>();
        for (Path jar : fxJars) {
            String module = "javafx." + jar.getFileName().toString().replaceFirst("javafx-([a-z]+)-.*", "$1");
            fxModules.add(module);
            List<Path> extra = module.equals("javafx.graphics") && monocle != null ? List.of(monocle) : List.of();
            repack(jar, extra, fxMods.resolve(module + ".jar"), natives);
        }

        // what goes on the class path, and the lessons beside it
        Path input = Files.createDirectories(work.resolve("input"));
        Files.copy(appJar, input.resolve(appJar.getFileName()));
        for (Path lib : libs) {
            Files.copy(lib, input.resolve(lib.getFileName()));
        }
        copyTree(base.resolve("lessons"), input.resolve("lessons"));
        // the built-in lessons already parsed, beside them: a start reads them in milliseconds, not their YAML
        List<String> cachePath = new ArrayList<>(List.of(appJar.toString()));
        libs.forEach(l -> cachePath.add(l.toString()));
        exec(List.of(Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, cachePath), "org.threadlab.lesson.LessonCache",
                input.resolve("lessons").toString()));

        // the JDK modules those jars need, as jdeps finds them, and the ones reached by reflection or Unsafe
        List<String> jdepsArgs = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", Integer.toString(Runtime.version().feature()), "--module-path", fxMods.toString()));
        jdepsArgs.add(input.resolve(appJar.getFileName()).toString());
        for (Path lib : libs) {
            jdepsArgs.add(input.resolve(lib.getFileName()).toString());
        }
        Set<String> modules = new TreeSet<>();
        String[] lines = run("jdeps", jdepsArgs).strip().split("\\R");
        // the answer is the last line; warnings (a split package inside one jar, say) come before it
        for (String m : lines[lines.length - 1].split(",")) {
            if (!m.isBlank()) {
                modules.add(m.strip());
            }
        }
        modules.addAll(fxModules);
        // sun.misc.Unsafe (JavaFX and libraries); jdk.management: per-thread CPU times; jdk.zipfs: jar resources
        modules.addAll(List.of("jdk.unsupported", "jdk.management", "jdk.zipfs"));
        System.out.println("[dist] runtime modules: " + String.join(",", modules));

        // the runtime: stripped; bin/java kept, since process mode starts child JVMs from it
        Path runtime = work.resolve("runtime");
        List<String> jlinkArgs = new ArrayList<>(List.of("--module-path", fxMods.toString(), "--add-modules",
                String.join(",", modules), "--output", runtime.toString(), "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress", "zip-6"));
        if (!isWindows() && !isMac()) {
            // Every JVM of this runtime (the app and its child processes) runs its JIT compilers at nice 10,
            // below the window's threads: on two cores the first frame came 0.2 s sooner (docs/performance.md).
            // The threads that do a lesson's work get the compilers' priority (Java's 1, mapped to nice 10;
            // WorkerPriority), so that a run filling every core still shares it with the optimizing compiler.
            // Raising a priority needs root; lowering one does not. Given here, not on the command line, the
            // JVM accepts ThreadPriorityPolicy=1 without its warning for users who are not root.
            jlinkArgs.addAll(List.of("--add-options", "-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=10"
                    + " -XX:JavaPriority1_To_OSPriority=10 -Dthreadlab.workerPriority=1"));
        }
        run("jlink", jlinkArgs);
        // No --generate-cds-archive: the JDK's default class-data archives would add 29 MB (two of them), and the
        // app's start-up cache below already holds the JDK classes it loads, as does the children's (ChildImage).
        Path libDir = runtime.resolve(isWindows() ? "bin" : "lib");
        try (Stream<Path> files = Files.list(natives)) {
            for (Path f : files.toList()) {
                Files.copy(f, libDir.resolve(f.getFileName()));
            }
        }

        Path icon = work.resolve("ThreadLab.png");
        Icon.write(icon);

        List<String> javaOptions = new ArrayList<>(List.of(
                "-Dthreadlab.lessons=$APPDIR/lessons",
                "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED",
                // JavaFX and the JVM load native code on purpose: say so, so the JVM does not warn at each start
                "--enable-native-access=javafx.graphics,ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            // JavaFX 21 reads memory with sun.misc.Unsafe; from JDK 23 on the JVM warns unless told it is allowed
            javaOptions.add("--sun-misc-unsafe-memory-access=allow");
        }
        String appVersion = version.replaceFirst("-.*", "");
        List<String> image = new ArrayList<>(List.of("--type", "app-image", "--name", NAME, "--dest", dist.toString(),
                "--input", input.toString(), "--main-jar", appJar.getFileName().toString(),
                "--main-class", a.get("mainClass"), "--runtime-image", runtime.toString(),
                "--app-version", appVersion, "--vendor", "ThreadLab",
                "--description", "See concurrency: lessons run live on real threads and processes, then animated.",
                "--icon", icon.toString()));
        for (String o : javaOptions) {
            image.add("--java-options");
            image.add(o);
        }
        run("jpackage", image);
        Path app = dist.resolve(isMac() ? NAME + ".app" : NAME);
        System.out.println("[dist] application image: " + app + " (" + mb(size(app)) + ")");
        System.out.println("[dist]   runtime " + mb(size(runtime)) + ", of it the modules file "
                + mb(Files.size(runtime.resolve("lib").resolve("modules"))) + "; class path and lessons "
                + mb(size(input)));

        aotCache(app, runtime, javaOptions, appVersion, a.get("mainClass"), work);
        if (!isWindows() && !isMac()) {
            scriptLauncher(app);
        }
        System.out.println("[dist] application image with the cache: " + mb(size(app)));
        installer(app, dist, appVersion, icon, base.resolve("src/dist/linux"));
    }

    /**
     * Start-up: an ahead-of-time cache of the classes the first screen loads (JDK 25's AOT cache,
     * JEP 483 and 514; before 25 an AppCDS archive), made now by one training start of the image
     * (a headless snapshot of the first screen) and named in the launcher's options, so each start
     * maps those classes already parsed, verified and linked instead of loading them from the jars.
     * The JVM checks the cache against its runtime and class path and ignores it if they changed.
     */
    private static void aotCache(Path app, Path runtime, List<String> javaOptions, String appVersion, String mainClass,
            Path work) throws IOException, InterruptedException {
        Path appDir = app.resolve(isMac() ? "Contents/app" : "lib/app");
        Path cfg = appDir.resolve(NAME + ".cfg");
        boolean aot = Runtime.version().feature() >= 25;
        String file = aot ? NAME + ".aot" : NAME + ".jsa";
        List<String> classPath = new ArrayList<>();
        for (String entry : cfgValues(cfg, "app.classpath")) {
            classPath.add(entry.replace("$APPDIR", appDir.toString()));
        }
        Path imageRuntime = app.resolve(isMac() ? "Contents/runtime/Contents/Home" : "lib/runtime");
        List<String> cmd = new ArrayList<>(List.of(imageRuntime.resolve("bin").resolve(isWindows() ? "java.exe" : "java").toString(),
                "-Djpackage.app-version=" + appVersion));
        for (String o : javaOptions) {
            cmd.add(o.replace("$APPDIR", appDir.toString()));
        }
        cmd.addAll(List.of((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + appDir.resolve(file),
                "-Dthreadlab.noAppCds=true", "-cp", String.join(java.io.File.pathSeparator, classPath), mainClass));
        // The training should load what a learner's start loads: the real windowing toolkit and the
        // preferences file (kept in the build's own folder). On Linux an invisible X server does; on
        // Windows and macOS the desktop (a window shows for a few seconds). Without a screen, a headless
        // snapshot of the first screen is a smaller cache, which still helps.
        Process xvfb = !isWindows() && !isMac() && onPath("Xvfb") ? startXvfb() : null;
        boolean screen = xvfb != null || isWindows() || isMac();
        if (screen) {
            // startupLog: the benchmark's start-up log is then in the cache too, and costs the start it measures nothing
            cmd.addAll(cmd.size() - 3, List.of("-Dthreadlab.trainStartup=true", "-Dthreadlab.startupLog=true",
                    "-Djava.util.prefs.userRoot=" + work.resolve("training-prefs")));
        } else {
            cmd.addAll(List.of("--snapshot", work.resolve("training.png").toString(), "--size", "1280x800"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("training.log").toFile());
        if (xvfb != null) {
            pb.environment().put("DISPLAY", XVFB_DISPLAY);
        } else if (!screen) {
            pb.environment().remove("DISPLAY"); // the headless snapshot: no screen needed to build
        }
        System.out.println("[dist] training start for the start-up cache: "
                + (xvfb != null ? "a window on an invisible X server" : screen ? "a window on this desktop" : "a headless snapshot"));
        Process p = pb.start();
        try {
            if (!p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
        if (p.isAlive() || p.exitValue() != 0 || !Files.isRegularFile(appDir.resolve(file))) {
            Files.deleteIfExists(appDir.resolve(file));
            System.out.println("[dist] no start-up cache: the training start failed; the image works without it. See "
                    + work.resolve("training.log"));
            return;
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        int at = lines.indexOf("[JavaOptions]") + 1;
        lines.add(at, "java-options=" + (aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + "$APPDIR/" + file);
        // A cache the JVM cannot use (the jars were copied without their times, or replaced) is
        // skipped at a cost in start-up only; the JVM's notes about it would land on stdout, in a --json answer.
        lines.add(at + 1, "java-options=" + (aot ? "-Xlog:aot*=off" : "-Xlog:cds*=off"));
        Files.write(cfg, lines);
        System.out.println("[dist] start-up cache: " + appDir.resolve(file) + " (" + mb(Files.size(appDir.resolve(file))) + ")");
    }

    /**
     * On Linux, {@code bin/ThreadLab} becomes a short shell script that starts the bundled runtime
     * with the options, class path and main class of {@code lib/app/ThreadLab.cfg}. jpackage's own
     * Linux launcher asks {@code rpm -qf} and {@code dpkg -S} which package owns it at every start,
     * to find its library: measured here, 0.3 to 0.45 s before the JVM even starts, and more on a
     * desktop with many packages (docs/performance.md). The script does the same start without asking.
     */
    private static void scriptLauncher(Path app) throws IOException {
        Path cfg = app.resolve("lib/app").resolve(NAME + ".cfg");
        List<String> classPath = cfgValues(cfg, "app.classpath");
        List<String> options = new ArrayList<>(cfgValues(cfg, "java-options"));
        String mainClass = cfgValues(cfg, "app.mainclass").stream().findFirst().orElse(null);
        if (mainClass == null || classPath.isEmpty()) {
            throw new IllegalStateException(cfg + " names no main class or class path");
        }
        StringBuilder script = new StringBuilder("""
                #!/bin/sh
                # ThreadLab: starts the Java runtime bundled in this folder with ThreadLab's options (the same
                # as lib/app/ThreadLab.cfg). A script rather than jpackage's Linux launcher, which asks rpm and
                # dpkg which package owns it at every start, for a third of a second or more.
                self=$(readlink -f "$0")
                app=$(dirname "$(dirname "$self")")
                APPDIR="$app/lib/app"
                exec "$app/lib/runtime/bin/java" \\
                """);
        options.add(0, "-Djpackage.app-path=$app/bin/" + NAME); // as jpackage's launcher sets it
        for (String o : options) {
            script.append("  ").append(shellWord(o)).append(" \\\n");
        }
        script.append("  -cp ").append(shellWord(String.join(":", classPath))).append(" \\\n");
        script.append("  ").append(shellWord(mainClass)).append(" \"$@\"\n");
        Path launcher = app.resolve("bin").resolve(NAME);
        Files.delete(launcher);
        Files.writeString(launcher, script);
        launcher.toFile().setExecutable(true, false);
        Files.deleteIfExists(app.resolve("lib/libapplauncher.so")); // the native launcher's library, now unused
        System.out.println("[dist] launcher: " + launcher + " (a shell script; see docs/install.md)");
    }

    /** The values of {@code key} in a jpackage launcher's .cfg file ({@code key=value} lines), in order. */
    private static List<String> cfgValues(Path cfg, String key) throws IOException {
        return Files.readAllLines(cfg).stream().filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1)).toList();
    }

    /** A word for the script, in double quotes; {@code $APPDIR} and {@code $app} stay variables. */
    private static String shellWord(String s) {
        String quoted = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`").replace("$", "\\$")
                .replace("\\$APPDIR", "$APPDIR").replace("\\$app", "$app");
        return "\"" + quoted + "\"";
    }

    /** The platform's installer from the image, when the tools it needs are there; a clear message when not. */
    private static void installer(Path app, Path dist, String appVersion, Path icon, Path linuxScripts) throws Exception {
        List<String> common = new ArrayList<>(List.of("--app-image", app.toString(), "--name", NAME, "--dest",
                dist.toString(), "--app-version", appVersion, "--vendor", "ThreadLab", "--description",
                "See concurrency: lessons run live on real threads and processes, then animated."));
        if (isWindows()) {
            // jpackage's msi needs the WiX toolset on the PATH
            if (onPath("candle.exe") || onPath("wix.exe")) {
                common.addAll(List.of("--type", "msi", "--win-menu", "--win-menu-group", NAME, "--win-shortcut",
                        "--win-dir-chooser", "--win-upgrade-uuid", "6c9f5b1e-3b3a-4d55-9a3e-7d1c2f7f5a10"));
                run("jpackage", common);
            } else {
                System.out.println("[dist] no .msi: the WiX toolset (candle.exe or wix.exe) is not on the PATH;"
                        + " install it from wixtoolset.org to make one");
            }
        } else if (isMac()) {
            common.addAll(List.of("--type", "dmg"));
            run("jpackage", common);
        } else {
            if (onPath("dpkg-deb") && onPath("fakeroot")) {
                common.addAll(List.of("--type", "deb", "--linux-package-name", "threadlab", "--linux-menu-group",
                        "Education", "--linux-shortcut", "--linux-app-category", "education", "--icon", icon.toString(),
                        "--linux-deb-maintainer", "threadlab@localhost",
                        // our postinst and prerm: jpackage's fail the install on a machine with no menu folders
                        "--resource-dir", linuxScripts.toString()));
                run("jpackage", common);
                keepTimes(app, dist);
                try (Stream<Path> files = Files.list(dist)) {
                    files.filter(f -> f.toString().endsWith(".deb")).forEach(f -> System.out.println(
                            "[dist] installer: " + f + " (" + mb(f.toFile().length()) + ")"));
                }
            } else {
                System.out.println("[dist] no .deb: dpkg-deb and fakeroot are needed"
                        + " (on Debian or Ubuntu: sudo apt-get install dpkg fakeroot); the image above is complete");
            }
        }
    }

    /**
     * jpackage copies the image into the .deb without the files' modification times; the start-up
     * cache names its jars by path, size and time, so a package installed that way would never use it.
     * This unpacks the .deb, gives each file the time it has in the image, and packs it again.
     */
    private static void keepTimes(Path app, Path dist) throws IOException, InterruptedException {
        Path deb;
        try (Stream<Path> files = Files.list(dist)) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElse(null);
        }
        if (deb == null) {
            return;
        }
        Path tree = dist.getParent().resolve("dist-work").resolve("deb-tree");
        delete(tree);
        exec(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()));
        Path installed = tree.resolve("opt").resolve("threadlab");
        try (Stream<Path> files = Files.walk(app)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path copy = installed.resolve(app.relativize(f).toString());
                if (Files.isRegularFile(copy)) {
                    Files.setLastModifiedTime(copy, Files.getLastModifiedTime(f));
                }
            }
        }
        exec(List.of("fakeroot", "dpkg-deb", "-Zxz", "--build", tree.toString(), deb.toString()));
        delete(tree);
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with status " + p.exitValue());
        }
    }

    /** Copies a JavaFX jar without its native libraries (into {@code natives}), adding the classes of {@code extra}. */
    private static void repack(Path jar, List<Path> extra, Path out, Path natives) throws IOException {
        Set<String> seen = new HashSet<>();
        try (ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Path in : concat(List.of(jar), extra)) {
                boolean main = in.equals(jar);
                try (ZipFile z = new ZipFile(in.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(z.entries())) {
                        String n = e.getName();
                        if (e.isDirectory() || !seen.add(n) || (!main && (n.startsWith("META-INF/") || n.equals("module-info.class")))) {
                            continue;
                        }
                        try (InputStream is = z.getInputStream(e)) {
                            if (!n.contains("/") && (n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib"))) {
                                Files.copy(is, natives.resolve(n));
                            } else {
                                zos.putNextEntry(new ZipEntry(n));
                                is.transferTo(zos);
                                zos.closeEntry();
                            }
                        }
                    }
                }
            }
        }
    }

    private static <T> List<T> concat(List<T> x, List<T> y) {
        List<T> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }

    private static String classPath(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return String.join(java.io.File.pathSeparator,
                    files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted().toList());
        }
    }

    /** Runs one of the JDK's tools in this JVM; fails the build, with the tool's words, if it fails. */
    private static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is missing from this JDK (" + System.getProperty("java.home") + ")"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (!err.toString().isBlank()) {
            System.err.print(err);
        }
        if (status != 0) {
            System.err.print(out);
            throw new IllegalStateException(tool + " failed with status " + status + ": " + String.join(" ", args));
        }
        return out.toString();
    }

    /** The X display the training start uses when Xvfb is there. */
    private static final String XVFB_DISPLAY = ":" + (900 + ProcessHandle.current().pid() % 90);

    /** An invisible X server for the training start, or null if it does not come up. */
    private static Process startXvfb() throws IOException, InterruptedException {
        Process x = new ProcessBuilder("Xvfb", XVFB_DISPLAY, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + XVFB_DISPLAY.substring(1));
        for (int i = 0; i < 50 && x.isAlive() && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        if (!x.isAlive() || !Files.exists(socket)) {
            x.destroy();
            return null;
        }
        return x;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static boolean isMac() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** The app's icon, drawn here: two lanes of a timeline, one bar each, on a rounded square. */
    static final class Icon {
        static void write(Path png) throws IOException {
            int s = 256;
            var img = new java.awt.image.BufferedImage(s, s, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            var g = img.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new java.awt.Color(0x24, 0x29, 0x2f));
            g.fillRoundRect(8, 8, s - 16, s - 16, 48, 48);
            g.setColor(new java.awt.Color(0x2f, 0x81, 0xf7));
            g.fillRoundRect(40, 70, 120, 44, 16, 16);
            g.setColor(new java.awt.Color(0xf7, 0x8a, 0x2f));
            g.fillRoundRect(96, 142, 120, 44, 16, 16);
            g.dispose();
            try (OutputStream out = Files.newOutputStream(png)) {
                javax.imageio.ImageIO.write(img, "png", out);
            }
        }
    }
}

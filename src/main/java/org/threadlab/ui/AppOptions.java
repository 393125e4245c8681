package org.threadlab.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Options of the window: open a lesson with run settings, or a saved run to replay, and optionally
 * save a snapshot and quit.
 */
@Command(name = "threadlab", description = "Opens the ThreadLab window.")
public final class AppOptions {
    @Option(names = "--lesson", paramLabel = "ID", description = "Lesson to open.")
    String lesson;
    @Option(names = "--variant", paramLabel = "V")
    String variant;
    @Option(names = "--mode", paramLabel = "M")
    String mode;
    @Option(names = "--workers", paramLabel = "N")
    Integer workers;
    @Option(names = "--pool-size", paramLabel = "N", description = "Threads (or processes) in the pool, for"
            + " thread-pool (or process-pool) mode.")
    Integer poolSize;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets one of the lesson's params, e.g. n=1000;"
            + " repeat for more.")
    Map<String, Long> params = new LinkedHashMap<>();
    @Option(names = "--gil", description = "Simulate CPython's GIL (a simulation, labelled so).")
    boolean gil;
    @Option(names = "--switch-interval", paramLabel = "MS", description = "Simulated GIL switch interval in ms.")
    Double switchInterval;
    @Option(names = "--timeout", paramLabel = "S", description = "Cancel the run after this many seconds (default: the"
            + " lesson's).")
    Double timeoutSeconds;
    @Option(names = "--snapshot", paramLabel = "FILE.png",
            description = "Run the lesson to its end, save a PNG of the whole window, and quit; without --lesson, a PNG"
                    + " of the first screen. The picture never uses or changes what the window remembers.")
    Path snapshot;
    @Option(names = "--challenge", paramLabel = "ID",
            description = "With --lesson: open Step through playing this challenge of the lesson.")
    String challenge;
    @Option(names = "--tab", paramLabel = "TAB",
            description = "With --snapshot: the detail tab to show, memory, locks, sync (semaphores and queues), console or"
                    + " result (default: result).")
    String tab;
    @Option(names = "--at", paramLabel = "MS",
            description = "With --snapshot: the replay time to show, in milliseconds since the run's start (default: its end).")
    Double atMillis;
    @Option(names = "--window", paramLabel = "FROM..TO",
            description = "With --snapshot: the part of the run the timeline shows, in milliseconds since its start,"
                    + " e.g. 120.5..120.51 for 10 microseconds (zoomed in to single reads and writes).")
    String window;
    @Option(names = "--lost-update", paramLabel = "K",
            description = "With --snapshot: centre the run's K-th lost update in the timeline (1 for the first), zoomed"
                    + " in to its reads and writes, the replay on its overwriting write.")
    Integer lostUpdate;
    @Option(names = "--pin-modes", paramLabel = "M[+gil],...", split = ",",
            description = "Run the lesson once in each of these modes (e.g. sequential,threads,processes,threads+gil), pin"
                    + " each run and show the pinned runs side by side (after a first run, not pinned, that warms the"
                    + " JVM); with --snapshot, the picture is of them.")
    java.util.List<String> pinModes = new java.util.ArrayList<>();
    @Option(names = "--lessons", paramLabel = "DIR", description = "Also show the lessons in this folder (or this lesson"
            + " file) in a group of their own; may be given more than once.")
    java.util.List<Path> lessons = new java.util.ArrayList<>();
    @Option(names = "--open", paramLabel = "FILE.threadlab", description = "Open a saved run and replay it (nothing runs).")
    Path open;
    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "FILE.threadlab",
            description = "A saved run to open, as with --open (what a file manager passes to the launcher).")
    Path file;
    @Option(names = "--dark", description = "Start with the dark theme.")
    boolean dark;
    @Option(names = "--size", paramLabel = "WxH", description = "Window size, e.g. 1600x1000 (default: the size the"
            + " window had when last closed, else 1600x1000 or the screen if smaller).")
    String size;

    /** The window size when neither --size nor a remembered size says otherwise. */
    static final int DEFAULT_WIDTH = 1600;
    static final int DEFAULT_HEIGHT = 1000;

    /** Parses the window's arguments; throws picocli's ParameterException with a message on bad ones. */
    public static AppOptions parse(String... args) {
        AppOptions options = new AppOptions();
        if (args.length == 0) {
            return options; // the usual start: no parser to load (picocli's classes cannot be in the start-up cache)
        }
        CommandLine cl = new CommandLine(options);
        cl.parseArgs(args);
        if (options.size != null && !options.size.matches("\\d{3,5}x\\d{3,5}")) {
            throw new CommandLine.ParameterException(cl, "--size must be WIDTHxHEIGHT in pixels, e.g. 1600x1000; got '"
                    + options.size + "'");
        }
        if (options.poolSize != null && options.poolSize < 1) {
            throw new CommandLine.ParameterException(cl, "--pool-size must be 1 or more; got " + options.poolSize);
        }
        if (options.timeoutSeconds != null && !(options.timeoutSeconds > 0)) {
            throw new CommandLine.ParameterException(cl, "--timeout must be a number of seconds above 0; got "
                    + options.timeoutSeconds);
        }
        if (options.open != null && options.file != null) {
            throw new CommandLine.ParameterException(cl, "give one run file to open, with --open or bare; got "
                    + options.open + " and " + options.file);
        }
        if (options.runFile() != null && options.lesson != null) {
            throw new CommandLine.ParameterException(cl, "a run file brings its own lesson: give --open (or the file)"
                    + " or --lesson, not both");
        }
        if (options.runFile() != null && !options.pinModes.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--pin-modes runs the lesson in each mode, and a run file is"
                    + " replayed, never run: give one or the other");
        }
        if (options.atMillis != null && !(options.atMillis >= 0)) {
            throw new CommandLine.ParameterException(cl, "--at must be a time in milliseconds, 0 or more; got " + options.atMillis);
        }
        try {
            PinnedModes.parse(options.pinModes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        return options;
    }

    /** The run file to open, from --open or given bare; null for none. */
    Path runFile() {
        return open != null ? open : file;
    }

    /** Whether --size was given: a size asked for beats the one the window remembers. */
    boolean sizeGiven() {
        return size != null;
    }

    int width() {
        return size == null ? DEFAULT_WIDTH : Integer.parseInt(size.split("x")[0]);
    }

    int height() {
        return size == null ? DEFAULT_HEIGHT : Integer.parseInt(size.split("x")[1]);
    }
}

package org.threadlab.engine.python;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Listing;
import org.threadlab.lesson.PythonRun;

/**
 * One run of a Python listing asked for: which listing, at what scale, in which mode, for how long.
 *
 * @param name    the file name the listing is written to, without {@code .py} (e.g. {@code shared_counter});
 *                letters, digits and {@code _} only
 * @param listing a Python listing with its {@code python-run:} ({@link Listing#pythonRun()})
 * @param scale   the counts are the listing's defaults divided by this ({@link PythonRun#countsAt(long)}); 1 = as written
 * @param mode    the value passed as {@code --mode}, one of the listing's {@code modes:}; {@code ""} passes
 *                none, so the listing runs in the mode it shows
 * @param timeout the run is stopped (its whole process tree killed) after this long
 */
public record PythonTask(String name, Listing listing, long scale, String mode, Duration timeout) {
    public PythonTask {
        if (listing == null || !listing.language().equals("python")) {
            throw new IllegalArgumentException("not a Python listing");
        }
        PythonRun run = listing.pythonRun().orElseThrow(() -> new IllegalArgumentException(
                "the Python listing does not say how it runs (no python-run: beside it)"));
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a listing's file name is letters, digits and _, not '" + name + "'");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("the scale must be at least 1, not " + scale);
        }
        mode = mode == null ? "" : mode;
        if (!mode.isEmpty() && !run.modes().contains(mode)) {
            throw new IllegalArgumentException(run.modes().isEmpty() ? "this listing has no --mode to choose"
                    : "no mode '" + mode + "' in this listing; its modes: " + String.join(", ", run.modes()));
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
    }

    /**
     * The Python listing of a lesson's variant, at its {@code python-run} scale, in the mode it shows,
     * with its timeout; written to {@code LESSON_ID.py} (dashes as underscores).
     *
     * @param variant the variant's name; {@code ""} or null for the default
     * @throws IllegalArgumentException if there is no such variant, or it has no Python listing, or
     *                                  its listing has no {@code python-run:}
     */
    public static PythonTask of(Lesson lesson, String variant) {
        Lesson resolved = lesson.resolve(variant);
        String shown = lesson.id() + (resolved.defaultVariant().isEmpty() ? "" : " [" + resolved.defaultVariant() + "]");
        Listing listing = resolved.listing("python").orElseThrow(() -> new IllegalArgumentException(
                shown + " has no Python listing"));
        PythonRun run = listing.pythonRun().orElseThrow(() -> new IllegalArgumentException(shown
                + " has a Python listing but does not say how it runs (no python-run: beside it)"));
        String name = lesson.id().replaceAll("[^A-Za-z0-9_]", "_");
        if (!name.matches("[A-Za-z_].*")) {
            name = "listing_" + name;
        }
        return new PythonTask(name, listing, run.scale(), "", Duration.ofSeconds(run.timeoutSeconds()));
    }

    /** The listing's {@code python-run:}. */
    public PythonRun run() {
        return listing.pythonRun().orElseThrow();
    }

    /** The counts passed: each default divided by the scale, at least 1, in the order written. */
    public Map<String, Long> counts() {
        return run().countsAt(scale);
    }

    public String fileName() {
        return name + ".py";
    }

    /**
     * The options after the file name: {@code --NAME VALUE} per count, then {@code --mode M} if a
     * mode is asked, then {@code --server URL} when the listing downloads (serverUrl null: left out).
     */
    public List<String> arguments(String serverUrl) {
        List<String> args = new ArrayList<>();
        counts().forEach((k, v) -> {
            args.add("--" + k);
            args.add(Long.toString(v));
        });
        if (!mode.isEmpty()) {
            args.add("--mode");
            args.add(mode);
        }
        if (run().server() && serverUrl != null) {
            args.add("--server");
            args.add(serverUrl);
        }
        return args;
    }

    /**
     * The command line as a learner would type it: the interpreter as named, the file, then
     * {@link #arguments(String)}.
     */
    public List<String> commandLine(String interpreter, String serverUrl) {
        List<String> line = new ArrayList<>(List.of(interpreter, fileName()));
        line.addAll(arguments(serverUrl));
        return line;
    }

    public PythonTask atScale(long k) {
        return new PythonTask(name, listing, k, mode, timeout);
    }

    public PythonTask inMode(String m) {
        return new PythonTask(name, listing, scale, m, timeout);
    }

    public PythonTask withTimeout(Duration t) {
        return new PythonTask(name, listing, scale, mode, t);
    }

    /** {@code n = 5,000, workers = 2} (empty when the listing has no counts). */
    public String countsText() {
        StringBuilder sb = new StringBuilder();
        counts().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" = ")
                .append(String.format(Locale.ROOT, "%,d", v)));
        return sb.toString();
    }
}

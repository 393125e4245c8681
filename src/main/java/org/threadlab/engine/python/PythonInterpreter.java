package org.threadlab.engine.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The learner's Python, asked once what it is. Listings run with {@link #executable()}, the path the
 * interpreter itself reports ({@code sys.executable}), so a launcher or a pyenv shim that picks a
 * version by folder cannot switch to another Python between the question and the run.
 *
 * @param command           what was asked for: a command on PATH ({@code python3}) or a path
 * @param executable        the interpreter's own path ({@code sys.executable}), or {@code command}
 *                          when it reports none
 * @param version           e.g. {@code 3.11.7} ({@code platform.python_version()})
 * @param implementation    e.g. {@code CPython}, {@code PyPy} ({@code platform.python_implementation()})
 * @param freeThreadedBuild built without the GIL (the {@code t} builds of 3.13+, {@code Py_GIL_DISABLED})
 * @param gilEnabled        the GIL is on at start-up: {@code sys._is_gil_enabled()} on 3.13+, else
 *                          always (a free-threaded build may still turn it on, e.g. with
 *                          {@code PYTHON_GIL=1})
 */
public record PythonInterpreter(String command, String executable, String version, String implementation,
                                boolean freeThreadedBuild, boolean gilEnabled) {
    /** The oldest Python a listing is written for. */
    public static final int MIN_MAJOR = 3;
    public static final int MIN_MINOR = 10;
    /** Tried in this order when no interpreter is named. */
    public static final List<String> DEFAULT_COMMANDS = List.of("python3", "python");

    private static final String PROBE_MARK = "threadlab-probe|";
    /**
     * Asks the interpreter what it is. Written so that Python 2 can run it too (and then be refused
     * with its version), and without double quotes, which Windows command lines mangle.
     */
    private static final String PROBE = String.join("\n",
            "import sys, platform",
            "try:",
            "    import sysconfig",
            "    ft = 1 if sysconfig.get_config_var('Py_GIL_DISABLED') else 0",
            "except Exception:",
            "    ft = 0",
            "g = getattr(sys, '_is_gil_enabled', None)",
            "gil = 1 if g is None or g() else 0",
            "print('" + PROBE_MARK + "%s|%s|%d|%d|%s' % (platform.python_version(),"
                    + " platform.python_implementation(), ft, gil, sys.executable or ''))");
    private static final long PROBE_SECONDS = 20;

    /** {@code CPython 3.11.7}. */
    public String label() {
        return implementation + " " + version;
    }

    /** {@code GIL enabled}, {@code free-threaded, GIL disabled}, or {@code free-threaded build, GIL enabled}. */
    public String gilLabel() {
        if (!gilEnabled) {
            return "free-threaded, GIL disabled";
        }
        return freeThreadedBuild ? "free-threaded build, GIL enabled" : "GIL enabled";
    }

    /** The major and minor version, e.g. {@code [3, 11]}. */
    public int[] majorMinor() {
        String[] parts = version.split("\\.");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }

    /** {@code python3}, else {@code python}, on PATH. */
    public static PythonInterpreter find() throws PythonUnavailableException {
        return find(null);
    }

    /**
     * The interpreter named by {@code commandOrPath} (a command on PATH or a file), or when that is
     * null or blank the first of {@link #DEFAULT_COMMANDS} that is Python 3.10 or newer. Starts the
     * interpreter to ask it, so it blocks (usually for tens of milliseconds, at most about 20 s):
     * call it off a window's event thread.
     *
     * @throws PythonUnavailableException with a message for the learner when there is none, it does
     *                                    not answer like a Python, or it is too old
     */
    public static PythonInterpreter find(String commandOrPath) throws PythonUnavailableException {
        if (commandOrPath != null && !commandOrPath.isBlank()) {
            PythonInterpreter p = probe(commandOrPath.strip());
            refuseOld(p);
            return p;
        }
        List<String> reasons = new ArrayList<>();
        for (String command : DEFAULT_COMMANDS) {
            try {
                PythonInterpreter p = probe(command);
                refuseOld(p);
                return p;
            } catch (PythonUnavailableException e) {
                reasons.add(e.getMessage());
            }
        }
        throw new PythonUnavailableException("no Python " + MIN_MAJOR + "." + MIN_MINOR + " or newer found: "
                + String.join("; ", reasons) + ". Install one (python.org) or name one, e.g. a virtual"
                + " environment's bin/python or python3.13t");
    }

    private static void refuseOld(PythonInterpreter p) throws PythonUnavailableException {
        int[] mm = p.majorMinor();
        if (mm[0] < MIN_MAJOR || (mm[0] == MIN_MAJOR && mm[1] < MIN_MINOR)) {
            throw new PythonUnavailableException(p.command() + " is " + p.label() + "; the listings are written for"
                    + " Python " + MIN_MAJOR + "." + MIN_MINOR + " or newer");
        }
    }

    private static PythonInterpreter probe(String command) throws PythonUnavailableException {
        java.nio.file.Path asPath = java.nio.file.Path.of(command);
        boolean looksLikePath = command.contains("/") || command.contains(java.io.File.separator);
        if (looksLikePath && !java.nio.file.Files.isRegularFile(asPath)) {
            throw new PythonUnavailableException(command + ": no such file");
        }
        if (looksLikePath && !java.nio.file.Files.isExecutable(asPath)) {
            throw new PythonUnavailableException(command + ": not an executable file");
        }
        Process p;
        try {
            p = new ProcessBuilder(command, "-c", PROBE).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PythonUnavailableException(looksLikePath ? command + " cannot be started: " + e.getMessage()
                    : "no " + command + " on PATH");
        }
        String answer;
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            // read on a helper so a Python that prints for ever, or never exits, cannot hold us
            java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readNBytes(64 * 1024);
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PythonUnavailableException(command + " did not answer within " + PROBE_SECONDS + " s");
            }
            answer = new String(read.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PythonUnavailableException(command + ": interrupted while asking its version");
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new PythonUnavailableException(command + " did not answer: " + e.getMessage());
        }
        String line = answer.lines().filter(l -> l.startsWith(PROBE_MARK)).findFirst().orElse(null);
        if (line == null) {
            String said = answer.strip();
            throw new PythonUnavailableException(command + " did not answer like a Python interpreter (exit code "
                    + p.exitValue() + (said.isEmpty() ? "" : ": " + abbreviate(said)) + ")");
        }
        String[] f = line.substring(PROBE_MARK.length()).split("\\|", 5);
        String executable = f.length > 4 && !f[4].isBlank() ? f[4].strip() : command;
        return new PythonInterpreter(command, executable, f[0], f[1], f[2].equals("1"), !f[3].equals("0"));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}

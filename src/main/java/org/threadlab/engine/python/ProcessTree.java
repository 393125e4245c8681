package org.threadlab.engine.python;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes of one Python run: the interpreter and everything it started. Kills them all, and
 * adds up their CPU time as the system reports it.
 */
final class ProcessTree {
    /** Set in the interpreter's environment; every process it starts inherits it, even after its parent died. */
    static final String MARKER_VARIABLE = "THREADLAB_PYTHON_RUN";

    private final ProcessHandle root;
    private final String marker;
    /** Last CPU time seen per process (pid and start instant, so a reused pid is another process). */
    private final Map<String, Duration> cpuSeen = new ConcurrentHashMap<>();
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    ProcessTree(ProcessHandle root, String marker) {
        this.root = root;
        this.marker = marker;
    }

    /**
     * Notes the CPU time of the interpreter and each descendant alive now. Called every few hundred
     * milliseconds while the run lasts, so children that are never waited for (a forkserver's, a
     * pool's killed workers) still count, up to their last sample.
     */
    void sampleCpu() {
        note(root);
        root.descendants().forEach(h -> {
            seen.add(h);
            note(h);
        });
    }

    private void note(ProcessHandle h) {
        ProcessHandle.Info info = h.info();
        Optional<Duration> cpu = info.totalCpuDuration();
        if (cpu.isPresent()) {
            String key = h.pid() + "@" + info.startInstant().map(Instant::toString).orElse("");
            cpuSeen.merge(key, cpu.get(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
    }

    /** CPU time sampled for the interpreter itself; empty if never sampled. */
    Optional<Duration> rootCpuSampled() {
        String prefix = root.pid() + "@";
        return cpuSeen.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).findFirst();
    }

    /** CPU time sampled for every descendant seen, added up. */
    Duration descendantsCpuSampled() {
        String prefix = root.pid() + "@";
        return cpuSeen.entrySet().stream().filter(e -> !e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Whether anything was sampled at all. */
    boolean sampled() {
        return !cpuSeen.isEmpty();
    }

    /**
     * Kills the whole tree: the descendants, then the interpreter, in rounds until none is left, so a
     * pool that replaces a killed worker before its parent dies loses the replacement too.
     */
    void kill() {
        for (int round = 0; round < 10; round++) {
            List<ProcessHandle> found = new ArrayList<>(root.descendants().toList());
            for (ProcessHandle h : List.copyOf(seen)) {
                if (running(h)) {
                    found.addAll(h.descendants().toList());
                }
            }
            seen.addAll(found);
            found.forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
            List<ProcessHandle> all = new ArrayList<>(seen);
            all.add(root);
            if (awaitGone(all, Duration.ofSeconds(2))) {
                return;
            }
        }
    }

    /**
     * Kills what is left of the run after its interpreter ended: processes it started that no
     * longer hang below it (their parent died). Found by the variable they inherited; where the
     * system does not show processes' environments (anything but Linux), only those seen in the
     * tree before. Those that end by themselves within {@code grace} (a forkserver, a resource
     * tracker: they leave when their parent's pipe closes) are not killed.
     *
     * @return how many were killed
     */
    int killLeftovers(Duration grace) {
        Set<ProcessHandle> left = new LinkedHashSet<>();
        seen.stream().filter(ProcessTree::running).forEach(left::add);
        Path proc = Path.of("/proc");
        if (Files.isDirectory(proc.resolve("self"))) {
            byte[] needle = (MARKER_VARIABLE + "=" + marker).getBytes(StandardCharsets.UTF_8);
            long self = ProcessHandle.current().pid();
            ProcessHandle.allProcesses().filter(h -> h.pid() != self && h.pid() != root.pid()).forEach(h -> {
                try {
                    byte[] env = Files.readAllBytes(proc.resolve(Long.toString(h.pid())).resolve("environ"));
                    if (contains(env, needle)) {
                        left.add(h);
                    }
                } catch (java.io.IOException | SecurityException e) {
                    // gone meanwhile, or not ours to read: not one of the run's processes
                }
            });
        }
        if (awaitGone(left, grace)) {
            return 0;
        }
        left.removeIf(h -> !running(h));
        List<ProcessHandle> killed = new ArrayList<>(left);
        for (ProcessHandle h : left) {
            h.descendants().forEach(d -> {
                d.destroyForcibly();
                killed.add(d);
            });
            h.destroyForcibly();
        }
        seen.addAll(killed);
        awaitGone(killed, Duration.ofSeconds(2));
        return left.size();
    }

    /**
     * Waits until none of the processes runs any more, or the time is up; returns whether none
     * does. Polls: a process that is not our child has no exit to wait for, and one that is dead
     * but not yet reaped (a zombie, whose parent died before it) never "exits" for the JDK.
     */
    private static boolean awaitGone(java.util.Collection<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (processes.stream().noneMatch(ProcessTree::running)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return processes.stream().noneMatch(ProcessTree::running);
            }
        }
    }

    /**
     * Whether the process still runs. A zombie does not: it is dead and only waits for its parent
     * to collect its exit status (or, orphaned, for an init that may never do so), yet the JDK
     * counts it alive. Linux says which it is in {@code /proc/PID/stat}.
     */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(h.pid()), "stat");
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return true;
        }
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            int close = text.lastIndexOf(')'); // the command name in brackets may hold spaces and ')'
            char state = close >= 0 && close + 2 < text.length() ? text.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false; // no such process any more
        }
    }

    /** Whether the variable block holds {@code NAME=VALUE} as a whole entry. */
    private static boolean contains(byte[] env, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(env, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}

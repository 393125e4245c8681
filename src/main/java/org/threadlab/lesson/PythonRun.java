package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * How a lesson's Python listing runs for real on the learner's CPython, from the
 * {@code python-run:} key beside the listings. A listing is a complete program that takes its
 * counts as {@code --NAME VALUE} options; the numbers written in it are their defaults.
 *
 * @param counts         the listing's count options (without {@code --}) and the defaults written
 *                       in it; a run at scale K passes each as {@code max(1, default / K)}
 * @param scale          the scale of a run of a few seconds on a laptop: what the window's button
 *                       and the {@code python} command use unless told otherwise (1 = as written)
 * @param server         the listing downloads from the loopback test server; the runner starts
 *                       one and passes {@code --server http://127.0.0.1:PORT}
 * @param hangs          what the listing stops on for ever on purpose ({@code deadlock},
 *                       {@code lost-wakeup}), or {@code ""}: such a run ends at its timeout, and
 *                       that is its lesson
 * @param modes          the values of the listing's {@code --mode} option used to compare CPython's
 *                       real speed-ups with ThreadLab's simulated GIL ({@code sequential},
 *                       {@code threads}, {@code processes}); empty when it has none
 * @param timeoutSeconds a run is stopped after this long
 */
public record PythonRun(Map<String, Long> counts, long scale, boolean server, String hangs, List<String> modes,
                        int timeoutSeconds) {
    /** The values {@code hangs:} accepts besides none. */
    public static final List<String> HANG_KINDS = List.of("deadlock", "lost-wakeup");
    /** The values {@code modes:} accepts. */
    public static final List<String> MODES = List.of("sequential", "threads", "processes");
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public PythonRun {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        modes = List.copyOf(modes);
        hangs = hangs == null ? "" : hangs;
    }

    /** A listing that stops for ever on purpose. */
    public boolean hangsOnPurpose() {
        return !hangs.isEmpty();
    }

    /** The counts of a run at scale {@code k}: each default divided by k, at least 1. */
    public Map<String, Long> countsAt(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("scale must be at least 1, not " + k);
        }
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        counts.forEach((name, value) -> out.put(name, Math.max(1, value / k)));
        return out;
    }
}

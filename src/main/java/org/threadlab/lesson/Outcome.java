package org.threadlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A graded outcome: when {@code when} holds over the final shared state, the run is graded so. */
public record Outcome(Expr when, Grade grade, String text, Pos pos) {
    /**
     * A sentence written for the reader of one run's result: one that sends them to do something
     * (run it again, compare, look, explore, step) or points at that run's views (its timeline,
     * console, counters, lanes, result, wall time).
     */
    private static final Pattern RUN_POINTER = Pattern.compile("(?i)^(now )?(run|compare|look|explore|step|try)\\b"
            + "|\\b(this run|the timeline|the console|the counters|in the result|the lanes?|each lane|the chart"
            + "|print lines|wall times?)\\b");
    /** A pointer in brackets to something of one run: "(see the console)". */
    private static final Pattern SEE = Pattern.compile("\\s*\\(see [^()]*\\)");
    /** After a full stop, question or exclamation mark (perhaps closing a bracket or quote), before a capital. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]|[.!?][)\"\u201d\u2019])\\s+(?=[A-Z(\"\u201c])");

    /**
     * An outcome's text as it reads beside a count of many trials or schedules (exploring every
     * interleaving, Real stress) rather than under one run's result: its first sentence, which says
     * what the outcome is, and the sentences after it up to the first one written for one run's
     * reader ({@link #RUN_POINTER}), without pointers in brackets. Those views have no console,
     * timeline or wall time, and "run it again" is not their advice; the text stops there rather than
     * leaving a later sentence that leans on the one taken out.
     */
    public static String forCounts(String text) {
        String flat = SEE.matcher(text.strip().replaceAll("\\s+", " ")).replaceAll("");
        String[] sentences = SENTENCE_END.split(flat);
        List<String> kept = new ArrayList<>(List.of(sentences[0]));
        for (int i = 1; i < sentences.length && !RUN_POINTER.matcher(sentences[i]).find(); i++) {
            kept.add(sentences[i]);
        }
        return String.join(" ", kept);
    }
}

package org.threadlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A graded outcome: when {@code when} holds over the final shared state, the run is graded so. */
public record Outcome(Expr when, Grade grade, String text, Pos pos) {
    /** A sentence that sends the reader to one run's console, timeline or wall time. */
    private static final Pattern RUN_POINTER = Pattern.compile(
            "(?i)^(now )?compare the (wall times?|timeline)\\b.*|^the console says\\b.*");
    /** A pointer in brackets to one run's console or print lines. */
    private static final Pattern SEE_RUN = Pattern.compile("\\s*\\(see the (console|print lines)\\)");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z(])");

    /**
     * An outcome's text as it reads beside a count of many trials or schedules (exploring every
     * interleaving, Real stress) rather than under one run: without the sentences and brackets that
     * point at that one run's console, timeline or wall time, which those views do not have. What the
     * outcome means stays; the whole text when nothing else would be left.
     */
    public static String forCounts(String text) {
        String flat = SEE_RUN.matcher(text.strip().replaceAll("\\s+", " ")).replaceAll("");
        List<String> kept = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(flat)) {
            if (!RUN_POINTER.matcher(sentence).matches()) {
                kept.add(sentence);
            }
        }
        return kept.isEmpty() ? text.strip() : String.join(" ", kept);
    }
}

package org.threadlab.lesson;

import java.util.Collection;
import java.util.regex.Pattern;

/** Rules for names in lesson files, and "did you mean" suggestions for misspelt ones. */
final class Names {
    /** Params, shared variables and locals: they appear in expressions. */
    static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Lesson ids, workers, locks, variants and marks. */
    static final Pattern TAG_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private Names() {}

    /** " (did you mean 'x'?)" for the closest candidate, or "" if none is close. */
    static String suggest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wrong.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

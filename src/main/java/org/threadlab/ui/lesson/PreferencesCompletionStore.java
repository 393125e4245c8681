package org.threadlab.ui.lesson;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * A learner's progress in {@link java.util.prefs.Preferences}. Completed lessons stay where they
 * always were: one boolean key per lesson id in the user node {@value #NODE}. The rest of the
 * progress is in the sibling node {@value #PROGRESS_NODE}: one child node per lesson that was
 * touched, with the keys {@code prediction} ("right" or "wrong"), {@code ran}, {@code variants}
 * and {@code challenges} (names, one a line). Preferences need no file of our own and survive
 * reinstalls; on Linux they live under {@code ~/.java/.userPrefs}.
 */
public final class PreferencesCompletionStore implements CompletionStore {
    /** The user preferences node that holds completions. */
    public static final String NODE = "/org/threadlab/completed-lessons";
    /** The user preferences node that holds the rest of the progress, per lesson. */
    public static final String PROGRESS_NODE = "/org/threadlab/lesson-progress";

    private final Preferences node;
    private final Preferences progress;

    /** Completions in {@code node}, the rest of the progress in its child {@code progress}: all under one node. */
    public PreferencesCompletionStore(Preferences node) {
        this(node, node.node("progress"));
    }

    /** Completions in {@code completed}, the rest of the progress in {@code progress}. */
    public PreferencesCompletionStore(Preferences completed, Preferences progress) {
        this.node = completed;
        this.progress = progress;
    }

    /** The store under {@link #NODE} and {@link #PROGRESS_NODE} in the user's preferences. */
    public static PreferencesCompletionStore standard() {
        return new PreferencesCompletionStore(Preferences.userRoot().node(NODE), Preferences.userRoot().node(PROGRESS_NODE));
    }

    @Override
    public boolean isCompleted(String lessonId) {
        return node.getBoolean(key(lessonId), false);
    }

    @Override
    public void markCompleted(String lessonId) {
        node.putBoolean(key(lessonId), true);
        flush(node);
    }

    @Override
    public void clear(String lessonId) {
        node.remove(key(lessonId));
        flush(node);
        try {
            if (progress.nodeExists(nodeName(lessonId))) {
                progress.node(nodeName(lessonId)).removeNode();
                flush(progress);
            }
        } catch (BackingStoreException | IllegalStateException e) {
            // Not fatal: nothing to forget, or the store is away; the next start reads what is left.
        }
    }

    @Override
    public void recordPrediction(String lessonId, boolean right) {
        Preferences lesson = lesson(lessonId);
        if (lesson.get("prediction", null) == null) {
            lesson.put("prediction", right ? "right" : "wrong");
            flush(lesson);
        }
    }

    @Override
    public Optional<Boolean> prediction(String lessonId) {
        return existing(lessonId).map(l -> l.get("prediction", null)).map("right"::equals);
    }

    @Override
    public void recordRun(String lessonId, String variant) {
        Preferences lesson = lesson(lessonId);
        lesson.putBoolean("ran", true);
        add(lesson, "variants", variant == null ? "" : variant);
        flush(lesson);
    }

    @Override
    public boolean hasRun(String lessonId) {
        return isCompleted(lessonId) || existing(lessonId).map(l -> l.getBoolean("ran", false)).orElse(false);
    }

    @Override
    public Set<String> variantsRun(String lessonId) {
        return existing(lessonId).map(l -> names(l, "variants")).orElse(Set.of());
    }

    @Override
    public void challengeWon(String lessonId, String challengeId) {
        Preferences lesson = lesson(lessonId);
        add(lesson, "challenges", challengeId);
        flush(lesson);
    }

    @Override
    public Set<String> challengesWon(String lessonId) {
        return existing(lessonId).map(l -> names(l, "challenges")).orElse(Set.of());
    }

    @Override
    public void resetAll() {
        try {
            node.clear();
            for (String child : progress.childrenNames()) {
                progress.node(child).removeNode();
            }
        } catch (BackingStoreException e) {
            // Not fatal: what was removed in memory is written when the store comes back.
        }
        flush(node);
        flush(progress);
    }

    private Preferences lesson(String lessonId) {
        return progress.node(nodeName(lessonId));
    }

    /** A lesson's node name: its key, without the slash that would make it a path. */
    static String nodeName(String lessonId) {
        return key(lessonId).replace('/', '_');
    }

    /** The lesson's node if it has one: asking must not create one for every lesson listed. */
    private Optional<Preferences> existing(String lessonId) {
        try {
            return progress.nodeExists(nodeName(lessonId)) ? Optional.of(progress.node(nodeName(lessonId))) : Optional.empty();
        } catch (BackingStoreException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Names one a line (variant and challenge names have no line breaks); blank lines are names too ("" = no variant). */
    private static Set<String> names(Preferences lesson, String key) {
        String value = lesson.get(key, null);
        if (value == null) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(java.util.Arrays.asList(value.split("\n", -1))));
    }

    private static void add(Preferences lesson, String key, String name) {
        String clean = name.replace('\n', ' ');
        Set<String> now = new LinkedHashSet<>(names(lesson, key));
        if (now.add(clean)) {
            String joined = String.join("\n", now);
            if (joined.length() <= Preferences.MAX_VALUE_LENGTH) {
                lesson.put(key, joined);
            }
        }
    }

    private static void flush(Preferences p) {
        try {
            p.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // Not fatal: the value is kept in memory and Preferences retries on its own timer.
        }
    }

    /** Lesson ids are short in practice; a key longer than Preferences allows is hashed to fit. */
    static String key(String lessonId) {
        if (lessonId.length() <= Preferences.MAX_KEY_LENGTH) {
            return lessonId;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(lessonId.getBytes(StandardCharsets.UTF_8));
            return lessonId.substring(0, 40) + "#" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

package org.threadlab.ui.lesson;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a learner has done, per lesson id: whether the lesson was completed (a run of it ran to its
 * end, the library's tick), and the learner's progress through it for the course path: the
 * prediction answered (right or not), a run that ended, which variants were run, which challenges
 * were won. The app uses {@link PreferencesCompletionStore}, which survives restarts; tests use
 * {@link #inMemory()}. The window gets it with the rest of what it remembers, from
 * {@code org.threadlab.ui.settings.Settings}.
 */
public interface CompletionStore {

    boolean isCompleted(String lessonId);

    void markCompleted(String lessonId);

    /** Forgets everything about one lesson: its tick and its progress (for a "start over"). */
    void clear(String lessonId);

    // ---- progress, for the course path

    /**
     * Notes that a run answered the lesson's prediction question and whether the learner's guess
     * was right. The first answer stays: a second guess, made after the answer was shown, says
     * nothing about what the learner expected.
     */
    void recordPrediction(String lessonId, boolean right);

    /** The learner's answer to the lesson's question: right ({@code true}), wrong, or empty if none yet. */
    Optional<Boolean> prediction(String lessonId);

    /**
     * Notes that a run of the lesson's variant ended by itself (completed, failed, deadlocked or
     * timed out: each shows what the lesson teaches), not stopped by the learner. {@code variant}
     * is the variant's name, {@code ""} for a lesson without variants.
     */
    void recordRun(String lessonId, String variant);

    /** Whether any run of the lesson ended by itself; a lesson completed in an earlier version counts. */
    boolean hasRun(String lessonId);

    /** The names of the variants of the lesson that were run, in the order first run. */
    Set<String> variantsRun(String lessonId);

    /** Notes that the learner won one of the lesson's challenges, by the challenge's id. */
    void challengeWon(String lessonId, String challengeId);

    /** The ids of the lesson's challenges the learner won, in the order first won. */
    Set<String> challengesWon(String lessonId);

    /** Forgets all of it, for every lesson: ticks, predictions, runs, variants and challenges. */
    void resetAll();

    /** Kept in user preferences under {@link PreferencesCompletionStore#NODE} and its sibling for progress. */
    static CompletionStore preferences() {
        return PreferencesCompletionStore.standard();
    }

    /** Kept in memory only: for tests, and for a demo mode that should leave no trace. */
    static CompletionStore inMemory() {
        return new InMemory();
    }

    /** The in-memory store: one record per lesson touched, in a concurrent map. */
    final class InMemory implements CompletionStore {
        private static final class Entry {
            boolean completed;
            Boolean prediction;
            boolean ran;
            final Set<String> variants = new LinkedHashSet<>();
            final Set<String> challenges = new LinkedHashSet<>();
        }

        private final Map<String, Entry> lessons = new ConcurrentHashMap<>();

        private InMemory() {}

        private Entry entry(String lessonId) {
            return lessons.computeIfAbsent(lessonId, id -> new Entry());
        }

        private Optional<Entry> existing(String lessonId) {
            return Optional.ofNullable(lessons.get(lessonId));
        }

        @Override
        public synchronized boolean isCompleted(String lessonId) {
            return existing(lessonId).map(e -> e.completed).orElse(false);
        }

        @Override
        public synchronized void markCompleted(String lessonId) {
            entry(lessonId).completed = true;
        }

        @Override
        public synchronized void clear(String lessonId) {
            lessons.remove(lessonId);
        }

        @Override
        public synchronized void recordPrediction(String lessonId, boolean right) {
            Entry e = entry(lessonId);
            if (e.prediction == null) {
                e.prediction = right;
            }
        }

        @Override
        public synchronized Optional<Boolean> prediction(String lessonId) {
            return existing(lessonId).map(e -> e.prediction);
        }

        @Override
        public synchronized void recordRun(String lessonId, String variant) {
            Entry e = entry(lessonId);
            e.ran = true;
            e.variants.add(variant == null ? "" : variant);
        }

        @Override
        public synchronized boolean hasRun(String lessonId) {
            return existing(lessonId).map(e -> e.ran || e.completed).orElse(false);
        }

        @Override
        public synchronized Set<String> variantsRun(String lessonId) {
            return existing(lessonId).map(e -> java.util.Collections.unmodifiableSet(new LinkedHashSet<>(e.variants)))
                    .orElse(Set.of());
        }

        @Override
        public synchronized void challengeWon(String lessonId, String challengeId) {
            entry(lessonId).challenges.add(challengeId);
        }

        @Override
        public synchronized Set<String> challengesWon(String lessonId) {
            return existing(lessonId).map(e -> java.util.Collections.unmodifiableSet(new LinkedHashSet<>(e.challenges)))
                    .orElse(Set.of());
        }

        @Override
        public synchronized void resetAll() {
            lessons.clear();
        }
    }
}

package org.threadlab.lesson;

/** How much a learner should know before a lesson. */
public enum Level {
    BEGINNER, INTERMEDIATE, ADVANCED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

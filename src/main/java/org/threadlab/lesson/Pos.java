package org.threadlab.lesson;

/**
 * Where something stands in a lesson file: 1-based line and column, and the key path that leads
 * to it (e.g. {@code workers[0].steps[2].read}).
 */
public record Pos(String file, int line, int column, String key) {
    public static final Pos NONE = new Pos("", 0, 0, "");

    public Pos withKey(String newKey) {
        return new Pos(file, line, column, newKey);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + (key.isEmpty() ? "" : ": " + key);
    }
}

package org.threadlab.lesson;

/** A graded outcome: when {@code when} holds over the final shared state, the run is graded so. */
public record Outcome(Expr when, Grade grade, String text, Pos pos) {}

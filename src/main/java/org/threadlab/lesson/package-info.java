/**
 * Lessons as data: the YAML format ({@code docs/lesson-format.md}), its parser with messages that
 * name file, line, column and key, and the model the engine runs. A lesson declares; it never
 * runs code of its own: the steps defined here are its whole power. The library reads a folder of
 * lessons; the packaged app's built-in folder carries them also already parsed ({@link
 * org.threadlab.lesson.LessonCache}), for a fast start.
 */
package org.threadlab.lesson;

/**
 * Lessons as data: the YAML format ({@code docs/lesson-format.md}), its parser with messages that
 * name file, line, column and key, and the model the engine runs. A lesson declares; it never
 * runs code of its own: the steps defined here are its whole power.
 */
package org.threadlab.lesson;

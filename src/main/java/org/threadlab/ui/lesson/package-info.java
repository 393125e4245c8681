/**
 * The lesson screens: the library of lessons grouped by concept ({@link org.threadlab.ui.lesson.LibraryView}),
 * the first screen that welcomes a learner and lists the lessons in course order
 * ({@link org.threadlab.ui.lesson.WelcomeView}), and one lesson with its narration, prediction and
 * code ({@link org.threadlab.ui.lesson.LessonView}).
 * Built in code, styled by {@code lesson.css} on top of an AtlantaFX theme (its looked-up colours,
 * so light and dark themes both work). Narration is Markdown, rendered to JavaFX nodes by
 * {@link org.threadlab.ui.lesson.MarkdownRenderer}; no WebView.
 */
package org.threadlab.ui.lesson;

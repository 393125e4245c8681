/**
 * The course path: the curriculum's ideas in course order with their lessons, what the learner has
 * done in each (predicted, ran, every variant tried, challenges won) and the step to take next.
 * The rules ({@link org.threadlab.ui.course.CoursePath}, {@link org.threadlab.ui.course.LessonMarks},
 * {@link org.threadlab.ui.course.NextStep}) use no JavaFX and read the learner's progress from
 * {@link org.threadlab.ui.lesson.CompletionStore}; {@link org.threadlab.ui.course.CoursePathView}
 * shows them, styled by {@code course.css} (sizes in em, the theme's looked-up colours).
 * Which ideas there are, and which lessons teach each, is {@link org.threadlab.ui.course.CourseIdeas}.
 */
package org.threadlab.ui.course;

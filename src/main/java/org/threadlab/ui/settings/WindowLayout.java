package org.threadlab.ui.settings;

/**
 * The window as the learner left it.
 *
 * @param width        the window's width when not maximised, in pixels
 * @param height       its height when not maximised
 * @param maximized    whether it filled the screen
 * @param libraryWidth the library column's width in pixels (kept when the library is hidden)
 * @param lessonShare  the lesson pane's share of the room the lesson and the run area split, 0 to 1
 * @param timelineShare the timeline's share of the run area's height, above the detail tabs, 0 to 1
 */
public record WindowLayout(double width, double height, boolean maximized, double libraryWidth, double lessonShare,
                           double timelineShare) {
    /** Below this a window or a column is not something a learner chose: a value read back is refused. */
    static final double SMALLEST = 100;

    public WindowLayout {
        if (!(width >= SMALLEST) || !(height >= SMALLEST)) {
            throw new IllegalArgumentException("window too small to remember: " + width + "x" + height);
        }
        if (!(libraryWidth >= SMALLEST)) {
            throw new IllegalArgumentException("library column too narrow to remember: " + libraryWidth);
        }
        if (!(lessonShare > 0 && lessonShare < 1)) {
            throw new IllegalArgumentException("lesson share must be between 0 and 1: " + lessonShare);
        }
        if (!(timelineShare > 0 && timelineShare < 1)) {
            throw new IllegalArgumentException("timeline share must be between 0 and 1: " + timelineShare);
        }
    }
}

/**
 * The timeline view: one lane per worker on a zoomable time axis, coloured and patterned by state,
 * with a playhead. {@link org.threadlab.ui.timeline.TimelineView} is the only public class; it reads
 * a {@link org.threadlab.trace.TraceFeed} once per frame and keeps a small per-lane summary
 * ({@code LaneSummary}) so that drawing costs lanes times pixel columns, not events.
 */
package org.threadlab.ui.timeline;

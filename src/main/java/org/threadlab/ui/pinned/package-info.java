/**
 * Runs side by side: finished runs of the open lesson, pinned one above the other on one shared
 * time axis, each with its wall time and its speed-up against a pinned sequential run of the same
 * work, and exported as one picture. The lanes use the timeline's colours and patterns; a run with
 * many lanes is folded into a band that shows how many lanes were in each state.
 */
package org.threadlab.ui.pinned;

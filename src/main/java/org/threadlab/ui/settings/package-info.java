/**
 * What the window remembers between starts (completed lessons, window size, divider positions),
 * behind one interface: the app keeps it in the user's Java preferences, tests and snapshots keep
 * it in memory, so a test run or a picture for the docs never changes a learner's settings.
 */
package org.threadlab.ui.settings;

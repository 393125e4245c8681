/**
 * The run side of the window: {@link org.threadlab.ui.run.RunSession} owns the current run, its
 * trace feed and the replay position; {@link org.threadlab.ui.run.RunBar} is its controls.
 */
package org.threadlab.ui.run;

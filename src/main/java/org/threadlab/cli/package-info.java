/**
 * The command line: {@code list}, {@code check}, {@code run} (with {@code --save}), {@code replay},
 * {@code explore} and {@code stress}, headless, on the same engine and trace as the window. Prints
 * readable summaries or one JSON object.
 */
package org.threadlab.cli;

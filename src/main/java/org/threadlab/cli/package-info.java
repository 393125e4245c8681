/**
 * The command line: {@code list}, {@code check}, {@code run} (with {@code --save}), {@code replay},
 * {@code explore} and {@code stress}, headless, on the same engine and trace as the window. Prints
 * readable summaries or one JSON object. {@code python} runs a lesson's Python listing on the
 * learner's interpreter (asking for {@code --yes} for lessons from outside the built-in library) and
 * {@code serve} keeps the loopback download server up for listings run by hand.
 */
package org.threadlab.cli;

/**
 * The command line: {@code list}, {@code check} and {@code run}, headless, on the same engine and
 * trace as the window. Prints readable summaries or one JSON object.
 */
package org.threadlab.cli;

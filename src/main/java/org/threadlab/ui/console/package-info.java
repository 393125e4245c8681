/** The console: what the workers printed, in the order it happened. */
package org.threadlab.ui.console;

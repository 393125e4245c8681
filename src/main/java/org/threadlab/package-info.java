/**
 * ThreadLab: teaches threads and processes by running small lesson scripts live and showing what
 * happened. {@link org.threadlab.Main} is the one entry point: with a command it runs the command
 * line ({@code org.threadlab.cli}), otherwise it opens the window ({@code org.threadlab.ui}).
 *
 * <p>The packages follow the data: {@code lesson} (format, parser, model) feeds {@code engine}
 * (runs a lesson in a mode, on real threads or child processes, or step by step), which records
 * into {@code trace} (events, recorder, histories, exports), which the views of {@code ui} and the
 * summaries of {@code cli} read. {@code lesson}, {@code engine} and {@code trace} never touch
 * JavaFX.
 */
package org.threadlab;

/**
 * Run files ({@code NAME.threadlab}): one finished run saved whole, so that it can be replayed
 * elsewhere (a run recorded on a 16-core machine at home, shown on the classroom laptop) without
 * running anything.
 *
 * <p>A run file is a ZIP archive of four entries: {@code manifest.json} (format name and version,
 * which ThreadLab wrote it), {@code lesson.yaml} (the lesson's text as it was when it ran),
 * {@code run.json} (how it ran, on what machine and when, and every figure of its
 * {@link org.threadlab.engine.RunResult}) and {@code trace.bin} (every event of every lane, as
 * columns of variable-length numbers). {@link org.threadlab.runfile.RunFile} writes and reads it;
 * whatever is wrong with a file ends as one {@link org.threadlab.runfile.RunFileException} whose
 * message names the file, and no size a file declares is trusted before it is checked.
 *
 * <p>Below {@code ui} and {@code cli}; uses lesson, engine and trace; no JavaFX.
 */
package org.threadlab.runfile;

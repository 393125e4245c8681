package org.threadlab.runfile;

import java.nio.file.Path;

/**
 * A run file that cannot be written or read, with a message for the user that starts with the
 * file's name and says what is wrong.
 */
public final class RunFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public RunFileException(Path file, String what) {
        super(file + ": " + what);
        this.file = file;
    }

    public RunFileException(Path file, String what, Throwable cause) {
        super(file + ": " + what, cause);
        this.file = file;
    }

    /** The file the message is about. */
    public Path file() {
        return file;
    }
}

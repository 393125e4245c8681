package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code ThreadLab --version} prints the version the build was made from, filled in from the pom. */
class CliVersionTest {
    @Test
    void versionIsThePomsVersionFilledIn() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "--version");
        assertEquals(0, code, err::toString);
        String printed = out.toString().strip();
        assertTrue(printed.matches("ThreadLab \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), printed);
    }
}

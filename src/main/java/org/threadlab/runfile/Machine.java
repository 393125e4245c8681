package org.threadlab.runfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The machine a run was recorded on, as far as it shapes the run: a speed-up or a lost-update
 * count means little without the cores, the operating system and the JVM behind it.
 *
 * @param cores            {@link Runtime#availableProcessors()} of the recording JVM
 * @param threadLabVersion the ThreadLab that made the run
 */
public record Machine(int cores, String osName, String osVersion, String osArch, String jdkVendor,
                      String jdkVersion, String threadLabVersion) {

    /** This machine, now. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("os.name", "?"),
                System.getProperty("os.version", "?"), System.getProperty("os.arch", "?"),
                System.getProperty("java.vendor", "?"), System.getProperty("java.version", "?"),
                thisVersion());
    }

    /** The version of this ThreadLab (the pom's, written into the build), or {@code unknown}. */
    public static String thisVersion() {
        try (InputStream in = Machine.class.getResourceAsStream("/org/threadlab/version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** e.g. {@code a 16-core Linux machine (6.8.0, amd64) with Java 21.0.5 (Eclipse Adoptium)}. */
    public String describe() {
        return "a " + cores + "-core " + osName + " machine (" + osVersion + ", " + osArch + ") with Java " + jdkVersion
                + " (" + jdkVendor + ")";
    }
}

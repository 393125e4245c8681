package org.threadlab.lesson;

/** What a lesson may ask for. Each limit has its own message, so a learner knows which one was hit. */
public final class Limits {
    /** Largest lesson file read, in bytes. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** Deepest nesting of YAML lists and mappings in a lesson file. */
    public static final int MAX_YAML_DEPTH = 64;
    /** Deepest nesting of repeat and with-lock blocks. */
    public static final int MAX_BLOCK_DEPTH = 16;
    /** Steps written in one lesson file, variants included. */
    public static final int MAX_WRITTEN_STEPS = 2_000;
    /** Largest value of a {@code stepping.params} entry: a learner steps by hand, and exploration must finish. */
    public static final long MAX_STEPPING_PARAM = 1_000;
    /** Most permits of a semaphore, and the largest capacity of a queue. */
    public static final long MAX_SYNC_COUNT = 1_000;
    /** Most steps in one guided story. */
    public static final int MAX_STORY_STEPS = 500;
    /** Workers in one run, all copies counted. */
    public static final int MAX_WORKERS = 20_000;
    /** Child processes (whole JVMs) one run may have alive at once, in the process modes. */
    public static final int MAX_CHILD_PROCESSES = 16;
    /** Steps one run may execute, all workers together. */
    public static final long MAX_EXECUTED_STEPS = 10_000_000;
    /** Longest single sleep or download latency, in milliseconds. */
    public static final long MAX_WAIT_MILLIS = 60_000;
    /** Largest single download, in bytes. */
    public static final long MAX_DOWNLOAD_BYTES = 64L * 1024 * 1024;
    /** Most loop iterations of one compute step. */
    public static final long MAX_COMPUTE_ITERATIONS = 2_000_000_000L;
    /** Longest run time a lesson may set. */
    public static final long MAX_TIMEOUT_SECONDS = 600;
    /** Run time when the lesson sets none. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private Limits() {}
}

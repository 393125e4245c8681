package org.threadlab.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small binary protocol between a run and its child JVMs (see the package documentation and
 * {@code docs/processes.md}). Every frame is one tag byte and its fields, written with
 * {@link DataOutputStream} (big-endian); a string is an int byte count and that many UTF-8 bytes.
 *
 * <p>Parent to child, on the child's standard input:
 * <pre>
 *   'J' job     int version, long origin, boolean recording, string lessonPath, string lessonText,
 *               string variant, int n, n x (string name, long value) params,
 *               long gilSwitchNanos (0: no GIL), int downloadPort (-1: none),
 *               string sharedFile (the mapped file of the process-shared variables and locks, "": none),
 *               int steps, int tasks (what the parent compiled, so the child can tell it compiled the same)
 *   'T' task    int task (index into the compiled plan's tasks), int lane (the parent's lane index)
 *   'S' stop    stop the running task at its next step and exit (a cancel)
 *   'E' end     no more tasks: exit once the last one has ended
 *   end of input without 'E': the parent is gone, so the child halts at once
 * </pre>
 * Child to parent, on the child's standard output (nothing else is ever written there):
 * <pre>
 *   'H' hello   int version, long pid                 the job parsed; the child is ready
 *   'N' thread  int lane, long threadId, string name  the thread that runs the lane's steps
 *   'V' events  int lane, int n, n x (long nanos, int code, long value, boolean hasText[, string text])
 *   'C' cpu     int lane, long cpuNanos (-1: unknown)
 *   'F' failure int lane, string message              why the lane's worker failed
 *   'M' memory  int n, n x long                       the child's own copy of the shared variables
 *   'D' ended   int lane                              the lane's task is over; its final state was sent
 *   'X' error   string message                        the job could not be run at all; exit follows
 * </pre>
 * Event times are nanoseconds since the parent's trace origin, measured in the child with the same
 * machine-wide monotonic clock, and event codes are {@link org.threadlab.trace.LaneRecorder}'s own
 * packed codes, so the parent stores them as they come.
 */
final class ProcessProtocol {
    static final int VERSION = 1;

    static final byte JOB = 'J';
    static final byte TASK = 'T';
    static final byte STOP = 'S';
    static final byte END = 'E';

    static final byte HELLO = 'H';
    static final byte THREAD = 'N';
    static final byte EVENTS = 'V';
    static final byte CPU = 'C';
    static final byte FAILURE = 'F';
    static final byte MEMORY = 'M';
    static final byte ENDED = 'D';
    static final byte ERROR = 'X';

    /** Longest string either side accepts: a lesson file is at most 256 KiB, so this is ample. */
    private static final int MAX_STRING_BYTES = 4 << 20;

    private ProcessProtocol() {}

    /**
     * What a child needs to run its tasks: the lesson's text, never code. The child parses it with
     * the same parser and compiles it with the same params into the same {@link Plan}.
     */
    record Job(long origin, boolean recording, String lessonPath, String lessonText, String variant,
               Map<String, Long> params, long gilSwitchNanos, int downloadPort,
               String sharedFile, int steps, int tasks) {

        void write(DataOutputStream out) throws IOException {
            out.writeByte(JOB);
            out.writeInt(VERSION);
            out.writeLong(origin);
            out.writeBoolean(recording);
            writeString(out, lessonPath);
            writeString(out, lessonText);
            writeString(out, variant);
            out.writeInt(params.size());
            for (var e : params.entrySet()) {
                writeString(out, e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeLong(gilSwitchNanos);
            out.writeInt(downloadPort);
            writeString(out, sharedFile);
            out.writeInt(steps);
            out.writeInt(tasks);
        }

        /** Reads a job whose tag byte has been read already. */
        static Job read(DataInputStream in) throws IOException {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("protocol version " + version + ", expected " + VERSION);
            }
            long origin = in.readLong();
            boolean recording = in.readBoolean();
            String path = readString(in);
            String text = readString(in);
            String variant = readString(in);
            int n = in.readInt();
            if (n < 0 || n > 10_000) {
                throw new IOException("bad param count " + n);
            }
            Map<String, Long> params = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                params.put(readString(in), in.readLong());
            }
            return new Job(origin, recording, path, text, variant, params, in.readLong(), in.readInt(),
                    readString(in), in.readInt(), in.readInt());
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw new IOException("bad string length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Reads a tag byte; -1 at the end of the stream. */
    static int readTag(DataInputStream in) throws IOException {
        try {
            return in.readUnsignedByte();
        } catch (EOFException e) {
            return -1;
        }
    }
}

package org.threadlab.engine.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.threadlab.lesson.SharedState;

/**
 * The small binary protocol between a run and its child JVMs (see the package documentation and
 * {@code docs/processes.md}). Every frame is one tag byte and its fields, written with
 * {@link DataOutputStream} (big-endian); a string is an int byte count and that many UTF-8 bytes.
 *
 * <p>Parent to child, on the child's standard input:
 * <pre>
 *   'J' job     int version, long origin, boolean recording, string lessonId, string variant,
 *               shared state, compiled plan (see PlanCodec: the parent's step table and, per task,
 *               its program as ops with their step numbers and expression trees),
 *               long gilSwitchNanos (0: no GIL), int downloadPort (-1: none),
 *               string sharedFile (the mapped file of the process-shared variables and locks, "": none)
 *   'T' task    int task (index into the compiled plan's tasks), int lane (the parent's lane index)
 *   'S' stop    stop the running task at its next step and exit (a cancel)
 *   'E' end     no more tasks: exit once the last one has ended
 *   end of input without 'E': the parent is gone, so the child halts at once
 * </pre>
 * Child to parent, on the child's standard output (nothing else is ever written there):
 * <pre>
 *   'H' hello   int version, long pid                 the job read; the child is ready
 *   'N' thread  int lane, long threadId, string name  the thread that runs the lane's steps
 *   'V' events  int lane, int n, n x (long nanos, int code, long value, boolean hasText[, string text])
 *   'C' cpu     int lane, long cpuNanos (-1: unknown)
 *   'F' failure int lane, string message              why the lane's worker failed
 *   'M' memory  int n, n x long                       the child's own copy of the shared variables
 *   'W' waits   int lane, long mark                   what the lane's worker waits for now (a WaitGraph mark),
 *                                                     sent when it changes, for the parent's stuck watch
 *   'D' ended   int lane                              the lane's task is over; its final state was sent
 *   'X' error   string message                        the job could not be run at all; exit follows
 * </pre>
 * Event times are nanoseconds since the parent's trace origin, measured in the child with the same
 * machine-wide monotonic clock, and event codes are {@link org.threadlab.trace.LaneRecorder}'s own
 * packed codes, so the parent stores them as they come.
 */
public final class ProcessProtocol {
    static final int VERSION = 3;

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
    static final byte WAITS = 'W';
    static final byte ENDED = 'D';
    static final byte ERROR = 'X';

    /** Longest string either side accepts: a lesson file is at most 256 KiB, so this is ample. */
    private static final int MAX_STRING_BYTES = 4 << 20;

    private ProcessProtocol() {}

    /**
     * What a child needs to run its tasks: the lesson's compiled plan and shared state, which are
     * data (ops, step numbers, expression trees; see {@link PlanCodec}), never code.
     */
    public record Job(long origin, boolean recording, String lessonId, String variant, SharedState shared, Plan plan,
               long gilSwitchNanos, int downloadPort, String sharedFile) {

        void write(DataOutputStream out) throws IOException {
            out.writeByte(JOB);
            out.writeInt(VERSION);
            out.writeLong(origin);
            out.writeBoolean(recording);
            writeString(out, lessonId);
            writeString(out, variant);
            PlanCodec.writeShared(out, shared);
            PlanCodec.writePlan(out, plan);
            out.writeLong(gilSwitchNanos);
            out.writeInt(downloadPort);
            writeString(out, sharedFile);
        }

        /** Reads a job whose tag byte has been read already. */
        static Job read(DataInputStream in) throws IOException {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("protocol version " + version + ", expected " + VERSION);
            }
            long origin = in.readLong();
            boolean recording = in.readBoolean();
            String id = readString(in);
            String variant = readString(in);
            SharedState shared = PlanCodec.readShared(in);
            Plan plan = PlanCodec.readPlan(in);
            return new Job(origin, recording, id, variant, shared, plan, in.readLong(), in.readInt(), readString(in));
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

package org.threadlab.runfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.LaneInfo;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceInfo;

/**
 * The events of a trace as bytes ({@code trace.bin}): per lane its identity, then its events as
 * columns of variable-length numbers (time as the difference to the event before, which is 0
 * for a read or write that shares its step's clock reading; the kind and argument of each code;
 * the values), then its print texts. Columns of like numbers are what the ZIP's deflate packs
 * best: a shared-counter run costs about three bytes an event.
 *
 * <p>A packed event code is stored as its two parts, the kind (the bits above the 24th) and its
 * argument (the 24 below), and put together the same way when read; the trace package packs them
 * so ({@code LaneRecorder.ARG_BITS}), and a change there is a new format version.
 *
 * <p>Reading trusts no count: every length is checked against the bytes that are left before
 * anything is allocated for it.
 */
final class TraceCodec {
    private static final byte[] MAGIC = {'T', 'L', 'T', 'R'};

    private TraceCodec() {
    }

    /** A problem in the bytes, said in words; the reader adds the file's name. */
    /** The most events a run file may hold in all: about 1.2 GB once opened; the engine's runs record far fewer. */
    static final long MAX_EVENTS = 60_000_000;

    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String what) {
            super(what, null, false, false);
        }
    }

    static byte[] encode(Trace trace) {
        Out out = new Out(1 << 16);
        out.bytes(MAGIC);
        out.varint(trace.lanes().size());
        for (LaneEvents lane : trace.lanes()) {
            LaneInfo info = lane.info();
            out.varint(info.index());
            out.string(info.name());
            out.string(info.kind());
            out.signed(info.pid());
            out.string(info.threadName());
            out.signed(info.threadId());
            out.signed(lane.cpuNanos());
            int n = lane.size();
            out.varint(n);
            long last = 0;
            for (int i = 0; i < n; i++) {
                long t = lane.nanos(i);
                out.signed(t - last);
                last = t;
            }
            for (int i = 0; i < n; i++) {
                int code = lane.packedCode(i);
                out.varint(code >>> 24); // the kind
                out.varint(code & 0xFF_FFFF); // its argument: a variable, lock, step or state number
            }
            for (int i = 0; i < n; i++) {
                out.signed(lane.rawValue(i));
            }
            int texts = 0;
            for (int i = 0; i < n; i++) {
                texts += lane.rawText(i) != null ? 1 : 0;
            }
            out.varint(texts);
            int previous = 0;
            for (int i = 0; i < n; i++) {
                String text = lane.rawText(i);
                if (text != null) {
                    out.varint(i - previous);
                    previous = i;
                    out.string(text);
                }
            }
        }
        return out.toArray();
    }

    static Trace decode(byte[] bytes, TraceInfo info, long endNanos) throws Bad {
        In in = new In(bytes);
        for (byte b : MAGIC) {
            if (in.remaining() == 0 || in.readByte() != b) {
                throw new Bad("trace.bin does not start as a trace does");
            }
        }
        int laneCount = in.count("lanes", 1);
        long total = 0;
        List<LaneEvents> lanes = new ArrayList<>(laneCount);
        for (int l = 0; l < laneCount; l++) {
            int index = in.count("lane index", 0);
            if (index != l) {
                throw new Bad("trace.bin: lane " + l + " says it is lane " + index);
            }
            LaneInfo info1 = new LaneInfo(index, in.string(), in.string(), in.signed(), in.string(), in.signed());
            long cpu = in.signed();
            int n = in.count("events of lane " + l, 3); // at least a byte each for time, kind, argument
            total += n;
            if (total > MAX_EVENTS) {
                // a few bytes each packed, about 20 each opened: refused before the arrays are made
                throw new Bad("trace.bin holds more than " + MAX_EVENTS / 1_000_000 + " million events, more than a run"
                        + " records or this window can hold");
            }
            long[] time = new long[n];
            long t = 0;
            for (int i = 0; i < n; i++) {
                long step = in.signed();
                if (step < 0 || (i == 0 && t + step < 0)) {
                    throw new Bad("trace.bin: lane " + l + ", event " + i + " is earlier than the event before it");
                }
                t += step;
                time[i] = t;
            }
            int[] code = new int[n];
            for (int i = 0; i < n; i++) {
                long kind = in.varint();
                long arg = in.varint();
                if (kind > 0x7F || arg > 0xFF_FFFF) {
                    throw new Bad("trace.bin: lane " + l + ", event " + i + " has an impossible code");
                }
                code[i] = (int) (kind << 24 | arg);
            }
            long[] value = new long[n];
            for (int i = 0; i < n; i++) {
                value[i] = in.signed();
            }
            int texts = in.count("print texts of lane " + l, 2);
            String[] text = null;
            int at = 0;
            for (int k = 0; k < texts; k++) {
                long step = in.varint();
                if (step > n || at + step >= n || (k > 0 && step == 0)) {
                    throw new Bad("trace.bin: lane " + l + " has a print text for an event it does not have");
                }
                at += (int) step;
                if (text == null) {
                    text = new String[n];
                }
                text[at] = in.string();
            }
            try {
                lanes.add(LaneEvents.restore(info1, cpu, time, code, value, text));
            } catch (IllegalArgumentException e) {
                throw new Bad("trace.bin: " + e.getMessage());
            }
        }
        if (in.remaining() != 0) {
            throw new Bad("trace.bin has " + in.remaining() + " bytes after its last lane");
        }
        try {
            return Trace.restore(info, lanes, endNanos);
        } catch (IllegalArgumentException e) {
            throw new Bad("trace.bin: " + e.getMessage());
        }
    }

    /** A growing byte buffer with LEB128 variable-length numbers (zig-zag for signed ones). */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void signed(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b);
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads what {@link Out} wrote; every read past the end is a {@link Bad}. */
    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int remaining() {
            return buf.length - pos;
        }

        byte readByte() throws Bad {
            if (pos >= buf.length) {
                throw new Bad("trace.bin ends in the middle of a lane");
            }
            return buf[pos++];
        }

        long varint() throws Bad {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new Bad("trace.bin has a number longer than any number");
        }

        long signed() throws Bad {
            long z = varint();
            return (z >>> 1) ^ -(z & 1);
        }

        /** A count of things that take at least {@code bytesEach} bytes each: no more than the bytes left allow. */
        int count(String what, int bytesEach) throws Bad {
            long n = varint();
            if (n < 0 || n > Integer.MAX_VALUE - 8 || (bytesEach > 0 && n * bytesEach > remaining())) {
                throw new Bad("trace.bin gives " + Long.toUnsignedString(n) + " " + what + ", more than its "
                        + remaining() + " remaining bytes can hold");
            }
            return (int) n;
        }

        String string() throws Bad {
            int n = count("bytes of text", 1);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}

package org.threadlab.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes a trace as Chrome trace-event JSON, which Perfetto and {@code chrome://tracing} open: one
 * track per lane under its real process id (a child process of the process modes is a process of
 * its own there), each state interval a complete ({@code "X"}) event
 * named by the state, each printed line an instant event, and each queue message a flow from its
 * put to its take ({@code "s"} and {@code "f"} with one id), which Perfetto draws as an arrow.
 */
public final class ChromeTraceExporter {

    public void write(Trace trace, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(trace, out);
        }
    }

    public void write(Trace trace, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeArrayFieldStart("traceEvents");
            TraceInfo info = trace.info();
            Set<Long> pids = new LinkedHashSet<>();
            Set<Long> children = new LinkedHashSet<>();
            for (LaneEvents lane : trace.lanes()) {
                pids.add(lane.info().pid());
                if (lane.info().inChildProcess()) {
                    children.add(lane.info().pid());
                }
            }
            for (long pid : pids) {
                g.writeStartObject();
                g.writeStringField("name", "process_name");
                g.writeStringField("ph", "M");
                g.writeNumberField("pid", pid);
                g.writeObjectFieldStart("args");
                g.writeStringField("name", (children.contains(pid) ? "ThreadLab child process " + pid + ": " : "ThreadLab ")
                        + info.lesson()
                        + (info.variant().isEmpty() ? "" : " [" + info.variant() + "]") + " - " + info.mode()
                        + (info.gilSimulated() ? " with simulated GIL" : ""));
                g.writeEndObject();
                g.writeEndObject();
            }
            for (LaneEvents lane : trace.lanes()) {
                LaneInfo l = lane.info();
                g.writeStartObject();
                g.writeStringField("name", "thread_name");
                g.writeStringField("ph", "M");
                g.writeNumberField("pid", l.pid());
                g.writeNumberField("tid", l.index());
                g.writeObjectFieldStart("args");
                g.writeStringField("name", l.name() + " (" + l.kind()
                        + (l.threadId() >= 0 ? ", thread " + l.threadName() + " #" + l.threadId() : "") + ")");
                g.writeEndObject();
                g.writeEndObject();
                for (StateInterval s : lane.stateIntervals(trace.endNanos())) {
                    g.writeStartObject();
                    g.writeStringField("name", s.state().label());
                    g.writeStringField("cat", "state");
                    g.writeStringField("ph", "X");
                    g.writeNumberField("ts", s.startNanos() / 1000.0);
                    g.writeNumberField("dur", s.durationNanos() / 1000.0);
                    g.writeNumberField("pid", l.pid());
                    g.writeNumberField("tid", l.index());
                    g.writeEndObject();
                }
                for (int i = 0; i < lane.size(); i++) {
                    if (lane.event(i) instanceof TraceEvent.MessagePut m) {
                        flow(g, "s", m.nanos(), l, m.queue(), m.message());
                    } else if (lane.event(i) instanceof TraceEvent.MessageTaken m) {
                        flow(g, "f", m.nanos(), l, m.queue(), m.message());
                    } else if (lane.event(i) instanceof TraceEvent.Printed p) {
                        g.writeStartObject();
                        g.writeStringField("name", p.text());
                        g.writeStringField("cat", "print");
                        g.writeStringField("ph", "i");
                        g.writeStringField("s", "t");
                        g.writeNumberField("ts", p.nanos() / 1000.0);
                        g.writeNumberField("pid", l.pid());
                        g.writeNumberField("tid", l.index());
                        g.writeEndObject();
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** One end of a message's arrow; both ends carry the same id, made of the queue and the message number. */
    private static void flow(JsonGenerator g, String phase, long nanos, LaneInfo l, int queue, long message)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", "message #" + message);
        g.writeStringField("cat", "queue");
        g.writeStringField("ph", phase);
        if (phase.equals("f")) {
            g.writeStringField("bp", "e"); // binds to the slice the take is in, not to the next one
        }
        g.writeStringField("id", "queue-" + queue + "-message-" + message);
        g.writeNumberField("ts", nanos / 1000.0);
        g.writeNumberField("pid", l.pid());
        g.writeNumberField("tid", l.index());
        g.writeEndObject();
    }
}

package org.threadlab.runfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.engine.process.ProcessSummary;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.sync.DeadlockCycle;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.lesson.Limits;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceEvent;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.WorkerState;

/**
 * Writes and reads run files. See the package comment for the layout. Reading never runs
 * anything: it parses the lesson's text (which only reads it) and rebuilds the result and its
 * trace from the recorded numbers.
 */
public final class RunFile {
    /** The file name ending of run files. */
    public static final String EXTENSION = ".threadlab";
    /** What {@code manifest.json} calls the format. */
    public static final String FORMAT = "threadlab-run";
    /** The newest format version this ThreadLab writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** No run file is larger: a 1.6 million event run takes about 5 MB. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /** The largest trace.bin unpacked (a hundred million events or so would not fit in memory anyway). */
    public static final long MAX_TRACE_BYTES = 512L << 20;
    /** The largest run.json unpacked (ten thousand lanes take a few MB). */
    public static final long MAX_RUN_JSON_BYTES = 64L << 20;
    private static final long MAX_MANIFEST_BYTES = 64L << 10;
    private static final int MAX_ENTRIES = 64;

    static final String MANIFEST = "manifest.json";
    static final String LESSON = "lesson.yaml";
    static final String RUN = "run.json";
    static final String TRACE = "trace.bin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFile() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code recording} to {@code file}, replacing it. The file appears whole or not at all:
     * it is written beside its place and moved there at the end.
     *
     * @throws RunFileException naming the file when it cannot be written
     */
    public static void write(Recording recording, Path file) throws RunFileException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RunFileException(file, "cannot save the run there: there is no folder " + folder);
        }
        if (Files.isDirectory(absolute)) {
            throw new RunFileException(file, "cannot save the run there: it is a folder");
        }
        Path partial = null;
        try {
            // not Files.createTempFile: its owner-only permissions would stay with the file, which is
            // meant to be copied and opened by others (the classroom laptop); this one gets the umask's
            partial = folder.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + System.nanoTime() + ".saving");
            try (OutputStream raw = Files.newOutputStream(partial, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE); ZipOutputStream zip = new ZipOutputStream(raw)) {
                zip.setLevel(9);
                put(zip, MANIFEST, manifest().getBytes(StandardCharsets.UTF_8));
                put(zip, LESSON, recording.lessonText().getBytes(StandardCharsets.UTF_8));
                put(zip, RUN, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(runJson(recording)));
                put(zip, TRACE, TraceCodec.encode(recording.result().trace()));
            }
            try {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            partial = null;
        } catch (IOException e) {
            throw new RunFileException(file, "cannot save the run there: " + reason(e), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // a stray temporary file is all that is left; nothing to tell the user
                }
            }
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT) + (m == null ? "" : " (" + m + ")");
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String manifest() {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("writtenBy", "ThreadLab " + Machine.thisVersion());
        return m.toPrettyString();
    }

    private static ObjectNode runJson(Recording rec) {
        RunResult r = rec.result();
        ObjectNode root = JSON.createObjectNode();
        Path source = rec.lesson().source();
        root.put("lessonFile", source.getFileName() == null ? rec.lesson().id() + ".yaml" : source.getFileName().toString());
        root.put("poolSize", rec.poolSize());
        ObjectNode machine = root.putObject("machine");
        Machine m = rec.machine();
        machine.put("cores", m.cores());
        machine.put("osName", m.osName());
        machine.put("osVersion", m.osVersion());
        machine.put("osArch", m.osArch());
        machine.put("jdkVendor", m.jdkVendor());
        machine.put("jdkVersion", m.jdkVersion());
        machine.put("threadLabVersion", m.threadLabVersion());
        ObjectNode recorded = root.putObject("recorded");
        recorded.put("at", rec.recordedAt().toString());
        recorded.put("zone", rec.zone().getId());
        recorded.put("pid", rec.recorderPid());

        ObjectNode result = root.putObject("result");
        result.put("lesson", r.lesson());
        result.put("variant", r.variant());
        result.put("mode", r.mode());
        result.put("gil", r.gil());
        result.put("gilSwitchNanos", r.gilSwitchNanos());
        result.put("workers", r.workers());
        putLongs(result.putObject("params"), r.params());
        result.put("status", r.status().name());
        ArrayNode messages = result.putArray("messages");
        r.messages().forEach(messages::add);
        result.put("wallNanos", r.wallNanos());
        putLongs(result.putObject("shared"), r.shared());
        result.put("grade", r.grade().name());
        result.put("outcomeText", r.outcomeText());
        ArrayNode lanes = result.putArray("lanes");
        for (RunResult.LaneSummary l : r.lanes()) {
            ObjectNode lane = lanes.addObject();
            lane.put("name", l.name());
            lane.put("kind", l.kind());
            lane.put("pid", l.pid());
            lane.put("threadName", l.threadName());
            lane.put("threadId", l.threadId());
            lane.put("cpuNanos", l.cpuNanos());
            ObjectNode states = lane.putObject("stateNanos");
            l.stateNanos().forEach((s, n) -> states.put(s.name(), n));
            if (l.finalState() == null) {
                lane.putNull("finalState");
            } else {
                lane.put("finalState", l.finalState().name());
            }
        }
        ArrayNode processes = result.putArray("processes");
        for (ProcessSummary p : r.processes()) {
            ObjectNode node = processes.addObject();
            node.put("name", p.name());
            node.put("pid", p.pid());
            ArrayNode names = node.putArray("lanes");
            p.lanes().forEach(names::add);
            node.put("exitStatus", p.exitStatus());
            putLongs(node.putObject("shared"), p.shared());
        }
        ObjectNode deadlock = result.putObject("deadlock");
        deadlock.put("jvmAgreed", r.deadlock().jvmAgreed());
        ArrayNode links = deadlock.putArray("links");
        for (DeadlockCycle.Link link : r.deadlock().links()) {
            links.addObject().put("worker", link.worker()).put("holds", link.holds()).put("waitsFor", link.waitsFor());
        }

        Trace trace = r.trace();
        ObjectNode t = root.putObject("trace");
        t.put("endNanos", trace.endNanos());
        TraceInfo info = trace.info();
        t.put("lesson", info.lesson());
        t.put("variant", info.variant());
        t.put("mode", info.mode());
        t.put("gilSimulated", info.gilSimulated());
        info.variables().forEach(t.putArray("variables")::add);
        info.locks().forEach(t.putArray("locks")::add);
        ArrayNode steps = t.putArray("steps");
        for (TraceInfo.StepInfo s : info.steps()) {
            steps.addObject().put("index", s.index()).put("kind", s.kind()).put("label", s.label())
                    .put("worker", s.worker()).put("mark", s.mark()).put("line", s.line());
        }
        info.processShared().forEach(t.putArray("processShared")::add);
        return root;
    }

    private static void putLongs(ObjectNode node, Map<String, Long> values) {
        values.forEach(node::put);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a run file. Runs nothing.
     *
     * @throws RunFileException with a message that names the file and says what is wrong with it:
     *                          not a run file, damaged or cut short, from a newer ThreadLab, too
     *                          large, an entry missing, a lesson that does not parse, numbers that
     *                          do not hold together
     */
    public static Recording read(Path file) throws RunFileException {
        return read(file, Sizes.STANDARD);
    }

    /** The largest a run file and its entries may be; smaller ones in tests, so that a bomb need not be big. */
    record Sizes(long file, long trace, long runJson) {
        static final Sizes STANDARD = new Sizes(MAX_FILE_BYTES, MAX_TRACE_BYTES, MAX_RUN_JSON_BYTES);
    }

    static Recording read(Path file, Sizes sizes) throws RunFileException {
        long size;
        try {
            if (!Files.exists(file)) {
                throw new RunFileException(file, "no such file");
            }
            if (Files.isDirectory(file)) {
                throw new RunFileException(file, "is a folder, not a run file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot be read: " + reason(e), e);
        }
        if (size == 0) {
            throw new RunFileException(file, "is empty, not a ThreadLab run file");
        }
        if (size > sizes.file()) {
            throw new RunFileException(file, "is " + megabytes(size) + "; a run file is at most "
                    + megabytes(sizes.file()) + ", so this cannot be one (refused without reading it)");
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            byte[] zipStart = {'P', 'K', 3, 4};
            if (n < 4 && java.util.Arrays.equals(head, 0, n, zipStart, 0, n)) {
                throw new RunFileException(file, "is cut short: it has only " + n + " byte" + (n == 1 ? "" : "s")
                        + " of a run file; save the run again, or copy the file again");
            }
            if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
                throw new RunFileException(file, "is not a ThreadLab run file" + whatItLooksLike(head, n)
                        + "; a run file is saved by Save run or by `run LESSON --save FILE`");
            }
        } catch (IOException e) {
            throw new RunFileException(file, "cannot be read: " + reason(e), e);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(file, zip, sizes);
        } catch (IOException | RuntimeException e) {
            // the file could be opened and starts as a ZIP: what fails inside the archive is damage
            throw new RunFileException(file, "is damaged or cut short (" + (e instanceof ZipException ? ""
                    : e.getClass().getSimpleName() + ": ") + e.getMessage()
                    + "); save the run again, or copy the file again", e);
        }
    }

    private static String whatItLooksLike(byte[] head, int n) {
        String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (start.startsWith("id:") || start.startsWith("#") || start.startsWith("---") || start.startsWith("titl")) {
            return " (it looks like a lesson: open it from the library, or run it with `run`)";
        }
        return " (it does not start as one)";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static Recording read(Path file, ZipFile zip, Sizes sizes) throws RunFileException, IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw new RunFileException(file, "holds " + zip.size() + " entries; a run file holds 4, so this is not one");
        }
        if (zip.getEntry(MANIFEST) == null) {
            throw new RunFileException(file, "is a ZIP archive but not a ThreadLab run file (it has no "
                    + MANIFEST + ")");
        }
        JsonNode manifest = json(file, MANIFEST, entry(file, zip, MANIFEST, MAX_MANIFEST_BYTES));
        if (!FORMAT.equals(manifest.path("format").asText(null))) {
            throw new RunFileException(file, "is a ZIP archive but not a ThreadLab run file (its " + MANIFEST
                    + " names no format \"" + FORMAT + "\")");
        }
        JsonNode version = manifest.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new RunFileException(file, MANIFEST + " gives no format version");
        }
        int formatVersion = version.intValue();
        if (formatVersion > FORMAT_VERSION) {
            throw new RunFileException(file, "was made by a newer ThreadLab (" + manifest.path("writtenBy").asText("?")
                    + ", format " + formatVersion + "); this one (ThreadLab " + Machine.thisVersion()
                    + ") reads up to format " + FORMAT_VERSION + ": open it with a newer ThreadLab");
        }
        if (formatVersion < 1) {
            throw new RunFileException(file, MANIFEST + " gives format version " + formatVersion + ", which never existed");
        }
        for (String name : List.of(LESSON, RUN, TRACE)) {
            if (zip.getEntry(name) == null) {
                throw new RunFileException(file, "is incomplete: it has no " + name);
            }
        }
        String lessonText = utf8(file, LESSON, entry(file, zip, LESSON, Limits.MAX_FILE_BYTES));
        JsonNode run = json(file, RUN, entry(file, zip, RUN, sizes.runJson()));
        byte[] traceBytes = entry(file, zip, TRACE, sizes.trace());
        try {
            return recording(file, lessonText, run, traceBytes);
        } catch (TraceCodec.Bad e) {
            throw new RunFileException(file, "does not hold together: " + e.getMessage());
        }
    }

    /**
     * An entry's bytes, refused before it is unpacked when it says it is larger than {@code limit},
     * and while it is unpacked as soon as it turns out larger (a ZIP may lie about sizes); checked
     * against its CRC, so a flipped byte is found.
     */
    private static byte[] entry(Path file, ZipFile zip, String name, long limit) throws RunFileException, IOException {
        ZipEntry e = zip.getEntry(name);
        if (e.getSize() > limit) {
            throw new RunFileException(file, name + " says it unpacks to " + megabytes(e.getSize())
                    + ", more than the " + megabytes(limit) + " a run file's " + name + " may have; refused");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) limit + 1);
        }
        if (bytes.length > limit) {
            throw new RunFileException(file, name + " unpacks to more than the " + megabytes(limit)
                    + " a run file's " + name + " may have; refused");
        }
        if (e.getSize() >= 0 && e.getSize() != bytes.length) {
            throw new RunFileException(file, "is damaged: " + name + " should have " + e.getSize() + " bytes but has "
                    + bytes.length);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() != -1 && e.getCrc() != crc.getValue()) {
            throw new RunFileException(file, "is damaged: " + name + " does not match its checksum (CRC)");
        }
        return bytes;
    }

    private static String utf8(Path file, String name, byte[] bytes) throws RunFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RunFileException(file, name + " is not UTF-8 text");
        }
    }

    private static JsonNode json(Path file, String name, byte[] bytes) throws RunFileException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new RunFileException(file, name + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RunFileException(file, name + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RunFileException(file, name + " cannot be read: " + e.getMessage());
        }
    }

    private static Recording recording(Path file, String lessonText, JsonNode run, byte[] traceBytes)
            throws RunFileException, TraceCodec.Bad {
        Fields f = new Fields();
        String lessonFile = f.text(run, "lessonFile");
        if (lessonFile.isEmpty() || lessonFile.contains("/") || lessonFile.contains("\\")) {
            throw new TraceCodec.Bad("run.json names the lesson file '" + lessonFile + "'");
        }
        // The lesson is placed inside the run file in messages and in Lesson.source: its own file
        // name is kept, since the lesson parser checks the id against it.
        Lesson lesson;
        try {
            lesson = new LessonParser().parse(file.resolve(lessonFile), lessonText);
        } catch (LessonException e) {
            StringBuilder sb = new StringBuilder("the lesson inside is not a valid lesson:");
            for (LessonProblem p : e.problems()) {
                sb.append(System.lineSeparator()).append("  ").append(p.format());
            }
            throw new RunFileException(file, sb.toString(), e);
        }
        int poolSize = f.integer(run, "poolSize");
        JsonNode m = f.object(run, "machine");
        Machine machine = new Machine(f.integer(m, "cores"), f.text(m, "osName"), f.text(m, "osVersion"),
                f.text(m, "osArch"), f.text(m, "jdkVendor"), f.text(m, "jdkVersion"), f.text(m, "threadLabVersion"));
        JsonNode rec = f.object(run, "recorded");
        Instant at;
        ZoneId zone;
        try {
            at = Instant.parse(f.text(rec, "at"));
            zone = ZoneId.of(f.text(rec, "zone"));
        } catch (DateTimeException e) {
            throw new TraceCodec.Bad("run.json: the time it was recorded is not a time (" + e.getMessage() + ")");
        }
        long pid = f.number(rec, "pid");

        JsonNode t = f.object(run, "trace");
        List<TraceInfo.StepInfo> steps = new ArrayList<>();
        for (JsonNode s : f.array(t, "steps")) {
            steps.add(new TraceInfo.StepInfo(f.integer(s, "index"), f.text(s, "kind"), f.text(s, "label"),
                    f.text(s, "worker"), f.text(s, "mark"), f.integer(s, "line")));
        }
        TraceInfo info = new TraceInfo(f.text(t, "lesson"), f.text(t, "variant"), f.text(t, "mode"),
                f.bool(t, "gilSimulated"), f.texts(t, "variables"), f.texts(t, "locks"), steps,
                f.texts(t, "processShared"));
        Trace trace = TraceCodec.decode(traceBytes, info, f.number(t, "endNanos"));

        JsonNode r = f.object(run, "result");
        List<RunResult.LaneSummary> lanes = new ArrayList<>();
        for (JsonNode l : f.array(r, "lanes")) {
            Map<WorkerState, Long> states = new EnumMap<>(WorkerState.class);
            JsonNode stateNode = f.object(l, "stateNanos");
            for (var it = stateNode.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                states.put(f.enumValue(WorkerState.class, name, "a lane state"), f.number(stateNode, name));
            }
            JsonNode fin = l.get("finalState");
            WorkerState finalState = fin == null || fin.isNull() ? null
                    : f.enumValue(WorkerState.class, fin.asText(), "a lane's final state");
            lanes.add(new RunResult.LaneSummary(f.text(l, "name"), f.text(l, "kind"), f.number(l, "pid"),
                    f.text(l, "threadName"), f.number(l, "threadId"), f.number(l, "cpuNanos"), states, finalState));
        }
        List<ProcessSummary> processes = new ArrayList<>();
        for (JsonNode p : f.array(r, "processes")) {
            processes.add(new ProcessSummary(f.text(p, "name"), f.number(p, "pid"), f.texts(p, "lanes"),
                    f.integer(p, "exitStatus"), f.longs(p, "shared")));
        }
        JsonNode d = f.object(r, "deadlock");
        List<DeadlockCycle.Link> links = new ArrayList<>();
        for (JsonNode link : f.array(d, "links")) {
            links.add(new DeadlockCycle.Link(f.text(link, "worker"), f.text(link, "holds"), f.text(link, "waitsFor")));
        }
        DeadlockCycle deadlock = links.isEmpty() ? DeadlockCycle.NONE : new DeadlockCycle(links, f.bool(d, "jvmAgreed"));
        RunResult result = new RunResult(f.text(r, "lesson"), f.text(r, "variant"), f.text(r, "mode"), f.bool(r, "gil"),
                f.number(r, "gilSwitchNanos"), f.integer(r, "workers"), f.longs(r, "params"),
                f.enumValue(RunStatus.class, f.text(r, "status"), "a run status"), f.texts(r, "messages"),
                f.number(r, "wallNanos"), f.longs(r, "shared"), f.enumValue(Grade.class, f.text(r, "grade"), "a grade"),
                f.text(r, "outcomeText"), lanes, trace, processes, deadlock);

        if (!lesson.id().equals(result.lesson()) || !info.lesson().equals(result.lesson())) {
            throw new TraceCodec.Bad("the run is of lesson '" + result.lesson() + "' but the lesson inside is '"
                    + lesson.id() + "'");
        }
        matchLessonToTrace(lesson, result, info, trace);
        if (lanes.size() != trace.lanes().size()) {
            throw new TraceCodec.Bad("run.json sums up " + lanes.size() + " lanes but trace.bin has "
                    + trace.lanes().size());
        }
        if (poolSize < 0) {
            throw new TraceCodec.Bad("run.json gives a pool of " + poolSize);
        }
        return new Recording(lesson, lessonText, poolSize, machine, at, zone, pid, result);
    }

    /**
     * The lesson inside must be the one that made the trace: compiled as the run was (only compiled,
     * never run), it must have the trace's variables and steps, and every queue a message event
     * names. The views index their tables with these numbers, so a file that disagrees is refused
     * here rather than failing in a view.
     */
    private static void matchLessonToTrace(Lesson lesson, RunResult result, TraceInfo info, Trace trace)
            throws TraceCodec.Bad {
        CompiledLesson compiled;
        try {
            Map<String, Long> overrides = new LinkedHashMap<>(result.params());
            overrides.remove("workers"); // the run's params list it; compiling takes it apart
            compiled = CompiledLesson.of(lesson, result.variant(), result.workers(), overrides);
        } catch (IllegalArgumentException e) {
            throw new TraceCodec.Bad("the lesson inside cannot make the recorded run (" + e.getMessage() + ")");
        }
        if (!compiled.variables().equals(info.variables())) {
            throw new TraceCodec.Bad("the lesson inside has the variables " + compiled.variables()
                    + " but the trace has " + info.variables());
        }
        if (!compiled.steps().equals(info.steps())) {
            throw new TraceCodec.Bad("the lesson inside did not make this trace: their steps differ");
        }
        int queues = compiled.queues().size();
        for (LaneEvents lane : trace.lanes()) {
            for (int i = 0; i < lane.size(); i++) {
                TraceEvent e = lane.event(i);
                int queue = e instanceof TraceEvent.MessagePut p ? p.queue()
                        : e instanceof TraceEvent.MessageTaken t ? t.queue() : -1;
                if (queue >= queues) {
                    throw new TraceCodec.Bad("trace.bin: lane " + lane.info().index() + ", event " + i
                            + " uses queue number " + queue + "; the lesson has " + queues);
                }
            }
        }
    }

    /** Reads required fields of run.json; a missing or mistyped one is a {@link TraceCodec.Bad} naming it. */
    private static final class Fields {
        private static TraceCodec.Bad missing(String key, String what) {
            return new TraceCodec.Bad("run.json has no " + what + " '" + key + "'");
        }

        JsonNode object(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode v = n.get(key);
            if (v == null || !v.isObject()) {
                throw missing(key, "object");
            }
            return v;
        }

        List<JsonNode> array(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode v = n.get(key);
            if (v == null || !v.isArray()) {
                throw missing(key, "list");
            }
            List<JsonNode> out = new ArrayList<>(v.size());
            v.forEach(out::add);
            return out;
        }

        String text(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode v = n.get(key);
            if (v == null || !v.isTextual()) {
                throw missing(key, "text");
            }
            return v.textValue();
        }

        long number(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode v = n.get(key);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw missing(key, "whole number");
            }
            return v.longValue();
        }

        int integer(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode v = n.get(key);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                throw missing(key, "whole number");
            }
            return v.intValue();
        }

        boolean bool(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode v = n.get(key);
            if (v == null || !v.isBoolean()) {
                throw missing(key, "true or false");
            }
            return v.booleanValue();
        }

        List<String> texts(JsonNode n, String key) throws TraceCodec.Bad {
            List<String> out = new ArrayList<>();
            for (JsonNode v : array(n, key)) {
                if (!v.isTextual()) {
                    throw missing(key, "list of texts");
                }
                out.add(v.textValue());
            }
            return out;
        }

        /** In the order written (a final state's variables, params), unmodifiable as the engine hands them out. */
        Map<String, Long> longs(JsonNode n, String key) throws TraceCodec.Bad {
            JsonNode o = object(n, key);
            Map<String, Long> out = new LinkedHashMap<>();
            for (var it = o.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                out.put(name, number(o, name));
            }
            return Collections.unmodifiableMap(out);
        }

        <E extends Enum<E>> E enumValue(Class<E> type, String name, String what) throws TraceCodec.Bad {
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                throw new TraceCodec.Bad("run.json has '" + name + "' where it should have " + what);
            }
        }
    }
}

package org.threadlab.runfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneEvents;
import org.threadlab.trace.TraceEvent;

class RunFileTest {
    @TempDir
    Path dir;

    static Lesson lesson(String id) {
        try {
            return LessonLibrary.standard().find(id);
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static RunResult run(RunConfig config) throws InterruptedException {
        return new Engine().start(config).await();
    }

    static Recording record(RunConfig config, RunMode mode) throws Exception {
        RunResult r = run(config);
        return Recording.of(config.lesson(), Recording.lessonText(config.lesson()), mode, r);
    }

    /** Writes and reads back; the copy must be the same run in every figure and every event. */
    private Recording roundTrip(Recording original, String name) throws Exception {
        Path file = dir.resolve(name + RunFile.EXTENSION);
        RunFile.write(original, file);
        Recording back = RunFile.read(file);
        assertSameRecording(original, back);
        return back;
    }

    static void assertSameRecording(Recording a, Recording b) {
        assertEquals(a.lessonText(), b.lessonText());
        assertEquals(a.lesson().id(), b.lesson().id());
        try {
            // read from where the original was, the text in the file gives the very lesson that ran
            assertEquals(a.lesson(), new org.threadlab.lesson.LessonParser().parse(a.lesson().source(), b.lessonText()));
        } catch (LessonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        assertEquals(a.poolSize(), b.poolSize());
        assertEquals(a.machine(), b.machine());
        assertEquals(a.recordedAt(), b.recordedAt());
        assertEquals(a.zone(), b.zone());
        assertEquals(a.recorderPid(), b.recorderPid());
        assertSameResult(a.result(), b.result());
    }

    static void assertSameResult(RunResult a, RunResult b) {
        assertEquals(a.lesson(), b.lesson());
        assertEquals(a.variant(), b.variant());
        assertEquals(a.mode(), b.mode());
        assertEquals(a.gil(), b.gil());
        assertEquals(a.gilSwitchNanos(), b.gilSwitchNanos());
        assertEquals(a.workers(), b.workers());
        assertEquals(a.params(), b.params());
        assertEquals(a.params().keySet().stream().toList(), b.params().keySet().stream().toList(), "params in order");
        assertEquals(a.status(), b.status());
        assertEquals(a.messages(), b.messages());
        assertEquals(a.wallNanos(), b.wallNanos());
        assertEquals(a.shared(), b.shared());
        assertEquals(a.shared().keySet().stream().toList(), b.shared().keySet().stream().toList(), "variables in order");
        assertEquals(a.grade(), b.grade());
        assertEquals(a.outcomeText(), b.outcomeText());
        assertEquals(a.lanes(), b.lanes());
        assertEquals(a.processes(), b.processes());
        assertEquals(a.deadlock(), b.deadlock());
        assertEquals(a.trace().info(), b.trace().info());
        assertEquals(a.trace().endNanos(), b.trace().endNanos());
        assertEquals(a.trace().lanes().size(), b.trace().lanes().size());
        for (int l = 0; l < a.trace().lanes().size(); l++) {
            LaneEvents x = a.trace().lane(l);
            LaneEvents y = b.trace().lane(l);
            assertEquals(x.info(), y.info());
            assertEquals(x.cpuNanos(), y.cpuNanos());
            assertEquals(x.size(), y.size(), "events of lane " + l);
            for (int i = 0; i < x.size(); i++) {
                if (!x.event(i).equals(y.event(i)) || x.packedCode(i) != y.packedCode(i) || x.rawValue(i) != y.rawValue(i)) {
                    assertEquals(x.event(i), y.event(i), "lane " + l + ", event " + i);
                }
            }
        }
        assertEquals(a.trace().size(), b.trace().size());
        assertEquals(a.returnedValues(), b.returnedValues());
    }

    @Test
    void aSharedCounterRunWithALostUpdateComesBackEventForEvent() throws Exception {
        Lesson l = lesson("shared-counter");
        RunConfig config = RunConfig.of(l).withVariant("no-lock").withMode(new RunMode.Threads())
                .withParams(Map.of("n", 20_000L));
        for (int attempt = 0; attempt < 20; attempt++) {
            Recording rec = record(config, new RunMode.Threads());
            if (rec.result().shared().get("counter") < 40_000) {
                Recording back = roundTrip(rec, "lost");
                assertTrue(back.result().shared().get("counter") < 40_000, "the lost update is in the copy too");
                assertEquals("shared-counter.yaml", back.lesson().source().getFileName().toString());
                return;
            }
        }
        throw new AssertionError("no lost update in 20 runs of 2 x 20,000 increments");
    }

    @Test
    void aProcessRunKeepsItsPidsAndEachChildsOwnCopy() throws Exception {
        Lesson l = lesson("process-memory");
        Recording rec = record(RunConfig.of(l).withMode(new RunMode.Processes()), new RunMode.Processes());
        assertEquals(RunStatus.COMPLETED, rec.result().status(), () -> String.join("; ", rec.result().messages()));
        assertFalse(rec.result().processes().isEmpty());
        Recording back = roundTrip(rec, "processes");
        assertTrue(back.result().trace().lanes().stream().anyMatch(lane -> lane.info().inChildProcess()
                && lane.info().pid() != ProcessHandle.current().pid()), "the children's real pids came back");
    }

    @Test
    void aPoolRunKeepsItsPoolSize() throws Exception {
        Lesson l = lesson("shared-counter");
        RunMode pool = new RunMode.ThreadPool(3);
        Recording rec = record(RunConfig.of(l).withVariant("lock").withMode(pool).withWorkers(4)
                .withParams(Map.of("n", 100L)), pool);
        assertEquals(3, roundTrip(rec, "pool").poolSize());
    }

    @Test
    void aDeadlockedRunKeepsItsCycle() throws Exception {
        Lesson l = lesson("deadlock");
        Recording rec = null;
        for (int attempt = 0; attempt < 10 && (rec == null || rec.result().status() != RunStatus.DEADLOCKED); attempt++) {
            rec = record(RunConfig.of(l).withMode(new RunMode.Threads()), new RunMode.Threads());
        }
        assertEquals(RunStatus.DEADLOCKED, rec.result().status(), "the deadlock lesson deadlocked in none of 10 runs");
        Recording back = roundTrip(rec, "deadlock");
        assertFalse(back.result().deadlock().isEmpty());
    }

    @Test
    void aRunWithPrintsAndQueuesKeepsEveryLineAndMessage() throws Exception {
        Lesson l = lesson("process-queue");
        Recording rec = record(RunConfig.of(l), new RunMode.Processes());
        assertEquals(RunStatus.COMPLETED, rec.result().status(), () -> String.join("; ", rec.result().messages()));
        assertTrue(rec.result().trace().events().stream().anyMatch(e -> e instanceof TraceEvent.Printed));
        assertTrue(rec.result().trace().events().stream().anyMatch(e -> e instanceof TraceEvent.MessageTaken));
        roundTrip(rec, "queues");
    }

    @Test
    void aSharedCounterRunOf1Point6MillionEventsTakesAtMost10MB() throws Exception {
        Lesson l = lesson("shared-counter");
        Recording rec = record(RunConfig.of(l).withVariant("no-lock").withMode(new RunMode.Threads()), new RunMode.Threads());
        assertTrue(rec.result().trace().size() >= 1_600_000, "events: " + rec.result().trace().size());
        Path file = dir.resolve("big" + RunFile.EXTENSION);
        RunFile.write(rec, file);
        long size = Files.size(file);
        assertTrue(size <= 10_000_000, rec.result().trace().size() + " events took " + size + " bytes");
        assertSameRecording(rec, RunFile.read(file));
    }

    @Test
    void theRecordedLineSaysMachineAndTime() throws Exception {
        Recording rec = small();
        String line = rec.recordedLine();
        assertTrue(line.startsWith("Recorded on a " + Runtime.getRuntime().availableProcessors() + "-core "), line);
        assertTrue(line.contains(System.getProperty("os.name")), line);
        assertTrue(line.contains(rec.zone().getId()), line);
    }

    @Test
    void aLessonFileChangedSinceTheRunIsNotSavedAsIfItHadRun() throws Exception {
        Path copy = dir.resolve("shared-counter.yaml");
        Files.copy(Path.of("lessons/shared-counter.yaml"), copy);
        Lesson l = new org.threadlab.lesson.LessonParser().parse(copy);
        assertEquals(Files.readString(copy), Recording.lessonText(l), "unchanged: its text is the one that ran");
        Files.writeString(copy, Files.readString(copy).replace("Two threads, one counter", "Changed title"));
        RunFileException e = assertThrows(RunFileException.class, () -> Recording.lessonText(l));
        assertTrue(e.getMessage().startsWith(copy.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("has changed since this run used it"), e.getMessage());
    }

    // ------------------------------------------------------------------ bad files

    private Recording small() throws Exception {
        Lesson l = lesson("shared-counter");
        return record(RunConfig.of(l).withVariant("no-lock").withMode(new RunMode.Threads())
                .withParams(Map.of("n", 20L)), new RunMode.Threads());
    }

    private Path smallFile() throws Exception {
        Path file = dir.resolve("small" + RunFile.EXTENSION);
        RunFile.write(small(), file);
        return file;
    }

    private static RunFileException refused(Path file) {
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e;
    }

    private static RunFileException refused(Path file, String says) {
        RunFileException e = refused(file);
        assertTrue(e.getMessage().contains(says), e.getMessage());
        return e;
    }

    @Test
    void randomBytesAYamlLessonAndAnEmptyFileAreNotRunFiles() throws Exception {
        byte[] noise = new byte[5000];
        new Random(14).nextBytes(noise);
        noise[0] = 'x';
        Path random = Files.write(dir.resolve("noise.threadlab"), noise);
        refused(random, "is not a ThreadLab run file");
        Path yaml = Files.copy(Path.of("lessons/shared-counter.yaml"), dir.resolve("lesson.threadlab"));
        refused(yaml, "it looks like a lesson");
        Path empty = Files.write(dir.resolve("empty.threadlab"), new byte[0]);
        refused(empty, "is empty");
        refused(dir.resolve("missing.threadlab"), "no such file");
        refused(dir, "is a folder");
    }

    @Test
    void aFileCutShortAnywhereIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(smallFile());
        Path cut = dir.resolve("cut.threadlab");
        int tried = 0;
        for (int length = 1; length < whole.length; length += Math.max(1, whole.length / 97)) {
            Files.write(cut, java.util.Arrays.copyOf(whole, length));
            refused(cut);
            tried++;
        }
        for (int less = 1; less <= 30; less++) { // the end holds the ZIP's directory
            Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - less));
            refused(cut);
            tried++;
        }
        assertTrue(tried > 100);
    }

    @Test
    void aFlippedByteIsFoundOrHarmless() throws Exception {
        Path good = smallFile();
        Recording original = RunFile.read(good);
        byte[] whole = Files.readAllBytes(good);
        Path bad = dir.resolve("flipped.threadlab");
        int refusedCount = 0;
        int tried = 0;
        for (int at = 0; at < whole.length; at += Math.max(1, whole.length / 400)) {
            byte[] copy = whole.clone();
            copy[at] ^= 0x5A;
            Files.write(bad, copy);
            tried++;
            try {
                // a byte the reader does not use (a time stamp in a ZIP header, say) may change; nothing it uses may
                assertSameRecording(original, RunFile.read(bad));
            } catch (RunFileException e) {
                assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
                refusedCount++;
            }
        }
        assertTrue(refusedCount > tried / 2, refusedCount + " of " + tried + " flips were found");
    }

    @Test
    void aFlipInsideTheCompressedTraceIsCaughtByTheChecksum() throws Exception {
        Path good = smallFile();
        byte[] whole = Files.readAllBytes(good);
        long offset;
        long compressed;
        try (ZipFile zip = new ZipFile(good.toFile())) {
            ZipEntry e = zip.getEntry("trace.bin");
            compressed = e.getCompressedSize();
            offset = dataOffset(whole, "trace.bin");
        }
        Path bad = dir.resolve("flipped-trace.threadlab");
        for (long at = offset + 1; at < offset + compressed - 1; at += Math.max(1, compressed / 20)) {
            byte[] copy = whole.clone();
            copy[(int) at] ^= 0x01;
            Files.write(bad, copy);
            refused(bad, "damaged");
        }
    }

    /** Where an entry's data starts: after its local header, found by its name. */
    private static long dataOffset(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 30 + n.length < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4
                    && u16(zip, i + 26) == n.length
                    && java.util.Arrays.equals(zip, i + 30, i + 30 + n.length, n, 0, n.length)) {
                return i + 30 + n.length + u16(zip, i + 28);
            }
        }
        throw new AssertionError("no " + name);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** The entries of a run file, in order, to change one and write them back. */
    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void aFileFromANewerThreadLabSaysSo() throws Exception {
        Map<String, byte[]> e = entries(smallFile());
        e.put("manifest.json", "{\"format\":\"threadlab-run\",\"formatVersion\":7,\"writtenBy\":\"ThreadLab 9.0\"}"
                .getBytes(StandardCharsets.UTF_8));
        e.remove("trace.bin"); // a newer format may be laid out otherwise: the version is what to say
        Path newer = zip(dir.resolve("newer.threadlab"), e);
        RunFileException ex = refused(newer, "was made by a newer ThreadLab (ThreadLab 9.0, format 7)");
        assertTrue(ex.getMessage().contains("reads up to format " + RunFile.FORMAT_VERSION), ex.getMessage());
    }

    @Test
    void aFileTooLargeIsRefusedBeforeItIsRead() throws Exception {
        Path huge = dir.resolve("huge.threadlab");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(RunFile.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        refused(huge, "a run file is at most");
    }

    @Test
    void aZipBombIsRefusedByItsDeclaredSizeAndByItsRealSize() throws Exception {
        Map<String, byte[]> e = entries(smallFile());
        e.put("trace.bin", new byte[4_000_000]); // zeros: deflate packs them into a few KB
        Path bomb = zip(dir.resolve("bomb.threadlab"), e);
        assertTrue(Files.size(bomb) < 100_000);
        RunFile.Sizes small = new RunFile.Sizes(RunFile.MAX_FILE_BYTES, 1_000_000, RunFile.MAX_RUN_JSON_BYTES);
        RunFileException declared = assertThrows(RunFileException.class, () -> RunFile.read(bomb, small));
        assertTrue(declared.getMessage().contains("trace.bin says it unpacks to 4.0 MB"), declared.getMessage());

        // the same bomb claiming in the ZIP's directory that trace.bin unpacks to 100 bytes
        byte[] bytes = Files.readAllBytes(bomb);
        setCentralSize(bytes, "trace.bin", 100);
        Path liar = Files.write(dir.resolve("liar.threadlab"), bytes);
        RunFileException real = assertThrows(RunFileException.class, () -> RunFile.read(liar, small));
        assertTrue(real.getMessage().startsWith(liar + ": "), real.getMessage());
        assertTrue(real.getMessage().contains("unpacks to more than the 1.0 MB"), real.getMessage());
    }

    private static void setCentralSize(byte[] zip, String name, int size) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 46 + n.length < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2 && u16(zip, i + 28) == n.length
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
                for (int k = 0; k < 4; k++) {
                    zip[i + 24 + k] = (byte) (size >>> (8 * k));
                }
                return;
            }
        }
        throw new AssertionError("no " + name + " in the central directory");
    }

    @Test
    void aMissingEntryIsNamed() throws Exception {
        for (String name : new String[] {"lesson.yaml", "run.json", "trace.bin"}) {
            Map<String, byte[]> e = entries(smallFile());
            e.remove(name);
            refused(zip(dir.resolve("without-" + name + ".threadlab"), e), "is incomplete: it has no " + name);
        }
        Map<String, byte[]> e = entries(smallFile());
        e.remove("manifest.json");
        refused(zip(dir.resolve("other.threadlab"), e), "is a ZIP archive but not a ThreadLab run file");
    }

    @Test
    void anInvalidLessonInsideGivesTheLessonReadersMessage() throws Exception {
        Map<String, byte[]> e = entries(smallFile());
        String text = new String(e.get("lesson.yaml"), StandardCharsets.UTF_8);
        e.put("lesson.yaml", text.replaceFirst("level: beginner", "level: wizard").getBytes(StandardCharsets.UTF_8));
        Path bad = zip(dir.resolve("bad-lesson.threadlab"), e);
        RunFileException ex = refused(bad, "the lesson inside is not a valid lesson");
        assertTrue(ex.getMessage().contains("unknown level 'wizard'"), ex.getMessage());
        int line = (int) text.substring(0, text.indexOf("level: beginner")).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(ex.getMessage().contains(bad.resolve("shared-counter.yaml") + ":" + line + ":"), ex.getMessage());
    }

    @Test
    void aLessonInsideThatDidNotMakeTheTraceIsRefused() throws Exception {
        Map<String, byte[]> e = entries(smallFile());
        String text = new String(e.get("lesson.yaml"), StandardCharsets.UTF_8);
        String renamed = text.replaceAll("(?<![-\\w])counter\\b", "total");
        assertNotEquals(text, renamed);
        e.put("lesson.yaml", renamed.getBytes(StandardCharsets.UTF_8));
        refused(zip(dir.resolve("other-lesson.threadlab"), e), "the lesson inside has the variables [total] but the trace has [counter]");
    }

    /** A trace.bin of one lane written by hand, to say what the reader must refuse. */
    private static byte[] traceBin(long laneIndex, long events, int kind, int arg) {
        return traceBin(laneIndex, events, kind, arg, 2);
    }

    /** As above, each event {@code zigzagStep} after the one before (zig-zag: 2 is +1 ns, 1 is -1 ns). */
    private static byte[] traceBin(long laneIndex, long events, int kind, int arg, long zigzagStep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("TLTR".getBytes(StandardCharsets.US_ASCII));
        varint(out, 2); // two lanes, as the small run has
        for (int lane = 0; lane < 2; lane++) {
            varint(out, lane == 0 ? laneIndex : 1);
            for (String s : new String[] {"adder-" + (lane + 1), "platform-thread"}) {
                varint(out, s.length());
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            }
            varint(out, 2); // pid 1, zig-zag
            varint(out, 0); // thread name ""
            varint(out, 2); // thread id 1
            varint(out, 2); // cpu 1 ns
            varint(out, events);
            for (long i = 0; i < Math.min(events, 1000); i++) {
                varint(out, i == 0 ? 2 : zigzagStep);
            }
            for (long i = 0; i < Math.min(events, 1000); i++) {
                varint(out, kind);
                varint(out, arg);
            }
            for (long i = 0; i < Math.min(events, 1000); i++) {
                varint(out, 0);
            }
            varint(out, 0);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    @Test
    void aTraceThatDoesNotHoldTogetherIsRefused() throws Exception {
        Map<String, byte[]> e = entries(smallFile());
        e.put("trace.bin", traceBin(0, 3, 0, 2)); // two lanes of three "running" states: fine
        RunFile.read(zip(dir.resolve("fine.threadlab"), e));

        e.put("trace.bin", traceBin(5, 3, 0, 2));
        refused(zip(dir.resolve("lane-index.threadlab"), e), "lane 0 says it is lane 5");
        e.put("trace.bin", traceBin(0, -1L, 0, 2)); // as an unsigned varint: 2^64 - 1 events
        refused(zip(dir.resolve("negative.threadlab"), e), "more than its");
        e.put("trace.bin", traceBin(0, 1L << 40, 0, 2));
        refused(zip(dir.resolve("too-many.threadlab"), e), "more than its");
        e.put("trace.bin", traceBin(0, 3, 99, 0));
        refused(zip(dir.resolve("kind.threadlab"), e), "unknown event kind 99");
        e.put("trace.bin", traceBin(0, 3, 0, 77));
        refused(zip(dir.resolve("state.threadlab"), e), "unknown state 77");
        e.put("trace.bin", traceBin(0, 3, 3, 9)); // a read of variable 9; the lesson has one
        refused(zip(dir.resolve("variable.threadlab"), e), "refers to number 9");
        e.put("trace.bin", traceBin(0, 3, 10, 0)); // a put on queue 0; shared-counter has no queue
        refused(zip(dir.resolve("queue.threadlab"), e), "uses queue number 0; the lesson has 0");
        e.put("trace.bin", traceBin(0, 3, 0, 2, 1)); // each event a nanosecond before the one before it
        refused(zip(dir.resolve("backwards.threadlab"), e), "lane 0, event 1 is earlier than the event before it");
        byte[] fine = traceBin(0, 3, 0, 2);
        e.put("trace.bin", java.util.Arrays.copyOf(fine, fine.length - 3));
        refused(zip(dir.resolve("short.threadlab"), e), "trace.bin ends in the middle of a lane");
    }

    @Test
    void aSavedFileIsReadableByOthersAsTheUmaskAllows() throws Exception {
        Path file = smallFile();
        var permissions = Files.getPosixFilePermissions(file);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x"); // what any new file gets here
        assertEquals(Files.getPosixFilePermissions(plain), permissions);
    }

    @Test
    void readingTheSameFileTwiceGivesTheSameRun() throws Exception {
        Path file = smallFile();
        assertSameRecording(RunFile.read(file), RunFile.read(file));
        assertNotEquals(0, Files.size(file));
    }

    @Test
    void aBadPathForSavingSaysSoAndLeavesNothing() throws Exception {
        Recording rec = small();
        Path nowhere = dir.resolve("no-such-folder").resolve("x.threadlab");
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.write(rec, nowhere));
        assertTrue(e.getMessage().startsWith(nowhere + ": cannot save the run there"), e.getMessage());
        RunFileException folder = assertThrows(RunFileException.class, () -> RunFile.write(rec, dir));
        assertTrue(folder.getMessage().contains("it is a folder"), folder.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial file left behind");
        }
    }
}

package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson cache the packaged app's built-in lessons are read from: each lesson comes back equal
 * to its parse, for the folder it is in; it answers only for files as they were; a damaged cache or
 * one of other lesson types is not used, and the lessons load from their YAML.
 */
class LessonCacheTest {
    /** A lesson with the steps no built-in lesson has (explicit read-write lock and unlock). */
    private static final String READ_WRITE_STEPS = """
            id: rw-steps
            title: Rw steps
            summary: A reader and a writer, each locking by hand.
            narration: One reads, one writes.
            prediction: {question: Q?, choices: [a, b], answer: 1, explanation: E.}
            shared:
              variables: {page: 0}
              read-write-locks: {book: fair}
            workers:
              - name: reader
                copies: 7777
                steps:
                  - read-lock: book
                  - read: page
                  - read-unlock: book
              - name: writer
                steps:
                  - write-lock: book
                  - increment: page
                  - write-unlock: book
            listings:
              java: "x();"
              python: "x()"
            outcomes:
              - when: page == 1
                grade: acceptable
                text: Written.
            """;

    @TempDir
    Path dir;
    private Path folder;

    /** The built-in lessons and the course, plus lessons with the steps they do not use (lock and unlock by hand). */
    @BeforeEach
    void copyLessons() throws IOException {
        folder = Files.createDirectories(dir.resolve("lessons"));
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            for (Path p : s.toList()) {
                Files.copy(p, folder.resolve(p.getFileName().toString()));
            }
        }
        Files.copy(Path.of("src/test/resources/test-lessons/crossed.yaml"), folder.resolve("crossed.yaml"));
        Files.writeString(folder.resolve("rw-steps.yaml"), READ_WRITE_STEPS);
    }

    /** The folder's lessons parsed from their YAML, one by one, with no cache. */
    private List<Lesson> parsed(Path in) throws LessonException {
        List<Lesson> out = new ArrayList<>();
        for (Path file : LessonLibrary.files(in)) {
            out.add(new LessonParser().parse(file));
        }
        return out;
    }

    @Test
    void everyLessonComesBackFromTheCacheEqualToItsParse() throws Exception {
        int written = LessonCache.write(folder);
        List<Lesson> expected = parsed(folder);
        assertEquals(expected.size(), written);
        assertTrue(written >= 26, "the built-in lessons and the two added: " + written);
        LessonCache cache = LessonCache.of(folder);
        assertEquals(written, cache.size());
        for (Lesson l : expected) {
            assertEquals(l, cache.lesson(l.source(), Files.readAllBytes(l.source())).orElseThrow(),
                    () -> l.id() + " from the cache");
        }
        LessonLibrary.Loaded loaded = new LessonLibrary(folder).loadAll();
        assertEquals(expected, loaded.lessons());
        assertEquals(List.of(), loaded.problems());
    }

    @Test
    void aCacheMovedWithItsLessonsNamesTheirNewPlace() throws Exception {
        LessonCache.write(folder);
        Path moved = Files.createDirectories(dir.resolve("elsewhere").resolve("lessons"));
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                Files.copy(p, moved.resolve(p.getFileName().toString()));
            }
        }
        LessonCache cache = LessonCache.of(moved);
        assertTrue(cache.size() > 0);
        for (Lesson l : parsed(moved)) {
            Lesson cached = cache.lesson(l.source(), Files.readAllBytes(l.source())).orElseThrow();
            assertEquals(l, cached, () -> l.id() + " from the moved cache");
            assertEquals(moved.resolve(l.id() + ".yaml"), cached.source());
            assertEquals(moved.resolve(l.id() + ".yaml").toString(), cached.workers().get(0).pos().file(),
                    "positions name the file where it is now, for messages");
        }
    }

    @Test
    void aFileChangedAfterTheCacheWasWrittenIsReadFromItsYaml() throws Exception {
        LessonCache.write(folder);
        Path squares = folder.resolve("squares.yaml");
        String text = Files.readString(squares);
        String changed = text.replaceFirst("(?m)^title: .*$", "title: Squares, edited by a teacher");
        assertNotEquals(text, changed);
        Files.writeString(squares, changed);
        Files.writeString(folder.resolve("new-one.yaml"), READ_WRITE_STEPS.replace("id: rw-steps", "id: new-one"));

        assertTrue(LessonCache.of(folder).lesson(squares, Files.readAllBytes(squares)).isEmpty(),
                "the cache does not answer for bytes it was not written from");
        LessonLibrary.Loaded loaded = new LessonLibrary(folder).loadAll();
        assertEquals(parsed(folder), loaded.lessons());
        assertTrue(loaded.lessons().stream().anyMatch(l -> l.title().equals("Squares, edited by a teacher")));
        assertTrue(loaded.lessons().stream().anyMatch(l -> l.id().equals("new-one")));
    }

    @Test
    void aBrokenFileIsNotCachedAndStillSaysWhatIsWrong() throws Exception {
        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, "id: broken\ntitle: [unclosed\n");
        int written = LessonCache.write(folder);
        assertEquals(LessonLibrary.files(folder).size() - 1, written, "all but the broken file");
        LessonLibrary.Loaded loaded = new LessonLibrary(folder).loadAll();
        assertEquals(1, loaded.problems().size());
        assertEquals(broken.toString(), loaded.problems().get(0).pos().file());
    }

    @Test
    void aDamagedCacheIsNotUsedAndTheLessonsStillLoad() throws Exception {
        LessonCache.write(folder);
        Path file = folder.resolve(LessonCache.FILE);
        byte[] good = Files.readAllBytes(file);
        List<Lesson> expected = parsed(folder);
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 12; round++) {
            byte[] bad = good.clone();
            if (round % 3 == 0) {
                bad = java.util.Arrays.copyOf(good, random.nextInt(good.length)); // cut short
            } else {
                int at = random.nextInt(good.length);
                bad[at] = (byte) (bad[at] ^ (1 + random.nextInt(255))); // one byte changed
            }
            Files.write(file, bad);
            assertEquals(0, LessonCache.of(folder).size(), "a damaged cache holds nothing, round " + round);
            assertEquals(expected, new LessonLibrary(folder).loadAll().lessons(), "round " + round);
        }
        Files.write(file, "not a cache".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, LessonCache.of(folder).size());
        assertEquals(expected, new LessonLibrary(folder).loadAll().lessons());
    }

    @Test
    void aCacheOfOtherLessonTypesIsNotUsed() throws Exception {
        LessonCache.write(folder);
        // as if written by a ThreadLab whose Pos had a component 'lime' where this one has 'line'
        rewrite(bytes -> {
            int at = indexOf(bytes, "line I".getBytes(StandardCharsets.UTF_8));
            assertTrue(at > 0, "the cache names Pos's components");
            bytes[at + 2] = 'm';
        });
        assertEquals(0, LessonCache.of(folder).size());
        assertEquals(parsed(folder), new LessonLibrary(folder).loadAll().lessons());
    }

    /** The cache with its bytes changed by {@code change}, and its checksum made good again. */
    private Path rewrite(java.util.function.Consumer<byte[]> change) throws IOException {
        Path file = folder.resolve(LessonCache.FILE);
        byte[] bytes = Files.readAllBytes(file);
        change.accept(bytes);
        ByteBuffer.wrap(bytes).putInt(8, LessonCache.checksum(bytes, 12, bytes.length - 12));
        return Files.write(file, bytes);
    }

    /**
     * Where a string is first written in the lesson value the cache holds for a file (not in the file's
     * bytes, nor in another lesson): its tag, length and text, after the entry's name and bytes.
     */
    private static int valueString(byte[] cache, String fileName, String text) {
        byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        int entry = indexOf(cache, ByteBuffer.allocate(4 + name.length).putInt(name.length).put(name).array(), 0);
        assertTrue(entry > 0, () -> "the cache has an entry for " + fileName);
        int content = entry + 4 + name.length;
        int value = content + 4 + ByteBuffer.wrap(cache).getInt(content) + 4;
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(cache, ByteBuffer.allocate(5 + utf8.length).put((byte) 1).putInt(utf8.length).put(utf8).array(),
                value);
        assertTrue(at > 0 && at < value + ByteBuffer.wrap(cache).getInt(value - 4),
                () -> "the cache holds '" + text + "' in the lesson of " + fileName);
        return at + 5;
    }

    @Test
    void theLibraryTakesTheLessonFromTheCacheNotItsYaml() throws Exception {
        LessonCache.write(folder);
        String title = new LessonParser().parse(folder.resolve("squares.yaml")).title();
        // the cache's copy of the title changed by one letter: a lesson that can only have come from it
        rewrite(bytes -> bytes[valueString(bytes, "squares.yaml", title)] = (byte) 'Z');
        String fromCache = "Z" + title.substring(1);
        assertTrue(new LessonLibrary(folder).loadAll().lessons().stream().anyMatch(l -> l.title().equals(fromCache)));
        assertEquals(fromCache, new LessonLibrary(folder).find("squares").title());
    }

    @Test
    void aLessonTheCheckerFaultsIsParsedFromItsFileInstead() throws Exception {
        LessonCache.write(folder);
        Lesson rw = new LessonParser().parse(folder.resolve("rw-steps.yaml"));
        // the reader's "copies: 7777" made -5 in the cache only (the number written just before its text)
        rewrite(bytes -> ByteBuffer.wrap(bytes).putLong(valueString(bytes, "rw-steps.yaml", "7777") - 5 - 8, -5));
        assertEquals(rw, new LessonLibrary(folder).find("rw-steps"));
        assertTrue(new LessonLibrary(folder).loadAll().lessons().contains(rw));
    }

    @Test
    void aCacheDamagedBehindItsChecksumNeverStopsTheLibrary() throws Exception {
        LessonCache.write(folder);
        byte[] good = Files.readAllBytes(folder.resolve(LessonCache.FILE));
        int files = LessonLibrary.files(folder).size();
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 40; round++) {
            Files.write(folder.resolve(LessonCache.FILE), good);
            rewrite(bytes -> {
                for (int i = 0; i < 3; i++) {
                    int at = 16 + random.nextInt(bytes.length - 16);
                    bytes[at] = (byte) random.nextInt(256);
                }
            });
            LessonLibrary.Loaded loaded = new LessonLibrary(folder).loadAll();
            assertEquals(files, loaded.lessons().size() + loaded.problems().size(), "round " + round);
        }
    }

    @Test
    void aFileThatIsNotUtf8IsNotCachedAndSaysSo() throws Exception {
        Path squares = folder.resolve("squares.yaml");
        byte[] text = Files.readAllBytes(squares);
        int at = indexOf(text, "title: ".getBytes(StandardCharsets.UTF_8)) + 7;
        text[at] = (byte) 0xE9; // a Latin-1 e acute: not UTF-8
        Files.write(squares, text);
        assertEquals(LessonLibrary.files(folder).size() - 1, LessonCache.write(folder));
        LessonLibrary.Loaded loaded = new LessonLibrary(folder).loadAll();
        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().get(0).message().contains("not UTF-8"), loaded.problems().get(0).message());
    }

    @Test
    void aCacheWrittenByAnotherLessonReaderIsNotUsed() throws Exception {
        LessonCache.write(folder);
        rewrite(bytes -> ByteBuffer.wrap(bytes).putInt(12, LessonCache.readerFingerprint() + 1));
        assertEquals(0, LessonCache.of(folder).size());
        assertEquals(parsed(folder), new LessonLibrary(folder).loadAll().lessons());
    }

    @Test
    void findReadsABuiltInLessonFromTheCache() throws Exception {
        LessonCache.write(folder);
        Path squares = folder.resolve("squares.yaml");
        Lesson expected = new LessonParser().parse(squares);
        assertEquals(expected, new LessonLibrary(folder).find("squares"));
        Files.writeString(squares, Files.readString(squares).replaceFirst("(?m)^title: .*$", "title: Edited"));
        assertEquals("Edited", new LessonLibrary(folder).find("squares").title(), "a changed file is parsed again");
    }

    @Test
    void theCacheKnowsEveryRecordAndEnumALessonCanHold() {
        Set<Class<?>> records = new LinkedHashSet<>();
        Set<Class<?>> enums = new LinkedHashSet<>();
        reach(Lesson.class, new HashSet<>(), records, enums);
        assertEquals(records, LessonCache.Model.MAKERS.keySet());
        assertEquals(enums, Set.copyOf(LessonCache.Model.ENUMS));
    }

    @Test
    void theCachedLessonsUseEveryRecordTheCacheKnows() throws Exception {
        LessonCache.write(folder);
        Set<Class<?>> used = new HashSet<>();
        for (Lesson l : new LessonLibrary(folder).loadAll().lessons()) {
            collect(l, used);
        }
        for (Class<?> c : LessonCache.Model.MAKERS.keySet()) {
            assertTrue(used.contains(c), () -> c.getName() + " is in no lesson of the test, so its maker is not checked");
        }
    }

    /** The lesson model's records and enums reachable from a type: its components', a sealed type's kinds. */
    private static void reach(Type t, Set<Type> seen, Set<Class<?>> records, Set<Class<?>> enums) {
        if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                reach(a, seen, records, enums);
            }
            return;
        }
        if (!(t instanceof Class<?> c) || !c.getName().startsWith("org.threadlab.") || !seen.add(c)) {
            return;
        }
        if (c.isEnum()) {
            enums.add(c);
        }
        if (c.isSealed()) {
            for (Class<?> kind : c.getPermittedSubclasses()) {
                reach(kind, seen, records, enums);
            }
        }
        if (c.isRecord()) {
            records.add(c);
            for (RecordComponent rc : c.getRecordComponents()) {
                reach(rc.getGenericType(), seen, records, enums);
            }
        }
    }

    private static void collect(Object v, Set<Class<?>> used) throws ReflectiveOperationException {
        if (v instanceof List<?> list) {
            for (Object o : list) {
                collect(o, used);
            }
        } else if (v instanceof Map<?, ?> map) {
            for (Object o : map.values()) {
                collect(o, used);
            }
        } else if (v instanceof Record r) {
            used.add(r.getClass());
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                collect(rc.getAccessor().invoke(r), used);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aFolderWithoutACacheLoadsAsBefore() throws Exception {
        assertFalse(Files.exists(folder.resolve(LessonCache.FILE)));
        assertEquals(0, LessonCache.of(folder).size());
        assertEquals(parsed(folder), new LessonLibrary(folder).loadAll().lessons());
    }
}

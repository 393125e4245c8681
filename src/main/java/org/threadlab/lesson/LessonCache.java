package org.threadlab.lesson;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lessons of a folder as already parsed and checked, kept beside them in {@value #FILE}: the
 * packaged app's built-in lessons, written when the app is packaged. A cold JVM needs 0.2 to 0.5 s of
 * processor time to read the 24 built-in lessons' YAML, on the way to the window's first frame; read
 * from here they take a few milliseconds (docs/performance.md, "Start-up of the packaged app").
 *
 * <p>The cache keeps each file's exact bytes, and it answers only for a file whose bytes are the
 * same: a lesson file edited, added or removed after packaging is read from its YAML as always. A
 * cache that is damaged (its CRC-32), larger than {@link #MAX_BYTES}, or written by a ThreadLab
 * whose lesson reader differs (the model's record types, or the parser's and checker's classes) is
 * not used at all. Reading it makes only the lesson model's own records and enums, through their
 * constructors, and plain strings, numbers, lists and maps; a lesson read from it goes through
 * {@link LessonChecker} as a parsed one does, and one the checker faults is parsed from its file
 * instead, which says what is wrong.
 */
public final class LessonCache {
    /** The cache's file name, in the folder of the lessons it holds. */
    public static final String FILE = "lessons.cache";
    private static final int MAGIC = 0x544c4c43; // "TLLC"
    private static final int VERSION = 1;
    /** Deepest nesting of values the reader follows (steps in steps, expressions); a lesson nests far less. */
    private static final int MAX_DEPTH = 400;
    /** Largest cache read: the 24 built-in lessons take under 1 MB; a larger file is not ThreadLab's. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    /**
     * The classes whose code decides what a lesson file parses to: a cache written by other code (a
     * ThreadLab built since) is not used. Their nested classes count too.
     */
    private static final List<Class<?>> READER = List.of(LessonParser.class, LessonChecker.class, YamlNodes.class,
            ExprParser.class, MarkdownNesting.class, Limits.class, Names.class);

    /** What a value in the cache is. */
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte STRING_AGAIN = 2;
    private static final byte LONG = 3;
    private static final byte INT = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte LIST = 7;
    private static final byte MAP = 8;
    private static final byte RECORD = 9;
    private static final byte ENUM = 10;
    private static final byte DURATION = 11;
    /** The lesson's own file: its source, and the file its positions name. */
    private static final byte SOURCE_PATH = 12;
    private static final byte SOURCE_NAME = 13;

    private static final LessonCache NONE = new LessonCache(Map.of(), List.of());
    /** The reader's fingerprint, worked out once, when a cache is first read or written. */
    private static volatile Integer readerFingerprint;

    /** The files the cache holds, by file name: their bytes and where their lesson's value starts. */
    private final Map<String, Entry> entries;
    /** The types the cache's values name, by their number in it. */
    private final List<Type> types;

    private record Entry(byte[] content, ByteBuffer value) {}

    /** A type of the lesson model as the reader makes it: a record from its components, or an enum's constants. */
    private record Type(Function<Object[], Object> make, int components, Object[] constants) {}

    private LessonCache(Map<String, Entry> entries, List<Type> types) {
        this.entries = entries;
        this.types = types;
    }

    /** The cache of this folder; one that holds nothing when the folder has none or it cannot be used. */
    public static LessonCache of(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                return NONE;
            }
            return read(ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) { // damaged or of another version: read the YAML instead
            return NONE;
        }
    }

    /** How many lesson files the cache holds. */
    public int size() {
        return entries.size();
    }

    /**
     * The lesson the cache holds for this file, if it holds one for a file of this name with exactly
     * these bytes; its source, and the file its positions name, are {@code file}. Empty otherwise,
     * and when the held value cannot be read.
     */
    public Optional<Lesson> lesson(Path file, byte[] content) {
        Entry e = file.getFileName() == null ? null : entries.get(file.getFileName().toString());
        if (e == null || !Arrays.equals(e.content(), content)) {
            return Optional.empty();
        }
        try {
            Lesson lesson = (Lesson) new Reader(e.value().duplicate(), types, file).value(0);
            List<LessonProblem> problems = new ArrayList<>();
            new LessonChecker(problems).check(lesson);
            return problems.isEmpty() ? Optional.of(lesson) : Optional.empty(); // the parse says what is wrong
        } catch (RuntimeException ex) { // a damaged value (or one a constructor refuses): parse the file
            return Optional.empty();
        }
    }

    // ---- reading

    private static LessonCache read(ByteBuffer in) throws IOException {
        if (in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IOException("not a lesson cache of this version");
        }
        int crc = in.getInt();
        if (crc != checksum(in.array(), in.position(), in.remaining())) {
            throw new IOException("damaged: its checksum does not match");
        }
        if (in.getInt() != readerFingerprint()) {
            throw new IOException("written by another version of the lesson reader");
        }
        int typeCount = count(in);
        List<Type> types = new ArrayList<>(typeCount);
        for (int i = 0; i < typeCount; i++) {
            types.add(type(in));
        }
        int files = count(in);
        Map<String, Entry> entries = new HashMap<>();
        for (int i = 0; i < files; i++) {
            String name = string(in);
            byte[] content = new byte[count(in)];
            in.get(content);
            int length = count(in);
            ByteBuffer value = in.slice(in.position(), length);
            in.position(in.position() + length);
            entries.put(name, new Entry(content, value));
        }
        return new LessonCache(entries, types);
    }

    /** A type as the cache names it, checked against the same type of this ThreadLab: its components or constants. */
    private static Type type(ByteBuffer in) throws IOException {
        String name = string(in);
        Class<?> c = Model.KNOWN.get(name);
        if (c == null) {
            throw new IOException("not a type of the lesson model: " + name);
        }
        int n = count(in);
        String[] written = new String[n];
        for (int i = 0; i < n; i++) {
            written[i] = string(in);
        }
        if (c.isEnum()) {
            Object[] constants = new Object[n];
            for (int i = 0; i < n; i++) {
                constants[i] = constant(c, written[i]);
            }
            return new Type(null, 0, constants);
        }
        if (!Arrays.equals(written, signature(c))) {
            throw new IOException(name + " has other components in this version");
        }
        return new Type(Model.MAKERS.get(c), n, null);
    }

    private static Object constant(Class<?> enumType, String name) throws IOException {
        for (Object o : enumType.getEnumConstants()) {
            if (((Enum<?>) o).name().equals(name)) {
                return o;
            }
        }
        throw new IOException(enumType.getName() + " has no constant " + name + " in this version");
    }

    /** A record's components as the cache names them: name and generic type of each, in order. */
    private static String[] signature(Class<?> record) {
        RecordComponent[] rc = record.getRecordComponents();
        String[] out = new String[rc.length];
        for (int i = 0; i < rc.length; i++) {
            String generic = rc[i].getGenericSignature();
            out[i] = rc[i].getName() + " " + (generic != null ? generic : rc[i].getType().descriptorString());
        }
        return out;
    }

    /** A count or length, which can be no larger than what is left to read. */
    private static int count(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("a count of " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    private static String string(ByteBuffer in) throws IOException {
        int n = count(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    /** Reads one lesson's value; the strings it repeats are numbered in the order they first appear. */
    private static final class Reader {
        private final ByteBuffer in;
        private final List<Type> types;
        private final Path source;
        private final List<String> strings = new ArrayList<>();

        Reader(ByteBuffer in, List<Type> types, Path source) {
            this.in = in;
            this.types = types;
            this.source = source;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalStateException("values nested too deeply");
            }
            try {
                byte tag = in.get();
                return switch (tag) {
                    case NULL -> null;
                    case STRING -> {
                        String s = string(in);
                        strings.add(s);
                        yield s;
                    }
                    case STRING_AGAIN -> strings.get(in.getInt());
                    case LONG -> in.getLong();
                    case INT -> in.getInt();
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    case LIST -> {
                        int n = count(in);
                        List<Object> list = new ArrayList<>(); // not sized by the file: a damaged count allocates nothing
                        for (int i = 0; i < n; i++) {
                            list.add(value(depth + 1));
                        }
                        yield java.util.Collections.unmodifiableList(list); // as the parser's lists are
                    }
                    case MAP -> {
                        int n = count(in);
                        Map<Object, Object> map = new LinkedHashMap<>();
                        for (int i = 0; i < n; i++) {
                            map.put(value(depth + 1), value(depth + 1));
                        }
                        yield java.util.Collections.unmodifiableMap(map);
                    }
                    case RECORD -> {
                        Type t = type();
                        if (t.make() == null) {
                            throw new IllegalStateException("an enum read as a record");
                        }
                        Object[] components = new Object[t.components()];
                        for (int i = 0; i < components.length; i++) {
                            components[i] = value(depth + 1);
                        }
                        yield t.make().apply(components);
                    }
                    case ENUM -> {
                        Type t = type();
                        yield t.constants()[in.getInt()];
                    }
                    case DURATION -> Duration.ofNanos(in.getLong());
                    case SOURCE_PATH -> source;
                    case SOURCE_NAME -> source.toString();
                    default -> throw new IllegalStateException("unknown value " + tag);
                };
            } catch (IOException e) {
                throw new IllegalStateException("damaged lesson cache", e);
            }
        }

        private Type type() {
            return types.get(in.getInt());
        }
    }

    // ---- writing

    /**
     * Writes the cache of the lessons in this folder that parse without a problem, to {@value #FILE}
     * in it; returns how many it holds. Run when the app is packaged, on the lessons it ships.
     */
    public static int write(Path folder) throws IOException {
        LessonParser parser = new LessonParser();
        Writer w = new Writer();
        ByteArrayOutputStream files = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(files);
        int count = 0;
        for (Path file : LessonLibrary.files(folder)) {
            byte[] content = Files.readAllBytes(file);
            Lesson lesson;
            try {
                lesson = parser.parse(file); // as the library reads it: its size, its UTF-8, its checks
            } catch (LessonException e) {
                continue; // a broken file is read (and reported) from its YAML
            }
            if (!Arrays.equals(content, Files.readAllBytes(file))) {
                throw new IOException(file + " changed while the lesson cache was written");
            }
            writeString(out, file.getFileName().toString());
            out.writeInt(content.length);
            out.write(content);
            byte[] value = w.lesson(lesson);
            out.writeInt(value.length);
            out.write(value);
            count++;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(body);
        head.writeInt(readerFingerprint());
        head.writeInt(w.types.size());
        for (Class<?> c : w.types.keySet()) {
            writeString(head, c.getName());
            String[] names = c.isEnum() ? Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name())
                    .toArray(String[]::new) : signature(c);
            head.writeInt(names.length);
            for (String n : names) {
                writeString(head, n);
            }
        }
        head.writeInt(count);
        files.writeTo(head);
        head.flush();
        byte[] rest = body.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream top = new DataOutputStream(all);
        top.writeInt(MAGIC);
        top.writeInt(VERSION);
        top.writeInt(checksum(rest, 0, rest.length));
        top.write(rest);
        top.flush();
        Path target = folder.resolve(FILE);
        Path partial = folder.resolve(FILE + ".part");
        Files.write(partial, all.toByteArray());
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return count;
    }

    /**
     * The CRC-32 of the class files of the lesson reader ({@link #READER} and their nested classes):
     * a cache written by a ThreadLab whose parser or checker differ could hold lessons this one would
     * read otherwise.
     */
    static int readerFingerprint() {
        Integer known = readerFingerprint;
        if (known != null) {
            return known;
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (Class<?> top : READER) {
            for (Class<?> c : top.getNestMembers()) {
                String name = c.getName().substring(c.getPackageName().length() + 1) + ".class";
                try (java.io.InputStream in = c.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("no class file for " + c.getName());
                    }
                    crc.update(name.getBytes(StandardCharsets.UTF_8));
                    crc.update(in.readAllBytes());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the class file of " + c.getName(), e);
                }
            }
        }
        readerFingerprint = (int) crc.getValue();
        return readerFingerprint;
    }

    /** The CRC-32 of what follows the cache's header: a damaged value must not become a different lesson. */
    static int checksum(byte[] bytes, int from, int length) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Writes lessons' values; the types they use are numbered once for the whole cache. */
    private static final class Writer {
        private final Map<Class<?>, Integer> types = new LinkedHashMap<>();
        private Map<String, Integer> strings;
        private Lesson lesson;
        private DataOutputStream out;

        byte[] lesson(Lesson l) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out = new DataOutputStream(bytes);
            strings = new HashMap<>();
            lesson = l;
            value(l);
            out.flush();
            return bytes.toByteArray();
        }

        private void value(Object v) throws IOException {
            switch (v) {
                case null -> out.writeByte(NULL);
                case Path p when p.equals(lesson.source()) -> out.writeByte(SOURCE_PATH);
                case String s when s.equals(lesson.source().toString()) -> out.writeByte(SOURCE_NAME);
                case String s -> {
                    Integer again = strings.get(s);
                    if (again != null) {
                        out.writeByte(STRING_AGAIN);
                        out.writeInt(again);
                    } else {
                        strings.put(s, strings.size());
                        out.writeByte(STRING);
                        writeString(out, s);
                    }
                }
                case Long n -> {
                    out.writeByte(LONG);
                    out.writeLong(n);
                }
                case Integer n -> {
                    out.writeByte(INT);
                    out.writeInt(n);
                }
                case Boolean b -> out.writeByte(b ? TRUE : FALSE);
                case Duration d -> {
                    out.writeByte(DURATION);
                    out.writeLong(d.toNanos());
                }
                case List<?> list -> {
                    out.writeByte(LIST);
                    out.writeInt(list.size());
                    for (Object o : list) {
                        value(o);
                    }
                }
                case Map<?, ?> map -> {
                    out.writeByte(MAP);
                    out.writeInt(map.size());
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        value(e.getKey());
                        value(e.getValue());
                    }
                }
                case Enum<?> e -> {
                    out.writeByte(ENUM);
                    out.writeInt(type(e.getDeclaringClass()));
                    out.writeInt(e.ordinal());
                }
                case Record r -> {
                    out.writeByte(RECORD);
                    out.writeInt(type(r.getClass()));
                    for (RecordComponent c : r.getClass().getRecordComponents()) {
                        try {
                            value(c.getAccessor().invoke(r));
                        } catch (ReflectiveOperationException e) {
                            throw new IOException("cannot read " + c, e);
                        }
                    }
                }
                default -> throw new IOException("a lesson holds a " + v.getClass().getName()
                        + ", which the lesson cache does not know");
            }
        }

        private int type(Class<?> c) throws IOException {
            if (!Model.KNOWN.containsKey(c.getName())) {
                throw new IOException(c.getName() + " is not among the lesson cache's types (LessonCache.Model.MAKERS)");
            }
            return types.computeIfAbsent(c, k -> types.size());
        }
    }

    /** Writes the cache of a folder of lessons: {@code LessonCache FOLDER}. The packaging runs it. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LessonCache FOLDER");
            System.exit(2);
        }
        int n = write(Path.of(args[0]));
        System.out.println("lesson cache: " + n + " lessons in " + Path.of(args[0]).resolve(FILE));
    }

    // ---- the lesson model's types

    /** Made when a cache is first read or written, not when a folder without one is looked at. */
    static final class Model {
        private Model() {}

        /**
         * How each record of the lesson model is made again from its components, in their order. Made by
         * hand, not by reflection: a reflective constructor call costs a cold JVM 2 to 5 ms per record type
         * to set up, which would be most of the cache's time. {@code LessonCacheTest} checks that every
         * record and enum a lesson can hold is here.
         */
        @SuppressWarnings("unchecked")
        static final Map<Class<?>, Function<Object[], Object>> MAKERS = Map.ofEntries(
                Map.entry(Lesson.class, a -> new Lesson((Path) a[0], (String) a[1], (String) a[2], (String) a[3],
                        (List<String>) a[4], (Level) a[5], (String) a[6], (Prediction) a[7], (Map<String, Long>) a[8],
                        (SharedState) a[9], (List<Worker>) a[10], (MainSteps) a[11], (List<Listing>) a[12],
                        (List<Variant>) a[13], (RunSettings) a[14], (List<Outcome>) a[15], (Stepping) a[16],
                        (List<Challenge>) a[17])),
                Map.entry(Prediction.class, a -> new Prediction((String) a[0], (List<String>) a[1], (int) a[2],
                        (String) a[3], (List<String>) a[4], (List<String>) a[5], (Boolean) a[6], (Expr) a[7], (Pos) a[8])),
                Map.entry(Expr.Num.class, a -> new Expr.Num((long) a[0], (String) a[1])),
                Map.entry(Expr.Ref.class, a -> new Expr.Ref((String) a[0], (String) a[1])),
                Map.entry(Expr.Unary.class, a -> new Expr.Unary((String) a[0], (Expr) a[1], (String) a[2])),
                Map.entry(Expr.Call.class, a -> new Expr.Call((String) a[0], (List<Expr>) a[1], (String) a[2])),
                Map.entry(Expr.Binary.class, a -> new Expr.Binary((String) a[0], (Expr) a[1], (Expr) a[2], (String) a[3])),
                Map.entry(Pos.class, a -> new Pos((String) a[0], (int) a[1], (int) a[2], (String) a[3])),
                Map.entry(SharedState.class, a -> new SharedState((Map<String, Long>) a[0], (List<String>) a[1],
                        (List<String>) a[2], (Map<String, Long>) a[3], (Map<String, Long>) a[4], (Map<String, String>) a[5],
                        (Map<String, ReadWritePolicy>) a[6])),
                Map.entry(Worker.class, a -> new Worker((String) a[0], (Expr) a[1], (List<Step>) a[2], (Pos) a[3])),
                Map.entry(Step.Compute.class, a -> new Step.Compute((Step.ComputeFunction) a[0], (Expr) a[1], (Expr) a[2],
                        (String) a[3], (Pos) a[4], (String) a[5])),
                Map.entry(Step.Sleep.class, a -> new Step.Sleep((Expr) a[0], (Pos) a[1], (String) a[2])),
                Map.entry(Step.Download.class, a -> new Step.Download((Expr) a[0], (Expr) a[1], (String) a[2], (Pos) a[3],
                        (String) a[4])),
                Map.entry(Step.Print.class, a -> new Step.Print((String) a[0], (Pos) a[1], (String) a[2])),
                Map.entry(Step.Read.class, a -> new Step.Read((String) a[0], (String) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Add.class, a -> new Step.Add((String) a[0], (Expr) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Write.class, a -> new Step.Write((String) a[0], (String) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Increment.class, a -> new Step.Increment((String) a[0], (Expr) a[1], (boolean) a[2],
                        (String) a[3], (Pos) a[4], (String) a[5])),
                Map.entry(Step.Lock.class, a -> new Step.Lock((String) a[0], (Pos) a[1], (String) a[2])),
                Map.entry(Step.Unlock.class, a -> new Step.Unlock((String) a[0], (Pos) a[1], (String) a[2])),
                Map.entry(Step.WithLock.class, a -> new Step.WithLock((String) a[0], (List<Step>) a[1], (Pos) a[2],
                        (String) a[3])),
                Map.entry(Step.RwLock.class, a -> new Step.RwLock((String) a[0], (boolean) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.RwUnlock.class, a -> new Step.RwUnlock((String) a[0], (boolean) a[1], (Pos) a[2],
                        (String) a[3])),
                Map.entry(Step.WithRwLock.class, a -> new Step.WithRwLock((String) a[0], (boolean) a[1], (List<Step>) a[2],
                        (Pos) a[3], (String) a[4])),
                Map.entry(Step.WithPermit.class, a -> new Step.WithPermit((String) a[0], (List<Step>) a[1], (Pos) a[2],
                        (String) a[3])),
                Map.entry(Step.Put.class, a -> new Step.Put((String) a[0], (Expr) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Take.class, a -> new Step.Take((String) a[0], (String) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Wait.class, a -> new Step.Wait((String) a[0], (Expr) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Notify.class, a -> new Step.Notify((String) a[0], (boolean) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.Repeat.class, a -> new Step.Repeat((Expr) a[0], (String) a[1], (List<Step>) a[2], (Pos) a[3],
                        (String) a[4])),
                Map.entry(Step.Spin.class, a -> new Step.Spin((String) a[0], (boolean) a[1], (Pos) a[2], (String) a[3])),
                Map.entry(Step.If.class, a -> new Step.If((Expr) a[0], (List<Step>) a[1], (List<Step>) a[2], (Pos) a[3],
                        (String) a[4])),
                Map.entry(Step.Return.class, a -> new Step.Return((Expr) a[0], (Pos) a[1], (String) a[2])),
                Map.entry(MainSteps.class, a -> new MainSteps((List<Step>) a[0], (List<Step>) a[1], (List<Step>) a[2])),
                Map.entry(Listing.class, a -> new Listing((String) a[0], (List<String>) a[1], (Map<String, Integer>) a[2],
                        (PythonRun) a[3])),
                Map.entry(PythonRun.class, a -> new PythonRun((Map<String, Long>) a[0], (long) a[1], (boolean) a[2],
                        (String) a[3], (List<String>) a[4], (int) a[5])),
                Map.entry(Variant.class, a -> new Variant((String) a[0], (String) a[1], (String) a[2],
                        (Map<String, Long>) a[3], (SharedState) a[4], (List<Worker>) a[5], (MainSteps) a[6],
                        (List<Listing>) a[7], (List<Outcome>) a[8])),
                Map.entry(Outcome.class, a -> new Outcome((Expr) a[0], (Grade) a[1], (String) a[2], (Pos) a[3])),
                Map.entry(RunSettings.class, a -> new RunSettings((String) a[0], (List<String>) a[1], (int) a[2],
                        (int) a[3], (int) a[4], (int) a[5], (Duration) a[6])),
                Map.entry(Stepping.class, a -> new Stepping((Map<String, Long>) a[0], (List<Stepping.Story>) a[1])),
                Map.entry(Stepping.Story.class, a -> new Stepping.Story((String) a[0], (String) a[1],
                        (List<Stepping.Beat>) a[2], (Pos) a[3])),
                Map.entry(Stepping.Beat.class, a -> new Stepping.Beat((String) a[0], (String) a[1], (Pos) a[2])),
                Map.entry(Challenge.class, a -> new Challenge((String) a[0], (String) a[1], (String) a[2], (Expr) a[3],
                        (Challenge.Moment) a[4], (String) a[5], (int) a[6], (Map<String, Long>) a[7], (List<String>) a[8],
                        (int) a[9], (List<String>) a[10], (String) a[11], (Pos) a[12])));

        /** The enums a lesson can hold. */
        static final List<Class<? extends Enum<?>>> ENUMS = List.of(Level.class, ReadWritePolicy.class,
                Step.ComputeFunction.class, Grade.class, Challenge.Moment.class);

        /** Every type the cache may name, by class name: the records above and the enums. */
        private static final Map<String, Class<?>> KNOWN = known();

        private static Map<String, Class<?>> known() {
            Map<String, Class<?>> out = new HashMap<>();
            MAKERS.keySet().forEach(c -> out.put(c.getName(), c));
            ENUMS.forEach(c -> out.put(c.getName(), c));
            return Map.copyOf(out);
        }
    }
}

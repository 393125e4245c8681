package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lessons added from a teacher's folder: loaded beside the built-in ones, broken files reported, ids kept apart. */
class AddedLessonsTest {
    private static final Path BUILT_IN = Path.of(System.getProperty("threadlab.lessons", "lessons"));

    private static void copy(String id, Path dir, String newId) throws Exception {
        Files.writeString(dir.resolve(newId + ".yaml"),
                Files.readString(BUILT_IN.resolve(id + ".yaml")).replace("id: " + id + "\n", "id: " + newId + "\n"));
    }

    @Test
    void aFolderLoadsBesideTheBuiltInLessonsAndABrokenFileDoesNotHideTheRest(@TempDir Path dir) throws Exception {
        copy("hello-threads", dir, "week-3");
        Files.writeString(dir.resolve("broken.yaml"), "id: broken\ntitle: [unclosed\n");
        LessonLibrary library = new LessonLibrary(BUILT_IN).withExtra(List.of(dir));
        LessonLibrary.Loaded loaded = library.loadAll();
        int builtIn = new LessonLibrary(BUILT_IN).loadAll().lessons().size();
        assertEquals(builtIn + 1, loaded.lessons().size());
        Lesson mine = loaded.lessons().stream().filter(l -> l.id().equals("week-3")).findFirst().orElseThrow();
        assertEquals(java.util.Optional.of(dir), loaded.addedFrom(mine));
        assertTrue(loaded.lessons().stream().filter(l -> !l.id().equals("week-3")).allMatch(l -> loaded.addedFrom(l).isEmpty()));
        assertEquals(1, loaded.problems().size(), loaded.problems()::toString);
        assertTrue(loaded.problems().get(0).format().startsWith(dir.resolve("broken.yaml") + ":") && loaded.problems().get(0).message().contains("not valid YAML"),
                loaded.problems().get(0).format());
        assertEquals("week-3", library.find("week-3").id(), "found by id in the added folder");
    }

    @Test
    void anAddedLessonWithABuiltInIdIsRefusedAndAMissingFolderSaysSo(@TempDir Path dir) throws Exception {
        copy("hello-threads", dir, "hello-threads");
        Path missing = dir.resolve("no-such-folder");
        LessonLibrary.Loaded loaded = new LessonLibrary(BUILT_IN).withExtra(List.of(dir, missing)).loadAll();
        assertEquals(1, loaded.lessons().stream().filter(l -> l.id().equals("hello-threads")).count());
        assertTrue(loaded.lessons().stream().filter(l -> l.id().equals("hello-threads")).allMatch(l -> loaded.addedFrom(l).isEmpty()),
                "the built-in lesson keeps its id");
        List<String> problems = loaded.problems().stream().map(LessonProblem::format).toList();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("hello-threads.yaml").toString())
                && p.contains("has the id 'hello-threads'")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(missing.toString()) && p.contains("no such folder")),
                problems::toString);
    }

    @Test
    void aZipOfLessonsOpensAsAFolderWithItsBrokenAndOversizedFilesReported(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("week-5.zip");
        String hello = Files.readString(BUILT_IN.resolve("hello-threads.yaml"));
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "week-5/zipped-one.yaml", hello.replace("id: hello-threads\n", "id: zipped-one\n"));
            put(out, "week-5/zipped-two.yaml", hello.replace("id: hello-threads\n", "id: zipped-two\n"));
            put(out, "week-5/broken.yaml", "id: broken\ntitle: [unclosed\n");
            put(out, "week-5/huge.yaml", "#".repeat(Limits.MAX_FILE_BYTES + 10));
            put(out, "week-5/notes.txt", "not a lesson");
        }
        LessonLibrary library = new LessonLibrary(BUILT_IN).withExtra(List.of(zip));
        LessonLibrary.Loaded loaded = library.loadAll();
        List<String> zipped = loaded.lessons().stream().filter(l -> loaded.addedFrom(l).isPresent()).map(Lesson::id).toList();
        assertEquals(List.of("zipped-one", "zipped-two"), zipped);
        List<String> problems = loaded.problems().stream().map(LessonProblem::format).toList();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(zip + "!/broken.yaml:") && p.contains("not valid YAML")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(zip + "!/huge.yaml:") && p.contains("too large")),
                problems::toString);
        assertEquals("zipped-two", library.find("zipped-two").id(), "found by id in the zip");
        assertTrue(Files.list(dir).count() == 1, "nothing was unpacked to disk");
    }

    private static void put(java.util.zip.ZipOutputStream out, String name, String text) throws java.io.IOException {
        out.putNextEntry(new java.util.zip.ZipEntry(name));
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }
}

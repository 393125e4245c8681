package org.threadlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.DialectId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docs/lesson.schema.json, the JSON Schema editors use to complete and check lessons: it is valid
 * draft 2020-12, every shipped lesson passes it, and on a set of broken lessons it agrees with the
 * parser: what the schema can see, the parser refuses too, and the other way round.
 */
class LessonSchemaTest {
    private static final Path SCHEMA_FILE = Path.of("docs/lesson.schema.json");
    private static final Path LESSONS = Path.of(System.getProperty("threadlab.lessons", "lessons"));
    private static final String SCHEMA_LINE = "# yaml-language-server: $schema=../docs/lesson.schema.json";
    private static final Path FILE = Path.of("lessons/demo.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** How an editor plugin that knows only draft-07 (the YAML language server in VS Code) reads the schema. */
    private static final SchemaRegistry DRAFT_7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    /**
     * The keywords the schema may use: those draft 2020-12 and draft-07 share, so that older editor
     * plugins read it the same way ($defs is only a place that $ref points into).
     */
    private static final Set<String> SHARED_KEYWORDS = Set.of("$schema", "$defs", "$ref", "title", "description",
            "type", "properties", "required", "additionalProperties", "propertyNames", "anyOf", "allOf", "not", "if",
            "then", "enum", "const", "pattern", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "items");

    /** A valid lesson; each bad case below replaces one piece of it. */
    private static final String GOOD = """
            # yaml-language-server: $schema=../docs/lesson.schema.json
            id: demo
            title: Demo
            summary: A small lesson.
            narration: Two workers add to a counter.
            prediction:
              question: What is the total?
              choices: [two, less]
              answer: 2
              explanation: Updates can be lost.
            params:
              n: 10
            shared:
              variables: {counter: 0}
              locks: [counter-lock]
            workers:
              - name: adder
                copies: workers
                steps:
                  - repeat: n
                    steps:
                      - with-lock: counter-lock
                        steps:
                          - increment: counter
                            mark: inc
            listings:
              java: |
                counter++; // [inc]
              python: |
                counter += 1  # [inc]
            run:
              pool-size: 2
              timeout: 30s
            outcomes:
              - when: counter == workers * n
                grade: acceptable
                text: All there.
              - when: counter < workers * n
                grade: interesting
                text: Some lost.
            """;

    /** A broken lesson: what it breaks, the text, and where the schema (a JSON pointer) and the parser (a key) should say so. */
    record Bad(String what, String text, String schemaPath, String parserKey) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Bad> badLessons() {
        return Stream.of(
                new Bad("unknown top-level key", GOOD + "colour: red\n", "", "colour"),
                new Bad("missing required key (outcomes)", GOOD.substring(0, GOOD.indexOf("outcomes:")), "", ""),
                new Bad("unknown step kind", swap("- increment: counter", "- incremnt: counter"),
                        "/workers/0/steps/0/steps/0/steps/0", "workers[0].steps[0].steps[0].steps[0]"),
                new Bad("unknown option on a step", swap("mark: inc", "mark: inc\n                times: 2"),
                        "/workers/0/steps/0/steps/0/steps/0", "workers[0].steps[0].steps[0].steps[0].times"),
                new Bad("two step kinds in one list item", swap("mark: inc", "read: counter"),
                        "/workers/0/steps/0/steps/0/steps/0", "workers[0].steps[0].steps[0].steps[0]"),
                new Bad("with-lock without steps", swap("""
                        - with-lock: counter-lock
                                    steps:
                                      - increment: counter
                                        mark: inc""", "- with-lock: counter-lock"),
                        "/workers/0/steps/0/steps/0", "workers[0].steps[0].steps[0]"),
                new Bad("a count that is not a number", swap("pool-size: 2", "pool-size: two"),
                        "/run/pool-size", "run.pool-size"),
                new Bad("a timeout without its unit", swap("timeout: 30s", "timeout: 30"), "/run/timeout", "run.timeout"),
                new Bad("unknown grade", swap("grade: interesting", "grade: fine"), "/outcomes/1/grade",
                        "outcomes[1].grade"),
                new Bad("a prediction with one choice", swap("choices: [two, less]", "choices: [two]"),
                        "/prediction/choices", "prediction.choices"),
                new Bad("a worker named main", swap("- name: adder", "- name: main"), "/workers/0/name",
                        "workers[0].name"),
                new Bad("workers set under params", swap("  n: 10", "  n: 10\n  workers: 3"), "/params", "params.workers"),
                new Bad("compute power with a from", swap("              - increment: counter\n", """
                                      - compute: power
                                        base: 2
                                        exponent: 3
                                        from: 1
                                      - increment: counter
                        """),
                        "/workers/0/steps/0/steps/0/steps/0", "workers[0].steps[0].steps[0].steps[0].from"),
                new Bad("a challenge without a goal", GOOD + """
                        challenges:
                          - id: lose-one
                            title: Lose one
                            task: Make the counter end below the total.
                            hints: [Read early, write late.]
                        """, "/challenges/0", "challenges[0]"),
                new Bad("a challenge without hints", GOOD + """
                        challenges:
                          - id: lose-one
                            title: Lose one
                            task: Make the counter end below the total.
                            goal: counter < workers * n
                        """, "/challenges/0", "challenges[0]"),
                new Bad("unknown kind of read-write lock", swap("locks: [counter-lock]",
                        "locks: [counter-lock]\n  read-write-locks: {table: unfair}"),
                        "/shared/read-write-locks", "shared.read-write-locks.table"),
                new Bad("a story move that is not a lane", GOOD + """
                        stepping:
                          params: {n: 2}
                          stories:
                            - title: One step
                              steps:
                                - do: two words
                                  say: Nothing.
                        """, "/stepping/stories/0/steps/0/do", "stepping.stories[0].steps[0].do"));
    }

    private static String swap(String from, String to) {
        assertTrue(GOOD.contains(from), () -> "the good lesson has no '" + from + "'");
        return GOOD.replace(from, to);
    }

    @Test
    void theSchemaIsValidDraft202012() throws IOException {
        String text = Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8);
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(DialectId.DRAFT_2020_12));
        List<Error> errors = metaSchema.validate(text, InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> "the schema breaks the draft 2020-12 meta-schema:\n" + describe(errors));
        assertEquals(DialectId.DRAFT_2020_12, JSON.readTree(text).path("$schema").asText());
    }

    @Test
    void theSchemaUsesOnlyKeywordsDraft07ToolsKnowToo() throws IOException {
        List<String> others = new ArrayList<>();
        keywords(JSON.readTree(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8)), "", others);
        assertTrue(others.isEmpty(), () -> "keywords a draft-07 editor plugin would not know:\n" + String.join("\n", others));
    }

    /** Every keyword of a schema object, walking into sub-schemas (not into names under properties or $defs). */
    private static void keywords(JsonNode schema, String at, List<String> others) {
        if (!schema.isObject()) {
            return;
        }
        for (var e : schema.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (!SHARED_KEYWORDS.contains(key)) {
                others.add(at + "/" + key);
            }
            switch (key) {
                case "properties", "$defs" -> value.properties().forEach(p -> keywords(p.getValue(), at + "/" + key + "/" + p.getKey(), others));
                case "anyOf", "allOf" -> {
                    for (int i = 0; i < value.size(); i++) {
                        keywords(value.get(i), at + "/" + key + "/" + i, others);
                    }
                }
                case "additionalProperties", "propertyNames", "not", "if", "then", "items" -> keywords(value, at + "/" + key, others);
                default -> { }
            }
        }
    }

    @Test
    void everyKeyAndEveryStepKindHasADescription() throws IOException {
        JsonNode root = JSON.readTree(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8));
        List<String> without = new ArrayList<>();
        undescribed(root, root, "", without);
        assertTrue(without.isEmpty(), () -> "keys without a description:\n" + String.join("\n", without));
        JsonNode kinds = root.path("$defs").path("step").path("properties");
        Set<String> parserKinds = parserStepKinds();
        Set<String> schemaKinds = new java.util.HashSet<>();
        kinds.fieldNames().forEachRemaining(schemaKinds::add);
        assertEquals(parserKinds, schemaKinds,
                "the schema's step kinds are the parser's (LessonParser.STEP_KINDS)");
        for (String kind : parserKinds) {
            assertFalse(kinds.path(kind).path("description").asText().isBlank(), "no description for step " + kind);
            assertFalse(root.path("$defs").path("step-" + kind).path("description").asText().isBlank(), kind);
        }
    }

    /** The parser's own list of step kinds (private to it: read here so that a new kind fails this test). */
    @SuppressWarnings("unchecked")
    private static Set<String> parserStepKinds() {
        try {
            var field = LessonParser.class.getDeclaredField("STEP_KINDS");
            field.setAccessible(true);
            return Set.copyOf((Set<String>) field.get(null));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("LessonParser.STEP_KINDS is gone; update this test", e);
        }
    }

    /** Every named key under a properties keyword has a description, its own or its $ref target's. */
    private static void undescribed(JsonNode root, JsonNode schema, String at, List<String> without) {
        if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                undescribed(root, schema.get(i), at + "/" + i, without);
            }
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        for (var e : schema.properties()) {
            if (e.getKey().equals("properties")) {
                for (var p : e.getValue().properties()) {
                    JsonNode key = p.getValue();
                    JsonNode target = key.has("$ref") ? root.at(key.get("$ref").asText().substring(1)) : key;
                    if (key.path("description").asText().isBlank() && target.path("description").asText().isBlank()) {
                        without.add(at + "/properties/" + p.getKey());
                    }
                }
            }
            if (!e.getKey().equals("if")) { // an if only tests a value; its keys are described where they are defined
                undescribed(root, e.getValue(), at + "/" + e.getKey(), without);
            }
        }
    }

    @Test
    void theSchemaCatchesABrokenLessonAtAll() {
        // the meta-schema test above passes for an empty schema too; this one does not
        assertFalse(schemaErrors("id: demo\n").isEmpty());
        assertFalse(schemaErrors("- a list\n").isEmpty());
    }

    @Test
    void everyShippedLessonNamesTheSchemaOnItsFirstLine() throws IOException {
        List<String> without = new ArrayList<>();
        for (Path lesson : shippedLessons()) {
            String first = Files.readString(lesson, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (!first.equals(SCHEMA_LINE)) {
                without.add(lesson.getFileName() + " starts with: " + first);
            }
        }
        assertTrue(without.isEmpty(), () -> String.join("\n", without));
    }

    @Test
    void everyShippedLessonPassesTheSchema() throws IOException {
        List<String> failures = new ArrayList<>();
        List<Path> lessons = shippedLessons();
        assertFalse(lessons.isEmpty(), "no lessons in " + LESSONS);
        for (Path lesson : lessons) {
            String text = Files.readString(lesson, StandardCharsets.UTF_8);
            schemaErrors(text).forEach(e -> failures.add(lesson.getFileName() + ": " + e.getInstanceLocation() + ": "
                    + e.getMessage()));
            draft7Errors(text).forEach(e -> failures.add(lesson.getFileName() + " (read as draft-07): "
                    + e.getInstanceLocation() + ": " + e.getMessage()));
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " schema errors in shipped lessons:\n"
                + String.join("\n", failures));
    }

    @Test
    void theGoodLessonPassesBothTheSchemaAndTheParser() throws LessonException {
        assertTrue(schemaErrors(GOOD).isEmpty(), () -> describe(schemaErrors(GOOD)));
        assertTrue(draft7Errors(GOOD).isEmpty(), () -> describe(draft7Errors(GOOD)));
        new LessonParser().parse(FILE, GOOD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLessons")
    void theSchemaAndTheParserBothRefuse(Bad bad) {
        List<Error> errors = schemaErrors(bad.text());
        assertFalse(errors.isEmpty(), "the schema accepts a lesson with " + bad.what());
        assertTrue(errors.stream().anyMatch(e -> e.getInstanceLocation().toString().equals(bad.schemaPath())),
                () -> "no schema error at " + bad.schemaPath() + ":\n" + describe(errors));
        List<Error> draft7 = draft7Errors(bad.text());
        assertTrue(draft7.stream().anyMatch(e -> e.getInstanceLocation().toString().equals(bad.schemaPath())),
                () -> "read as draft-07, no schema error at " + bad.schemaPath() + ":\n" + describe(draft7));

        LessonException e = assertThrows(LessonException.class, () -> new LessonParser().parse(FILE, bad.text()),
                "the parser accepts a lesson with " + bad.what());
        assertTrue(e.problems().stream().anyMatch(p -> p.pos().key().equals(bad.parserKey())),
                () -> "no parser problem at key '" + bad.parserKey() + "':\n"
                        + e.problems().stream().map(LessonProblem::format).collect(Collectors.joining("\n")));
    }

    private static List<Path> shippedLessons() throws IOException {
        try (Stream<Path> files = Files.list(LESSONS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Error> schemaErrors(String yaml) {
        return schema().validate(toJson(yaml).toString(), InputFormat.JSON);
    }

    /** The errors a draft-07 validator finds: the schema without its $schema line, read as draft-07. */
    private static List<Error> draft7Errors(String yaml) {
        try {
            ObjectNode schema = (ObjectNode) JSON.readTree(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8));
            schema.remove("$schema");
            return DRAFT_7.getSchema(schema.toString(), InputFormat.JSON).validate(toJson(yaml).toString(), InputFormat.JSON);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The schema, read from its file here (the validator does not load file: addresses by itself). */
    private static Schema schema() {
        try {
            return REGISTRY.getSchema(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The YAML as plain maps, lists and scalars (the way the parser's YAML library reads it), as JSON. */
    static JsonNode toJson(String yaml) {
        Object data = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return tree(data);
    }

    private static JsonNode tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.createObjectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.createArrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        return JSON.valueToTree(value);
    }

    private static String describe(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).collect(Collectors.joining("\n"));
    }
}

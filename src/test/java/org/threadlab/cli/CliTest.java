package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void runJsonIsOneParsableObjectWithEveryField() throws Exception {
        int code = cli("run", "shared-counter", "--variant", "lock", "--mode", "threads", "--workers", "3",
                "--param", "n=2000", "--json");
        assertEquals(0, code, err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("shared-counter", json.get("lesson").asText());
        assertEquals("lock", json.get("variant").asText());
        assertEquals("threads", json.get("mode").asText());
        assertFalse(json.get("gil").asBoolean());
        assertEquals(3, json.get("workers").asInt());
        assertTrue(json.get("wallMillis").asDouble() > 0);
        assertEquals(6000, json.get("shared").get("counter").asLong());
        assertEquals("acceptable", json.get("outcome").get("grade").asText());
        assertFalse(json.get("outcome").get("text").asText().isBlank());
        JsonNode lanes = json.get("lanes");
        assertEquals(3, lanes.size());
        Set<String> threads = new HashSet<>();
        for (JsonNode lane : lanes) {
            assertEquals("platform-thread", lane.get("kind").asText());
            assertEquals(ProcessHandle.current().pid(), lane.get("pid").asLong(), "threads share the real pid");
            assertTrue(lane.get("cpuMillis").asDouble() >= 0);
            assertTrue(lane.get("stateMillis").has("running"));
            threads.add(lane.get("thread").asText());
        }
        assertEquals(Set.of("adder-1", "adder-2", "adder-3"), threads);
    }

    @Test
    void runWithTheGilSaysItIsASimulation() throws Exception {
        assertEquals(0, cli("run", "shared-counter", "--gil", "--switch-interval", "2", "--param", "n=1000"));
        assertTrue(out.toString().contains("simulated CPython GIL (switch interval 2.00 ms)"), out::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, cli("run", "shared-counter", "--gil", "--param", "n=1000", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertTrue(json.get("gil").asBoolean());
        assertTrue(json.get("gilSimulated").asBoolean());
        assertEquals(5.0, json.get("switchIntervalMillis").asDouble());
    }

    @Test
    void runWritesAChromeTrace(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.json");
        assertEquals(0, cli("run", "shared-counter", "--param", "n=500", "--trace", trace.toString()));
        JsonNode json = new ObjectMapper().readTree(Files.readString(trace));
        int threadNames = 0;
        int running = 0;
        for (JsonNode e : json.get("traceEvents")) {
            if (e.get("name").asText().equals("thread_name")) {
                threadNames++;
            }
            if (e.get("ph").asText().equals("X")) {
                assertEquals(ProcessHandle.current().pid(), e.get("pid").asLong());
                assertTrue(e.get("dur").asDouble() >= 0);
                if (e.get("name").asText().equals("running")) {
                    running++;
                }
            }
        }
        assertEquals(2, threadNames, "one track per worker");
        assertTrue(running >= 2, "each worker has a running interval");
    }

    @Test
    void checkReportsProblemsWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: bad\ntitle: x\nsumary: y\n");
        assertEquals(1, cli("check", bad.toString()));
        String errors = err.toString();
        assertTrue(errors.contains(bad + ":3:1: sumary: unknown key 'sumary' (did you mean 'summary'?)"), errors);
        assertFalse(errors.contains("Exception"), "no stack trace");
        assertFalse(errors.contains("\tat "), "no stack trace");
    }

    @Test
    void checkPassesEveryShippedLesson() throws Exception {
        try (var files = Files.list(Path.of("lessons"))) {
            String[] args = files.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted()
                    .toArray(String[]::new);
            assertTrue(args.length >= 1);
            String[] withCommand = new String[args.length + 1];
            withCommand[0] = "check";
            System.arraycopy(args, 0, withCommand, 1, args.length);
            assertEquals(0, cli(withCommand), err::toString);
        }
    }

    @Test
    void listShowsTheLessons() {
        assertEquals(0, cli("list"));
        assertTrue(out.toString().contains("shared-counter"), out::toString);
        assertTrue(out.toString().contains("variants: no-lock, lock, atomic, local-sums"), out::toString);
    }

    @Test
    void badRunArgumentsGetOneClearLine() {
        assertEquals(1, cli("run", "shared-countr"));
        assertTrue(err.toString().contains("no lesson 'shared-countr'"), err::toString);
        assertTrue(err.toString().contains("did you mean 'shared-counter'?"), err::toString);
        err.getBuffer().setLength(0);
        assertEquals(1, cli("run", "shared-counter", "--mode", "fibers"));
        assertTrue(err.toString().contains("unknown mode 'fibers'"), err::toString);
        err.getBuffer().setLength(0);
        assertEquals(1, cli("run", "shared-counter", "--variant", "fast"));
        assertTrue(err.toString().contains("has no variant 'fast'; it has: no-lock, lock, atomic, local-sums"), err::toString);
        err.getBuffer().setLength(0);
        assertEquals(2, cli("run", "shared-counter", "--workers", "many"));
        assertTrue(err.toString().contains("--workers"), err::toString);
    }
}

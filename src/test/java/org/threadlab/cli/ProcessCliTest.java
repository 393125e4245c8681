package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line in the process modes, and what happens to the children when the parent is killed. */
class ProcessCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static List<ProcessHandle> alive(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    @Test
    void jsonGivesEveryProcessItsPidAndItsOwnCopy() throws Exception {
        assertEquals(0, cli("run", "process-memory", "--json"), err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        long parent = ProcessHandle.current().pid();
        assertEquals(parent, json.get("parentPid").asLong());
        assertEquals("processes", json.get("mode").asText());
        assertEquals(0, json.get("shared").get("result").asLong(), "the parent's copy");
        JsonNode lanes = json.get("lanes");
        assertEquals("main", lanes.get(0).get("name").asText());
        assertEquals(parent, lanes.get(0).get("pid").asLong());
        JsonNode child = lanes.get(1);
        assertEquals("process", child.get("kind").asText());
        assertNotEquals(parent, child.get("pid").asLong());
        assertTrue(child.get("stateMillis").has("starting"));
        JsonNode processes = json.get("processes");
        assertEquals(1, processes.size());
        assertEquals(child.get("pid").asLong(), processes.get(0).get("pid").asLong());
        assertEquals(0, processes.get(0).get("exitStatus").asInt());
        assertEquals(49, processes.get(0).get("shared").get("result").asLong(), "the child's own copy");
        JsonNode returned = json.get("returned");
        assertFalse(returned.get("reachParent").asBoolean(), "a process of its own hands no value back");
        assertEquals(49, returned.get("values").get("child").asLong(), "what the child's return step gave");
    }

    @Test
    void aProcessPoolHandsEachTasksReturnValueBackToTheParent() throws Exception {
        assertEquals(0, cli("run", "pools", "--mode", "process-pool", "--param", "n=1000", "--json"), err::toString);
        JsonNode returned = new ObjectMapper().readTree(out.toString()).get("returned");
        assertTrue(returned.get("reachParent").asBoolean());
        JsonNode values = returned.get("values");
        assertEquals(8, values.size());
        for (int task = 1; task <= 8; task++) {
            assertEquals((long) task * task, values.get("task-" + task).asLong(), "task-" + task + " returns its square");
        }
    }

    @Test
    void killOptionKillsOneChildAndSaysSo() {
        int code = cli("run", "src/test/resources/test-lessons/procs.yaml", "--mode", "processes", "--workers", "2",
                "--param", "nap=4000", "--kill", "w-1@2500");
        assertEquals(Cli.INCOMPLETE, code, err::toString);
        assertTrue(out.toString().contains("w-1 (pid "), out::toString);
        assertTrue(out.toString().contains("killed with SIGKILL on request; exit status 137"), out::toString);
    }

    @Test
    void killOptionIsRefusedInAThreadModeAndWhenMalformed() {
        assertEquals(Cli.REFUSED, cli("run", "process-memory", "--mode", "threads", "--kill", "child@10"));
        assertTrue(err.toString().contains("--kill needs a process mode"), err::toString);
        assertEquals(Cli.REFUSED, cli("run", "process-memory", "--kill", "child"));
        assertTrue(err.toString().contains("--kill takes WORKER@MS"), err::toString);
    }

    @Test
    void tooManyProcessesAreRefusedWithAReason() {
        assertEquals(Cli.REFUSED, cli("run", "downloads", "--mode", "processes", "--workers", "20"));
        assertTrue(err.toString().contains("at most 16 child processes"), err::toString);
    }

    /**
     * Starts ThreadLab's command line as a JVM of its own running a long process lesson, kills it
     * with SIGKILL (no shutdown hook runs), and checks that its children go too.
     */
    @Test
    @Timeout(120)
    void noChildSurvivesASigkillOfTheParent() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.threadlab.Main", "run", Path.of("src/test/resources/test-lessons/procs.yaml").toAbsolutePath().toString(),
                "--mode", "processes", "--workers", "3", "--param", "nap=60000", "--timeout", "100"));
        Process parent = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String marker = "threadlab-child-" + parent.pid() + "-";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (alive(marker).size() < 3) {
                assertTrue(parent.isAlive(), "the parent ended early");
                assertTrue(System.nanoTime() < deadline, "the children did not start");
                Thread.sleep(20);
            }
            List<ProcessHandle> children = alive(marker);
            children.forEach(c -> assertEquals(parent.pid(), c.parent().map(ProcessHandle::pid).orElse(-1L)));
            parent.destroyForcibly(); // SIGKILL
            parent.waitFor();
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!alive(marker).isEmpty() && System.nanoTime() < gone) {
                Thread.sleep(20);
            }
            assertEquals(List.of(), alive(marker), "children still alive 2 s after their parent was killed");
        } finally {
            parent.destroyForcibly();
            alive("threadlab-child-" + parent.pid() + "-").forEach(ProcessHandle::destroyForcibly);
        }
    }
}

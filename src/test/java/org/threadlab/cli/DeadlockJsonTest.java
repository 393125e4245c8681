package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlab.engine.Engine;
import org.threadlab.engine.RunConfig;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.LessonParser;

/** {@code run --json} carries a deadlock's cycle link by link, and leaves the key out when there is none. */
class DeadlockJsonTest {

    private static RunResult run(String mode) throws Exception {
        var crossed = new LessonParser().parse(Path.of("src/test/resources/test-lessons", "crossed.yaml"));
        return new Engine().run(RunConfig.of(crossed).withMode(RunMode.of(mode, 2)));
    }

    @Test
    @Timeout(30)
    void theCycleIsInTheJson() throws Exception {
        RunResult r = run("threads");
        assertEquals(RunStatus.DEADLOCKED, r.status(), r.messages()::toString);
        JsonNode json = new ObjectMapper().readTree(RunCommand.toJson(r));
        JsonNode cycle = json.get("deadlock").get("cycle");
        assertEquals(2, cycle.size(), json.toString());
        assertEquals("first", cycle.get(0).get("worker").asText());
        assertEquals("a", cycle.get(0).get("holds").asText());
        assertEquals("b", cycle.get(0).get("waitsFor").asText());
        assertEquals("second", cycle.get(1).get("worker").asText());
        assertEquals("b", cycle.get(1).get("holds").asText());
        assertEquals("a", cycle.get(1).get("waitsFor").asText());
        assertTrue(json.get("deadlock").get("jvmAgreed").asBoolean(), "platform threads: the JVM's detector was asked");
    }

    @Test
    @Timeout(30)
    void virtualThreadsAreConfirmedByTheLocksAloneAndNoDeadlockMeansNoKey() throws Exception {
        RunResult r = run("virtual-threads");
        assertEquals(RunStatus.DEADLOCKED, r.status(), r.messages()::toString);
        assertFalse(new ObjectMapper().readTree(RunCommand.toJson(r)).get("deadlock").get("jvmAgreed").asBoolean());
        RunResult sequential = run("sequential");
        assertEquals(RunStatus.COMPLETED, sequential.status());
        assertFalse(new ObjectMapper().readTree(RunCommand.toJson(sequential)).has("deadlock"));
    }
}

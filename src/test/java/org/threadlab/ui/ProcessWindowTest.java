package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.WorkerState;
import org.threadlab.ui.lesson.CompletionStore;

/** The window in the process modes: each child's own memory, killing a child, and no orphans. */
@ExtendWith(ApplicationExtension.class)
class ProcessWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new ThreadLabApp().start(stage, AppOptions.parse("--size", "1600x1000"), CompletionStore.inMemory());
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
    }

    private void open(String id, String mode) throws Exception {
        var lesson = LessonLibrary.standard().find(id);
        WaitForAsyncUtils.asyncFx(() -> {
            window.open(lesson);
            window.session().modeProperty().set(mode);
        }).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        assertTrue(condition.getAsBoolean(), what);
    }

    /** Child JVMs of this test JVM that ThreadLab started (they carry -Dthreadlab.child=...). */
    private static List<ProcessHandle> childJvms() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().arguments().map(a -> String.join(" ", a).contains("threadlab.child"))
                        .orElse(false))
                .toList();
    }

    @Test
    void theMemoryViewShowsTheChildsOwnCopyBesideTheParentsUnchangedOne(FxRobot robot) throws Exception {
        open("process-memory", "processes");
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        waitUntil(() -> window.session().resultProperty().get() != null, "the run finished");
        RunResult r = window.session().resultProperty().get();
        robot.clickOn("Shared memory");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(0L, r.shared().get("result"), "the parent's copy is unchanged");
        String memory = UiTexts.texts(robot, ".tl-memory");
        long childPid = r.lanes().stream().filter(l -> l.name().equals("child")).findFirst().orElseThrow().pid();
        assertTrue(childPid != ProcessHandle.current().pid());
        assertTrue(memory.contains("pid " + childPid + "  child:  result = 49"), memory);
        assertTrue(memory.contains("Parent process " + ProcessHandle.current().pid()), memory);
    }

    @Test
    void killFromTheWindowEndsOneLaneAsKilledAndTheOthersGoOn(FxRobot robot) throws Exception {
        open("squares", "processes");
        // the kill must land while a child computes: a run where both finished first is tried again
        for (int attempt = 1; attempt <= 4; attempt++) {
            RunResult before = window.session().resultProperty().get();
            WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
            waitUntil(() -> window.session().resultProperty().get() != before
                    || window.session().feedProperty().get() != null && window.session().feedProperty().get().lanes()
                    .stream().anyMatch(l -> l.info().inChildProcess() && lastState(l) == WorkerState.RUNNING),
                    "a child process is running");
            robot.clickOn("#kill");
            WaitForAsyncUtils.waitForFxEvents(3);
            var items = robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                    && l.getText().startsWith("squarer-") && l.getText().contains("(pid")).queryAll();
            if (items.isEmpty()) {
                robot.type(javafx.scene.input.KeyCode.ESCAPE);
            } else {
                robot.clickOn(items.iterator().next());
            }
            waitUntil(() -> window.session().resultProperty().get() != before
                    && window.session().resultProperty().get() != null, "the run finished");
            RunResult r = window.session().resultProperty().get();
            List<WorkerState> ends = r.lanes().stream().filter(l -> l.name().startsWith("squarer"))
                    .map(RunResult.LaneSummary::finalState).toList();
            if (ends.contains(WorkerState.KILLED)) {
                assertEquals(1, ends.stream().filter(s -> s == WorkerState.KILLED).count(), ends.toString());
                assertEquals(1, ends.stream().filter(s -> s == WorkerState.DONE).count(), ends.toString());
                return;
            }
        }
        throw new AssertionError("no kill landed while a child ran, in 4 runs");
    }

    @Test
    void closingTheWindowDuringAProcessRunLeavesNoChildJvm() throws Exception {
        open("squares", "processes");
        WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(5, TimeUnit.SECONDS);
        waitUntil(() -> !childJvms().isEmpty(), "children started");
        WaitForAsyncUtils.asyncFx(window::dispose).get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!childJvms().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), childJvms(), "no child JVM is left 2 s after the window closed");
    }

    private static WorkerState lastState(LaneLog lane) {
        for (int i = lane.size() - 1; i >= 0; i--) {
            if (lane.isState(i)) {
                return lane.state(i);
            }
        }
        return null;
    }
}

package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.engine.RunResult;
import org.threadlab.trace.LaneLog;
import org.threadlab.trace.WorkerState;
import org.threadlab.ui.run.RunSession;

/** The window in the process modes: lanes with real PIDs, kill from the window, memory per process, no orphans. */
@ExtendWith(ApplicationExtension.class)
class ProcessWindowTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = Windows.start(stage);
    }

    @AfterEach
    void dispose() throws Exception {
        Windows.dispose(window);
    }

    private void open(String id) throws Exception {
        Windows.open(window, id);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        Windows.waitUntil(condition, what);
    }

    private <T> T fx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(5, TimeUnit.SECONDS);
    }

    /** Starts the kill lesson (3 tickers, 4 s) and waits until every child is past its start-up. */
    private List<RunSession.LiveProcess> startTickers(FxRobot robot) throws Exception {
        open("kill");
        robot.clickOn("#run");
        waitUntil(() -> {
            try {
                return fx(() -> window.session().liveProcesses().size() == 3
                        && window.session().feedProperty().get().lanes().stream().allMatch(ProcessWindowTest::ranAStep));
            } catch (Exception e) {
                return false;
            }
        }, "three children running");
        return fx(() -> window.session().liveProcesses());
    }

    private static boolean ranAStep(LaneLog lane) {
        for (int i = 0; i < lane.size(); i++) {
            if (lane.isState(i) && lane.state(i) == WorkerState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    @Test
    void killOneChildFromTheWindowAndTheOthersGoOn(FxRobot robot) throws Exception {
        List<RunSession.LiveProcess> live = startTickers(robot);
        Set<Long> pids = new HashSet<>();
        long parent = ProcessHandle.current().pid();
        for (RunSession.LiveProcess p : live) {
            assertNotEquals(parent, p.pid(), "a process lane shows its child's pid, not the parent's");
            pids.add(p.pid());
        }
        assertEquals(3, pids.size(), "three distinct pids");
        RunSession.LiveProcess victim = live.get(1);
        robot.clickOn("#kill");
        robot.clickOn("kill -9 " + victim.pid() + "   (" + victim.worker() + ")");
        waitUntil(() -> window.session().resultProperty().get() != null, "the run ended");
        WaitForAsyncUtils.waitForFxEvents(5);
        RunResult r = window.session().resultProperty().get();
        for (RunResult.LaneSummary lane : r.lanes()) {
            if (lane.name().equals("main")) {
                continue;
            }
            assertEquals(lane.name().equals(victim.worker()) ? WorkerState.KILLED : WorkerState.DONE, lane.finalState(),
                    lane.name());
        }
        assertFalse(ProcessHandle.of(victim.pid()).map(ProcessHandle::isAlive).orElse(false), "the victim is gone");
        String processes = texts(robot, "#processes");
        assertTrue(processes.contains(Long.toString(victim.pid())), processes);
        assertTrue(processes.contains("137 (killed by signal 9, SIGKILL)"), processes);
        assertTrue(processes.contains("0 (exited normally)"), processes);
        assertTrue(processes.contains("parent (ThreadLab)"), processes);

        robot.clickOn("Shared memory");
        WaitForAsyncUtils.waitForFxEvents(5);
        String children = texts(robot, "#child-copies");
        for (long pid : pids) {
            assertTrue(children.contains("child pid " + pid), children);
        }
        // each ticker counts in its own copy: a finished one holds 40, the parent's stays 0
        assertTrue(children.contains("ticked = 40"), children);
        assertEquals(0L, r.shared().get("ticked"));
        String memory = texts(robot, ".tl-memory");
        assertTrue(memory.contains("Parent process pid " + parent), memory);
    }

    @Test
    void closingTheWindowLeavesNoChildProcess(FxRobot robot) throws Exception {
        List<RunSession.LiveProcess> live = startTickers(robot);
        WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)))
                .get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (RunSession.LiveProcess p : live) {
            ProcessHandle h = ProcessHandle.of(p.pid()).orElse(null);
            if (h != null) {
                try {
                    h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // checked below
                }
            }
            assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false),
                    () -> "child " + p.pid() + " still runs 2 s after the window closed");
        }
    }

    @Test
    void poolLanesShowThePidOfTheChildThatRanThem(FxRobot robot) throws Exception {
        open("process-memory");
        WaitForAsyncUtils.asyncFx(() -> window.session().modeProperty().set("process-pool")).get(5, TimeUnit.SECONDS);
        robot.clickOn("#run");
        waitUntil(() -> window.session().resultProperty().get() != null, "the run ended");
        WaitForAsyncUtils.waitForFxEvents(5);
        RunResult r = window.session().resultProperty().get();
        RunResult.LaneSummary child = r.lanes().stream().filter(l -> l.name().equals("child")).findFirst().orElseThrow();
        assertEquals(r.processes().get(0).pid(), child.pid());
        String processes = texts(robot, "#processes");
        assertTrue(processes.contains("result = 49"), processes);
        assertTrue(processes.contains("result = 0"), processes);
    }

    private static String texts(FxRobot robot, String query) {
        StringBuilder sb = new StringBuilder();
        for (Node n : robot.lookup(query).queryAll()) {
            collect(n, sb);
        }
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, sb);
            }
        }
    }
}

package org.threadlab.engine.sync;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.threadlab.lesson.SharedState;

/** The live stuck watch across processes: a late mark of a child is not a deadlock; a real circle is. */
class StuckWatchTest {
    private static final long OWN_PID = ProcessHandle.current().pid();

    /** Two remote lanes and process-shared locks; {@code pidLane} is the lane the lock holder's pid runs. */
    private static StuckWatch watch(WaitGraph graph, MappedLock[] locks, int pidLane) {
        SharedState shared = new SharedState(Map.of("counter", 0L), List.of("counter-lock", "other-lock"),
                List.of("counter", "counter-lock", "other-lock"));
        return new StuckWatch(graph, new StuckWatch.Synchronizers(locks, new Semaphore[0], new MessageQueue[0], new int[0]),
                shared, StuckWatch.Threads.ONE_EACH, lane -> "adder-" + (lane + 1),
                pid -> pid == OWN_PID ? pidLane : -1, () -> 0L, (lane, kind, index) -> true);
    }

    private static long waitMark(WaitGraph graph, int lane, int lock) {
        // a child's mark as it sends it: made by the same code, on a graph of its own
        WaitGraph child = new WaitGraph(2, 2);
        child.waitOn(lane, WaitGraph.Kind.LOCK, lock);
        return child.mark(lane);
    }

    @Test
    void aChildShownWaitingForTheLockItsOwnProcessHoldsIsALateMarkNotADeadlock() throws Exception {
        MappedLock counterLock = new MappedLock(ByteBuffer.allocateDirect(16), 0);
        MappedLock otherLock = new MappedLock(ByteBuffer.allocateDirect(16), 8);
        assertTrue(counterLock.tryLock(), "this process holds counter-lock: as if adder-2's child held it");
        WaitGraph graph = new WaitGraph(2, 2);
        graph.remoteBegun(0);
        graph.remoteBegun(1);
        graph.remoteMark(0, waitMark(graph, 0, 0)); // adder-1 really waits for counter-lock
        graph.remoteMark(1, waitMark(graph, 1, 0)); // adder-2's last mark: waiting, sent before it got the lock
        var running = new CompletableFuture<Void>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var found = pool.submit(() -> watch(graph, new MappedLock[] {counterLock, otherLock}, 1).watch(running));
            Thread.sleep(StuckWatch.POLL.toMillis() * 12); // many more polls than a finding needs
            running.complete(null);
            assertNull(found.get(), "no deadlock and no stuck run while adder-2 holds the lock");
        }
    }

    @Test
    void aRealCircleAcrossProcessesIsStillFound() throws Exception {
        long otherPid = OWN_PID + 1;
        ByteBuffer words = ByteBuffer.allocateDirect(16).order(java.nio.ByteOrder.nativeOrder());
        MappedLock counterLock = new MappedLock(words, 0);
        MappedLock otherLock = new MappedLock(words, 8);
        assertTrue(counterLock.tryLock(), "adder-2's process (this pid) holds counter-lock");
        words.putLong(8, otherPid); // adder-1's process holds other-lock
        WaitGraph graph = new WaitGraph(2, 2);
        graph.remoteBegun(0);
        graph.remoteBegun(1);
        graph.remoteMark(0, waitMark(graph, 0, 0)); // adder-1 waits for counter-lock
        graph.remoteMark(1, waitMark(graph, 1, 1)); // adder-2 waits for other-lock
        SharedState shared = new SharedState(Map.of("counter", 0L), List.of("counter-lock", "other-lock"),
                List.of("counter", "counter-lock", "other-lock"));
        StuckWatch watch = new StuckWatch(graph, new StuckWatch.Synchronizers(new MappedLock[] {counterLock, otherLock},
                new Semaphore[0], new MessageQueue[0], new int[0]), shared, StuckWatch.Threads.ONE_EACH,
                lane -> "adder-" + (lane + 1), pid -> pid == OWN_PID ? 1 : pid == otherPid ? 0 : -1, () -> 0L,
                (lane, kind, index) -> true);
        StuckWatch.Found found = watch.watch(new CompletableFuture<Void>());
        assertNotNull(found);
        assertTrue(found.cycle().describe().contains("adder-1") && found.cycle().describe().contains("adder-2"),
                found.cycle().describe());
    }
}

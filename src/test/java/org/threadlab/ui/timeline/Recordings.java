package org.threadlab.ui.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.threadlab.trace.LaneRecorder;
import org.threadlab.trace.Trace;
import org.threadlab.trace.TraceInfo;
import org.threadlab.trace.TraceRecorder;
import org.threadlab.trace.WorkerState;

/** Real traces for the tests: real threads record into real lanes, with real (short) waits. */
final class Recordings {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int LOCK = 2;
    static final int SLEEP = 3;

    private Recordings() {}

    static TraceInfo info() {
        return new TraceInfo("test-counter", "lock", "threads", false, List.of("counter"), List.of("counter-lock"),
                List.of(new TraceInfo.StepInfo(READ, "read", "read counter -> tmp", "adder", "", 12),
                        new TraceInfo.StepInfo(WRITE, "write", "write tmp + 1 -> counter", "adder", "", 13),
                        new TraceInfo.StepInfo(LOCK, "lock", "lock counter-lock", "adder", "", 11),
                        new TraceInfo.StepInfo(SLEEP, "sleep", "sleep 2 ms", "adder", "", 14)));
    }

    /**
     * Workers that take turns on one real lock a few times, each turn: lock (blocked while another
     * holds it), read, write, unlock, sleep. Lane {@code i} is worker {@code adder-(i+1)}.
     */
    static Trace lockedCounter(int workers, int rounds) throws InterruptedException {
        TraceRecorder recorder = new TraceRecorder(info());
        List<LaneRecorder> lanes = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            lanes.add(recorder.newLane("adder-" + (i + 1), "platform-thread"));
        }
        ReentrantLock lock = new ReentrantLock();
        long[] counter = {40};
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            LaneRecorder lane = lanes.get(i);
            threads.add(Thread.ofPlatform().name("adder-thread-" + (i + 1)).start(() -> {
                lane.bindCurrentThread();
                lane.state(WorkerState.RUNNING);
                for (int r = 0; r < rounds; r++) {
                    lane.stepStart(LOCK);
                    if (!lock.tryLock()) {
                        lane.state(WorkerState.BLOCKED_ON_LOCK);
                        lock.lock();
                        lane.state(WorkerState.RUNNING);
                        lane.lockAcquired(0, true);
                    } else {
                        lane.lockAcquired(0, false);
                    }
                    lane.stepEnd(LOCK, 0);
                    try {
                        lane.stepStart(READ);
                        long v = counter[0];
                        lane.read(0, v);
                        lane.stepEnd(READ, v);
                        sleepMillis(2); // hold the lock a while so that the others queue
                        lane.stepStart(WRITE);
                        counter[0] = v + 1;
                        lane.write(0, v + 1);
                        lane.stepEnd(WRITE, v + 1);
                    } finally {
                        lane.lockReleased(0);
                        lock.unlock();
                    }
                    lane.stepStart(SLEEP);
                    lane.state(WorkerState.SLEEPING);
                    sleepMillis(2);
                    lane.state(WorkerState.RUNNING);
                    lane.stepEnd(SLEEP, 0);
                }
                lane.state(WorkerState.DONE);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return recorder.finish(recorder.nanosSinceOrigin());
    }

    /** One lane that goes through many short states of varying length: many intervals, to test the summary. */
    static Trace manyStates(int changes, long seed) {
        TraceRecorder recorder = new TraceRecorder(info());
        LaneRecorder lane = recorder.newLane("flicker", "platform-thread");
        lane.bindCurrentThread();
        java.util.Random random = new java.util.Random(seed);
        WorkerState[] states = {WorkerState.RUNNING, WorkerState.BLOCKED_ON_LOCK, WorkerState.SLEEPING,
            WorkerState.WAITING_FOR_GIL, WorkerState.IO};
        for (int i = 0; i < changes; i++) {
            lane.state(states[random.nextInt(states.length)]);
            lane.stepStart(READ);
            lane.read(0, i);
            lane.stepEnd(READ, i);
            LockSupport.parkNanos(random.nextInt(4) == 0 ? 300_000 : 20_000 + random.nextInt(60_000));
        }
        lane.state(WorkerState.DONE);
        return recorder.finish(recorder.nanosSinceOrigin() + 100_000);
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

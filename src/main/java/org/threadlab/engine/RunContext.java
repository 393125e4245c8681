package org.threadlab.engine;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the workers of one run share: memory, locks, the simulated GIL, and the stop signal. */
final class RunContext {
    final SharedMemory memory;
    final StepLock[] locks;
    /** The memory shared by every process of a process-mode run, or null. */
    final SharedSegment segment;
    /** Null when the GIL is off. */
    final SimulatedGil gil;
    /** Lock number under which GIL hand-overs are recorded, or -1. */
    final int gilLock;
    /** Port of the loopback download server, or -1 if the lesson does not download. */
    final int downloadPort;
    /** Who waits for what and who holds which lock, for the stuck watch; lanes are numbered as the recorder numbers them. */
    final WaitGraph waitGraph;
    /**
     * Counting semaphores (thread modes only) and bounded queues (process-shared ones in the
     * segment); set by {@link #synchronizers} before any worker starts.
     */
    java.util.concurrent.Semaphore[] semaphores = new java.util.concurrent.Semaphore[0];
    MessageQueue[] queues = new MessageQueue[0];
    /** Condition variables of the lesson's locks, thread modes only; set by {@link #conditions} before any worker starts. */
    java.util.concurrent.locks.Condition[] conditions = new java.util.concurrent.locks.Condition[0];
    /** The lock number of each condition. */
    int[] conditionLocks = new int[0];
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    RunContext(SharedMemory memory, int lockCount, SimulatedGil gil, int gilLock, int downloadPort, int lanes) {
        this(memory, threadLocks(lockCount), null, gil, gilLock, downloadPort, lanes);
    }

    RunContext(SharedMemory memory, StepLock[] locks, SharedSegment segment, SimulatedGil gil, int gilLock,
               int downloadPort, int lanes) {
        this.memory = memory;
        this.locks = locks;
        this.segment = segment;
        this.gil = gil;
        this.gilLock = gilLock;
        this.downloadPort = downloadPort;
        this.waitGraph = new WaitGraph(locks.length, lanes);
    }

    private static StepLock[] threadLocks(int count) {
        StepLock[] out = new StepLock[count];
        for (int i = 0; i < count; i++) {
            out[i] = new StepLock.ThreadLock();
        }
        return out;
    }

    /** Creates the lesson's semaphores (fair, so waiters get permits in turn) and queues. */
    void synchronizers(int[] permits, int[] capacities) {
        semaphores = new java.util.concurrent.Semaphore[permits.length];
        for (int i = 0; i < permits.length; i++) {
            semaphores[i] = new java.util.concurrent.Semaphore(permits[i], true);
        }
        if (segment != null) {
            queues = segment.queues();
            return;
        }
        queues = new MessageQueue[capacities.length];
        for (int i = 0; i < capacities.length; i++) {
            queues[i] = new ThreadQueue(capacities[i]);
        }
    }

    /**
     * Makes each condition from its lock, as {@code lock.newCondition()}; only thread locks have
     * them (the checker keeps conditions out of the process modes).
     */
    void conditions(int[] lockOf) {
        conditionLocks = lockOf.clone();
        conditions = new java.util.concurrent.locks.Condition[lockOf.length];
        for (int i = 0; i < lockOf.length; i++) {
            if (!(locks[lockOf[i]] instanceof StepLock.ThreadLock lock)) {
                throw new IllegalStateException("condition variables need a thread lock; the process modes have none");
            }
            conditions[i] = lock.newCondition();
        }
    }

    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }

    void fail(String message) {
        failures.add(message);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}

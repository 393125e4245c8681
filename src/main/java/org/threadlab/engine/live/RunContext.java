package org.threadlab.engine.live;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.threadlab.engine.sync.MessageQueue;
import org.threadlab.engine.sync.StepLock;
import org.threadlab.engine.sync.ThreadQueue;
import org.threadlab.engine.sync.WaitGraph;

/** What the workers of one run share: memory, locks, the simulated GIL, and the stop signal. */
public final class RunContext {
    final SharedMemory memory;
    final StepLock[] locks;
    /** The queues of a process-mode run whose process-shared queues live in the mapped memory, or null. */
    private final MessageQueue[] mappedQueues;
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
    /** What the run should say about itself that is neither a failure nor a worker's output. */
    private final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
    /** Called once when the run stops: ends what an interrupt cannot (a compiled spin). */
    private final java.util.Set<Runnable> onStop = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public RunContext(SharedMemory memory, int lockCount, SimulatedGil gil, int gilLock, int downloadPort, int lanes) {
        this(memory, threadLocks(lockCount), null, gil, gilLock, downloadPort, lanes);
    }

    public RunContext(SharedMemory memory, StepLock[] locks, MessageQueue[] mappedQueues, SimulatedGil gil, int gilLock,
               int downloadPort, int lanes) {
        this.memory = memory;
        this.locks = locks;
        this.mappedQueues = mappedQueues;
        this.gil = gil;
        this.gilLock = gilLock;
        this.downloadPort = downloadPort;
        this.waitGraph = new WaitGraph(locks.length, lanes);
    }

    public SharedMemory memory() {
        return memory;
    }

    public StepLock[] locks() {
        return locks;
    }

    /** Port of the loopback download server, or -1. */
    public int downloadPort() {
        return downloadPort;
    }

    public WaitGraph waitGraph() {
        return waitGraph;
    }

    public java.util.concurrent.Semaphore[] semaphores() {
        return semaphores;
    }

    public MessageQueue[] queues() {
        return queues;
    }

    /** The lock number of each condition. */
    public int[] conditionLocks() {
        return conditionLocks;
    }

    private static StepLock[] threadLocks(int count) {
        StepLock[] out = new StepLock[count];
        for (int i = 0; i < count; i++) {
            out[i] = new StepLock.ThreadLock();
        }
        return out;
    }

    /** Creates the lesson's semaphores (fair, so waiters get permits in turn) and queues. */
    public void synchronizers(int[] permits, int[] capacities) {
        semaphores = new java.util.concurrent.Semaphore[permits.length];
        for (int i = 0; i < permits.length; i++) {
            semaphores[i] = new java.util.concurrent.Semaphore(permits[i], true);
        }
        if (mappedQueues != null) {
            queues = mappedQueues;
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
    public void conditions(int[] lockOf) {
        conditionLocks = lockOf.clone();
        conditions = new java.util.concurrent.locks.Condition[lockOf.length];
        for (int i = 0; i < lockOf.length; i++) {
            if (!(locks[lockOf[i]] instanceof StepLock.ThreadLock lock)) {
                throw new IllegalStateException("condition variables need a thread lock; the process modes have none");
            }
            conditions[i] = lock.newCondition();
        }
    }

    public boolean stopping() {
        return stopping;
    }

    public void stop() {
        stopping = true;
        onStop.forEach(Runnable::run);
    }

    /** Runs {@code action} when the run stops (at once if it has); see {@link #removeOnStop}. */
    void onStop(Runnable action) {
        onStop.add(action);
        if (stopping) {
            action.run();
        }
    }

    void removeOnStop(Runnable action) {
        onStop.remove(action);
    }

    /** A sentence the run's result should carry (e.g. why a worker never saw a write). */
    void note(String sentence) {
        notes.add(sentence);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public void fail(String message) {
        failures.add(message);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}

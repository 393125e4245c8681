package org.threadlab.engine.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.threadlab.lesson.SharedState;

/**
 * Watches a live run for the moment no worker can move again, and says why, as exploration would:
 * a circle of lock waits, or every worker left waiting on a semaphore with no permit, a queue that
 * is empty (or full), a condition nobody will notify, or a lock held by one of them. It reads the
 * run's {@link WaitGraph} every {@link #POLL}; what it sees counts only when the same waits are
 * seen on consecutive polls (three when a child process's waits are among them, which reach the
 * parent a couple of milliseconds late) and the real locks, semaphores and queues agree.
 */
public final class StuckWatch {
    static final Duration POLL = Duration.ofMillis(50);

    /** What the watch found: a circle of lock waits ({@code cycle} not empty), or the stuck waits in a sentence. */
    public record Found(DeadlockCycle cycle, String stuck) {}

    /** The run's real synchronizers, which must agree with what the graph shows; {@code conditionLocks} is each condition's lock. */
    public record Synchronizers(StepLock[] locks, Semaphore[] semaphores, MessageQueue[] queues, int[] conditionLocks) {}

    /** The threads the run's mode has for its workers, for the sentence about workers that never started. */
    public enum Threads {
        /** One thread each (threads, virtual threads, processes): a worker that has not started will. */
        ONE_EACH,
        /** Sequential mode's one thread. */
        ONE,
        /** A thread pool's threads. */
        POOL,
        /** A pool of processes. */
        PROCESS_POOL
    }

    /**
     * Whether lane {@code lane}'s program has a step that could free a worker waiting on {@code kind}
     * number {@code index}: a put for a taker, a take for a putter, a release for a permit, a notify
     * for a condition, an unlock for a lock.
     */
    @FunctionalInterface
    public interface Freeing {
        boolean couldFree(int lane, WaitGraph.Kind kind, int index);
    }

    private final WaitGraph graph;
    private final Freeing freeing;
    private final Synchronizers real;
    private final SharedState shared;
    private final Threads mode;
    private final IntFunction<String> laneName;
    /** Lane of the process with this pid, for process-shared locks, whose word holds the holder's pid. */
    private final java.util.function.LongToIntFunction laneOfPid;
    /** Events recorded so far in every lane: a child's lane that records has moved. */
    private final LongSupplier progress;

    public StuckWatch(WaitGraph graph, Synchronizers real, SharedState shared, Threads mode, IntFunction<String> laneName,
                      java.util.function.LongToIntFunction laneOfPid, LongSupplier progress, Freeing freeing) {
        this.graph = graph;
        this.freeing = freeing;
        this.real = real;
        this.shared = shared;
        this.mode = mode;
        this.laneName = laneName;
        this.laneOfPid = laneOfPid;
        this.progress = progress;
    }

    /** Polls until {@code ended} completes (returns null) or the run is found stuck. */
    public Found watch(Future<?> ended) throws InterruptedException {
        List<WaitGraph.Wait> lastCycle = List.of();
        int cycleSeen = 0;
        WaitGraph.Stuck lastStuck = null;
        long lastProgress = -1;
        int stuckSeen = 0;
        while (true) {
            try {
                ended.get(POLL.toNanos(), TimeUnit.NANOSECONDS);
                return null;
            } catch (TimeoutException stillRunning) {
                // look again
            } catch (java.util.concurrent.ExecutionException e) {
                return null;
            }
            long moved = progress.getAsLong();
            List<WaitGraph.Wait> cycle = graph.findCycle(this::owner);
            cycleSeen = !cycle.isEmpty() && cycle.equals(lastCycle) && moved == lastProgress ? cycleSeen + 1 : 1;
            lastCycle = cycle;
            if (!cycle.isEmpty() && cycleSeen >= polls(cycle.stream().anyMatch(w -> w.thread() == null))
                    && confirmCycle(cycle)) {
                return new Found(named(cycle), null);
            }
            WaitGraph.Stuck stuck = graph.findStuck();
            stuckSeen = stuck != null && stuck.equals(lastStuck) && moved == lastProgress ? stuckSeen + 1 : 1;
            lastStuck = stuck;
            lastProgress = moved;
            if (stuck != null && stuckSeen >= polls(stuck.waiters().stream().anyMatch(WaitGraph.Waiter::remote))
                    && stuck.waiters().stream().allMatch(this::confirm)) {
                return new Found(DeadlockCycle.NONE, describe(stuck));
            }
        }
    }

    /** Consecutive sightings needed: a child's waits reach the parent late, so they need one more. */
    private static int polls(boolean remote) {
        return remote ? 3 : 2;
    }

    /** The lane that holds lock {@code lock}: the thread lock's recorded owner, or a process-shared lock's holder pid. */
    private int owner(int lock) {
        if (real.locks()[lock] instanceof StepLock.ReadWriteSide side && !side.isWriteSide()) {
            return graph.owner(shared.otherSide(lock)); // a reader waits only for a writer
        }
        if (real.locks()[lock] instanceof MappedLock mapped) {
            long pid = mapped.holder();
            return pid == 0 ? -1 : laneOfPid.applyAsInt(pid);
        }
        return graph.owner(lock);
    }

    /** Whether the real locks agree: each waiter queued on (or, across processes, kept out of) a held lock. */
    private boolean confirmCycle(List<WaitGraph.Wait> cycle) {
        for (WaitGraph.Wait w : cycle) {
            if (!lockWaitHolds(w.lock(), w.lane(), w.thread())) {
                return false;
            }
        }
        // the JVM's detector sees platform threads only; when it can look, it must agree too
        return !WaitGraph.jvmCanTell(cycle) || WaitGraph.jvmAgrees(cycle);
    }

    /**
     * Whether lane {@code lane} really waits for the lock. Across processes the parent sees a child's
     * wait only as the mark it last sent: a child that got the lock and was then kept off the
     * processor before it could say so still shows as waiting, for the lock it now holds. Locks are
     * not re-entrant and the checker refuses a worker taking one twice, so a lane "waiting" for a
     * lock its own process holds is such a late mark, not a deadlock.
     */
    private boolean lockWaitHolds(int lock, int lane, Thread thread) {
        return switch (real.locks()[lock]) {
            case StepLock.ThreadLock l -> thread != null && l.isLocked() && l.hasQueuedThread(thread);
            case MappedLock m -> {
                long holder = m.holder();
                yield holder != 0 && laneOfPid.applyAsInt(holder) != lane;
            }
            case StepLock.ReadWriteSide s -> thread != null && s.isHeld() && s.hasQueuedThread(thread);
        };
    }

    /** Whether the real thing agrees that this waiter cannot go on now. */
    private boolean confirm(WaitGraph.Waiter w) {
        // a thread of this process that has got what it waited for runs (RUNNABLE) before it clears its mark
        boolean parked = w.remote() || w.thread() != null && w.thread().getState() == Thread.State.WAITING;
        return switch (w.kind()) {
            case NONE -> false;
            case LOCK -> lockWaitHolds(w.index(), w.lane(), w.thread());
            case CONDITION -> parked && real.locks()[real.conditionLocks()[w.index()]] instanceof ReentrantLock l
                    && !l.hasQueuedThread(w.thread()); // a notified waiter queues for the lock again
            case PERMIT -> parked && real.semaphores()[w.index()].availablePermits() == 0;
            case TAKE -> (parked || real.queues()[w.index()] instanceof MappedQueue) && real.queues()[w.index()].isEmpty();
            case PUT -> (parked || real.queues()[w.index()] instanceof MappedQueue) && real.queues()[w.index()].isFull();
        };
    }

    /** The cycle with worker and lock names; each lane holds the lock its predecessor waits for. */
    private DeadlockCycle named(List<WaitGraph.Wait> cycle) {
        List<String> names = shared.locks();
        List<DeadlockCycle.Link> links = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            WaitGraph.Wait w = cycle.get(i);
            WaitGraph.Wait before = cycle.get((i + cycle.size() - 1) % cycle.size());
            links.add(new DeadlockCycle.Link(laneName.apply(w.lane()), names.get(before.lock()), names.get(w.lock())));
        }
        // confirmCycle asked the JVM's detector whenever every thread of the cycle is a platform thread of this process
        return new DeadlockCycle(links, WaitGraph.jvmCanTell(cycle));
    }

    /**
     * e.g. {@code stuck: consumer-1 waits to take from items, which is empty; consumer-2 waits to take
     * from items, which is empty; no worker that could put is left}.
     */
    String describe(WaitGraph.Stuck stuck) {
        List<String> conditions = List.copyOf(shared.conditions().keySet());
        List<String> semaphores = List.copyOf(shared.semaphores().keySet());
        List<String> queues = List.copyOf(shared.queues().keySet());
        List<String> waits = new ArrayList<>();
        Set<WaitGraph.Kind> kinds = EnumSet.noneOf(WaitGraph.Kind.class);
        for (WaitGraph.Waiter w : stuck.waiters()) {
            String who = laneName.apply(w.lane());
            kinds.add(w.kind());
            waits.add(switch (w.kind()) {
                case NONE -> who + " can move";
                case LOCK -> {
                    int owner = owner(w.index());
                    String lock = shared.locks().get(w.index());
                    if (owner < 0 && real.locks()[w.index()] instanceof MappedLock mapped && mapped.holder() != 0) {
                        // a process killed while it held the lock leaves it held, as a real multiprocessing.Lock
                        yield WaitTexts.forLockOfAGoneProcess(who, lock, mapped.holder());
                    }
                    if (owner < 0 && real.locks()[w.index()] instanceof StepLock.ReadWriteSide side) {
                        // the side it waits for is free: the other side keeps it out
                        yield who + " waits for " + lock + (side.isWriteSide() ? ", while readers hold the read side"
                                : ", while a writer waits for the write side");
                    }
                    yield WaitTexts.forLock(who, lock, owner < 0 ? null : laneName.apply(owner));
                }
                case CONDITION -> WaitTexts.onCondition(who, conditions.get(w.index()));
                case PERMIT -> WaitTexts.forPermit(who, semaphores.get(w.index()), w.ownPermits());
                case TAKE -> WaitTexts.toTake(who, queues.get(w.index()));
                case PUT -> WaitTexts.toPut(who, queues.get(w.index()));
            });
        }
        String all = "stuck: " + String.join("; ", waits) + "; ";
        if (stuck.notStarted() && !stuck.queued().isEmpty()) {
            List<String> queued = stuck.queued().stream().map(laneName::apply).toList();
            return all + String.join(", ", queued) + (queued.size() == 1 ? " has" : " have") + " not started: main starts"
                    + " the workers only after its 'before' steps, which wait for them";
        }
        // blame the pool (or sequential mode's one thread) only if a worker it keeps from starting could free a waiter
        boolean starved = stuck.queued().stream().anyMatch(q -> stuck.waiters().stream()
                .anyMatch(w -> freeing.couldFree(q, w.kind(), w.index())));
        if (starved) {
            List<String> queued = stuck.queued().stream().map(laneName::apply).toList();
            boolean sequential = mode == Threads.ONE;
            return all + String.join(", ", queued) + (queued.size() == 1 ? " has" : " have")
                    + " not started, because every thread " + (sequential ? "(sequential mode has one)"
                    : mode == Threads.PROCESS_POOL ? "of the pool's processes" : "of the pool") + " is taken by a worker that waits:"
                    + " nobody is left to " + verb(kinds) + " (" + (sequential ? "the one thread waits for a worker that can"
                    + " only run after it" : "the pool is starved: give it more " + (mode == Threads.PROCESS_POOL ? "processes"
                    : "threads")) + ")";
        }
        kinds.remove(WaitGraph.Kind.LOCK); // a lock wait only follows from the others
        if (kinds.isEmpty()) {
            return all + "no worker that could let the lock go is left";
        }
        if (kinds.equals(EnumSet.of(WaitGraph.Kind.CONDITION))) {
            return all + "nobody is left to notify them (a lost wake-up)";
        }
        return all + (kinds.size() == 1 ? "no worker that could " + verb(kinds) + " is left"
                : "no worker that could change any of that is left");
    }

    /** What would free the waiters: e.g. {@code put} for takers. */
    private static String verb(Set<WaitGraph.Kind> kinds) {
        Set<WaitGraph.Kind> freeing = EnumSet.copyOf(kinds.isEmpty() ? EnumSet.of(WaitGraph.Kind.LOCK) : kinds);
        freeing.remove(WaitGraph.Kind.LOCK);
        if (freeing.size() != 1) {
            return freeing.isEmpty() ? "let a lock go" : "free them";
        }
        return switch (freeing.iterator().next()) {
            case CONDITION -> "notify them";
            case PERMIT -> "release a permit";
            case TAKE -> "put";
            case PUT -> "take";
            case NONE, LOCK -> "free them";
        };
    }
}

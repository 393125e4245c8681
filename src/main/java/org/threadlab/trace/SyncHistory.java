package org.threadlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Semaphores, bounded queues and condition variables through time, for their view: who holds a
 * permit and who waits for one, in order, at any moment; what each queue holds, in order, and who
 * is blocked putting on a full queue or taking from an empty one; who is in each condition's wait
 * set, and which notifies woke somebody and which found the wait set empty. Fed from a {@link TraceFeed} like {@link LockHistory};
 * {@link #update()} takes only new events.
 *
 * <p>It reads the steps' own events: an acquire or take ends when the worker has its permit or
 * item; a release is recorded just before the permit goes back; a put ends once its value is on the
 * queue; a {@code waiting} state inside such a step is the time it was blocked. A queue is first in,
 * first out, so its k-th take took its k-th put: the message numbers the queue gives each put and
 * take (recorded in every live mode) say which is which, so several producers writing at once are
 * ordered as the queue ordered them. Two workers' records of one hand-over (a put and
 * the take it wakes) may land in either order a few microseconds apart, so an item counts as on the
 * queue from its put until its take, and never before the take that made room for it: that is the
 * order in which the queue itself let them happen.
 *
 * <p>A {@code waiting} state inside a {@code wait} step is a stay in its condition's wait set: the
 * worker let go of the lock and sleeps until a notify wakes it (a step that waits several times
 * has several stays). A notify step's result is how many waiters it woke; 0 means nobody was waiting.
 *
 * <p>Semaphores and conditions live in the thread modes only. In the process modes the only
 * queues are process-shared ones, one queue for every process, and the lanes of child processes
 * are read like any other: their clocks are the machine's one monotonic clock.
 */
public final class SyncHistory {
    /** A permit taken: who waited from when ({@code waitFrom == acquired} if at once), held until when. */
    public record Permit(int lane, long waitFrom, long acquired, long released) {}

    /**
     * An item put on a queue or taken from it, and from when its worker was blocked ({@code == nanos}
     * if not); {@code message} is the message number the queue gave it (1, 2, ...), 0 if the trace has none.
     */
    public record Transfer(int lane, long waitFrom, long nanos, long value, long message) {}

    /** An item on a queue at a moment: its value and the worker that put it. */
    public record Item(long value, int lane) {}

    /** A stay in a condition's wait set, from when the worker went to sleep to when it woke ({@code Long.MAX_VALUE}: not yet). */
    public record Stay(int lane, long from, long to) {}

    /** A notify or notify-all: who made it, when, and how many waiters it woke (0: nobody was waiting). */
    public record Signal(int lane, long nanos, boolean all, long woken) {}

    /**
     * A condition variable at a moment.
     *
     * @param lock         the lock it belongs to
     * @param waitSet      lanes in its wait set, in the order they went to sleep
     * @param waits        times a worker went to sleep on it so far
     * @param notifies     notify and notify-all steps on it so far
     * @param emptyNotifies those of them that found the wait set empty and woke nobody: harmless when
     *                     nobody needed waking, a lost wake-up when a worker goes to sleep on it later
     * @param last         the latest notify so far, or null
     */
    public record ConditionState(int condition, String name, String lock, List<Integer> waitSet, int waits,
                                 int notifies, int emptyNotifies, Signal last) {}

    /**
     * A semaphore at a moment.
     *
     * @param holders     lanes holding a permit, in the order they got it
     * @param waiters     lanes waiting for a permit, in the order they came
     * @param maxHeld     most permits held at once so far
     * @param waitedNanos time spent waiting for its permits so far, all workers together
     */
    public record SemaphoreState(int semaphore, String name, int permits, List<Integer> holders, List<Integer> waiters,
                                 int acquisitions, int maxHeld, long waitedNanos) {}

    /**
     * A queue at a moment.
     *
     * @param contents     its items, head first
     * @param blockedPut   lanes waiting to put because it was full, in the order they came
     * @param blockedTake  lanes waiting to take because it was empty, in the order they came
     * @param maxLength    most items on it at once so far
     */
    public record QueueState(int queue, String name, int capacity, List<Item> contents, List<Integer> blockedPut,
                             List<Integer> blockedTake, int puts, int takes, int maxLength) {}

    private final TraceFeed feed;
    private final Synchronizers sync;
    private final List<List<Permit>> permits = new ArrayList<>();
    private final List<List<Transfer>> puts = new ArrayList<>();
    private final List<List<Transfer>> takes = new ArrayList<>();
    private final List<List<Stay>> stays = new ArrayList<>();
    private final List<List<Signal>> signals = new ArrayList<>();
    private final boolean[] queueDirty;
    private final boolean[] semaphoreDirty;
    /** Per queue, once sorted: when each item counts as put and as taken (see the class comment). */
    private long[][] putAt;
    private long[][] takenAt;
    private int[] processed = new int[0];
    private final List<LaneCursor> cursors = new ArrayList<>();

    /** Where a lane is: its step, since when it waits inside it, its permits still held. */
    private static final class LaneCursor {
        int step = -1;
        long waitingSince = Long.MIN_VALUE;
        long stepStart;
        /** The message number the current put or take got, 0 before it has one. */
        long message;
        long end = Long.MAX_VALUE;
        /** The condition whose wait set the lane is in now, or -1; and since when. */
        int stayCondition = -1;
        long stayFrom;
        /** Per semaphore: acquisitions not yet released, as {waitFrom, acquired}. */
        final List<List<long[]>> open = new ArrayList<>();
    }

    public SyncHistory(TraceFeed feed, Synchronizers sync) {
        this.feed = feed;
        this.sync = sync;
        for (int s = 0; s < sync.semaphores().size(); s++) {
            permits.add(new ArrayList<>());
        }
        for (int q = 0; q < sync.queues().size(); q++) {
            puts.add(new ArrayList<>());
            takes.add(new ArrayList<>());
        }
        for (int c = 0; c < sync.conditions().size(); c++) {
            stays.add(new ArrayList<>());
            signals.add(new ArrayList<>());
        }
        semaphoreDirty = new boolean[permits.size()];
        queueDirty = new boolean[puts.size()];
        putAt = new long[puts.size()][];
        takenAt = new long[puts.size()][];
        // nothing ordered yet: a view may ask for a queue before its first put or take arrives
        Arrays.fill(semaphoreDirty, true);
        Arrays.fill(queueDirty, true);
    }

    public Synchronizers synchronizers() {
        return sync;
    }

    public int semaphoreCount() {
        return permits.size();
    }

    public int queueCount() {
        return puts.size();
    }

    public int conditionCount() {
        return stays.size();
    }

    /** Takes the events the feed gained since the last call. */
    public void update() {
        if (permits.isEmpty() && puts.isEmpty() && stays.isEmpty()) {
            return; // no semaphore, queue or condition to follow: skip walking every new event of every lane
        }
        List<LaneLog> lanes = feed.lanes();
        if (processed.length < lanes.size()) {
            processed = Arrays.copyOf(processed, lanes.size());
        }
        while (cursors.size() < lanes.size()) {
            LaneCursor c = new LaneCursor();
            for (int s = 0; s < permits.size(); s++) {
                c.open.add(new ArrayList<>());
            }
            cursors.add(c);
        }
        List<TraceInfo.StepInfo> steps = feed.info().steps();
        for (int l = 0; l < lanes.size(); l++) {
            LaneLog lane = lanes.get(l);
            LaneCursor c = cursors.get(l);
            for (int i = processed[l]; i < lane.size(); i++) {
                switch (lane.event(i)) {
                    case TraceEvent.StepStarted s -> {
                        c.step = s.step();
                        c.stepStart = s.nanos();
                        c.waitingSince = Long.MIN_VALUE;
                        c.message = 0;
                    }
                    case TraceEvent.MessagePut m -> c.message = m.message();
                    case TraceEvent.MessageTaken m -> c.message = m.message();
                    case TraceEvent.StateChanged s -> {
                        if (s.state() == WorkerState.WAITING && c.step >= 0 && c.waitingSince == Long.MIN_VALUE) {
                            c.waitingSince = s.nanos();
                        }
                        Integer condition = c.step >= 0 ? sync.conditionOfStep().get(c.step) : null;
                        if (s.state() == WorkerState.WAITING && condition != null && c.stayCondition < 0
                                && steps.get(c.step).kind().equals("wait")) {
                            c.stayCondition = condition;
                            c.stayFrom = s.nanos();
                        } else if (s.state() != WorkerState.WAITING) {
                            wokeUp(l, c, s.nanos());
                        }
                        if (s.state().isFinal()) {
                            c.end = s.nanos();
                            c.step = -1;
                        }
                    }
                    case TraceEvent.StepEnded e -> {
                        wokeUp(l, c, e.nanos());
                        ended(l, c, steps.get(e.step()).kind(), e);
                        c.step = -1;
                        c.waitingSince = Long.MIN_VALUE;
                    }
                    default -> { }
                }
            }
            processed[l] = lane.size();
        }
    }

    private void wokeUp(int lane, LaneCursor c, long nanos) {
        if (c.stayCondition >= 0) {
            stays.get(c.stayCondition).add(new Stay(lane, c.stayFrom, nanos));
            c.stayCondition = -1;
        }
    }

    private void ended(int lane, LaneCursor c, String kind, TraceEvent.StepEnded e) {
        Integer condition = sync.conditionOfStep().get(e.step());
        if (condition != null && kind.startsWith("notify")) {
            signals.get(condition).add(new Signal(lane, e.nanos(), kind.equals("notify-all"), e.result()));
        }
        long from = c.waitingSince == Long.MIN_VALUE ? e.nanos() : c.waitingSince;
        Integer semaphore = sync.semaphoreOfStep().get(e.step());
        Integer queue = sync.queueOfStep().get(e.step());
        switch (kind) {
            case "acquire" -> {
                if (semaphore != null) {
                    c.open.get(semaphore).add(new long[] {from, e.nanos()});
                }
            }
            case "release" -> {
                if (semaphore != null && !c.open.get(semaphore).isEmpty()) {
                    long[] got = c.open.get(semaphore).removeFirst();
                    permits.get(semaphore).add(new Permit(lane, got[0], got[1], e.nanos()));
                    semaphoreDirty[semaphore] = true;
                }
            }
            case "put" -> {
                if (queue != null) {
                    puts.get(queue).add(new Transfer(lane, from, e.nanos(), e.result(), c.message));
                    queueDirty[queue] = true;
                }
            }
            case "take" -> {
                if (queue != null) {
                    takes.get(queue).add(new Transfer(lane, from, e.nanos(), e.result(), c.message));
                    queueDirty[queue] = true;
                }
            }
            default -> { }
        }
    }

    /** Forgets what was processed (the feed was replaced by the final trace) and takes it all again. */
    public void reset() {
        processed = new int[0];
        cursors.clear();
        permits.forEach(List::clear);
        puts.forEach(List::clear);
        takes.forEach(List::clear);
        stays.forEach(List::clear);
        signals.forEach(List::clear);
        Arrays.fill(semaphoreDirty, true);
        Arrays.fill(queueDirty, true);
        update();
    }

    private List<Permit> permitsOf(int s) {
        if (semaphoreDirty[s]) {
            permits.get(s).sort(Comparator.comparingLong(Permit::acquired));
            semaphoreDirty[s] = false;
        }
        return permits.get(s);
    }

    /** Every permit taken and given back so far, by the time it was taken. */
    public List<Permit> permits(int s) {
        return List.copyOf(permitsOf(s));
    }

    /** A semaphore at a moment. */
    public SemaphoreState semaphoreAt(int s, long nanos) {
        record Held(int lane, long waitFrom, long acquired, long released) {}
        List<Held> all = new ArrayList<>();
        for (Permit p : permitsOf(s)) {
            all.add(new Held(p.lane(), p.waitFrom(), p.acquired(), p.released()));
        }
        record Waiter(int lane, long since) {}
        List<Waiter> queue = new ArrayList<>();
        long waited = 0;
        for (int l = 0; l < cursors.size(); l++) {
            LaneCursor c = cursors.get(l);
            for (long[] open : c.open.get(s)) {
                all.add(new Held(l, open[0], open[1], c.end)); // a worker that ended early gave its permits back then
            }
            if (c.step >= 0 && c.waitingSince != Long.MIN_VALUE && c.waitingSince <= nanos
                    && Integer.valueOf(s).equals(sync.semaphoreOfStep().get(c.step))) {
                queue.add(new Waiter(l, c.waitingSince));
                waited += nanos - c.waitingSince; // a wait still going on at the end of what was recorded
            }
        }
        all.sort(Comparator.comparingLong(Held::acquired));
        List<Integer> holders = new ArrayList<>();
        int acquisitions = 0;
        // most held at once: a sweep over the acquisitions and releases up to the moment, releases first on a tie
        List<long[]> edges = new ArrayList<>();
        for (Held h : all) {
            if (h.waitFrom() <= nanos && h.acquired() > nanos) {
                queue.add(new Waiter(h.lane(), h.waitFrom()));
            }
            waited += Math.max(0, Math.min(nanos, h.acquired()) - h.waitFrom());
            if (h.acquired() > nanos) {
                continue;
            }
            acquisitions++;
            edges.add(new long[] {h.acquired(), 1});
            if (h.released() <= nanos) {
                edges.add(new long[] {h.released(), -1});
            } else {
                holders.add(h.lane());
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int held = 0;
        int max = 0;
        for (long[] e : edges) {
            held += (int) e[1];
            max = Math.max(max, held);
        }
        queue.sort(Comparator.comparingLong(Waiter::since));
        return new SemaphoreState(s, sync.semaphores().get(s), sync.permits().get(s), List.copyOf(holders),
                queue.stream().map(Waiter::lane).distinct().toList(), acquisitions, max, waited);
    }

    /** Every notify on condition {@code c} so far, in the order each lane made them. */
    public List<Signal> signals(int c) {
        return List.copyOf(signals.get(c));
    }

    /** A condition variable at a moment. */
    public ConditionState conditionAt(int c, long nanos) {
        List<Stay> all = new ArrayList<>(stays.get(c));
        for (int l = 0; l < cursors.size(); l++) {
            LaneCursor cursor = cursors.get(l);
            if (cursor.stayCondition == c) {
                all.add(new Stay(l, cursor.stayFrom, Long.MAX_VALUE));
            }
        }
        all.sort(Comparator.comparingLong(Stay::from));
        List<Signal> ordered = new ArrayList<>(signals.get(c));
        ordered.sort(Comparator.comparingLong(Signal::nanos));
        long[] leaves = leaveTimes(all, ordered);
        List<Integer> waitSet = new ArrayList<>();
        int waits = 0;
        for (int i = 0; i < all.size() && all.get(i).from() <= nanos; i++) {
            waits++;
            if (leaves[i] > nanos) {
                waitSet.add(all.get(i).lane());
            }
        }
        int notifies = 0;
        int empty = 0;
        Signal last = null;
        for (Signal signal : ordered) {
            if (signal.nanos() > nanos) {
                break;
            }
            notifies++;
            empty += signal.woken() == 0 ? 1 : 0;
            last = signal;
        }
        return new ConditionState(c, sync.conditions().get(c), sync.conditionLocks().get(c), List.copyOf(waitSet),
                waits, notifies, empty, last);
    }

    /**
     * When each stay (sorted by its start) left the wait set. A woken worker's stay is recorded until
     * it has the lock back and runs again, a moment after the notify; it left the set at the notify,
     * which wakes the longest sleepers first, as Java's conditions do: those still in the set then,
     * oldest first, as many as it woke. One pass over both lists, each stay looked at once.
     */
    private static long[] leaveTimes(List<Stay> stays, List<Signal> signals) {
        long[] leaves = new long[stays.size()];
        for (int i = 0; i < stays.size(); i++) {
            leaves[i] = stays.get(i).to();
        }
        int head = 0; // stays before it have left the set
        int joined = 0; // stays before it had begun by the current notify
        for (Signal signal : signals) {
            while (joined < stays.size() && stays.get(joined).from() <= signal.nanos()) {
                joined++;
            }
            long toWake = signal.woken();
            while (head < joined && toWake > 0) {
                if (leaves[head] > signal.nanos()) {
                    leaves[head] = signal.nanos();
                    toWake--;
                }
                head++;
            }
        }
        return leaves;
    }

    /** By message number where the trace has them, else by the time the step ended. */
    private static final Comparator<Transfer> QUEUE_ORDER = Comparator.comparingLong(Transfer::message)
            .thenComparingLong(Transfer::nanos);

    private void order(int q) {
        if (!queueDirty[q]) {
            return;
        }
        List<Transfer> in = puts.get(q);
        List<Transfer> out = takes.get(q);
        in.sort(QUEUE_ORDER);
        out.sort(QUEUE_ORDER);
        int capacity = sync.capacities().get(q);
        long[] put = new long[in.size()];
        long[] taken = new long[Math.min(out.size(), in.size())];
        for (int k = 0; k < put.length; k++) {
            put[k] = in.get(k).nanos();
            if (k > 0) {
                put[k] = Math.max(put[k], put[k - 1]); // in the queue's order: message k after message k - 1
            }
            if (k >= capacity && k - capacity < taken.length) {
                put[k] = Math.max(put[k], taken[k - capacity]); // it went into the room that take made
            }
            if (k < taken.length) {
                taken[k] = Math.max(out.get(k).nanos(), put[k]);
                if (k > 0) {
                    taken[k] = Math.max(taken[k], taken[k - 1]);
                }
            }
        }
        putAt[q] = put;
        takenAt[q] = taken;
        queueDirty[q] = false;
    }

    /** Every put so far, in the queue's order. */
    public List<Transfer> puts(int q) {
        order(q);
        return List.copyOf(puts.get(q));
    }

    /** Every take so far, in the queue's order. */
    public List<Transfer> takes(int q) {
        order(q);
        return List.copyOf(takes.get(q));
    }

    /** How many items were put on it before the moment. */
    private static int countAtOrBefore(long[] times, long nanos) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A queue at a moment. */
    public QueueState queueAt(int q, long nanos) {
        order(q);
        long[] put = putAt[q];
        long[] taken = takenAt[q];
        int putCount = countAtOrBefore(put, nanos);
        int takeCount = countAtOrBefore(taken, nanos);
        List<Item> contents = new ArrayList<>();
        for (int k = takeCount; k < putCount; k++) {
            Transfer t = puts.get(q).get(k);
            contents.add(new Item(t.value(), t.lane()));
        }
        // most at once: puts and takes merged, takes first on a tie
        int max = 0;
        int i = 0;
        int j = 0;
        while (i < putCount) {
            if (j < takeCount && taken[j] <= put[i]) {
                j++;
            } else {
                i++;
                max = Math.max(max, i - j);
            }
        }
        List<Integer> blockedPut = blocked(q, nanos, puts.get(q), "put");
        List<Integer> blockedTake = blocked(q, nanos, takes.get(q), "take");
        return new QueueState(q, sync.queues().get(q), sync.capacities().get(q), List.copyOf(contents), blockedPut,
                blockedTake, putCount, takeCount, max);
    }

    private List<Integer> blocked(int q, long nanos, List<Transfer> done, String kind) {
        record Waiter(int lane, long since) {}
        List<Waiter> waiters = new ArrayList<>();
        for (Transfer t : done) {
            if (t.waitFrom() < t.nanos() && t.waitFrom() <= nanos && t.nanos() > nanos) {
                waiters.add(new Waiter(t.lane(), t.waitFrom()));
            }
        }
        List<TraceInfo.StepInfo> steps = feed.info().steps();
        for (int l = 0; l < cursors.size(); l++) {
            LaneCursor c = cursors.get(l);
            if (c.step >= 0 && c.waitingSince != Long.MIN_VALUE && c.waitingSince <= nanos
                    && Integer.valueOf(q).equals(sync.queueOfStep().get(c.step)) && steps.get(c.step).kind().equals(kind)) {
                waiters.add(new Waiter(l, c.waitingSince));
            }
        }
        waiters.sort(Comparator.comparingLong(Waiter::since));
        return waiters.stream().map(Waiter::lane).distinct().toList();
    }
}

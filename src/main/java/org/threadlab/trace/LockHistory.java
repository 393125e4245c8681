package org.threadlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Locks through time, for the lock view: who holds each lock at a moment, who waits for it in
 * which order, and the totals so far (acquisitions, contended ones, hand-overs between workers,
 * time held and time waited). The simulated GIL, when on, is one of the locks. These are the
 * locks of the run's own process: lanes run in child processes have locks of their own, which
 * are left out, except for the locks every process shares ({@code process-shared}).
 */
public final class LockHistory {
    /** One acquisition: who waited from when (or {@code waitFrom == acquired} if not contended), and until when held. */
    public record Hold(int lane, long waitFrom, long acquired, long released, boolean contended) {
        public boolean heldAt(long nanos) {
            return acquired <= nanos && nanos < released;
        }
    }

    /**
     * A lock at a moment.
     *
     * @param owner        the lane that holds it (the one that took it last, when several do), or -1
     * @param holders      every lane that holds it, by lane number: one at most for a plain lock,
     *                     any number for the read side of a read-write lock
     * @param handedOverBy the lane that handed it to the owner: the one that held it just before, if
     *                     that was another lane and the owner was waiting for it; else -1
     * @param handoffs     acquisitions so far that took the lock straight from another worker's
     *                     release while waiting for it (a hand-off)
     */
    public record State(int lock, String name, boolean simulated, int owner, List<Integer> holders, int handedOverBy,
                        List<Integer> waiters, int acquisitions, int contended, int handoffs, long heldNanos,
                        long waitedNanos) {}

    private final TraceFeed feed;
    private final List<List<Hold>> holds = new ArrayList<>();
    private int[] processed = new int[0];
    /** Per lane, per lock: when it started waiting (or Long.MIN_VALUE), when it acquired (or MIN). */
    private final List<long[]> waitingSince = new ArrayList<>();
    private final List<long[]> acquiredAt = new ArrayList<>();
    private final List<boolean[]> contendedFlag = new ArrayList<>();
    private final boolean[] dirty;

    public LockHistory(TraceFeed feed) {
        this.feed = feed;
        for (int i = 0; i < feed.info().locks().size(); i++) {
            holds.add(new ArrayList<>());
        }
        dirty = new boolean[holds.size()];
    }

    public int lockCount() {
        return holds.size();
    }

    public void update() {
        if (holds.isEmpty()) {
            return; // no lock to follow: skip walking every new event of every lane (10,000 lanes make it costly)
        }
        List<LaneLog> lanes = feed.lanes();
        int locks = holds.size();
        if (processed.length < lanes.size()) {
            processed = Arrays.copyOf(processed, lanes.size());
        }
        while (waitingSince.size() < lanes.size()) {
            long[] w = new long[locks];
            long[] a = new long[locks];
            Arrays.fill(w, Long.MIN_VALUE);
            Arrays.fill(a, Long.MIN_VALUE);
            waitingSince.add(w);
            acquiredAt.add(a);
            contendedFlag.add(new boolean[locks]);
        }
        for (int l = 0; l < lanes.size(); l++) {
            LaneLog lane = lanes.get(l);
            // a lock in a child process is that process's own lock (and so is its GIL), not the
            // parent's lock of the same name, unless it is process-shared: mixing them would
            // show two owners at once
            boolean child = lane.info().inChildProcess();
            TraceInfo info = feed.info();
            long[] waiting = waitingSince.get(l);
            long[] acquired = acquiredAt.get(l);
            boolean[] contended = contendedFlag.get(l);
            for (int i = processed[l]; i < lane.size(); i++) {
                switch (lane.event(i)) {
                    case TraceEvent.LockWaiting w when child && !info.lockProcessShared(w.lock()) -> { }
                    case TraceEvent.LockAcquired a when child && !info.lockProcessShared(a.lock()) -> { }
                    case TraceEvent.LockReleased r when child && !info.lockProcessShared(r.lock()) -> { }
                    case TraceEvent.LockWaiting w -> waiting[w.lock()] = w.nanos();
                    case TraceEvent.LockAcquired a -> {
                        acquired[a.lock()] = a.nanos();
                        contended[a.lock()] = a.contended();
                    }
                    case TraceEvent.LockReleased r -> {
                        long got = acquired[r.lock()];
                        if (got != Long.MIN_VALUE) {
                            long from = waiting[r.lock()] != Long.MIN_VALUE ? waiting[r.lock()] : got;
                            holds.get(r.lock()).add(new Hold(l, from, got, r.nanos(), contended[r.lock()]));
                            dirty[r.lock()] = true;
                        }
                        acquired[r.lock()] = Long.MIN_VALUE;
                        waiting[r.lock()] = Long.MIN_VALUE;
                    }
                    default -> { }
                }
            }
            processed[l] = lane.size();
        }
    }

    /** Forgets what was processed and takes the whole feed again (after it was replaced). */
    public void reset() {
        processed = new int[0];
        waitingSince.clear();
        acquiredAt.clear();
        contendedFlag.clear();
        for (int i = 0; i < holds.size(); i++) {
            holds.get(i).clear();
            dirty[i] = true;
        }
        update();
    }

    private List<Hold> sorted(int lock) {
        if (dirty[lock]) {
            holds.get(lock).sort((a, b) -> Long.compare(a.acquired(), b.acquired()));
            dirty[lock] = false;
        }
        return holds.get(lock);
    }

    /** Completed holds of a lock, by acquisition time. */
    public List<Hold> holds(int lock) {
        return List.copyOf(sorted(lock));
    }

    /** The lock at a moment. Walks the holds: fine for lessons' lock counts, and cheap per frame. */
    public State stateAt(int lock, long nanos) {
        TraceInfo info = feed.info();
        int owner = -1;
        int handedOverBy = -1;
        int acquisitions = 0;
        int contended = 0;
        int handoffs = 0;
        long held = 0;
        long waited = 0;
        int previous = -1;
        java.util.SortedSet<Integer> holders = new java.util.TreeSet<>();
        for (Hold h : sorted(lock)) {
            if (h.acquired() > nanos) {
                break;
            }
            acquisitions++;
            contended += h.contended() ? 1 : 0;
            boolean handoff = h.contended() && previous >= 0 && previous != h.lane();
            handoffs += handoff ? 1 : 0;
            if (h.heldAt(nanos)) {
                holders.add(h.lane());
                owner = h.lane();
                handedOverBy = handoff ? previous : -1;
            }
            previous = h.lane();
            held += Math.min(nanos, h.released()) - h.acquired();
            waited += h.acquired() - h.waitFrom();
        }
        // holds still open (acquired, not yet released) and waits still going on
        record Waiter(int lane, long since) {}
        List<Waiter> queue = new ArrayList<>();
        for (int l = 0; l < acquiredAt.size(); l++) {
            long got = acquiredAt.get(l)[lock];
            if (got != Long.MIN_VALUE && got <= nanos) {
                holders.add(l);
                owner = l;
                boolean handoff = contendedFlag.get(l)[lock] && previous >= 0 && previous != l;
                handedOverBy = handoff ? previous : -1;
                handoffs += handoff ? 1 : 0;
                acquisitions++;
                contended += contendedFlag.get(l)[lock] ? 1 : 0;
                held += nanos - got;
            }
            long since = waitingSince.get(l)[lock];
            if (since != Long.MIN_VALUE && since <= nanos && (got == Long.MIN_VALUE || got > nanos)) {
                queue.add(new Waiter(l, since));
            }
        }
        // waits that were over at `nanos` only later (replay of a finished run): from the closed holds
        for (Hold h : sorted(lock)) {
            if (h.contended() && h.waitFrom() <= nanos && h.acquired() > nanos) {
                queue.add(new Waiter(h.lane(), h.waitFrom()));
                waited += nanos - h.waitFrom();
            }
        }
        queue.sort((a, b) -> Long.compare(a.since(), b.since()));
        List<Integer> waiters = queue.stream().map(Waiter::lane).distinct().toList();
        String name = info.locks().get(lock);
        return new State(lock, name, lock == info.gilLock(), owner, List.copyOf(holders), handedOverBy, waiters, acquisitions, contended, handoffs, held,
                waited);
    }
}

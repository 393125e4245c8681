package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.sync.WaitTexts;
import org.threadlab.lesson.Limits;
import org.threadlab.lesson.Outcome;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * The rules of step mode for one compiled lesson: which lanes may move in a {@link StepState}, and
 * what one atomic step of a lane does. Stateless and deterministic: the same state and the same
 * choice always give the same next state, so a schedule (a list of lane numbers) replays exactly.
 *
 * <p>Lanes are numbered as the live engine's trace numbers them: the main thread first when the
 * lesson has {@code main}, then the workers. The main thread does two steps of its own, {@code start}
 * (after {@code before}; the workers may move only after it) and {@code join} (after
 * {@code during}; possible only once every worker has ended).
 */
public final class StepModel {
    /** One lane: its name, a short label for schedules (A, B, ... or main), and its program parts. */
    public record LaneDef(String name, String label, List<Program> parts, int copy, boolean main) {
        public LaneDef {
            parts = List.copyOf(parts);
        }
    }

    /** A step taken: the state after it and what it did. */
    public record Transition(StepState next, StepResult result) {}

    private final CompiledLesson compiled;
    private final List<LaneDef> lanes;
    private final boolean hasMain;
    /** Per lock number: the other side of its read-write lock, or -1 for a plain lock. */
    private final int[] otherSide;
    /** Per lock number: whether it is the read side of a read-write lock. */
    private final boolean[] readSide;
    /** Per lock number: whether a reader must let a waiting writer go first (every kind but readers-first). */
    private final boolean[] writerFirst;

    public StepModel(CompiledLesson compiled) {
        this.compiled = compiled;
        List<LaneDef> defs = new ArrayList<>();
        hasMain = !compiled.main().isEmpty();
        if (hasMain) {
            defs.add(new LaneDef("main", "main", compiled.main(), 1, true));
        }
        List<CompiledLesson.Lane> workers = compiled.lanes();
        for (int i = 0; i < workers.size(); i++) {
            CompiledLesson.Lane l = workers.get(i);
            String label = workers.size() <= 26 ? String.valueOf((char) ('A' + i)) : l.name();
            defs.add(new LaneDef(l.name(), label, List.of(l.program()), l.copy(), false));
        }
        this.lanes = List.copyOf(defs);
        var shared = compiled.lesson().shared();
        int locks = compiled.locks().size();
        otherSide = new int[locks];
        readSide = new boolean[locks];
        writerFirst = new boolean[locks];
        for (int i = 0; i < locks; i++) {
            otherSide[i] = shared.otherSide(i);
            readSide[i] = shared.isReadSide(i);
            String rw = shared.readWriteLockOf(i);
            writerFirst[i] = rw != null && shared.readWriteLocks().get(rw).writerWaitingBlocksReaders();
        }
    }

    public CompiledLesson compiled() {
        return compiled;
    }

    public List<LaneDef> lanes() {
        return lanes;
    }

    /**
     * The locks some step of some lane takes (a lock step, or a wait taking its lock back), by
     * number, in the lesson's order. A lesson declares its locks once for all its variants; a
     * variant without a lock has nothing to show about one.
     */
    public List<Integer> usedLocks() {
        java.util.BitSet used = new java.util.BitSet();
        for (LaneDef lane : lanes) {
            for (Program part : lane.parts()) {
                for (Op op : part.ops()) {
                    switch (op) {
                        case Op.Lock l -> used.set(l.lock());
                        case Op.Wait w -> used.set(w.lock());
                        default -> { }
                    }
                }
            }
        }
        return used.stream().boxed().toList();
    }

    /** Lane number of a name or label ({@code adder-1}, {@code A}, {@code main}), or -1. */
    public int laneOf(String nameOrLabel) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).name().equals(nameOrLabel) || lanes.get(i).label().equals(nameOrLabel)) {
                return i;
            }
        }
        return -1;
    }

    /** Everyone at their first step, shared memory at its starting values, no lock taken. */
    public StepState initial() {
        StepState.LaneState[] ls = new StepState.LaneState[lanes.size()];
        for (int i = 0; i < ls.length; i++) {
            LaneDef d = lanes.get(i);
            ls[i] = settle(d, 0, 0, d.parts().get(0).newLocals(d.copy()));
        }
        int[] owners = new int[compiled.locks().size()];
        Arrays.fill(owners, -1);
        int[][] readers = new int[owners.length][];
        Arrays.fill(readers, new int[0]);
        long[][] queues = new long[compiled.queues().size()][];
        Arrays.fill(queues, new long[0]);
        int[][] waitSets = new int[compiled.conditions().size()][];
        Arrays.fill(waitSets, new int[0]);
        return new StepState(compiled.initialValues(), owners, readers, compiled.initialPermits(), queues, waitSets, ls);
    }

    public LaneStatus status(StepState s, int lane) {
        StepState.LaneState l = s.lanes[lane];
        if (l.end == StepState.LaneState.DONE) {
            return LaneStatus.DONE;
        }
        if (l.end == StepState.LaneState.FAILED) {
            return LaneStatus.FAILED;
        }
        LaneDef d = lanes.get(lane);
        if (!d.main() && hasMain && s.lanes[0].part == 0) {
            return LaneStatus.NOT_STARTED;
        }
        Op[] ops = d.parts().get(l.part).ops();
        if (l.pc == ops.length) { // only the main thread stops here: its start or its join
            return l.part == 1 && !workersEnded(s) ? LaneStatus.JOINING : LaneStatus.READY;
        }
        if (l.wait == StepState.LaneState.IN_WAIT_SET) {
            return LaneStatus.WAITING_ON_CONDITION;
        }
        return switch (ops[l.pc]) {
            case Op.Lock lock when blocked(s, lock.lock()) -> LaneStatus.BLOCKED_ON_LOCK;
            case Op.Wait w when l.wait == StepState.LaneState.REACQUIRE && s.owners[w.lock()] >= 0 ->
                    LaneStatus.BLOCKED_ON_LOCK;
            case Op.Acquire a when s.permits[a.semaphore()] == 0 -> LaneStatus.BLOCKED_ON_SEMAPHORE;
            case Op.Put p when s.queues[p.queue()].length == compiled.queueCapacities()[p.queue()] ->
                    LaneStatus.BLOCKED_ON_QUEUE;
            case Op.Take t when s.queues[t.queue()].length == 0 -> LaneStatus.BLOCKED_ON_QUEUE;
            // each round of the spin reads 0 again and changes nothing: step mode shows it as waiting
            case Op.Spin sp when s.shared[sp.variable()] == 0 -> LaneStatus.SPINNING;
            default -> LaneStatus.READY;
        };
    }

    /** The lanes that can do a step now, in lane order. */
    public int[] movable(StepState s) {
        int[] out = new int[lanes.size()];
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (status(s, i) == LaneStatus.READY) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether every lane has ended (done or failed). */
    public boolean finished(StepState s) {
        for (StepState.LaneState l : s.lanes) {
            if (l.end == StepState.LaneState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /** Why a lane failed, or null. */
    public String failure(StepState s, int lane) {
        return s.lanes[lane].failure;
    }

    /**
     * Whether a lane cannot take lock number {@code lock} now. A plain lock or a write side: someone
     * holds it, or (a write side) readers hold the read side. A read side: a writer holds the write
     * side, or (every kind but readers-first) readers are in and a writer already waits for it.
     */
    private boolean blocked(StepState s, int lock) {
        int other = otherSide[lock];
        if (other < 0) {
            return s.owners[lock] >= 0;
        }
        if (!readSide[lock]) {
            return s.owners[lock] >= 0 || s.readers[other].length > 0;
        }
        return s.owners[other] >= 0 || writerFirst[lock] && s.readers[lock].length > 0 && waitingWriter(s, other) >= 0;
    }

    /** A lane that waits to take write side {@code writeSide} while readers hold the read side, or -1. */
    private int waitingWriter(StepState s, int writeSide) {
        for (int i = 0; i < lanes.size(); i++) {
            StepState.LaneState l = s.lanes[i];
            if (l.end != StepState.LaneState.RUNNING || !lanes.get(i).main() && hasMain && s.lanes[0].part == 0) {
                continue;
            }
            Op[] ops = lanes.get(i).parts().get(l.part).ops();
            if (l.pc < ops.length && ops[l.pc] instanceof Op.Lock k && k.lock() == writeSide) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The lane that keeps {@code lane} from taking lock number {@code lock}: its owner; for a write
     * side held by readers, a reader (another one if there is one); for a read side, the writer
     * that holds the write side or, failing that, the writer that waits first.
     */
    private int blocker(StepState s, int lane, int lock) {
        if (s.owners[lock] >= 0) {
            return s.owners[lock];
        }
        int other = otherSide[lock];
        if (other < 0) {
            return -1;
        }
        if (!readSide[lock]) {
            int[] in = s.readers[other];
            for (int r : in) {
                if (r != lane) {
                    return r;
                }
            }
            return in.length > 0 ? in[0] : -1;
        }
        return s.owners[other] >= 0 ? s.owners[other] : waitingWriter(s, other);
    }

    /**
     * Who holds a lock, in a few words: {@code free}, {@code held by adder-1}, or for a read side
     * {@code held by reader-1 and reader-2 (reading together)}.
     */
    public String holders(StepState s, int lock) {
        if (s.owners[lock] >= 0) {
            return "held by " + lanes.get(s.owners[lock]).name();
        }
        int[] in = s.readers[lock];
        if (in.length == 0) {
            return "free";
        }
        List<String> names = new ArrayList<>();
        for (int r : in) {
            names.add(lanes.get(r).name());
        }
        String all = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return "held by " + all + (in.length > 1 ? " (reading together)" : "");
    }

    /**
     * Why a lane blocked on a lock cannot take it, in a few words: e.g. {@code held by adder-1},
     * {@code readers are in: reader-1, reader-2}, {@code writer waits first}.
     */
    public String blockedBy(StepState s, int lane) {
        int lock = waitsFor(s, lane);
        if (lock < 0) {
            return "";
        }
        int other = otherSide[lock];
        if (s.owners[lock] >= 0 || other < 0) {
            return holders(s, lock);
        }
        if (!readSide[lock]) {
            return "readers are in: " + holders(s, other).substring("held by ".length());
        }
        if (s.owners[other] >= 0) {
            return "its write side is " + holders(s, other);
        }
        return lanes.get(waitingWriter(s, other)).name() + " waits to write, and goes first";
    }

    /** The lock a blocked lane waits for, or -1. */
    public int waitsFor(StepState s, int lane) {
        if (status(s, lane) != LaneStatus.BLOCKED_ON_LOCK) {
            return -1;
        }
        return switch (nextOp(s, lane)) {
            case Op.Lock l -> l.lock();
            case Op.Wait w -> w.lock(); // notified, and taking the lock back
            default -> throw new IllegalStateException("a lane blocked on a lock is at a lock or a wait");
        };
    }

    /** The condition whose wait set a lane is in, or -1. */
    public int waitsOn(StepState s, int lane) {
        return status(s, lane) == LaneStatus.WAITING_ON_CONDITION ? ((Op.Wait) nextOp(s, lane)).condition() : -1;
    }

    /** The names of the lanes in a condition's wait set, in the order they began to wait. */
    public List<String> waitSet(StepState s, int condition) {
        List<String> out = new ArrayList<>();
        for (int lane : s.waitSets[condition]) {
            out.add(lanes.get(lane).name());
        }
        return out;
    }

    /**
     * The step a lane would do next, as the trace names it (for the listing line); null when the
     * lane has ended or its next step is the main thread's start or join.
     */
    public StepInfo nextStep(StepState s, int lane) {
        StepState.LaneState l = s.lanes[lane];
        if (l.end != StepState.LaneState.RUNNING) {
            return null;
        }
        Op[] ops = lanes.get(lane).parts().get(l.part).ops();
        return l.pc < ops.length ? compiled.steps().get(stepNumber(ops[l.pc])) : null;
    }

    /** The kind of a lane's next step ({@code read}, ..., {@code start}, {@code join}), or {@code ""} if ended. */
    public String nextKind(StepState s, int lane) {
        StepInfo info = nextStep(s, lane);
        if (info != null) {
            return s.lanes[lane].wait == StepState.LaneState.REACQUIRE ? "reacquire" : info.kind();
        }
        StepState.LaneState l = s.lanes[lane];
        return l.end != StepState.LaneState.RUNNING ? "" : l.part == 0 ? "start" : "join";
    }

    /** A lane's locals by name (its "registers"), without the hidden loop counters. */
    public Map<String, Long> locals(StepState s, int lane) {
        StepState.LaneState l = s.lanes[lane];
        List<String> names = lanes.get(lane).parts().get(l.part).localNames();
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).startsWith("#")) {
                out.put(names.get(i), l.locals[i]);
            }
        }
        return out;
    }

    /** Shared values by name. */
    public Map<String, Long> shared(StepState s) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> names = compiled.variables();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), s.shared[i]);
        }
        return out;
    }

    /** The lesson's grade of a finished state: the first outcome that holds, if any. */
    public Optional<Outcome> outcome(StepState s) {
        return compiled.outcome(s.shared);
    }

    /**
     * When nobody can move but not everyone has ended: the circle of lanes each waiting for a lock
     * the next one holds. Empty when some lane can move, or every lane has ended.
     */
    public Optional<Deadlock> deadlock(StepState s) {
        if (movable(s).length > 0 || finished(s)) {
            return Optional.empty();
        }
        for (int start = 0; start < lanes.size(); start++) {
            List<Integer> path = new ArrayList<>();
            int at = start;
            while (at >= 0 && !path.contains(at) && waitsFor(s, at) >= 0) {
                path.add(at);
                at = blocker(s, at, waitsFor(s, at));
            }
            if (at >= 0 && path.contains(at)) { // a circle closes
                List<Integer> circle = path.subList(path.indexOf(at), path.size());
                List<Deadlock.Wait> waits = new ArrayList<>();
                for (int lane : circle) {
                    int lock = waitsFor(s, lane);
                    int owner = blocker(s, lane, lock);
                    waits.add(new Deadlock.Wait(lane, lanes.get(lane).name(), lock, compiled.locks().get(lock), owner,
                            lanes.get(owner).name()));
                }
                List<Integer> others = new ArrayList<>();
                for (int i = 0; i < lanes.size(); i++) {
                    if (!circle.contains(i) && s.lanes[i].end == StepState.LaneState.RUNNING) {
                        others.add(i);
                    }
                }
                return Optional.of(new Deadlock(waits, others));
            }
        }
        // No circle of locks: the lanes left wait on semaphores, queues or conditions that nobody can change now.
        List<Integer> stuck = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            LaneStatus st = status(s, i);
            if (st == LaneStatus.BLOCKED_ON_SEMAPHORE || st == LaneStatus.BLOCKED_ON_QUEUE || st == LaneStatus.BLOCKED_ON_LOCK) {
                stuck.add(i);
                why.add(why(s, i, st));
            } else if (st == LaneStatus.WAITING_ON_CONDITION) {
                stuck.add(i);
            }
        }
        for (int c = 0; c < s.waitSets.length; c++) {
            if (s.waitSets[c].length > 0) {
                why.add("waiting on " + compiled.conditions().get(c) + ": " + String.join(", ", waitSet(s, c))
                        + ", and nobody is left to notify " + (s.waitSets[c].length == 1 ? "it" : "them"));
            }
        }
        return Optional.of(Deadlock.withoutCycle(stuck, String.join("; ", why)));
    }

    /**
     * Does one atomic step of a lane.
     *
     * @throws IllegalArgumentException if the lane cannot move now (it is blocked, not started or
     *                                  ended), with the reason
     */
    public Transition step(StepState s, int lane) {
        return advance(s, lane, true);
    }

    /** The state after one step of a lane, without the sentence that describes it: what the explorer needs. */
    public StepState next(StepState s, int lane) {
        return advance(s, lane, false).next();
    }

    private Transition advance(StepState s, int lane, boolean describe) {
        if (lane < 0 || lane >= lanes.size()) {
            throw new IllegalArgumentException("there is no lane " + lane + "; lanes 0.." + (lanes.size() - 1));
        }
        LaneStatus status = status(s, lane);
        if (status != LaneStatus.READY) {
            throw new IllegalArgumentException(why(s, lane, status));
        }
        LaneDef d = lanes.get(lane);
        String who = d.name();
        StepState.LaneState l = s.lanes[lane];
        Program program = d.parts().get(l.part);
        Op[] ops = program.ops();
        if (l.pc == ops.length) {
            boolean start = l.part == 0;
            StepState.LaneState next = settle(d, l.part + 1, 0, l.locals);
            return new Transition(with(s, lane, next, s.shared, s.owners),
                    new StepResult(lane, start ? "start" : "join", null, -1, 0,
                            start ? who + " starts the workers" : who + " joins the workers: every one has ended",
                            null));
        }
        Op op = ops[l.pc];
        StepInfo info = compiled.steps().get(stepNumber(op));
        long[] locals = l.locals;
        long[] shared = s.shared;
        int[] owners = s.owners;
        int[][] readers = s.readers;
        int[] permits = s.permits;
        long[][] queues = s.queues;
        int[][] waitSets = s.waitSets;
        StepState.LaneState[] laneStates = s.lanes; // copied before a notify changes the lanes it wakes
        byte waitPhase = StepState.LaneState.NOT_WAITING;
        String kind = info.kind();
        int pc = l.pc + 1;
        int variable = -1;
        long value = 0;
        String printed = null;
        String text;
        List<String> names = program.localNames();
        try {
            switch (op) {
                case Op.Spin sp -> {
                    value = shared[sp.variable()];
                    variable = sp.variable();
                    text = !describe ? null : who + " reads " + var(variable) + " = " + value + " and stops spinning";
                }
                case Op.Read r -> {
                    value = shared[r.variable()];
                    variable = r.variable();
                    locals = set(locals, r.local(), value);
                    text = !describe ? null
                            : who + " reads " + var(variable) + " = " + value + " into " + names.get(r.local());
                }
                case Op.Add a -> {
                    long by = a.value().eval(locals);
                    value = locals[a.local()] + by;
                    locals = set(locals, a.local(), value);
                    text = !describe ? null : who + " adds " + by + ": " + names.get(a.local()) + " = " + value;
                }
                case Op.Write w -> {
                    value = locals[w.local()];
                    variable = w.variable();
                    shared = shared.clone();
                    shared[variable] = value;
                    text = !describe ? null
                            : who + " writes " + names.get(w.local()) + " = " + value + " to " + var(variable);
                }
                case Op.AtomicAdd a -> {
                    long by = a.by().eval(locals);
                    variable = a.variable();
                    shared = shared.clone();
                    value = shared[variable] + by;
                    shared[variable] = value;
                    text = !describe ? null : who + " adds " + by + " to " + var(variable) + " in one atomic step: " + var(variable)
                            + " = " + value;
                }
                case Op.Compute c -> {
                    value = compute(c, locals);
                    locals = set(locals, c.into(), value);
                    text = !describe ? null
                            : who + " computes " + info.label() + ": " + names.get(c.into()) + " = " + value;
                }
                case Op.Sleep sl -> {
                    value = sl.millis().eval(locals);
                    if (value < 0 || value > Limits.MAX_WAIT_MILLIS) {
                        throw new Failure("sleep of " + value + " ms is outside 0.." + Limits.MAX_WAIT_MILLIS);
                    }
                    text = !describe ? null : who + " sleeps " + value + " ms (step mode does not wait)";
                }
                case Op.Download dl -> {
                    long latency = dl.latencyMillis().eval(locals);
                    value = dl.bytes().eval(locals);
                    if (latency < 0 || latency > Limits.MAX_WAIT_MILLIS || value < 0 || value > Limits.MAX_DOWNLOAD_BYTES) {
                        throw new Failure("download of " + value + " bytes after " + latency + " ms is over the limits");
                    }
                    if (dl.into() >= 0) {
                        locals = set(locals, dl.into(), value);
                    }
                    text = !describe ? null : who + " downloads " + value + " bytes (step mode does not wait " + latency + " ms)";
                }
                case Op.Print p -> {
                    printed = format(p, locals);
                    text = !describe ? null : who + " prints: " + printed;
                }
                case Op.Lock k when readSide[k.lock()] -> {
                    int others = readers[k.lock()].length;
                    readers = withReader(readers, k.lock(), lane, true);
                    text = !describe ? null : who + " takes " + compiled.locks().get(k.lock())
                            + (others == 0 ? "" : ", reading together with " + others + (others == 1 ? " other" : " others"));
                }
                case Op.Unlock u when readSide[u.lock()] -> {
                    readers = withReader(readers, u.lock(), lane, false);
                    text = !describe ? null : who + " releases " + compiled.locks().get(u.lock());
                }
                case Op.Lock k -> {
                    owners = owners.clone();
                    owners[k.lock()] = lane;
                    text = !describe ? null : who + " takes " + compiled.locks().get(k.lock());
                }
                case Op.Unlock u -> {
                    owners = owners.clone();
                    owners[u.lock()] = -1;
                    text = !describe ? null : who + " releases " + compiled.locks().get(u.lock());
                }
                case Op.Acquire a -> {
                    permits = permits.clone();
                    value = --permits[a.semaphore()];
                    text = !describe ? null : who + " takes a permit of " + compiled.semaphores().get(a.semaphore())
                            + ": " + value + " left";
                }
                case Op.Release r -> {
                    permits = permits.clone();
                    value = ++permits[r.semaphore()];
                    text = !describe ? null : who + " gives back a permit of " + compiled.semaphores().get(r.semaphore())
                            + ": " + value + " left";
                }
                case Op.Put p -> {
                    value = p.value().eval(locals);
                    queues = queues.clone();
                    long[] q = Arrays.copyOf(queues[p.queue()], queues[p.queue()].length + 1);
                    q[q.length - 1] = value;
                    queues[p.queue()] = q;
                    text = !describe ? null : who + " puts " + value + " on " + compiled.queues().get(p.queue()) + ", which now"
                            + " holds " + q.length + " of " + compiled.queueCapacities()[p.queue()];
                }
                case Op.Take t -> {
                    queues = queues.clone();
                    long[] q = queues[t.queue()];
                    value = q[0];
                    queues[t.queue()] = Arrays.copyOfRange(q, 1, q.length);
                    locals = set(locals, t.into(), value);
                    text = !describe ? null : who + " takes " + value + " from " + compiled.queues().get(t.queue())
                            + " into " + names.get(t.into());
                }
                case Op.Return r -> {
                    value = r.value().eval(locals);
                    pc = ops.length;
                    text = !describe ? null : who + " returns " + value;
                }
                case Op.Wait w when l.wait == StepState.LaneState.REACQUIRE -> {
                    owners = owners.clone();
                    owners[w.lock()] = lane;
                    pc = l.pc; // back at its wait, to check until again
                    kind = "reacquire";
                    text = !describe ? null : who + " takes " + compiled.locks().get(w.lock())
                            + " back after the notify; next it checks " + w.until().expr().text() + " again";
                }
                case Op.Wait w -> {
                    final long[] sharedNow = shared;
                    boolean holds = w.until().holds(locals, v -> sharedNow[v]);
                    value = holds ? 1 : 0;
                    String condition = compiled.conditions().get(w.condition());
                    if (holds) {
                        text = !describe ? null : who + " checks " + w.until().expr().text() + ": true, so it goes on"
                                + " (still holding " + compiled.locks().get(w.lock()) + ")";
                    } else {
                        owners = owners.clone();
                        owners[w.lock()] = -1;
                        waitSets = waitSets.clone();
                        int[] set = Arrays.copyOf(waitSets[w.condition()], waitSets[w.condition()].length + 1);
                        set[set.length - 1] = lane;
                        waitSets[w.condition()] = set;
                        pc = l.pc;
                        waitPhase = StepState.LaneState.IN_WAIT_SET;
                        text = !describe ? null : who + " checks " + w.until().expr().text() + ": false, so it releases "
                                + compiled.locks().get(w.lock()) + " and waits on " + condition + " until notified";
                    }
                }
                case Op.Notify n -> {
                    int[] set = waitSets[n.condition()];
                    int woken = n.all() ? set.length : Math.min(1, set.length);
                    value = woken;
                    String condition = compiled.conditions().get(n.condition());
                    if (woken > 0) {
                        waitSets = waitSets.clone();
                        waitSets[n.condition()] = Arrays.copyOfRange(set, woken, set.length);
                        laneStates = laneStates.clone();
                        List<String> wokenNames = new ArrayList<>();
                        for (int i = 0; i < woken; i++) {
                            laneStates[set[i]] = laneStates[set[i]].waiting(StepState.LaneState.REACQUIRE);
                            wokenNames.add(lanes.get(set[i]).name());
                        }
                        text = !describe ? null : who + " notifies " + condition + (n.all() ? " (all)" : "") + ": "
                                + String.join(", ", wokenNames) + (woken == 1 ? " wakes" : " wake")
                                + " and must take " + compiled.locks().get(((Op.Wait) nextOp(s, set[0])).lock())
                                + " back before checking again";
                    } else {
                        text = !describe ? null : who + " notifies " + condition
                                + ", but nobody is waiting on it: the notify is lost";
                    }
                }
                case Op.RepeatStart r -> throw new IllegalStateException("settle() skips loop ops");
                case Op.RepeatEnd r -> throw new IllegalStateException("settle() skips loop ops");
                case Op.Branch b -> throw new IllegalStateException("settle() skips branch ops");
                case Op.Jump j -> throw new IllegalStateException("settle() skips branch ops");
            }
        } catch (Failure f) {
            // as in a live run: the worker ends as failed, and its locks are let go
            int[] freed = owners.clone();
            for (int i = 0; i < freed.length; i++) {
                if (freed[i] == lane) {
                    freed[i] = -1;
                }
            }
            for (int i = 0; i < readers.length; i++) {
                readers = withReader(readers, i, lane, false);
            }
            s = new StepState(s.shared, s.owners, readers, s.permits, s.queues, s.waitSets, s.lanes);
            StepState.LaneState failed = new StepState.LaneState(l.part, l.pc, l.locals, StepState.LaneState.FAILED,
                    f.getMessage());
            return new Transition(with(s, lane, failed, shared, freed), new StepResult(lane, info.kind(), info, -1, 0,
                    who + " fails: " + f.getMessage(), null));
        }
        StringBuilder branches = describe ? new StringBuilder() : null; // what the ifs after this step decided
        StepState.LaneState next = waitPhase != StepState.LaneState.NOT_WAITING || pc == l.pc
                ? new StepState.LaneState(l.part, pc, locals, StepState.LaneState.RUNNING, waitPhase, null)
                : settle(d, l.part, pc, locals, branches);
        if (branches != null) {
            text += branches;
        }
        StepState.LaneState[] nextLanes = laneStates.clone();
        nextLanes[lane] = next;
        return new Transition(new StepState(shared, owners, readers, permits, queues, waitSets, nextLanes),
                new StepResult(lane, kind, info, variable, value, text, printed));
    }

    /** Why a lane cannot move, in a sentence. */
    public String why(StepState s, int lane, LaneStatus status) {
        String who = lanes.get(lane).label().equals(lanes.get(lane).name()) ? lanes.get(lane).name()
                : lanes.get(lane).label() + " (" + lanes.get(lane).name() + ")";
        return switch (status) {
            case READY -> who + " can move";
            case BLOCKED_ON_LOCK -> {
                int lock = waitsFor(s, lane);
                if (otherSide[lock] >= 0 && s.owners[lock] < 0) {
                    yield who + " is blocked: it waits for " + compiled.locks().get(lock) + " (" + blockedBy(s, lane) + ")";
                }
                yield who + " is blocked: it waits for " + compiled.locks().get(lock)
                        + (nextOp(s, lane) instanceof Op.Wait ? " to take it back after a notify" : "") + ", which "
                        + lanes.get(s.owners[lock]).name() + " holds";
            }
            case WAITING_ON_CONDITION -> {
                Op.Wait w = (Op.Wait) nextOp(s, lane);
                yield who + " waits on " + compiled.conditions().get(w.condition()) + " (until "
                        + w.until().expr().text() + ") and cannot move until another lane notifies it";
            }
            case BLOCKED_ON_SEMAPHORE -> WaitTexts.forPermit(who, compiled.semaphores().get(
                    ((Op.Acquire) nextOp(s, lane)).semaphore()), 0);
            case BLOCKED_ON_QUEUE -> nextOp(s, lane) instanceof Op.Put p
                    ? WaitTexts.toPut(who, compiled.queues().get(p.queue()))
                    : WaitTexts.toTake(who, compiled.queues().get(((Op.Take) nextOp(s, lane)).queue()));
            case SPINNING -> who + " spins: it reads " + compiled.variables().get(((Op.Spin) nextOp(s, lane)).variable())
                    + " over and over, and it is still 0";
            case NOT_STARTED -> who + " has not been started yet: main starts the workers after its 'before' steps";
            case JOINING -> who + " waits to join the workers, and some have not ended";
            case DONE -> who + " has ended";
            case FAILED -> who + " failed: " + s.lanes[lane].failure;
        };
    }

    /** What keeps a lane blocked on a semaphore or a queue, in a few words: e.g. {@code buffer is full}. */
    public String blockedOn(StepState s, int lane) {
        return switch (nextOp(s, lane)) {
            case Op.Acquire a -> compiled.semaphores().get(a.semaphore()) + " has no permit left";
            case Op.Put p -> compiled.queues().get(p.queue()) + " is full";
            case Op.Take t -> compiled.queues().get(t.queue()) + " is empty";
            case Op.Spin sp -> compiled.variables().get(sp.variable()) + " is still 0";
            default -> "";
        };
    }

    private Op nextOp(StepState s, int lane) {
        StepState.LaneState l = s.lanes[lane];
        return lanes.get(lane).parts().get(l.part).ops()[l.pc];
    }

    /** A step that cannot be done as asked; ends the lane as failed. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private String var(int variable) {
        return compiled.variables().get(variable);
    }

    /**
     * Moves a lane from {@code pc} past the loop and branch bookkeeping to its next observable op, or
     * to the end of its part. A worker at its end is done; so is the main thread at the end of its last part.
     */
    private static StepState.LaneState settle(LaneDef d, int part, int pc, long[] locals) {
        return settle(d, part, pc, locals, null);
    }

    /**
     * As {@link #settle(LaneDef, int, int, long[])}, adding to {@code branches} (if not null) what
     * each if it passes decided, for the sentence of the step before: the test is no step of its
     * own, so the learner reads its answer with the step that gave the local its value.
     */
    private static StepState.LaneState settle(LaneDef d, int part, int pc, long[] locals, StringBuilder branches) {
        Op[] ops = d.parts().get(part).ops();
        while (pc < ops.length) {
            switch (ops[pc]) {
                case Op.RepeatStart r -> {
                    long times = r.times().eval(locals);
                    if (times <= 0) {
                        pc = r.exit();
                    } else {
                        locals = set(locals, r.counter(), times);
                        if (r.as() >= 0) {
                            locals = set(locals, r.as(), 1);
                        }
                        pc++;
                    }
                }
                case Op.RepeatEnd r -> {
                    long left = locals[r.counter()] - 1;
                    locals = set(locals, r.counter(), left);
                    if (left > 0) {
                        if (r.as() >= 0) {
                            locals = set(locals, r.as(), locals[r.as()] + 1);
                        }
                        pc = r.body();
                    } else {
                        pc++;
                    }
                }
                // an if's test reads locals only: decided here, as no other lane can change them
                case Op.Branch b -> {
                    boolean holds = b.test().eval(locals) != 0;
                    if (branches != null) {
                        // a then-block followed by an else ends with the jump over it; no other block ends so
                        boolean hasElse = ops[b.otherwise() - 1] instanceof Op.Jump;
                        branches.append("; then ").append(b.condition()).append(holds
                                ? " is true, so it runs the if's block"
                                : hasElse ? " is false, so it runs the else block" : " is false, so it skips the if's block");
                    }
                    pc = holds ? pc + 1 : b.otherwise();
                }
                case Op.Jump j -> pc = j.target();
                default -> {
                    return new StepState.LaneState(part, pc, locals, StepState.LaneState.RUNNING, null);
                }
            }
        }
        boolean ended = !d.main() || part == d.parts().size() - 1;
        return new StepState.LaneState(part, pc, locals, ended ? StepState.LaneState.DONE : StepState.LaneState.RUNNING,
                null);
    }

    private boolean workersEnded(StepState s) {
        for (int i = hasMain ? 1 : 0; i < s.lanes.length; i++) {
            if (s.lanes[i].end == StepState.LaneState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    private static StepState with(StepState s, int lane, StepState.LaneState l, long[] shared, int[] owners) {
        return with(s, lane, l, shared, owners, s.permits, s.queues);
    }

    private static StepState with(StepState s, int lane, StepState.LaneState l, long[] shared, int[] owners,
                                  int[] permits, long[][] queues) {
        StepState.LaneState[] lanes = s.lanes.clone();
        lanes[lane] = l;
        return new StepState(shared, owners, s.readers, permits, queues, s.waitSets, lanes);
    }

    /** Copy on write: the readers of read side {@code lock} with {@code lane} added (or removed), ascending. */
    private static int[][] withReader(int[][] readers, int lock, int lane, boolean add) {
        int[] in = readers[lock];
        int at = Arrays.binarySearch(in, lane);
        if (add == at >= 0) {
            return readers;
        }
        int[] changed;
        if (add) {
            int ins = -at - 1;
            changed = new int[in.length + 1];
            System.arraycopy(in, 0, changed, 0, ins);
            changed[ins] = lane;
            System.arraycopy(in, ins, changed, ins + 1, in.length - ins);
        } else {
            changed = new int[in.length - 1];
            System.arraycopy(in, 0, changed, 0, at);
            System.arraycopy(in, at + 1, changed, at, in.length - at - 1);
        }
        int[][] copy = readers.clone();
        copy[lock] = changed;
        return copy;
    }

    /** Copy on write: states share their arrays, so a changed local gets a new array. */
    private static long[] set(long[] locals, int slot, long value) {
        long[] copy = locals.clone();
        copy[slot] = value;
        return copy;
    }

    private static long compute(Op.Compute c, long[] locals) {
        long a = c.a().eval(locals);
        long b = c.b().eval(locals);
        return switch (c.function()) {
            case SUM_OF_SQUARES -> {
                if (b - a > Limits.MAX_COMPUTE_ITERATIONS) {
                    throw new Failure("compute of " + (b - a) + " squares is over the limit of "
                            + Limits.MAX_COMPUTE_ITERATIONS);
                }
                long sum = 0;
                for (long i = a; i < b; i++) {
                    sum += i * i;
                }
                yield sum;
            }
            case POWER -> {
                if (b < 0 || b > 63) {
                    throw new Failure("exponent " + b + " is outside 0..63");
                }
                long result = 1;
                for (long i = 0; i < b; i++) {
                    result *= a;
                }
                yield result;
            }
        };
    }

    private static String format(Op.Print p, long[] locals) {
        StringBuilder sb = new StringBuilder(p.text()[0]);
        for (int i = 0; i < p.slots().length; i++) {
            sb.append(locals[p.slots()[i]]).append(p.text()[i + 1]);
        }
        return sb.toString();
    }

    /** The step number of an observable op. */
    static int stepNumber(Op op) {
        return switch (op) {
            case Op.Read r -> r.step();
            case Op.Add a -> a.step();
            case Op.Write w -> w.step();
            case Op.AtomicAdd a -> a.step();
            case Op.Compute c -> c.step();
            case Op.Sleep s -> s.step();
            case Op.Download d -> d.step();
            case Op.Print p -> p.step();
            case Op.Lock l -> l.step();
            case Op.Unlock u -> u.step();
            case Op.Return r -> r.step();
            case Op.Spin sp -> sp.step();
            case Op.Acquire a -> a.step();
            case Op.Release r -> r.step();
            case Op.Put p -> p.step();
            case Op.Take t -> t.step();
            case Op.Wait w -> w.step();
            case Op.Notify n -> n.step();
            case Op.RepeatStart r -> throw new IllegalArgumentException("a loop op is not a step");
            case Op.RepeatEnd r -> throw new IllegalArgumentException("a loop op is not a step");
            case Op.Branch b -> throw new IllegalArgumentException("a branch op is not a step");
            case Op.Jump j -> throw new IllegalArgumentException("a branch op is not a step");
        };
    }
}

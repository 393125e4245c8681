package org.threadlab.engine.explore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.threadlab.engine.step.Deadlock;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.StepState;
import org.threadlab.lesson.Grade;
import org.threadlab.lesson.Outcome;

/**
 * Walks every schedule of a {@link StepModel}, depth first, with memoisation: once all schedules
 * from a state have been walked, the state remembers how many of them end in each outcome, and any
 * other schedule that reaches the same state adds those counts instead of walking them again. The
 * state graph has no cycles (every step moves a lane forward through a finite program), so this
 * counts every distinct schedule exactly once while visiting each state once.
 *
 * <p>The walk uses its own stack, not recursion, so long programs cannot overflow the thread's
 * stack; it stops cleanly at a limit of states or time, or when cancelled.
 */
public final class Explorer {
    /**
     * How far an exploration may go.
     *
     * @param maxStates distinct states, at most
     * @param maxTime   wall time, at most
     */
    public record Limits(long maxStates, Duration maxTime) {
        public static final Limits DEFAULT = new Limits(2_000_000, Duration.ofSeconds(30));

        public Limits {
            if (maxStates < 1 || maxTime.isNegative() || maxTime.isZero()) {
                throw new IllegalArgumentException("exploration limits must be positive");
            }
        }
    }

    private final StepModel model;
    private final Limits limits;
    private final BooleanSupplier cancelled;

    private final Map<StepState, long[]> done = new HashMap<>();
    private final Map<String, Integer> outcomeIds = new HashMap<>();
    private final List<Found> found = new ArrayList<>();
    private long transitions;

    /** An outcome as first found, before its count is known. */
    private record Found(ExploredOutcome.Kind kind, StepState state, Grade grade, String text, Deadlock deadlock,
                         List<Integer> schedule) {}

    /** A state on the walk's stack: the lanes it can move, the next one to try, the counts so far. */
    private static final class Frame {
        final StepState state;
        final int[] moves;
        int next;
        long[] counts = new long[0];

        Frame(StepState state, int[] moves) {
            this.state = state;
            this.moves = moves;
        }
    }

    public Explorer(StepModel model, Limits limits, BooleanSupplier cancelled) {
        this.model = model;
        this.limits = limits;
        this.cancelled = cancelled;
    }

    /** Explores with the default limits and no way to cancel. */
    public static ExploreResult explore(StepModel model) {
        return new Explorer(model, Limits.DEFAULT, () -> false).run();
    }

    public ExploreResult run() {
        long start = System.nanoTime();
        long deadline = start + limits.maxTime().toNanos();
        StepState initial = model.initial();
        int[] path = new int[64];
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        long[] rootCounts;
        String stop = null;
        int[] rootMoves = model.movable(initial);
        if (rootMoves.length == 0) {
            rootCounts = unit(classify(initial, path, 0));
        } else {
            stack.push(new Frame(initial, rootMoves));
            rootCounts = null;
        }
        long ticks = 0;
        while (!stack.isEmpty()) {
            if ((++ticks & 1023) == 0) {
                if (done.size() + stack.size() >= limits.maxStates()) {
                    stop = String.format(Locale.ROOT, "the limit of %,d states", limits.maxStates());
                } else if (System.nanoTime() > deadline) {
                    stop = "the time limit of " + seconds(limits.maxTime().toNanos());
                } else if (cancelled.getAsBoolean()) {
                    stop = "a request to stop";
                }
                if (stop != null) {
                    break;
                }
            }
            Frame f = stack.peek();
            if (f.next < f.moves.length) {
                int lane = f.moves[f.next++];
                StepState child = model.next(f.state, lane);
                transitions++;
                long[] known = done.get(child);
                if (known != null) {
                    f.counts = add(f.counts, known);
                    continue;
                }
                int depth = stack.size() - 1;
                if (depth >= path.length) {
                    path = Arrays.copyOf(path, path.length * 2);
                }
                path[depth] = lane;
                int[] moves = model.movable(child);
                if (moves.length == 0) {
                    long[] leaf = unit(classify(child, path, depth + 1));
                    done.put(child, leaf);
                    f.counts = add(f.counts, leaf);
                } else {
                    stack.push(new Frame(child, moves));
                }
            } else {
                stack.pop();
                done.put(f.state, f.counts);
                if (stack.isEmpty()) {
                    rootCounts = f.counts;
                } else {
                    stack.peek().counts = add(stack.peek().counts, f.counts);
                }
            }
        }
        boolean complete = stop == null;
        List<ExploredOutcome> outcomes = new ArrayList<>();
        long total = 0;
        for (int id = 0; id < found.size(); id++) {
            Found o = found.get(id);
            long count = !complete ? -1 : id < rootCounts.length ? rootCounts[id] : 0;
            total = complete ? saturatedAdd(total, count) : -1;
            outcomes.add(new ExploredOutcome(o.kind(), model.shared(o.state()), o.grade(), o.text(), o.deadlock(),
                    count, o.schedule()));
        }
        return new ExploreResult(outcomes, done.size() + stack.size(), transitions, complete, stop,
                complete ? total : -1, System.nanoTime() - start);
    }

    /** Which outcome a state where nobody can move is; records it, with its schedule, when new. */
    private int classify(StepState s, int[] path, int length) {
        String key;
        ExploredOutcome.Kind kind;
        Grade grade;
        String text;
        Deadlock deadlock = null;
        Optional<Deadlock> d = model.deadlock(s);
        List<String> failures = new ArrayList<>();
        for (int lane = 0; lane < s.laneCount(); lane++) {
            if (model.failure(s, lane) != null) {
                failures.add(model.lanes().get(lane).name() + ": " + model.failure(s, lane));
            }
        }
        if (d.isPresent()) {
            deadlock = d.get();
            kind = ExploredOutcome.Kind.DEADLOCK;
            key = "deadlock " + deadlock.key();
            grade = Grade.NOT_GRADED;
            text = "Deadlock: " + deadlock.describe() + ".";
        } else if (!failures.isEmpty()) {
            kind = ExploredOutcome.Kind.FAILED;
            key = "failed " + failures;
            grade = Grade.NOT_GRADED;
            text = String.join("; ", failures);
        } else {
            kind = ExploredOutcome.Kind.COMPLETED;
            key = "values " + Arrays.toString(s.sharedValues());
            Optional<Outcome> o = model.outcome(s);
            grade = o.map(Outcome::grade).orElse(Grade.UNEXPECTED);
            text = o.map(x -> x.text().strip()).orElse("no outcome of the lesson matches this final state");
        }
        Integer id = outcomeIds.get(key);
        if (id == null) {
            id = found.size();
            outcomeIds.put(key, id);
            List<Integer> schedule = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                schedule.add(path[i]);
            }
            found.add(new Found(kind, s, grade, text, deadlock, schedule));
        }
        return id;
    }

    private static long[] unit(int id) {
        long[] c = new long[id + 1];
        c[id] = 1;
        return c;
    }

    private static long[] add(long[] into, long[] more) {
        long[] out = into.length >= more.length ? into : Arrays.copyOf(into, more.length);
        for (int i = 0; i < more.length; i++) {
            out[i] = saturatedAdd(out[i], more[i]);
        }
        return out;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r; // counts are never negative; a wrap means "very many"
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}

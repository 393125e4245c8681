package org.threadlab.engine.challenge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threadlab.engine.step.StepModel;
import org.threadlab.engine.step.StepSession;
import org.threadlab.engine.step.StepState;

/**
 * Searches every schedule of a challenge, breadth first, for the shortest win: the fewest steps,
 * and of those the fewest switches from one worker to another. Equal states reached by different
 * schedules are searched once (per last worker, which decides the switches). If the whole state
 * space is searched without a win, the challenge is proved impossible.
 */
public final class Solver {
    /** A win is searched among at most this many states by default (a challenge is small by design). */
    public static final long DEFAULT_MAX_STATES = 2_000_000;
    public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(20);

    /** What the search found. */
    public enum Verdict {
        /** A winning schedule within the budget. */
        WINNABLE,
        /** Every schedule searched: none wins. */
        IMPOSSIBLE,
        /** Wins exist, but the shortest takes more steps than the budget allows. */
        OVER_BUDGET,
        /** The search stopped at its limit before finding a win or searching everything. */
        UNKNOWN
    }

    /**
     * @param verdict  see {@link Verdict}
     * @param schedule the shortest win's lanes, one per step (empty unless a win was found)
     * @param text     that schedule as moves, {@code A.read B.read ...}
     * @param switches how often the shortest win changes worker
     * @param states   distinct states searched
     * @param stop     why the search stopped early, or {@code ""}
     */
    public record Solution(Verdict verdict, List<Integer> schedule, String text, int switches, long states, String stop) {
        public Solution {
            schedule = List.copyOf(schedule);
        }

        /** Steps of the shortest win. */
        public int moves() {
            return schedule.size();
        }
    }

    private final Goal goal;
    private final long maxStates;
    private final Duration maxTime;

    public Solver(Goal goal, long maxStates, Duration maxTime) {
        this.goal = goal;
        this.maxStates = maxStates;
        this.maxTime = maxTime;
    }

    public static Solution solve(Goal goal) {
        return new Solver(goal, DEFAULT_MAX_STATES, DEFAULT_MAX_TIME).run();
    }

    /** A state and the worker that took the step into it (-1 at the start). */
    private record Key(StepState state, int last) {}

    /** How a key was first reached: from which key, by which worker, with how many switches. */
    private record Reached(Key from, int lane, int switches) {}

    public Solution run() {
        StepModel model = goal.model();
        long deadline = System.nanoTime() + maxTime.toNanos();
        Key start = new Key(model.initial(), -1);
        Map<Key, Reached> seen = new HashMap<>();
        seen.put(start, new Reached(null, -1, 0));
        List<Key> layer = List.of(start);
        long distinct = 1;
        Map<StepState, Boolean> states = new HashMap<>();
        states.put(start.state(), Boolean.TRUE);
        Key best = goal.holds(start.state()) ? start : null;
        String stop = "";
        while (best == null && !layer.isEmpty()) {
            // the next layer, each key with the fewest switches among the ways into it
            Map<Key, Reached> next = new LinkedHashMap<>();
            for (Key k : layer) {
                if (goal.over(k.state())) {
                    continue;
                }
                int switches = seen.get(k).switches();
                for (int lane : model.movable(k.state())) {
                    Key child = new Key(model.next(k.state(), lane), lane);
                    if (seen.containsKey(child)) {
                        continue;
                    }
                    int s = switches + (k.last() >= 0 && k.last() != lane ? 1 : 0);
                    Reached r = next.get(child);
                    if (r == null || s < r.switches()) {
                        next.put(child, new Reached(k, lane, s));
                    }
                }
            }
            seen.putAll(next);
            for (var e : next.entrySet()) {
                if (states.putIfAbsent(e.getKey().state(), Boolean.TRUE) == null) {
                    distinct++;
                }
                if (goal.holds(e.getKey().state())
                        && (best == null || e.getValue().switches() < seen.get(best).switches())) {
                    best = e.getKey();
                }
            }
            layer = new ArrayList<>(next.keySet());
            if (best == null && seen.size() > maxStates) {
                stop = String.format(Locale.ROOT, "the limit of %,d states", maxStates);
                break;
            }
            if (best == null && System.nanoTime() > deadline) {
                stop = "the time limit of " + maxTime.toSeconds() + " s";
                break;
            }
        }
        if (best == null) {
            return new Solution(stop.isEmpty() ? Verdict.IMPOSSIBLE : Verdict.UNKNOWN, List.of(), "", 0, distinct, stop);
        }
        List<Integer> schedule = new ArrayList<>();
        for (Key k = best; seen.get(k).from() != null; k = seen.get(k).from()) {
            schedule.add(seen.get(k).lane());
        }
        Collections.reverse(schedule);
        StepSession replay = new StepSession(model);
        replay.play(schedule);
        int budget = goal.challenge().budget();
        Verdict verdict = budget > 0 && schedule.size() > budget ? Verdict.OVER_BUDGET : Verdict.WINNABLE;
        return new Solution(verdict, schedule, replay.scheduleText(), seen.get(best).switches(), distinct, "");
    }
}

package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lost updates in the steps taken so far. Each value a shared variable holds carries the set
 * of updates (plain writes and atomic increments) it reflects; a lane's read remembers the value
 * it saw. A write stores what the writer saw plus its own update, so the updates that were in
 * memory and are not in the written value are destroyed by that write: the writer never saw them.
 *
 * <p>A write by a lane that never read the variable is not a read, modify and write: it destroys
 * nothing. An atomic increment reads and writes in one step, so it sees every update before it;
 * a later plain write can still destroy it. Locks need no rule of their own: under a lock nobody
 * updates between a read and its write. An update destroyed once can come back: a lane that read
 * it before the destroying write writes it back with its own. So the count of lost updates is
 * what memory is missing now, not the sum of the updates each write destroyed.
 *
 * <p>A pure function of the history, so it follows undo for free.
 *
 * @param writes  the writes that destroyed updates, in order
 * @param missing how many updates are missing from shared memory now: counted over every variable,
 *                each update once (for a counter, how far it is short of the increments made)
 */
public record LostUpdates(List<LostUpdate> writes, int missing) {
    public static final LostUpdates NONE = new LostUpdates(List.of(), 0);

    public LostUpdates {
        writes = List.copyOf(writes);
    }

    /** Finds the lost updates in a history of steps. */
    public static LostUpdates of(List<StepResult> history) {
        Map<Integer, BitSet> memory = new HashMap<>(); // variable -> the updates its value reflects
        Map<Integer, BitSet> made = new HashMap<>(); // variable -> every update made to it
        Map<Long, BitSet> seen = new HashMap<>(); // (lane, variable) -> the updates in the value it last read
        Map<Long, Long> seenValue = new HashMap<>();
        List<LostUpdate.Update> updates = new ArrayList<>(); // by update number: the step number is i + 1
        List<LostUpdate> out = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            StepResult r = history.get(i);
            int v = r.variable();
            if (v < 0) {
                updates.add(null);
                continue;
            }
            BitSet now = memory.computeIfAbsent(v, k -> new BitSet());
            long key = ((long) r.lane() << 32) | v;
            switch (r.kind()) {
                case "read" -> {
                    seen.put(key, (BitSet) now.clone());
                    seenValue.put(key, r.value());
                    updates.add(null);
                }
                case "increment" -> {
                    updates.add(new LostUpdate.Update(i + 1, r.lane(), r.value(), true));
                    now.set(i);
                    made.computeIfAbsent(v, k -> new BitSet()).set(i);
                    seen.put(key, (BitSet) now.clone());
                    seenValue.put(key, r.value());
                }
                case "write" -> {
                    updates.add(new LostUpdate.Update(i + 1, r.lane(), r.value(), false));
                    made.computeIfAbsent(v, k -> new BitSet()).set(i);
                    BitSet base = seen.get(key);
                    BitSet written = (BitSet) (base == null ? now : base).clone();
                    written.set(i);
                    BitSet destroyed = (BitSet) now.clone();
                    destroyed.andNot(written);
                    if (!destroyed.isEmpty()) {
                        out.add(new LostUpdate(i + 1, r.lane(), v, r.value(), seenValue.get(key),
                                destroyed.stream().mapToObj(updates::get).toList()));
                    }
                    memory.put(v, written);
                    seen.put(key, (BitSet) written.clone()); // it knows the value it just wrote
                    seenValue.put(key, r.value());
                }
                default -> updates.add(null);
            }
        }
        int missing = 0;
        for (var e : made.entrySet()) {
            BitSet gone = (BitSet) e.getValue().clone();
            gone.andNot(memory.get(e.getKey()));
            missing += gone.cardinality();
        }
        return new LostUpdates(out, missing);
    }
}

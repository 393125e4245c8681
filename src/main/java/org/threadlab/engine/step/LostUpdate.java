package org.threadlab.engine.step;

import java.util.ArrayList;
import java.util.List;

/**
 * A write that wiped out an update the writer never saw: the writing lane read the variable, then
 * another lane changed it, then the writer stored a value computed from its old read. The other
 * lane's update is gone from memory for good, which is exactly how a counter ends short.
 *
 * @param step      the number of the destroying write in the steps taken (1 for the first step)
 * @param lane      the lane that wrote
 * @param variable  the shared variable, by number
 * @param written   the value it wrote
 * @param readValue the value it had read, before the updates it destroyed
 * @param destroyed the updates that were in memory before the write and are not in the value
 *                  written, oldest first
 */
public record LostUpdate(int step, int lane, int variable, long written, long readValue, List<Update> destroyed) {
    public LostUpdate {
        destroyed = List.copyOf(destroyed);
        if (destroyed.isEmpty()) {
            throw new IllegalArgumentException("a lost update destroys at least one update");
        }
    }

    /**
     * One update to a shared variable: a plain write or an atomic increment.
     *
     * @param step   its number in the steps taken (1 for the first step)
     * @param lane   the lane that made it
     * @param value  the value it left in the variable
     * @param atomic whether it was an atomic increment (one step) rather than a plain write
     */
    public record Update(int step, int lane, long value, boolean atomic) {}

    /**
     * The sentence a learner reads at the step: {@code B's write of 1 to counter destroyed A's
     * update: B read 0 before A wrote 1}.
     */
    public String describe(StepModel model) {
        String writer = model.lanes().get(lane).label();
        String variableName = model.compiled().variables().get(variable);
        List<String> owners = new ArrayList<>();
        List<String> happened = new ArrayList<>();
        for (Update u : destroyed) {
            String who = model.lanes().get(u.lane()).label();
            if (!owners.contains(who + "'s")) {
                owners.add(who + "'s");
            }
            happened.add(who + (u.atomic() ? " incremented it to " : " wrote ") + u.value());
        }
        return writer + "'s write of " + written + " to " + variableName + " destroyed " + and(owners)
                + (destroyed.size() == 1 ? " update" : " updates") + ": " + writer + " read " + readValue + " before "
                + and(happened);
    }

    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}

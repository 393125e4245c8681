package org.threadlab.engine.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.threadlab.engine.program.Op;

/**
 * One worker's program as stress plays it millions of times: the same ops as {@link Op}, written out
 * as numbers in one {@code int} array, so that a trial is a loop over an array and a switch on an
 * {@code int}, which the JIT turns into a jump table.
 *
 * <p>Why not play the {@link Op} records themselves: a switch over a sealed interface's records
 * tests the record types one after the other, and every {@link Op.Value} is a call through an
 * interface. Measured on the smallest race (issue 18), that interpreter ran about 150 ns per trial,
 * a hand-written loop over an {@code int} array 20 to 35 ns. The memory the trial touches, plain
 * loads and stores and real locks, is the same either way.
 *
 * <p>Each instruction takes {@link #WIDTH} ints: the operation, then up to four operands. Jumps name
 * an instruction's first int. Numbers known when compiling sit in {@link #constants()}; any other
 * value (a local, a formula) in {@link #values()}, evaluated as the live engine does. Lock numbers
 * are renumbered densely over the locks the workers take ({@code lockIndex}).
 *
 * @param code      the instructions, {@link #WIDTH} ints each
 * @param constants numbers the instructions name by index
 * @param values    values the instructions name by index
 */
record TrialCode(int[] code, long[] constants, Op.Value[] values) {
    static final int WIDTH = 5;

    /** Reads a shared variable into a local: variable, local. */
    static final int READ = 0;
    /** Adds a constant to a local: local, constant index. */
    static final int ADD_CONSTANT = 1;
    /** Adds a value to a local: local, value index. */
    static final int ADD_VALUE = 2;
    /** Writes a local to a shared variable: variable, local. */
    static final int WRITE = 3;
    /** Adds to a shared variable in one atomic instruction: variable, value index. */
    static final int ATOMIC_ADD = 4;
    /** Takes a lock: lock index. */
    static final int LOCK = 5;
    /** Lets a lock go: lock index. */
    static final int UNLOCK = 6;
    /** Ends the program. */
    static final int RETURN = 7;
    /** Starts a loop: value index of the times, counter local, local of the round number or -1, exit. */
    static final int REPEAT_START = 8;
    /** Ends a round: counter local, local of the round number or -1, body. */
    static final int REPEAT_END = 9;
    /** Goes on if the value is not 0, else jumps: value index, target. */
    static final int BRANCH = 10;
    /** Jumps: target. */
    static final int JUMP = 11;

    /**
     * Writes out a program; {@code lockIndex} maps the lesson's lock numbers to the dense numbers of the
     * trial locks. Ops stress cannot repeat throw (refused earlier, by {@link Stress#unsupported}).
     */
    static TrialCode of(Op[] ops, Map<Integer, Integer> lockIndex) {
        int[] code = new int[(ops.length + 1) * WIDTH];
        List<Long> constants = new ArrayList<>();
        List<Op.Value> values = new ArrayList<>();
        for (int i = 0; i < ops.length; i++) {
            int[] ins = switch (ops[i]) {
                case Op.Read r -> new int[] {READ, r.variable(), r.local()};
                case Op.Add a when a.value() instanceof Op.Const c -> new int[] {ADD_CONSTANT, a.local(), add(constants, c.value())};
                case Op.Add a -> new int[] {ADD_VALUE, a.local(), add(values, a.value())};
                case Op.Write w -> new int[] {WRITE, w.variable(), w.local()};
                case Op.AtomicAdd a -> new int[] {ATOMIC_ADD, a.variable(), add(values, a.by())};
                case Op.Lock l -> new int[] {LOCK, lockIndex.get(l.lock())};
                case Op.Unlock u -> new int[] {UNLOCK, lockIndex.get(u.lock())};
                case Op.Return r -> new int[] {RETURN};
                case Op.RepeatStart r -> new int[] {REPEAT_START, add(values, r.times()), r.counter(), r.as(), r.exit() * WIDTH};
                case Op.RepeatEnd r -> new int[] {REPEAT_END, r.counter(), r.as(), r.body() * WIDTH};
                case Op.Branch b -> new int[] {BRANCH, add(values, b.test()), b.otherwise() * WIDTH};
                case Op.Jump j -> new int[] {JUMP, j.target() * WIDTH};
                default -> throw new IllegalArgumentException("stress cannot repeat " + ops[i]);
            };
            System.arraycopy(ins, 0, code, i * WIDTH, ins.length);
        }
        code[ops.length * WIDTH] = RETURN; // running off the end, or a jump to it, ends the program
        return new TrialCode(code, constants.stream().mapToLong(Long::longValue).toArray(), values.toArray(Op.Value[]::new));
    }

    private static <T> int add(List<T> pool, T item) {
        pool.add(item);
        return pool.size() - 1;
    }
}

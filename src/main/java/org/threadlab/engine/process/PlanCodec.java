package org.threadlab.engine.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.program.Task;
import org.threadlab.lesson.Expr;
import org.threadlab.lesson.SharedState;
import org.threadlab.lesson.Step;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * Writes a compiled {@link Plan} and the lesson's {@link SharedState} in the process protocol's
 * binary form, and reads them back in a child. A child used to get the lesson's YAML and parse,
 * check and compile it again; in a fresh JVM that took about 25 ms, most of a child's start-up
 * after the JVM itself. The plan is data only (ops, their step numbers, expression trees), run by
 * the same interpreter, so a child still runs nothing but what the step language says.
 *
 * <p>Reading checks every count, index and tag, so a damaged job is refused with a message
 * instead of running something else.
 */
final class PlanCodec {
    /** Bounds for the counts read, far above what a lesson within {@link org.threadlab.lesson.Limits} compiles to. */
    private static final int MAX_ITEMS = 1 << 20;
    private static final int MAX_EXPR_DEPTH = 200;

    private PlanCodec() {}

    // ------------------------------------------------------------------ shared state

    static void writeShared(DataOutputStream out, SharedState s) throws IOException {
        writeLongs(out, s.variables());
        writeStrings(out, s.locks());
        writeStrings(out, s.processShared());
        writeLongs(out, s.semaphores());
        writeLongs(out, s.queues());
        writeStrings(out, List.copyOf(s.conditions().keySet()));
        writeStrings(out, List.copyOf(s.conditions().values()));
        writeStrings(out, List.copyOf(s.readWriteLocks().keySet()));
        writeStrings(out, s.readWriteLocks().values().stream().map(org.threadlab.lesson.ReadWritePolicy::label).toList());
    }

    static SharedState readShared(DataInputStream in) throws IOException {
        var variables = readLongs(in);
        var locks = readStrings(in);
        var processShared = readStrings(in);
        var semaphores = readLongs(in);
        var queues = readLongs(in);
        List<String> conditionNames = readStrings(in);
        List<String> conditionLocks = readStrings(in);
        if (conditionNames.size() != conditionLocks.size()) {
            throw new IOException(conditionNames.size() + " conditions but " + conditionLocks.size() + " locks for them");
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        for (int i = 0; i < conditionNames.size(); i++) {
            conditions.put(conditionNames.get(i), conditionLocks.get(i));
        }
        List<String> readWriteNames = readStrings(in);
        List<String> readWriteKinds = readStrings(in);
        if (readWriteNames.size() != readWriteKinds.size()) {
            throw new IOException(readWriteNames.size() + " read-write locks but " + readWriteKinds.size() + " kinds");
        }
        Map<String, org.threadlab.lesson.ReadWritePolicy> readWriteLocks = new LinkedHashMap<>();
        for (int i = 0; i < readWriteNames.size(); i++) {
            var kind = org.threadlab.lesson.ReadWritePolicy.of(readWriteKinds.get(i));
            if (kind == null) {
                throw new IOException("unknown kind of read-write lock '" + readWriteKinds.get(i) + "'");
            }
            readWriteLocks.put(readWriteNames.get(i), kind);
        }
        return new SharedState(variables, locks, processShared, semaphores, queues, conditions, readWriteLocks);
    }

    // ------------------------------------------------------------------ plan

    static void writePlan(DataOutputStream out, Plan plan) throws IOException {
        out.writeInt(plan.steps().size());
        for (StepInfo s : plan.steps()) {
            out.writeInt(s.index());
            writeString(out, s.kind());
            writeString(out, s.label());
            writeString(out, s.worker());
            writeNullable(out, s.mark());
            out.writeInt(s.line());
        }
        out.writeInt(plan.tasks().size());
        for (Task t : plan.tasks()) {
            writeString(out, t.name());
            out.writeInt(t.copy());
            writeProgram(out, t.program());
        }
        out.writeInt(plan.main().size());
        for (Program p : plan.main()) {
            writeProgram(out, p);
        }
        out.writeBoolean(plan.downloads());
    }

    static Plan readPlan(DataInputStream in) throws IOException {
        int n = count(in);
        List<StepInfo> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepInfo s = new StepInfo(in.readInt(), readString(in), readString(in), readString(in), readNullable(in),
                    in.readInt());
            if (s.index() != i) {
                throw new IOException("step " + i + " is numbered " + s.index());
            }
            steps.add(s);
        }
        n = count(in);
        List<Task> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            int copy = in.readInt();
            tasks.add(new Task(name, readProgram(in, steps.size()), copy));
        }
        n = count(in);
        List<Program> main = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            main.add(readProgram(in, steps.size()));
        }
        return new Plan(List.copyOf(tasks), List.copyOf(main), List.copyOf(steps), in.readBoolean());
    }

    private static void writeProgram(DataOutputStream out, Program p) throws IOException {
        writeString(out, p.worker());
        writeStrings(out, p.localNames());
        out.writeInt(p.copySlot());
        out.writeInt(p.ops().length);
        for (Op op : p.ops()) {
            writeOp(out, op);
        }
    }

    private static Program readProgram(DataInputStream in, int stepCount) throws IOException {
        String worker = readString(in);
        List<String> locals = readStrings(in);
        int copySlot = in.readInt();
        if (copySlot < 0 || copySlot >= locals.size()) {
            throw new IOException("copy slot " + copySlot + " outside " + locals.size() + " locals");
        }
        Op[] ops = new Op[count(in)];
        Bounds b = new Bounds(stepCount, locals.size(), ops.length);
        for (int i = 0; i < ops.length; i++) {
            ops[i] = readOp(in, b);
        }
        return new Program(worker, ops, locals, copySlot);
    }

    /** What indices in a program's ops may point at. */
    private record Bounds(int steps, int locals, int ops) {
        int step(int v) throws IOException {
            return check(v, steps, "step");
        }

        int local(int v) throws IOException {
            return check(v, locals, "local slot");
        }

        /** A local slot, or -1 for none (a download that keeps no count, a repeat without {@code as}). */
        int optionalLocal(int v) throws IOException {
            return v == -1 ? v : local(v);
        }

        int jump(int v) throws IOException {
            return check(v, ops + 1, "jump target");
        }

        /** A lock, semaphore, queue or variable index; the interpreter's arrays are sized by the shared state. */
        int index(int v) throws IOException {
            return check(v, MAX_ITEMS, "index");
        }

        private static int check(int v, int limit, String what) throws IOException {
            if (v < 0 || v >= limit) {
                throw new IOException(what + " " + v + " out of range 0.." + (limit - 1));
            }
            return v;
        }
    }

    // one tag per op kind; a new kind needs a new tag on both sides, or the switches below do not compile
    private static final int READ = 1, ADD = 2, WRITE = 3, ATOMIC_ADD = 4, COMPUTE = 5, SLEEP = 6, DOWNLOAD = 7,
            PRINT = 8, LOCK = 9, UNLOCK = 10, RETURN = 11, ACQUIRE = 12, RELEASE = 13, PUT = 14, TAKE = 15,
            REPEAT_START = 16, REPEAT_END = 17, WAIT = 18, NOTIFY = 19, SPIN = 20;
    // an if's branch ops: numbered apart from the others so that new kinds added beside 19 never meet them
    private static final int BRANCH = 40, JUMP = 41;

    private static void writeOp(DataOutputStream out, Op op) throws IOException {
        switch (op) {
            case Op.Read r -> ints(out, READ, r.step(), r.variable(), r.local());
            case Op.Add a -> {
                ints(out, ADD, a.step(), a.local());
                writeValue(out, a.value());
            }
            case Op.Write w -> ints(out, WRITE, w.step(), w.variable(), w.local());
            case Op.AtomicAdd a -> {
                ints(out, ATOMIC_ADD, a.step(), a.variable());
                writeValue(out, a.by());
            }
            case Op.Compute c -> {
                ints(out, COMPUTE, c.step(), c.function().ordinal(), c.into());
                writeValue(out, c.a());
                writeValue(out, c.b());
            }
            case Op.Sleep s -> {
                ints(out, SLEEP, s.step());
                writeValue(out, s.millis());
            }
            case Op.Download d -> {
                ints(out, DOWNLOAD, d.step(), d.into());
                writeValue(out, d.latencyMillis());
                writeValue(out, d.bytes());
            }
            case Op.Print p -> {
                ints(out, PRINT, p.step(), p.text().length, p.slots().length);
                for (String t : p.text()) {
                    writeString(out, t);
                }
                for (int slot : p.slots()) {
                    out.writeInt(slot);
                }
            }
            case Op.Lock l -> ints(out, LOCK, l.step(), l.lock());
            case Op.Unlock u -> ints(out, UNLOCK, u.step(), u.lock());
            case Op.Return r -> {
                ints(out, RETURN, r.step());
                writeValue(out, r.value());
            }
            case Op.Acquire a -> ints(out, ACQUIRE, a.step(), a.semaphore());
            case Op.Release r -> ints(out, RELEASE, r.step(), r.semaphore());
            case Op.Put p -> {
                ints(out, PUT, p.step(), p.queue());
                writeValue(out, p.value());
            }
            case Op.Take t -> ints(out, TAKE, t.step(), t.queue(), t.into());
            case Op.RepeatStart r -> {
                ints(out, REPEAT_START, r.counter(), r.as(), r.exit());
                writeValue(out, r.times());
            }
            case Op.RepeatEnd r -> ints(out, REPEAT_END, r.counter(), r.as(), r.body());
            case Op.Branch br -> {
                ints(out, BRANCH, br.otherwise());
                writeValue(out, br.test());
                writeString(out, br.condition());
            }
            case Op.Jump j -> ints(out, JUMP, j.target());
            // the checker keeps conditions out of the process modes; encoded anyway so every op round-trips
            case Op.Wait w -> {
                ints(out, WAIT, w.step(), w.condition(), w.lock());
                writeUntil(out, w.until());
            }
            case Op.Notify n -> ints(out, NOTIFY, n.step(), n.condition(), n.all() ? 1 : 0);
            case Op.Spin sp -> {
                ints(out, SPIN, sp.step(), sp.variable(), sp.isVolatile() ? 1 : 0);
                writeString(out, sp.name());
            }
        }
    }

    private static void writeUntil(DataOutputStream out, Op.Until u) throws IOException {
        writeExpr(out, u.expr());
        out.writeInt(u.slots().size());
        for (var e : u.slots().entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue());
        }
        out.writeInt(u.variables().size());
        for (var e : u.variables().entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue());
        }
        writeLongs(out, u.params());
    }

    private static Op.Until readUntil(DataInputStream in, Bounds b) throws IOException {
        Expr e = readExpr(in, 0);
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int i = 0, n = count(in); i < n; i++) {
            slots.put(readString(in), b.local(in.readInt()));
        }
        Map<String, Integer> variables = new LinkedHashMap<>();
        for (int i = 0, n = count(in); i < n; i++) {
            variables.put(readString(in), b.index(in.readInt()));
        }
        Map<String, Long> params = readLongs(in);
        for (String name : e.names()) {
            if (!slots.containsKey(name) && !variables.containsKey(name) && !params.containsKey(name)) {
                throw new IOException("until '" + e.text() + "' names '" + name + "', which is not bound");
            }
        }
        return new Op.Until(e, slots, variables, params);
    }

    private static Op readOp(DataInputStream in, Bounds b) throws IOException {
        int tag = in.readInt();
        return switch (tag) {
            case READ -> new Op.Read(b.step(in.readInt()), b.index(in.readInt()), b.local(in.readInt()));
            case SPIN -> {
                int step = b.step(in.readInt());
                int variable = b.index(in.readInt());
                boolean isVolatile = in.readInt() != 0;
                yield new Op.Spin(step, variable, readString(in), isVolatile);
            }
            case ADD -> new Op.Add(b.step(in.readInt()), b.local(in.readInt()), readValue(in, b));
            case WRITE -> new Op.Write(b.step(in.readInt()), b.index(in.readInt()), b.local(in.readInt()));
            case ATOMIC_ADD -> new Op.AtomicAdd(b.step(in.readInt()), b.index(in.readInt()), readValue(in, b));
            case COMPUTE -> {
                int step = b.step(in.readInt());
                int f = in.readInt();
                Step.ComputeFunction[] all = Step.ComputeFunction.values();
                if (f < 0 || f >= all.length) {
                    throw new IOException("unknown compute function " + f);
                }
                int into = b.local(in.readInt());
                yield new Op.Compute(step, all[f], readValue(in, b), readValue(in, b), into);
            }
            case SLEEP -> new Op.Sleep(b.step(in.readInt()), readValue(in, b));
            case DOWNLOAD -> {
                int step = b.step(in.readInt());
                int into = b.optionalLocal(in.readInt());
                yield new Op.Download(step, readValue(in, b), readValue(in, b), into);
            }
            case PRINT -> {
                int step = b.step(in.readInt());
                String[] text = new String[count(in)];
                int[] slots = new int[count(in)];
                for (int i = 0; i < text.length; i++) {
                    text[i] = readString(in);
                }
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = b.local(in.readInt());
                }
                yield new Op.Print(step, text, slots);
            }
            case LOCK -> new Op.Lock(b.step(in.readInt()), b.index(in.readInt()));
            case UNLOCK -> new Op.Unlock(b.step(in.readInt()), b.index(in.readInt()));
            case RETURN -> new Op.Return(b.step(in.readInt()), readValue(in, b));
            case ACQUIRE -> new Op.Acquire(b.step(in.readInt()), b.index(in.readInt()));
            case RELEASE -> new Op.Release(b.step(in.readInt()), b.index(in.readInt()));
            case PUT -> new Op.Put(b.step(in.readInt()), b.index(in.readInt()), readValue(in, b));
            case TAKE -> new Op.Take(b.step(in.readInt()), b.index(in.readInt()), b.local(in.readInt()));
            case REPEAT_START -> {
                int counter = b.local(in.readInt());
                int as = b.optionalLocal(in.readInt());
                int exit = b.jump(in.readInt());
                yield new Op.RepeatStart(readValue(in, b), counter, as, exit);
            }
            case REPEAT_END -> {
                int counter = b.local(in.readInt());
                int as = b.optionalLocal(in.readInt());
                yield new Op.RepeatEnd(counter, as, b.jump(in.readInt()));
            }
            case BRANCH -> {
                int otherwise = b.jump(in.readInt());
                Op.Value test = readValue(in, b);
                yield new Op.Branch(test, otherwise, readString(in));
            }
            case JUMP -> new Op.Jump(b.jump(in.readInt()));
            case WAIT -> {
                int step = b.step(in.readInt());
                int condition = b.index(in.readInt());
                int lock = b.index(in.readInt());
                yield new Op.Wait(step, condition, lock, readUntil(in, b));
            }
            case NOTIFY -> {
                int step = b.step(in.readInt());
                int condition = b.index(in.readInt());
                int all = in.readInt();
                if (all != 0 && all != 1) {
                    throw new IOException("notify flag " + all + " is neither 0 nor 1");
                }
                yield new Op.Notify(step, condition, all == 1);
            }
            default -> throw new IOException("unknown op tag " + tag);
        };
    }

    // ------------------------------------------------------------------ values and expressions

    private static final int CONST = 1, LOCAL = 2, FORMULA = 3;
    private static final int NUM = 1, REF = 2, UNARY = 3, CALL = 4, BINARY = 5;

    private static void writeValue(DataOutputStream out, Op.Value v) throws IOException {
        switch (v) {
            case Op.Const c -> {
                out.writeByte(CONST);
                out.writeLong(c.value());
            }
            case Op.Local l -> {
                out.writeByte(LOCAL);
                out.writeInt(l.slot());
            }
            case Op.Formula f -> {
                out.writeByte(FORMULA);
                writeExpr(out, f.expr());
                // only the names this expression uses, bound as the parent bound them
                Map<String, Integer> slots = new LinkedHashMap<>();
                Map<String, Long> params = new LinkedHashMap<>();
                for (String name : f.expr().names()) {
                    if (f.slots().containsKey(name)) {
                        slots.put(name, f.slots().get(name));
                    } else if (f.params().containsKey(name)) {
                        params.put(name, f.params().get(name));
                    }
                }
                out.writeInt(slots.size());
                for (var e : slots.entrySet()) {
                    writeString(out, e.getKey());
                    out.writeInt(e.getValue());
                }
                writeLongs(out, params);
            }
        }
    }

    private static Op.Value readValue(DataInputStream in, Bounds b) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case CONST -> new Op.Const(in.readLong());
            case LOCAL -> new Op.Local(b.local(in.readInt()));
            case FORMULA -> {
                Expr e = readExpr(in, 0);
                int n = count(in);
                Map<String, Integer> slots = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    slots.put(readString(in), b.local(in.readInt()));
                }
                Map<String, Long> params = readLongs(in);
                for (String name : e.names()) {
                    if (!slots.containsKey(name) && !params.containsKey(name)) {
                        throw new IOException("formula '" + e.text() + "' names '" + name + "', which is not bound");
                    }
                }
                yield new Op.Formula(e, slots, params);
            }
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void writeExpr(DataOutputStream out, Expr e) throws IOException {
        switch (e) {
            case Expr.Num n -> {
                out.writeByte(NUM);
                out.writeLong(n.value());
            }
            case Expr.Ref r -> {
                out.writeByte(REF);
                writeString(out, r.name());
            }
            case Expr.Unary u -> {
                out.writeByte(UNARY);
                writeString(out, u.op());
                writeExpr(out, u.operand());
            }
            case Expr.Call c -> {
                out.writeByte(CALL);
                writeString(out, c.function());
                out.writeInt(c.args().size());
                for (Expr a : c.args()) {
                    writeExpr(out, a);
                }
            }
            case Expr.Binary b -> {
                out.writeByte(BINARY);
                writeString(out, b.op());
                writeExpr(out, b.left());
                writeExpr(out, b.right());
            }
        }
        writeString(out, e.text());
    }

    private static Expr readExpr(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_EXPR_DEPTH) {
            throw new IOException("expression nested deeper than " + MAX_EXPR_DEPTH);
        }
        int tag = in.readByte();
        try {
            return switch (tag) {
                case NUM -> {
                    long v = in.readLong();
                    yield new Expr.Num(v, readString(in));
                }
                case REF -> {
                    String name = readString(in);
                    yield new Expr.Ref(name, readString(in));
                }
                case UNARY -> {
                    String op = readString(in);
                    Expr operand = readExpr(in, depth + 1);
                    yield new Expr.Unary(op, operand, readString(in));
                }
                case CALL -> {
                    String f = readString(in);
                    int n = count(in);
                    List<Expr> args = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        args.add(readExpr(in, depth + 1));
                    }
                    yield new Expr.Call(f, List.copyOf(args), readString(in));
                }
                case BINARY -> {
                    String op = readString(in);
                    Expr left = readExpr(in, depth + 1);
                    Expr right = readExpr(in, depth + 1);
                    yield new Expr.Binary(op, left, right, readString(in));
                }
                default -> throw new IOException("unknown expression tag " + tag);
            };
        } catch (IllegalArgumentException e) {
            throw new IOException("bad expression: " + e.getMessage(), e); // e.g. a call of an unknown function
        }
    }

    // ------------------------------------------------------------------ small pieces

    private static void ints(DataOutputStream out, int... values) throws IOException {
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        ProcessProtocol.writeString(out, s);
    }

    private static String readString(DataInputStream in) throws IOException {
        return ProcessProtocol.readString(in);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString(in));
        }
        return out;
    }

    private static void writeLongs(DataOutputStream out, Map<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (var e : map.entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readLongs(DataInputStream in) throws IOException {
        int n = count(in);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(readString(in), in.readLong());
        }
        return out;
    }
}

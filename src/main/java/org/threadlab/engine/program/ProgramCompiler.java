package org.threadlab.engine.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.threadlab.lesson.Expr;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonChecker;
import org.threadlab.lesson.Step;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * Turns checked steps into flat {@link Program}s: blocks become jumps, an increment becomes its
 * read, add and write (or one atomic op), names become slots, and params become constants. Every
 * observable op gets a step number and a {@link StepInfo} the trace can name it by.
 */
final class ProgramCompiler {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, Long> params;
    private final List<String> variables;
    private final List<String> locks;
    private final List<String> semaphores;
    private final List<String> queues;
    private final List<String> conditions;
    private final Map<String, String> conditionLocks;
    private final List<StepInfo> steps = new ArrayList<>();

    ProgramCompiler(Lesson lesson, Map<String, Long> params) {
        this.params = params;
        this.variables = lesson.shared().variableNames();
        this.locks = lesson.shared().locks();
        this.semaphores = List.copyOf(lesson.shared().semaphores().keySet());
        this.queues = List.copyOf(lesson.shared().queues().keySet());
        this.conditions = List.copyOf(lesson.shared().conditions().keySet());
        this.conditionLocks = lesson.shared().conditions();
    }

    List<StepInfo> steps() {
        return steps;
    }

    Program compile(String worker, List<Step> body) {
        return compile(worker, body, body);
    }

    /** Compiles {@code body} with the local slots of {@code scope}, so parts of one body share locals. */
    Program compile(String worker, List<Step> body, List<Step> scope) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (String local : LessonChecker.locals(scope)) {
            slots.put(local, slots.size());
        }
        Unit unit = new Unit(worker, slots);
        unit.block(body);
        return new Program(worker, unit.ops.toArray(Op[]::new), List.copyOf(unit.slots.keySet()),
                slots.get(LessonChecker.COPY_LOCAL));
    }

    /** The compilation of one body. */
    private final class Unit {
        final String worker;
        final Map<String, Integer> slots;
        final List<Op> ops = new ArrayList<>();
        int loops;

        Unit(String worker, Map<String, Integer> slots) {
            this.worker = worker;
            this.slots = new LinkedHashMap<>(slots);
        }

        void block(List<Step> body) {
            for (Step s : body) {
                step(s);
            }
        }

        void step(Step s) {
            switch (s) {
                case Step.Read r -> ops.add(new Op.Read(info(s, "read", "read " + r.variable() + " -> " + r.into()),
                        variable(r.variable()), slot(r.into())));
                case Step.Add a -> ops.add(new Op.Add(info(s, "add", a.to() + " += " + a.value().text()),
                        slot(a.to()), value(a.value())));
                case Step.Write w -> ops.add(new Op.Write(info(s, "write", "write " + w.from() + " -> " + w.variable()),
                        variable(w.variable()), slot(w.from())));
                case Step.Increment i -> {
                    if (i.atomic()) {
                        ops.add(new Op.AtomicAdd(info(s, "increment", "atomic " + i.variable() + " += " + i.by().text()),
                                variable(i.variable()), value(i.by())));
                    } else {
                        i.expand().forEach(this::step);
                    }
                }
                case Step.Compute c -> ops.add(new Op.Compute(info(s, "compute", computeLabel(c)), c.function(),
                        value(c.a()), value(c.b()), slot(c.into())));
                case Step.Sleep sl -> ops.add(new Op.Sleep(info(s, "sleep", "sleep " + ms(sl.millis())), value(sl.millis())));
                case Step.Download d -> ops.add(new Op.Download(
                        info(s, "download", "download " + d.bytes().text() + " bytes (server waits "
                                + ms(d.latencyMillis()) + ")"),
                        value(d.latencyMillis()), value(d.bytes()), d.into().isEmpty() ? -1 : slot(d.into())));
                case Step.Print p -> print(p);
                case Step.Lock l -> ops.add(new Op.Lock(info(s, "lock", "lock " + l.lock()), lock(l.lock())));
                case Step.Unlock u -> ops.add(new Op.Unlock(info(s, "unlock", "unlock " + u.lock()), lock(u.lock())));
                case Step.WithLock w -> {
                    ops.add(new Op.Lock(info(s, "lock", "lock " + w.lock()), lock(w.lock())));
                    block(w.steps());
                    ops.add(new Op.Unlock(info(s, "unlock", "unlock " + w.lock()), lock(w.lock())));
                }
                case Step.RwLock l -> ops.add(new Op.Lock(info(s, l.kind(), sideLabel(l.kind(), l.lock())), lock(l.side())));
                case Step.RwUnlock u -> ops.add(new Op.Unlock(info(s, u.kind(), sideLabel(u.kind(), u.lock())),
                        lock(u.side())));
                case Step.WithRwLock w -> {
                    String side = w.write() ? "write" : "read";
                    ops.add(new Op.Lock(info(s, side + "-lock", sideLabel(side + "-lock", w.lock())), lock(w.side())));
                    block(w.steps());
                    ops.add(new Op.Unlock(info(s, side + "-unlock", sideLabel(side + "-unlock", w.lock())), lock(w.side())));
                }
                case Step.WithPermit w -> {
                    int sem = semaphores.indexOf(w.semaphore());
                    ops.add(new Op.Acquire(info(s, "acquire", "acquire a permit of " + w.semaphore()), sem));
                    block(w.steps());
                    ops.add(new Op.Release(info(s, "release", "release a permit of " + w.semaphore()), sem));
                }
                case Step.Put p -> ops.add(new Op.Put(info(s, "put", "put " + p.value().text() + " on " + p.queue()),
                        queues.indexOf(p.queue()), value(p.value())));
                case Step.Take t -> ops.add(new Op.Take(info(s, "take", "take from " + t.queue() + " -> " + t.into()),
                        queues.indexOf(t.queue()), slot(t.into())));
                case Step.Wait w -> ops.add(new Op.Wait(info(s, "wait", "wait on " + w.condition() + " until "
                        + w.until().text()), conditions.indexOf(w.condition()),
                        lock(conditionLocks.get(w.condition())), until(w.until())));
                case Step.Notify n -> ops.add(new Op.Notify(info(s, n.kind(), n.kind() + " " + n.condition()),
                        conditions.indexOf(n.condition()), n.all()));
                case Step.Repeat r -> repeat(r);
                case Step.If f -> ifStep(f);
                case Step.Return r -> ops.add(new Op.Return(info(s, "return", "return " + r.value().text()),
                        value(r.value())));
                case Step.Spin sp -> ops.add(new Op.Spin(info(s, "spin-until", "spin until " + sp.variable()
                        + (sp.isVolatile() ? " (volatile)" : "")), variable(sp.variable()), sp.variable(), sp.isVolatile()));
            }
        }

        private void repeat(Step.Repeat r) {
            int counter = slots.size();
            slots.put("#loop" + loops++, counter);
            int as = r.as().isEmpty() ? -1 : slot(r.as());
            int start = ops.size();
            ops.add(null); // patched once the exit is known
            block(r.steps());
            ops.add(new Op.RepeatEnd(counter, as, start + 1));
            ops.set(start, new Op.RepeatStart(value(r.times()), counter, as, ops.size()));
        }

        /** Branch over the then-steps to the else-steps; a then-branch followed by an else jumps past it. */
        private void ifStep(Step.If f) {
            int branch = ops.size();
            ops.add(null); // patched once the else-branch's start is known
            block(f.then());
            int jump = -1;
            if (!f.otherwise().isEmpty()) {
                jump = ops.size();
                ops.add(null);
            }
            ops.set(branch, new Op.Branch(value(f.condition()), ops.size(), f.condition().text()));
            block(f.otherwise());
            if (jump >= 0) {
                ops.set(jump, new Op.Jump(ops.size()));
            }
        }

        private void print(Step.Print p) {
            List<String> text = new ArrayList<>();
            List<Integer> used = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(p.text());
            int last = 0;
            StringBuilder constant = new StringBuilder();
            while (m.find()) {
                constant.append(p.text(), last, m.start());
                last = m.end();
                String name = m.group(1);
                if (slots.containsKey(name)) {
                    text.add(constant.toString());
                    constant.setLength(0);
                    used.add(slots.get(name));
                } else {
                    constant.append(params.get(name)); // the checker made sure it is a param
                }
            }
            constant.append(p.text().substring(last));
            text.add(constant.toString());
            ops.add(new Op.Print(info(p, "print", "print \"" + p.text() + "\""), text.toArray(String[]::new),
                    used.stream().mapToInt(Integer::intValue).toArray()));
        }

        private int info(Step s, String kind, String label) {
            int index = steps.size();
            steps.add(new StepInfo(index, kind, label, worker, s.mark(), s.pos().line()));
            return index;
        }

        private int slot(String local) {
            Integer slot = slots.get(local);
            if (slot == null) {
                throw new IllegalStateException("unchecked local " + local);
            }
            return slot;
        }

        private Op.Value value(Expr e) {
            boolean constant = e.names().stream().allMatch(n -> params.containsKey(n) && !slots.containsKey(n));
            if (constant) {
                return new Op.Const(e.eval(params::get));
            }
            return switch (e) {
                case Expr.Num n -> new Op.Const(n.value());
                case Expr.Ref r -> new Op.Local(slot(r.name()));
                // the slots map fills up as the body compiles; a formula looks its names up when run
                default -> new Op.Formula(e, slots, params);
            };
        }

        /** Binds each name of a wait's until: a local first, then a shared variable, then a param. */
        private Op.Until until(Expr e) {
            Map<String, Integer> locals = new LinkedHashMap<>();
            Map<String, Integer> shared = new LinkedHashMap<>();
            Map<String, Long> constants = new LinkedHashMap<>();
            for (String name : e.names()) {
                if (slots.containsKey(name)) {
                    locals.put(name, slots.get(name));
                } else if (variables.contains(name)) {
                    shared.put(name, variable(name));
                } else {
                    constants.put(name, params.get(name));
                }
            }
            return new Op.Until(e, locals, shared, constants);
        }

        /** e.g. {@code read-lock book}: the step as a learner would write it. */
        private String sideLabel(String kind, String readWriteLock) {
            return kind + " " + readWriteLock;
        }

        private String ms(Expr e) {
            return e instanceof Expr.Num n ? n.value() + " ms" : e.text() + " ms";
        }

        private String computeLabel(Step.Compute c) {
            return switch (c.function()) {
                case SUM_OF_SQUARES -> c.into() + " = sum of i*i for " + c.a().text() + " <= i < " + c.b().text();
                case POWER -> c.into() + " = " + c.a().text() + " ^ " + c.b().text();
            };
        }
    }

    private int variable(String name) {
        return variables.indexOf(name);
    }

    private int lock(String name) {
        return locks.indexOf(name);
    }
}

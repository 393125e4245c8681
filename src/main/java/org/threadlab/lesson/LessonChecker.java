package org.threadlab.lesson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a parsed lesson means, once per variant: every name refers to something declared,
 * locks are taken before they are released and released before a worker ends, marks exist in every
 * listing, and counts stay within {@link Limits}.
 */
public final class LessonChecker {
    /** The local every worker has: its copy number, 1, 2, ... */
    public static final String COPY_LOCAL = "copy";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final List<LessonProblem> problems;
    /** Whether the lesson being checked was already told that its read-write locks cannot run in processes. */
    private boolean readWriteModesReported;
    /** Whether the lesson being checked was already told that its conditions cannot run in processes. */
    private boolean conditionModesReported;

    LessonChecker(List<LessonProblem> problems) {
        this.problems = problems;
    }

    void check(Lesson lesson) {
        if (lesson.variants().isEmpty()) {
            checkResolved(lesson, lesson.params());
        } else {
            for (Variant v : lesson.variants()) {
                Lesson resolved = lesson.resolve(v.name());
                checkResolved(resolved, resolved.params());
            }
        }
        checkPrediction(lesson);
        lesson.challenges().forEach(c -> checkChallenge(lesson, c));
    }

    /**
     * A challenge names only what its variant has: shared variables and params in its goal, the
     * listing lines of its critical section, a worker count the lesson allows. Whether it can be won
     * is for exploration to prove ({@code engine.challenge}).
     */
    private void checkChallenge(Lesson lesson, Challenge c) {
        if (!c.variant().isEmpty() && lesson.variant(c.variant()).isEmpty()) {
            return; // the parser has said so
        }
        Lesson resolved = lesson.resolve(c.variant());
        String where = "challenge '" + c.id() + "': ";
        Set<String> names = new HashSet<>(resolved.params().keySet());
        names.addAll(lesson.stepping().params().keySet());
        names.addAll(resolved.shared().variables().keySet());
        for (String n : names) {
            if (Challenge.GOAL_NAMES.contains(n)) {
                problem(c.pos(), where + "the lesson has a variable or param called '" + n + "', which in a goal means "
                        + "something else; rename it");
            }
        }
        names.add(Challenge.DEADLOCK);
        if (!c.critical().isEmpty()) {
            names.add(Challenge.INSIDE);
        }
        for (String n : c.goal().names()) {
            if (!names.contains(n)) {
                problem(c.pos(), where + "the goal names '" + n + "', which is neither a shared variable nor a param"
                        + (n.equals(Challenge.INSIDE) ? "; 'inside' needs the critical section's lines, critical: [mark, ...]"
                                : Names.suggest(n, names) + "; a goal may also use 'deadlock'"
                                        + (c.critical().isEmpty() ? "" : " and 'inside'")));
            }
        }
        for (String p : c.params().keySet()) {
            if (!resolved.params().containsKey(p)) {
                problem(c.pos(), where + "no param '" + p + "' in variant '" + (c.variant().isEmpty()
                        ? lesson.defaultVariant() : c.variant()) + "'" + Names.suggest(p, resolved.params().keySet()));
            }
        }
        for (String mark : c.critical()) {
            for (Listing l : resolved.listings()) {
                if (!l.marks().containsKey(mark)) {
                    problem(c.pos(), where + "critical line '" + mark + "' is not a mark of the " + l.language()
                            + " listing" + Names.suggest(mark, l.marks().keySet()));
                }
            }
        }
        int workers = c.workers() == 0 ? resolved.run().workers() : c.workers();
        if (workers < resolved.run().minWorkers() || workers > resolved.run().maxWorkers()) {
            problem(c.pos(), where + "the lesson runs with " + resolved.run().minWorkers() + " to "
                    + resolved.run().maxWorkers() + " workers, not " + workers);
        }
        if (c.hints().isEmpty()) {
            problem(c.pos(), where + "give at least one hint (hints: [...]); a learner alone needs a way in");
        }
    }

    /** The prediction's {@code shows} names only params and shared variables of the variants it asks about. */
    private void checkPrediction(Lesson lesson) {
        Prediction p = lesson.prediction();
        if (p == null) {
            return;
        }
        if (p.shows() == null) {
            return;
        }
        List<String> variants = lesson.predictionVariants().isEmpty() ? List.of("") : lesson.predictionVariants();
        for (String variant : variants) {
            if (!variant.isEmpty() && lesson.variant(variant).isEmpty()) {
                continue; // the parser has said so
            }
            Lesson resolved = lesson.resolve(variant);
            Set<String> names = new HashSet<>(resolved.params().keySet());
            names.addAll(resolved.shared().variables().keySet());
            for (String n : p.shows().names()) {
                if (!names.contains(n)) {
                    problem(p.pos(), "'" + n + "' is neither a shared variable nor a param"
                            + (variant.isEmpty() ? "" : " of variant '" + variant + "'") + Names.suggest(n, names));
                }
            }
        }
    }

    /**
     * Problems with running a resolved lesson with these params (e.g. a {@code workers} given on
     * the command line): counts out of range and totals over the limits.
     */
    public static List<String> checkRun(Lesson resolved, Map<String, Long> params) {
        List<LessonProblem> found = new ArrayList<>();
        new LessonChecker(found).checkResolved(resolved, params);
        return found.stream().map(LessonProblem::format).toList();
    }

    /** Names of the locals a body gives a value to, plus {@link #COPY_LOCAL}. */
    public static Set<String> locals(List<Step> body) {
        Set<String> out = new LinkedHashSet<>();
        out.add(COPY_LOCAL);
        collectLocals(body, out);
        return out;
    }

    private static void collectLocals(List<Step> steps, Set<String> out) {
        for (Step s : steps) {
            switch (s) {
                case Step.Read r -> out.add(r.into());
                case Step.Add a -> out.add(a.to());
                case Step.Compute c -> out.add(c.into());
                case Step.Download d -> {
                    if (!d.into().isEmpty()) {
                        out.add(d.into());
                    }
                }
                case Step.Increment i -> {
                    if (!i.atomic()) {
                        out.add(i.local());
                    }
                }
                case Step.Repeat r -> {
                    if (!r.as().isEmpty()) {
                        out.add(r.as());
                    }
                    collectLocals(r.steps(), out);
                }
                case Step.WithLock w -> collectLocals(w.steps(), out);
                case Step.WithRwLock w -> collectLocals(w.steps(), out);
                case Step.If f -> {
                    collectLocals(f.then(), out);
                    collectLocals(f.otherwise(), out);
                }
                case Step.WithPermit w -> collectLocals(w.steps(), out);
                case Step.Take t -> out.add(t.into());
                default -> { }
            }
        }
    }

    private void checkResolved(Lesson lesson, Map<String, Long> params) {
        conditionModesReported = false;
        readWriteModesReported = false;
        long totalWorkers = 0;
        long totalSteps = 0;
        Set<String> laneNames = new HashSet<>();
        for (Worker w : lesson.workers()) {
            Long n = value(w.copies(), params, null, Set.of());
            long count = n == null ? 1 : Math.min(n, 100);
            for (long c = 1; c <= count; c++) {
                String lane = count > 1 ? w.name() + "-" + c : w.name();
                if (!laneNames.add(lane)) {
                    problem(w.pos(), "two workers would both be shown as '" + lane + "'; rename one");
                }
            }
        }
        for (Worker w : lesson.workers()) {
            Long copies = value(w.copies(), params, w.pos().withKey(w.pos().key() + ".copies"), Set.of());
            if (copies != null && copies < 0) {
                problem(w.pos(), "copies must not be negative; found " + copies);
            }
            long c = copies == null ? 0 : Math.max(0, copies);
            totalWorkers += c;
            Body body = new Body(lesson, params, w.steps());
            body.walk(w.steps(), new ArrayList<>(), w.pos());
            totalSteps = saturatingAdd(totalSteps, saturatingMultiply(c, body.executed(w.steps())));
        }
        List<Step> allOfMain = lesson.main().parts().stream().flatMap(List::stream).toList();
        for (List<Step> part : lesson.main().parts()) {
            if (part.isEmpty()) {
                continue;
            }
            Body body = new Body(lesson, params, allOfMain); // main's parts share their locals
            body.walk(part, new ArrayList<>(), part.get(0).pos());
            totalSteps = saturatingAdd(totalSteps, body.executed(part));
        }
        Pos top = lesson.workers().isEmpty() ? new Pos(lesson.source().toString(), 1, 1, "workers")
                : lesson.workers().get(0).pos();
        if (totalWorkers > Limits.MAX_WORKERS) {
            problem(top, "this run would start " + totalWorkers + " workers; the limit is " + Limits.MAX_WORKERS);
        }
        if (totalSteps > Limits.MAX_EXECUTED_STEPS) {
            problem(top, "this run would execute about " + totalSteps + " steps; the limit is "
                    + Limits.MAX_EXECUTED_STEPS + " (lower the repeat counts or workers)");
        }
        Set<String> outcomeNames = new HashSet<>(params.keySet());
        outcomeNames.addAll(lesson.shared().variables().keySet());
        for (Outcome o : lesson.outcomes()) {
            for (String n : o.when().names()) {
                if (!outcomeNames.contains(n)) {
                    problem(o.pos(), "'" + n + "' is neither a shared variable nor a param"
                            + Names.suggest(n, outcomeNames));
                }
            }
        }
    }

    /** The checks of one body of steps (a worker's, or main's). */
    private final class Body {
        private final Lesson lesson;
        private final Map<String, Long> params;
        private final Set<String> locals;
        private final Set<String> names = new HashSet<>();
        /** Locks taken by the with-lock blocks being walked: an unlock of one of them is a mistake. */
        private final List<String> blockLocks = new ArrayList<>();

        Body(Lesson lesson, Map<String, Long> params, List<Step> steps) {
            this.lesson = lesson;
            this.params = params;
            this.locals = locals(steps);
            names.addAll(params.keySet());
            names.addAll(locals);
            for (String local : locals) {
                if (params.containsKey(local) && !local.equals(COPY_LOCAL)) {
                    Pos at = steps.isEmpty() ? Pos.NONE : steps.get(0).pos();
                    problem(at, "local '" + local + "' has the name of a param, which it would hide; rename it");
                }
            }
        }

        void walk(List<Step> steps, List<String> held, Pos where) {
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                checkMark(s);
                switch (s) {
                    case Step.Read r -> variable(r.variable(), s.pos());
                    case Step.Spin sp -> variable(sp.variable(), s.pos());
                    case Step.Write w -> {
                        variable(w.variable(), s.pos());
                        assigned(w.from(), s.pos());
                    }
                    case Step.Increment inc -> {
                        variable(inc.variable(), s.pos());
                        expr(inc.by(), s.pos());
                    }
                    case Step.Add a -> expr(a.value(), s.pos());
                    case Step.Compute c -> compute(c);
                    case Step.Sleep sl -> range(sl.millis(), 0, Limits.MAX_WAIT_MILLIS, s.pos(), "sleep (ms)");
                    case Step.Download d -> {
                        range(d.latencyMillis(), 0, Limits.MAX_WAIT_MILLIS, s.pos(), "download latency (ms)");
                        range(d.bytes(), 0, Limits.MAX_DOWNLOAD_BYTES, s.pos(), "download size (bytes)");
                    }
                    case Step.Print p -> placeholders(p);
                    case Step.Return r -> {
                        expr(r.value(), s.pos());
                        if (i < steps.size() - 1) {
                            problem(steps.get(i + 1).pos(), "this step comes after a return and would never run");
                        }
                    }
                    case Step.Lock l -> {
                        if (lock(l.lock(), s.pos())) {
                            take(l.lock(), held, s.pos());
                        }
                    }
                    case Step.Unlock u -> {
                        if (blockLocks.contains(u.lock())) {
                            problem(s.pos(), "unlock of '" + u.lock() + "' inside 'with-lock: " + u.lock()
                                    + "'; the block releases it itself at its end");
                        } else if (lock(u.lock(), s.pos()) && !held.remove(u.lock())) {
                            problem(s.pos(), "unlock of '" + u.lock() + "', which this worker does not hold here"
                                    + " (lock it first)");
                        }
                    }
                    case Step.WithLock w -> {
                        boolean known = lock(w.lock(), s.pos());
                        if (known) {
                            take(w.lock(), held, s.pos());
                        }
                        blockLocks.add(w.lock());
                        walk(w.steps(), held, s.pos());
                        blockLocks.remove(w.lock());
                        if (known) {
                            held.remove(w.lock());
                        }
                    }
                    case Step.RwLock l -> {
                        if (readWriteLock(l.lock(), s.pos())) {
                            takeSide(l.lock(), l.write(), held, s.pos());
                        }
                    }
                    case Step.RwUnlock u -> {
                        if (blockLocks.contains(u.side())) {
                            problem(s.pos(), u.kind() + " of '" + u.lock() + "' inside 'with-" + (u.write() ? "write" : "read")
                                    + "-lock: " + u.lock() + "'; the block releases it itself at its end");
                        } else if (readWriteLock(u.lock(), s.pos()) && !held.remove(u.side())) {
                            problem(s.pos(), u.kind() + " of '" + u.lock() + "', but this worker does not hold its "
                                    + (u.write() ? "write" : "read") + " side here (" + (u.write() ? "write" : "read")
                                    + "-lock it first)");
                        }
                    }
                    case Step.WithRwLock w -> {
                        boolean known = readWriteLock(w.lock(), s.pos());
                        boolean taken = known && takeSide(w.lock(), w.write(), held, s.pos());
                        blockLocks.add(w.side());
                        walk(w.steps(), held, s.pos());
                        blockLocks.remove(w.side());
                        if (taken) {
                            held.remove(w.side());
                        }
                    }
                    case Step.WithPermit w -> {
                        if (!lesson.shared().semaphores().containsKey(w.semaphore())) {
                            problem(s.pos(), "undefined semaphore '" + w.semaphore() + "'"
                                    + Names.suggest(w.semaphore(), lesson.shared().semaphores().keySet())
                                    + "; declare it under shared.semaphores with its permits, e.g. " + w.semaphore() + ": 2");
                        } else if (!processModes().isEmpty()) {
                            problem(s.pos(), "semaphore '" + w.semaphore() + "' is used in mode "
                                    + String.join(" and ", processModes()) + ", but semaphores work in the thread modes"
                                    + " only; remove the process modes from run.modes");
                        }
                        walk(w.steps(), held, s.pos());
                    }
                    case Step.Put p -> {
                        queue(p.queue(), s.pos());
                        expr(p.value(), s.pos());
                    }
                    case Step.Take t -> queue(t.queue(), s.pos());
                    case Step.Wait w -> {
                        condition(w.condition(), held, s);
                        for (String n : w.until().names()) {
                            if (!names.contains(n) && !lesson.shared().variables().containsKey(n)) {
                                problem(s.pos(), "'" + n + "' in until is neither a shared variable, a param nor a local"
                                        + " of this worker" + Names.suggest(n, untilNames()));
                            }
                        }
                    }
                    case Step.Notify n -> condition(n.condition(), held, s);
                    case Step.If f -> ifStep(f, held);
                    case Step.Repeat r -> {
                        range(r.times(), 0, Long.MAX_VALUE, s.pos(), "repeat count");
                        List<String> before = new ArrayList<>(held);
                        walk(r.steps(), held, s.pos());
                        if (!new HashSet<>(held).equals(new HashSet<>(before))) {
                            problem(s.pos(), "the repeated steps must release every lock they take, and take back"
                                    + " every lock they release; before: " + before + ", after: " + held);
                            held.clear();
                            held.addAll(before);
                        }
                    }
                }
                if (s instanceof Step.Return && !held.isEmpty()) {
                    problem(s.pos(), "returns while still holding " + held + "; unlock first");
                }
            }
            if (where != null && steps == topLevel(steps) && !held.isEmpty()) {
                problem(where, "the worker ends while still holding " + held + "; add an unlock");
                held.clear();
            }
        }

        /**
         * An if tests locals and params only (reading shared memory is the read step before it), and
         * both of its branches leave the same locks held, so the steps after it know what they hold.
         */
        private void ifStep(Step.If f, List<String> held) {
            for (String n : f.condition().names()) {
                if (lesson.shared().variables().containsKey(n) && !names.contains(n)) {
                    problem(f.pos(), "'" + n + "' is a shared variable; an if tests only this worker's locals and"
                            + " params, so read it first (- read: " + n + ", into: seen) and test the local: the"
                            + " read is the step another worker can come after");
                } else if (!names.contains(n)) {
                    problem(f.pos(), "'" + n + "' in the condition is neither a param nor a local of this worker"
                            + Names.suggest(n, names));
                }
            }
            List<String> before = List.copyOf(held);
            List<String> afterThen = new ArrayList<>(before);
            walk(f.then(), afterThen, f.pos());
            List<String> afterElse = new ArrayList<>(before);
            walk(f.otherwise(), afterElse, f.pos());
            boolean thenEnds = endsInReturn(f.then());
            boolean elseEnds = endsInReturn(f.otherwise());
            List<String> after = thenEnds ? afterElse : afterThen;
            if (!thenEnds && !elseEnds && !new HashSet<>(afterThen).equals(new HashSet<>(afterElse))) {
                problem(f.pos(), "the two branches of this if end holding different locks (then: " + afterThen
                        + ", else: " + afterElse + "); take and release locks so both end holding the same");
            }
            held.clear();
            held.addAll(thenEnds && elseEnds ? before : after);
        }

        private static boolean endsInReturn(List<Step> steps) {
            return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof Step.Return;
        }

        private List<Step> topLevel(List<Step> steps) {
            if (steps.isEmpty()) {
                return null; // empty lists are one shared instance: an empty block is not a worker's whole body
            }
            for (Worker w : lesson.workers()) {
                if (w.steps() == steps) {
                    return steps;
                }
            }
            for (List<Step> part : lesson.main().parts()) {
                if (part == steps) {
                    return steps;
                }
            }
            return null;
        }

        private void take(String lock, List<String> held, Pos pos) {
            if (held.contains(lock)) {
                problem(pos, "this worker already holds '" + lock + "'; locks are not re-entrant, so it would"
                        + " wait for itself forever");
            } else {
                held.add(lock);
            }
        }

        private void checkMark(Step s) {
            if (s.mark().isEmpty()) {
                return;
            }
            for (Listing l : lesson.listings()) {
                if (!l.marks().containsKey(s.mark())) {
                    problem(s.pos(), "mark '" + s.mark() + "' is not in the " + l.language() + " listing; end the line"
                            + " it belongs to with " + (l.language().equals("python") ? "# [" : "// [") + s.mark() + "]"
                            + Names.suggest(s.mark(), l.marks().keySet()));
                }
            }
        }

        private void variable(String name, Pos pos) {
            if (!lesson.shared().variables().containsKey(name)) {
                problem(pos, "undefined shared variable '" + name + "'"
                        + Names.suggest(name, lesson.shared().variables().keySet())
                        + "; declare it under shared.variables");
            }
        }

        private void queue(String name, Pos pos) {
            if (!lesson.shared().queues().containsKey(name)) {
                problem(pos, "undefined queue '" + name + "'" + Names.suggest(name, lesson.shared().queues().keySet())
                        + "; declare it under shared.queues with its capacity, e.g. " + name + ": 2");
            } else if (!processModes().isEmpty() && !lesson.shared().isProcessShared(name)) {
                problem(pos, "queue '" + name + "' is used in mode " + String.join(" and ", processModes())
                        + ", where each process would get a queue of its own; list it under shared.process-shared"
                        + " (as Python needs a multiprocessing.Queue, not a queue.Queue, between processes)");
            }
        }

        /** The process modes the lesson may run in. */
        private List<String> processModes() {
            return lesson.run().modes().stream().filter(m -> m.equals("processes") || m.equals("process-pool")).toList();
        }

        /** A wait or notify: the condition exists, its lock is held here, and the run is in threads. */
        private void condition(String name, List<String> held, Step s) {
            Map<String, String> conditions = lesson.shared().conditions();
            if (!conditions.containsKey(name)) {
                problem(s.pos(), "undefined condition '" + name + "'" + Names.suggest(name, conditions.keySet())
                        + "; declare it under shared.conditions with the lock it belongs to, e.g. " + name + ": "
                        + (lesson.shared().locks().isEmpty() ? "buffer-lock" : lesson.shared().locks().get(0)));
                return;
            }
            String lock = conditions.get(name);
            if (!held.contains(lock)) {
                problem(s.pos(), s.kind() + " on '" + name + "' outside its lock: hold '" + lock + "' (e.g. inside"
                        + " with-lock: " + lock + "), as cond.wait() and notify() need their lock");
            }
            List<String> processModes = processModes();
            if (!processModes.isEmpty() && !conditionModesReported) {
                conditionModesReported = true;
                problem(s.pos(), s.kind() + " on '" + name + "': condition variables are for threads only in ThreadLab;"
                        + " remove " + String.join(" and ", processModes) + " from run.modes");
            }
        }

        private Set<String> untilNames() {
            Set<String> out = new LinkedHashSet<>(names);
            out.addAll(lesson.shared().variables().keySet());
            return out;
        }

        /** A read-write lock step names a declared read-write lock, and the run is in threads. */
        private boolean readWriteLock(String name, Pos pos) {
            Map<String, ReadWritePolicy> declared = lesson.shared().readWriteLocks();
            if (!declared.containsKey(name)) {
                problem(pos, lesson.shared().locks().contains(name)
                        ? "'" + name + "' is a plain lock: take it with lock or with-lock, or declare it under"
                                + " shared.read-write-locks instead"
                        : "undefined read-write lock '" + name + "'" + Names.suggest(name, declared.keySet())
                                + "; declare it under shared.read-write-locks, e.g. read-write-locks: [" + name + "]");
                return false;
            }
            if (!processModes().isEmpty() && !readWriteModesReported) {
                readWriteModesReported = true;
                problem(pos, "read-write lock '" + name + "' is used in mode " + String.join(" and ", processModes())
                        + ", but read-write locks work in the thread modes only; remove the process modes from run.modes");
            }
            return true;
        }

        /**
         * Takes one side of a read-write lock; returns whether it did. Holding either side already is
         * refused: Java's lock cannot turn a read hold into a write hold (the worker would wait for
         * itself for ever), and ThreadLab's steps do not model re-entering or downgrading.
         */
        private boolean takeSide(String lock, boolean write, List<String> held, Pos pos) {
            if (held.contains(SharedState.readSide(lock)) || held.contains(SharedState.writeSide(lock))) {
                boolean reading = held.contains(SharedState.readSide(lock));
                problem(pos, "this worker already holds the " + (reading ? "read" : "write") + " side of '" + lock
                        + "'" + (reading && write ? "; a read lock cannot be turned into a write lock, so it would wait"
                        + " for itself forever (let the read side go first)" : "; take each read-write lock once at a time"));
                return false;
            }
            held.add(SharedState.side(lock, write));
            return true;
        }

        private boolean lock(String name, Pos pos) {
            if (lesson.shared().readWriteLocks().containsKey(name)) {
                problem(pos, "'" + name + "' is a read-write lock: take it with with-read-lock or with-write-lock"
                        + " (or read-lock / write-lock)");
                return false;
            }
            if (!lesson.shared().locks().contains(name)) {
                // a read-write lock's sides ("book (read)") are no plain locks to suggest; its name is
                List<String> known = new ArrayList<>(lesson.shared().locks().stream().filter(l -> !l.contains(" ")).toList());
                known.addAll(lesson.shared().readWriteLocks().keySet());
                problem(pos, "undefined lock '" + name + "'" + Names.suggest(name, known)
                        + "; declare it under shared.locks");
                return false;
            }
            return true;
        }

        private void assigned(String local, Pos pos) {
            if (!locals.contains(local)) {
                problem(pos, "local '" + local + "' never gets a value in this worker" + Names.suggest(local, locals)
                        + "; read or add into it first");
            }
        }

        private void expr(Expr e, Pos pos) {
            for (String n : e.names()) {
                if (!names.contains(n)) {
                    problem(pos, "'" + n + "' is neither a param nor a local of this worker" + Names.suggest(n, names));
                }
            }
        }

        private void placeholders(Step.Print p) {
            Matcher m = PLACEHOLDER.matcher(p.text());
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    problem(p.pos(), "'{" + m.group(1) + "}' in the text is neither a param nor a local of this worker"
                            + Names.suggest(m.group(1), names));
                }
            }
        }

        private void compute(Step.Compute c) {
            expr(c.a(), c.pos());
            expr(c.b(), c.pos());
            Long a = constant(c.a());
            Long b = constant(c.b());
            if (c.function() == Step.ComputeFunction.SUM_OF_SQUARES && a != null && b != null) {
                if (b < a) {
                    problem(c.pos(), "'to' (" + b + ") is below 'from' (" + a + ")");
                } else if (b - a > Limits.MAX_COMPUTE_ITERATIONS) {
                    problem(c.pos(), "computes " + (b - a) + " squares; one compute step may do at most "
                            + Limits.MAX_COMPUTE_ITERATIONS);
                }
            }
            if (c.function() == Step.ComputeFunction.POWER && b != null && (b < 0 || b > 63)) {
                problem(c.pos(), "exponent must be between 0 and 63; found " + b);
            }
        }

        private void range(Expr e, long min, long max, Pos pos, String what) {
            expr(e, pos);
            Long v = constant(e);
            if (v != null && v < min) {
                problem(pos, what + " must not be negative; found " + v);
            } else if (v != null && v > max) {
                problem(pos, what + " is " + v + "; the limit is " + max);
            }
        }

        /** The value of an expression that depends on params only, else null. */
        private Long constant(Expr e) {
            return value(e, params, null, locals);
        }

        /** Estimated number of steps the body executes, for the executed-steps limit. */
        long executed(List<Step> steps) {
            long n = 0;
            for (Step s : steps) {
                long k = switch (s) {
                    case Step.Increment i -> i.atomic() ? 1 : 3;
                    case Step.WithLock w -> saturatingAdd(2, executed(w.steps()));
                    case Step.WithRwLock w -> saturatingAdd(2, executed(w.steps()));
                    case Step.WithPermit w -> saturatingAdd(2, executed(w.steps()));
                    case Step.If f -> Math.max(executed(f.then()), executed(f.otherwise()));
                    case Step.Repeat r -> {
                        Long times = constant(r.times());
                        yield saturatingMultiply(times == null ? 1 : Math.max(0, times), executed(r.steps()));
                    }
                    default -> 1;
                };
                n = saturatingAdd(n, k);
            }
            return n;
        }
    }

    /** Evaluates an expression over params; null if it names something else (reported at {@code pos}). */
    private Long value(Expr e, Map<String, Long> params, Pos pos, Set<String> otherNames) {
        for (String n : e.names()) {
            if (!params.containsKey(n)) {
                if (pos != null && !otherNames.contains(n)) {
                    problem(pos, "'" + n + "' is not a param" + Names.suggest(n, params.keySet()));
                }
                return null;
            }
        }
        return e.eval(params::get);
    }

    private void problem(Pos pos, String message) {
        problems.add(new LessonProblem(pos, message));
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }
}

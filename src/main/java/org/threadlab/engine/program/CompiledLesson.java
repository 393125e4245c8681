package org.threadlab.engine.program;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonChecker;
import org.threadlab.lesson.Outcome;
import org.threadlab.lesson.Step;
import org.threadlab.lesson.Worker;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * A lesson variant made ready to run with a given number of workers and params: one compiled
 * {@link Program} per lane, the main thread's three parts, and the step table the trace refers to.
 * The live engine, the step scheduler and the stress runner all start from this, so they run the
 * same programs.
 */
public final class CompiledLesson {
    /** One worker to run: its lane name, the declaration it comes from, its program and copy number. */
    public record Lane(String name, String worker, Program program, int copy) {}

    private final Lesson lesson;
    private final int workers;
    private final Map<String, Long> params;
    private final List<Lane> lanes;
    private final List<Program> main;
    private final List<StepInfo> steps;

    private CompiledLesson(Lesson lesson, int workers, Map<String, Long> params, List<Lane> lanes, List<Program> main,
                           List<StepInfo> steps) {
        this.lesson = lesson;
        this.workers = workers;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.lanes = List.copyOf(lanes);
        this.main = List.copyOf(main);
        this.steps = List.copyOf(steps);
    }

    /**
     * Resolves the variant, checks the worker count and params, and compiles every body.
     *
     * @param variant   variant name, {@code ""} or null for the default
     * @param workers   the {@code workers} param, or null for the lesson's default
     * @param overrides params to change, by name
     * @throws IllegalArgumentException with a sentence for the learner if the lesson cannot run so
     */
    public static CompiledLesson of(Lesson lesson, String variant, Integer workers, Map<String, Long> overrides) {
        Lesson resolved = lesson.resolve(variant);
        int n = workers != null ? workers : resolved.run().workers();
        return compile(resolved, n, params(resolved, n, overrides));
    }

    /** The params of a run: the lesson's, with the overrides and {@code workers}; checked. */
    public static Map<String, Long> params(Lesson resolved, int workers, Map<String, Long> overrides) {
        if (workers < resolved.run().minWorkers() || workers > resolved.run().maxWorkers()) {
            throw new IllegalArgumentException("lesson '" + resolved.id() + "' runs with " + resolved.run().minWorkers()
                    + " to " + resolved.run().maxWorkers() + " workers; asked for " + workers);
        }
        Map<String, Long> params = new LinkedHashMap<>(resolved.params());
        for (var e : overrides.entrySet()) {
            if (!params.containsKey(e.getKey()) || e.getKey().equals("workers")) {
                throw new IllegalArgumentException("lesson '" + resolved.id() + "' has no param '" + e.getKey()
                        + "'; its params: " + String.join(", ", resolved.params().keySet().stream()
                                .filter(k -> !k.equals("workers")).toList()));
            }
            params.put(e.getKey(), e.getValue());
        }
        params.put("workers", (long) workers);
        List<String> problems = LessonChecker.checkRun(resolved, params);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return params;
    }

    /** Compiles a resolved lesson whose params have been checked. */
    public static CompiledLesson compile(Lesson resolved, int workers, Map<String, Long> params) {
        ProgramCompiler compiler = new ProgramCompiler(resolved, params);
        List<Lane> lanes = new ArrayList<>();
        for (Worker w : resolved.workers()) {
            Program program = compiler.compile(w.name(), w.steps());
            long copies = w.copies().eval(params::get);
            for (int copy = 1; copy <= copies; copy++) {
                lanes.add(new Lane(copies > 1 ? w.name() + "-" + copy : w.name(), w.name(), program, copy));
            }
        }
        List<Program> main = List.of();
        if (!resolved.main().isEmpty()) {
            List<Step> scope = resolved.main().parts().stream().flatMap(List::stream).toList();
            main = resolved.main().parts().stream().map(part -> compiler.compile("main", part, scope)).toList();
        }
        return new CompiledLesson(resolved, workers, params, lanes, main, compiler.steps());
    }

    /** The lesson with its variant applied. */
    public Lesson lesson() {
        return lesson;
    }

    public int workers() {
        return workers;
    }

    /** Every param, {@code workers} included. */
    public Map<String, Long> params() {
        return params;
    }

    /** The workers' lanes, in the order the engine starts them. */
    public List<Lane> lanes() {
        return lanes;
    }

    /** The main thread's before, during and after programs; empty when the lesson has no main. */
    public List<Program> main() {
        return main;
    }

    /** Every observable step, by step number. */
    public List<StepInfo> steps() {
        return steps;
    }

    public List<String> variables() {
        return lesson.shared().variableNames();
    }

    public List<String> locks() {
        return lesson.shared().locks();
    }

    /** Semaphore names, by semaphore number. */
    public List<String> semaphores() {
        return List.copyOf(lesson.shared().semaphores().keySet());
    }

    /** Each semaphore's starting permits, by semaphore number. */
    public int[] initialPermits() {
        return lesson.shared().semaphores().values().stream().mapToInt(Long::intValue).toArray();
    }

    /** Queue names, by queue number. */
    public List<String> queues() {
        return List.copyOf(lesson.shared().queues().keySet());
    }

    /** Each queue's capacity, by queue number. */
    public int[] queueCapacities() {
        return lesson.shared().queues().values().stream().mapToInt(Long::intValue).toArray();
    }

    /** Condition variable names, by condition number. */
    public List<String> conditions() {
        return List.copyOf(lesson.shared().conditions().keySet());
    }

    /** The lock number each condition belongs to, by condition number. */
    public int[] conditionLocks() {
        List<String> locks = locks();
        return lesson.shared().conditions().values().stream().mapToInt(locks::indexOf).toArray();
    }

    /** The shared variables' starting values, by variable number. */
    public long[] initialValues() {
        return lesson.shared().variables().values().stream().mapToLong(Long::longValue).toArray();
    }

    /** Whether any program downloads. */
    public boolean downloads() {
        return lanes.stream().anyMatch(l -> has(l.program(), Op.Download.class))
                || main.stream().anyMatch(p -> has(p, Op.Download.class));
    }

    /** The lesson's semaphores and queues, and which one each of their steps uses. */
    public org.threadlab.trace.Synchronizers synchronizers() {
        List<Program> programs = new ArrayList<>(main);
        lanes.forEach(l -> programs.add(l.program()));
        return synchronizers(lesson, programs);
    }

    public static org.threadlab.trace.Synchronizers synchronizers(Lesson lesson, List<Program> programs) {
        Map<Integer, Integer> semaphoreOfStep = new HashMap<>();
        Map<Integer, Integer> queueOfStep = new HashMap<>();
        Map<Integer, Integer> conditionOfStep = new HashMap<>();
        for (Program p : programs) {
            for (Op op : p.ops()) {
                switch (op) {
                    case Op.Acquire a -> semaphoreOfStep.put(a.step(), a.semaphore());
                    case Op.Release r -> semaphoreOfStep.put(r.step(), r.semaphore());
                    case Op.Put put -> queueOfStep.put(put.step(), put.queue());
                    case Op.Take t -> queueOfStep.put(t.step(), t.queue());
                    case Op.Wait w -> conditionOfStep.put(w.step(), w.condition());
                    case Op.Notify n -> conditionOfStep.put(n.step(), n.condition());
                    default -> { }
                }
            }
        }
        var shared = lesson.shared();
        return new org.threadlab.trace.Synchronizers(List.copyOf(shared.semaphores().keySet()),
                shared.semaphores().values().stream().map(Long::intValue).toList(), List.copyOf(shared.queues().keySet()),
                shared.queues().values().stream().map(Long::intValue).toList(), semaphoreOfStep, queueOfStep,
                List.copyOf(shared.conditions().keySet()), List.copyOf(shared.conditions().values()), conditionOfStep);
    }

    /** The first of the lesson's outcomes that holds for these final shared values, if any. */
    public Optional<Outcome> outcome(long[] finalValues) {
        Map<String, Long> state = new HashMap<>(params);
        List<String> names = variables();
        for (int i = 0; i < names.size(); i++) {
            state.put(names.get(i), finalValues[i]);
        }
        return lesson.outcomeFor(state);
    }

    private static boolean has(Program p, Class<? extends Op> kind) {
        for (Op op : p.ops()) {
            if (kind.isInstance(op)) {
                return true;
            }
        }
        return false;
    }
}

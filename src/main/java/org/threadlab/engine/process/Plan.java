package org.threadlab.engine.process;

import java.util.List;
import java.util.Map;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.program.Task;
import org.threadlab.lesson.Lesson;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * A resolved lesson compiled for one run, as a child process needs it: one task per worker copy,
 * the main thread's programs, and the step table. It is made by {@link CompiledLesson}, the one
 * compiler path the parent uses too, and compiling is deterministic, so a child that compiles the
 * same lesson text with the same params gets the same tasks and the same step numbers as its
 * parent: that is how a child can run "task 3" and report "step 17" without any code being sent
 * to it.
 *
 * @param tasks     one per worker copy, in lane order
 * @param main      the main thread's before, during and after programs; empty when it has none
 * @param steps     every step by step number
 * @param downloads whether any program downloads
 */
public record Plan(List<Task> tasks, List<Program> main, List<StepInfo> steps, boolean downloads) {

    /** Compiles a resolved lesson with checked params ({@code workers} among them). */
    static Plan compile(Lesson lesson, Map<String, Long> params) {
        CompiledLesson c = CompiledLesson.compile(lesson, params.get("workers").intValue(), params);
        List<Task> tasks = c.lanes().stream().map(l -> new Task(l.name(), l.program(), l.copy())).toList();
        return new Plan(tasks, c.main(), c.steps(), c.downloads());
    }

    /** Initial values of the shared variables, by variable number. */
    static long[] initialValues(Lesson lesson) {
        return lesson.shared().variables().values().stream().mapToLong(Long::longValue).toArray();
    }
}

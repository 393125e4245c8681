package org.threadlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Step;
import org.threadlab.lesson.Worker;
import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * A resolved lesson compiled for one run: one task per worker copy, the main thread's programs,
 * and the step table. Compiling is deterministic, so a child process that compiles the same
 * lesson text with the same params gets the same tasks and the same step numbers as its parent:
 * that is how a child can run "task 3" and report "step 17" without any code being sent to it.
 *
 * @param tasks     one per worker copy, in lane order
 * @param main      the main thread's before, during and after programs; empty when it has none
 * @param steps     every step by step number
 * @param downloads whether any program downloads
 */
record Plan(List<Run.Task> tasks, List<Program> main, List<StepInfo> steps, boolean downloads) {

    static Plan compile(Lesson lesson, Map<String, Long> params) {
        ProgramCompiler compiler = new ProgramCompiler(lesson, params);
        List<Run.Task> tasks = new ArrayList<>();
        boolean downloads = false;
        for (Worker w : lesson.workers()) {
            Program program = compiler.compile(w.name(), w.steps());
            downloads |= hasDownload(program);
            long copies = w.copies().eval(params::get);
            for (int copy = 1; copy <= copies; copy++) {
                tasks.add(new Run.Task(copies > 1 ? w.name() + "-" + copy : w.name(), program, copy));
            }
        }
        List<Program> main = List.of();
        if (!lesson.main().isEmpty()) {
            List<Step> scope = lesson.main().parts().stream().flatMap(List::stream).toList();
            main = lesson.main().parts().stream().map(part -> compiler.compile("main", part, scope)).toList();
            for (Program p : main) {
                downloads |= hasDownload(p);
            }
        }
        return new Plan(List.copyOf(tasks), main, List.copyOf(compiler.steps()), downloads);
    }

    private static boolean hasDownload(Program p) {
        for (Op op : p.ops()) {
            if (op instanceof Op.Download) {
                return true;
            }
        }
        return false;
    }

    /** Initial values of the shared variables, by variable number. */
    static long[] initialValues(Lesson lesson) {
        return lesson.shared().variables().values().stream().mapToLong(Long::longValue).toArray();
    }
}

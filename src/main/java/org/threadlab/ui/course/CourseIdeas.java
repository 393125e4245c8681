package org.threadlab.ui.course;

import java.util.List;
import java.util.Optional;
import org.threadlab.lesson.Lesson;

/**
 * The curriculum's ideas in its order (the table in the team's curriculum), in ThreadLab's own
 * words, and the lessons that teach each. A lesson is placed by its id when an idea names it,
 * otherwise by its concepts: the first concept of the lesson that some idea lists decides (so a
 * new lesson about a race lands among the shared-memory ideas without an edit here), and a lesson
 * no idea claims goes under {@link CourseIdea#MORE}.
 */
public final class CourseIdeas {
    private CourseIdeas() {}

    /** In the curriculum's order. */
    public static final List<CourseIdea> ALL = List.of(
            new CourseIdea(1, "A thread is a flow of its own",
                    "One program, several things going on at once, each on its own thread.",
                    List.of("game-threads"), List.of("thread", "concurrency")),
            new CourseIdea(2, "Start and join",
                    "Start a thread, wait for it to finish, and see the output of both interleave.",
                    List.of("hello-threads"), List.of("start", "join", "interleaving")),
            new CourseIdea(3, "Waiting overlaps",
                    "Work that mostly waits (downloads, disks) goes faster on threads: the waits overlap.",
                    List.of("downloads"), List.of("io-bound", "overlap")),
            new CourseIdea(4, "Number-crunching: the GIL and processes",
                    "Work that keeps a core busy does not speed up on CPython's threads; processes use the other cores.",
                    List.of("squares", "process-squares"), List.of("cpu-bound", "gil", "parallelism", "cores")),
            new CourseIdea(5, "A process has its own memory",
                    "A child process changes its own copy of the program's variables, never the parent's.",
                    List.of("process-memory"), List.of("process-memory", "isolation")),
            new CourseIdea(6, "Shared memory needs a lock",
                    "Threads that share a variable lose updates; a lock (or an atomic) fixes it, at a cost.",
                    List.of("shared-counter", "lock-contention"),
                    List.of("shared-memory", "race-condition", "lock", "atomic", "visibility", "volatile")),
            new CourseIdea(7, "Sharing a value between processes",
                    "Processes share a value only through an object made for it, and it needs its own lock.",
                    List.of("process-counter"), List.of("shared-value")),
            new CourseIdea(8, "Processes send messages",
                    "Queues and pipes carry copies of values from one process to another.",
                    List.of("process-queue"), List.of("message-passing", "pipe")),
            new CourseIdea(9, "Pools of workers",
                    "A pool hands tasks to a few reusable workers: threads or processes, the same code.",
                    List.of("thread-pool", "pools"), List.of("thread-pool", "process-pool", "executor", "map", "task")),
            new CourseIdea(10, "Threads are cheap, processes are not",
                    "Measure what it costs to start a thread, a virtual thread and a process.",
                    List.of("start-cost"), List.of("cost", "start-up-cost")),
            new CourseIdea(11, "Stopping a worker",
                    "A process can be killed from outside; a thread can only be asked to stop.",
                    List.of("kill"), List.of("kill", "signal", "interruption")),
            new CourseIdea(12, "When a worker crashes",
                    "A crashed thread can harm its whole process; a crashed process leaves the others running.",
                    List.of("crash"), List.of("crash", "exception", "exit-status")),
            new CourseIdea(13, "Semaphores and condition variables",
                    "Let only so many in at once, and let a worker wait until the state it needs comes about.",
                    List.of("semaphore", "producer-consumer"),
                    List.of("semaphore", "condition", "queue", "read-write-lock", "readers-writers")),
            new CourseIdea(14, "Measure, don't guess",
                    "The same jobs run one after another, on threads and on processes, and the times compared.",
                    List.of("compare"), List.of("measurement")),
            new CourseIdea(15, "Deadlock",
                    "Workers that take locks in different orders can each wait for the other, for ever.",
                    List.of("deadlock"), List.of("deadlock", "lock-ordering", "starvation")),
            new CourseIdea(16, "Virtual threads",
                    "Java's cheap threads: thousands of waits at once.",
                    List.of("virtual-threads"), List.of("virtual-thread", "platform-thread", "scalability")));

    /** The idea a lesson belongs to: named by id, else by its first concept an idea lists, else {@link CourseIdea#MORE}. */
    public static CourseIdea of(Lesson lesson) {
        Optional<CourseIdea> named = ALL.stream().filter(i -> i.lessonIds().contains(lesson.id())).findFirst();
        if (named.isPresent()) {
            return named.get();
        }
        for (String concept : lesson.concepts()) {
            for (CourseIdea idea : ALL) {
                if (idea.concepts().contains(concept)) {
                    return idea;
                }
            }
        }
        return CourseIdea.MORE;
    }
}

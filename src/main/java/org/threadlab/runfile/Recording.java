package org.threadlab.runfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonException;
import org.threadlab.lesson.LessonParser;

/**
 * One finished run with everything needed to show it again: the lesson as it ran, how it ran
 * (variant, mode, workers, params and the GIL are in the result; the pool size is here), where and
 * when.
 *
 * @param lesson       the lesson as written (not resolved), parsed from {@code lessonText}
 * @param lessonText   the lesson file's text as it was when the run ran
 * @param poolSize     threads or processes of the pool in a pool mode, 0 in any other mode
 * @param machine      the machine that ran it
 * @param recordedAt   when the run ended
 * @param zone         the time zone of the machine that ran it, to say "when" in its own clock
 * @param recorderPid  the process id of the ThreadLab that ran it (the parent of a process mode's children)
 * @param result       the whole result, trace included
 */
public record Recording(Lesson lesson, String lessonText, int poolSize, Machine machine, Instant recordedAt,
                        ZoneId zone, long recorderPid, RunResult result) {

    public Recording {
        if (result.trace() == null) {
            throw new IllegalArgumentException("a recording needs the run's trace");
        }
        if (!lesson.id().equals(result.lesson())) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " did not make a run of " + result.lesson());
        }
    }

    /** A run that just ended on this machine, in this process. */
    public static Recording of(Lesson lesson, String lessonText, RunMode mode, RunResult result) {
        int pool = switch (mode) {
            case RunMode.ThreadPool p -> p.size();
            case RunMode.ProcessPool p -> p.size();
            default -> 0;
        };
        return new Recording(lesson, lessonText, pool, Machine.current(), Instant.now(), ZoneId.systemDefault(),
                ProcessHandle.current().pid(), result);
    }

    /**
     * The text of the file {@code lesson} was read from, provided it still reads as that same lesson:
     * a lesson file edited after it was opened would put into a run file a lesson that did not make
     * its trace.
     *
     * @throws RunFileException naming the lesson file when it cannot be read or has changed since
     */
    public static String lessonText(Lesson lesson) throws RunFileException {
        Path source = lesson.source();
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFileException(source, "cannot read the lesson that ran, to save it with the run: "
                    + e.getMessage(), e);
        }
        Lesson now;
        try {
            now = new LessonParser().parse(source, text);
        } catch (LessonException e) {
            now = null;
        }
        if (!lesson.equals(now)) {
            throw new RunFileException(source, "the lesson file has changed since this run used it, so the run"
                    + " cannot be saved with the lesson it ran; open the lesson again (to read the file as it is now),"
                    + " run it and save that run");
        }
        return text;
    }

    /** e.g. {@code 2026-12-03 09:14 (Europe/Berlin)}: when it was recorded, on the recording machine's clock. */
    public String recordedWhen() {
        ZonedDateTime local = recordedAt.atZone(zone);
        return local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)) + " (" + zone.getId() + ")";
    }

    /** The one line that says where and when: {@code Recorded on 16 cores, Linux ... at 2026-12-03 09:14 (UTC)}. */
    public String recordedLine() {
        return "Recorded on " + machine.describe() + " at " + recordedWhen() + " by ThreadLab " + machine.threadLabVersion();
    }
}

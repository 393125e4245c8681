package org.threadlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import org.threadlab.engine.RunMode;
import org.threadlab.engine.RunResult;

/**
 * {@code --pin-modes sequential,threads,threads+gil}: runs the open lesson once in each mode, one
 * after another, pins each finished run and shows the pinned runs, for a picture of runs side by
 * side made from the command line (or a window that opens with them, ready for class).
 */
final class PinnedModes {
    /** One run: a mode, with or without the simulated GIL. */
    record Step(String mode, boolean gil) {
        @Override
        public String toString() {
            return mode + (gil ? "+gil" : "");
        }
    }

    private PinnedModes() {}

    /**
     * The steps of {@code --pin-modes}: mode names, each optionally with {@code +gil}.
     *
     * @throws IllegalArgumentException naming an unknown mode, or the GIL on sequential mode (one
     *                                  thread: there is nothing for a GIL to do)
     */
    static List<Step> parse(List<String> items) {
        List<Step> steps = new ArrayList<>();
        for (String item : items) {
            String text = item.strip().toLowerCase(Locale.ROOT);
            boolean gil = text.endsWith("+gil");
            String mode = gil ? text.substring(0, text.length() - 4) : text;
            if (!RunMode.NAMES.contains(mode)) {
                throw new IllegalArgumentException("--pin-modes: unknown mode '" + mode + "'; modes: "
                        + String.join(", ", RunMode.NAMES) + ", each with +gil for the simulated GIL");
            }
            if (gil && mode.equals("sequential")) {
                throw new IllegalArgumentException("--pin-modes: sequential+gil: one thread has no GIL to wait for");
            }
            steps.add(new Step(mode, gil));
        }
        return List.copyOf(steps);
    }

    /**
     * Runs the window's open lesson once per step, pinning each finished run; then shows the pinned
     * runs and calls {@code done}, or {@code failed} with the reason a run could not start. A first
     * run in the first step's mode, not pinned, comes before them: the JVM compiles ThreadLab's code
     * during it, so the pinned runs are measured warm (a cold first run was measured at three times
     * its warm time, which made speed-ups of 4x on two cores).
     */
    static void run(MainWindow window, List<Step> steps, Runnable done, Consumer<String> failed) {
        var s = window.session();
        boolean processes = steps.stream().anyMatch(st -> st.mode().startsWith("process"));
        int[] next = {0};
        boolean[] rehearsal = {true};
        boolean[] over = {false};
        Runnable[] startNext = new Runnable[1];
        ChangeListener<RunResult> finished = (o, a, r) -> {
            if (r == null || over[0]) {
                return;
            }
            if (rehearsal[0]) {
                rehearsal[0] = false; // the warm-up run: not pinned, not measured
                Platform.runLater(startNext[0]);
                return;
            }
            window.pinShown();
            if (next[0] < steps.size()) {
                Platform.runLater(startNext[0]); // after the result's other listeners, not inside them
            } else {
                over[0] = true;
                window.showPinned();
                done.run();
            }
        };
        s.resultProperty().addListener(finished);
        s.startingProperty().addListener((o, was, now) -> {
            if (!now && !s.runningProperty().get() && !over[0]) { // refused by the engine
                over[0] = true;
                failed.accept("cannot run " + steps.get(Math.max(0, next[0] - 1)) + ": " + s.messageProperty().get());
            }
        });
        startNext[0] = () -> {
            Step step = rehearsal[0] ? steps.getFirst() : steps.get(next[0]++);
            s.modeProperty().set(step.mode());
            s.gilProperty().set(step.gil());
            s.start();
            if (!s.runningProperty().get() && !over[0]) { // refused at once (a mode the lesson does not allow, ...)
                over[0] = true;
                failed.accept("cannot run " + step + ": " + s.messageProperty().get());
            }
        };
        // a process mode's children start from their class-data archive, as in a window open a while
        ThreadLabApp.prepareChildrenThen(processes, "threadlab-pin-modes-prepare", startNext[0]);
    }
}

package org.threadlab.ui;

import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.threadlab.engine.PredictionFeedback;
import org.threadlab.engine.RunResult;
import org.threadlab.engine.RunStatus;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.trace.CurrentSteps;
import org.threadlab.ui.console.ConsoleView;
import org.threadlab.ui.lesson.CompletionStore;
import org.threadlab.ui.lesson.LessonView;
import org.threadlab.ui.lesson.LibraryView;
import org.threadlab.ui.lesson.WelcomeView;
import org.threadlab.ui.locks.LocksView;
import org.threadlab.ui.memory.MemoryView;
import org.threadlab.ui.result.ResultView;
import org.threadlab.ui.run.RunBar;
import org.threadlab.ui.run.RunSession;
import org.threadlab.ui.step.ExplorePanel;
import org.threadlab.ui.step.StepPanel;
import org.threadlab.ui.step.StepTabs;
import org.threadlab.ui.step.StressPanel;
import org.threadlab.ui.sync.SyncView;
import org.threadlab.ui.timeline.TimelineView;

/**
 * The window's content, side by side in one split pane whose dividers the learner drags: the lesson
 * library, the open lesson (narration, prediction, listings), and the run: run bar, timeline, then
 * shared memory, locks, console and result. With no lesson open the middle welcomes the learner and
 * the run area waits for a lesson. One AnimationTimer drives it: each frame the session pulls the
 * new trace events and the views redraw what changed; no view is updated per event.
 */
public final class MainWindow extends BorderPane {
    private final RunSession session = new RunSession();
    private final LibraryView library;
    private final StackPane lessonPane = new StackPane();
    private final WelcomeView welcome;
    /** Library | lesson | run area; the library comes and goes with its toggle, the run area with the first lesson. */
    private final SplitPane main = new SplitPane();
    /** The library column's width as the learner left it, kept while it is hidden; NaN until known. */
    private double libraryWidth = Double.NaN;
    /** The lesson pane's share of the room the lesson and the run area split. */
    private double lessonShare = 0.36;
    /**
     * Whether the learner dragged a divider since the widths were last noted. Only a dragged width is
     * the learner's choice: squeezed beside a lesson and its run, the library gets less than it asks
     * for, and a peek at it must not make it narrower for good.
     */
    private boolean dividerDragged;
    /** The dividers are placed once the split has a width: fractions of nothing place nothing. */
    private boolean dividersPending = true;
    /** The run area, made when the first frame is drawn or a lesson opens, whichever comes first; null until then. */
    private RunArea run;
    /** Where the timeline's divider goes when the run area first shows: half, or as a window remembered it. */
    private double timelineShareWanted = 0.5;
    private boolean dark;
    private final ToggleButton darkToggle = new ToggleButton(null, new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
    private final ToggleButton libraryToggle = new ToggleButton(null, new FontIcon(MaterialDesignB.BOOKSHELF));
    /** The presentation view: the run area alone fills the window (key P, Esc or P again to come back). */
    private final ToggleButton presentToggle = new ToggleButton(null, new FontIcon(MaterialDesignP.PRESENTATION));
    private boolean presenting;
    /** How large text and controls are, 1 for normal (Ctrl+plus, Ctrl+minus, Ctrl+0): for a projector. */
    private final javafx.beans.property.DoubleProperty textScale = new javafx.beans.property.SimpleDoubleProperty(1);
    private final ScaledStylesheets scaledStylesheets = new ScaledStylesheets();
    private LessonView lessonView;
    private long drawnRevision = -1;
    private double drawnPlayhead = -1;
    private final AnimationTimer heartbeat;
    /** The least height of the timeline at the normal text scale, in px. */
    private static final double TIMELINE_LEAST_HEIGHT = 160;
    /** Shows under the run bar when a run ends badly: timed out, failed or deadlocked. */
    private final NoticeBar notices = new NoticeBar();
    /** Saving and opening run files: the toolbar's buttons, Ctrl+S and Ctrl+O, drops onto the window. */
    private final RunFiles runFiles = new RunFiles(this);
    // ---- the course path (issue 15): see the section "the course path" below
    /** The learner's progress: ticks, predictions, runs, variants, challenges. */
    private final CompletionStore progress;
    /** The lessons in course order and the ideas they teach, for the next step; the view shows the same. */
    private org.threadlab.ui.course.CoursePath course;
    /** Made the first time it is shown: the first screen does not need it. */
    private org.threadlab.ui.course.CoursePathView coursePath;
    private final ToggleButton courseToggle = new ToggleButton(null,
            new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAP_MARKER_PATH));
    /** The next step in the status line too, in sight whichever tab a result left selected (a deadlock: Locks). */
    private final javafx.scene.control.Hyperlink statusNext = new javafx.scene.control.Hyperlink();

    public MainWindow(LessonLibrary.Loaded lessons, CompletionStore completions) {
        getStyleClass().add("tl-window");
        library = LibraryView.restAfterFirstFrame(lessons, completions);
        library.onOpen(this::open);
        library.setReloader(() -> LessonLibrary.standard().loadAll());
        progress = completions;
        course = org.threadlab.ui.course.CoursePath.of(lessons.inCourseOrder());
        welcome = new WelcomeView(lessons, completions, () -> course.nextStep(progress).map(step -> new WelcomeView.CourseStep(
                step.continueText(), step.lesson(), step.opensLesson(), () -> takeStep(step))), () -> showCoursePath(true));
        welcome.onOpen(this::open);
        library.onLibrary(loaded -> {
            course = org.threadlab.ui.course.CoursePath.of(loaded.inCourseOrder());
            if (coursePath != null) {
                coursePath.setCourse(loaded.inCourseOrder());
            }
            welcome.setLibrary(loaded);
        });

        lessonPane.getChildren().add(welcome);
        lessonPane.setMinWidth(LESSON_MIN_PX);

        // A wider window widens the lesson and the run, not the library: it keeps the width it was dragged to.
        SplitPane.setResizableWithParent(library, false);
        main.getItems().setAll(library, lessonPane); // the run area joins when a lesson opens
        main.setId("main-split");
        main.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, e -> {
            if (onDivider(e.getTarget())) {
                dividerDragged = true;
            }
        });
        main.widthProperty().addListener((o, was, now) -> {
            if (!fitColumns() && dividersPending && now.doubleValue() > 0) {
                placeDividers();
            }
        });
        setCenter(main);
        setTop(toolbar());
        textScale.addListener((o, was, scale) -> applyTextScale(scale.doubleValue()));
        // a scene the window joins later gets the scale too (nothing to do at the normal scale: no walk at start-up)
        sceneProperty().addListener((o, was, scene) -> {
            if (textScale.get() != 1) {
                applyTextScale(textScale.get());
            }
        });
        setBottom(statusBar());

        addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        setOnDragOver(this::dragOver); // a run file dropped onto the window opens it; lesson files and folders join the library
        setOnDragDropped(this::dragDropped);
        library.onAddFolder(this::chooseLessonFolder);
        library.onNewLesson(this::chooseNewLesson);
        library.onRemoveFolder(this::removeLessons);

        session.variantProperty().addListener((o, a, v) -> {
            if (lessonView != null && v != null && !v.isEmpty() && !v.equals(lessonView.variant())) {
                lessonView.setVariant(v);
            }
        });
        heartbeat = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        heartbeat.start();
    }

    /**
     * The run area: the run bar, timeline and detail tabs, and the step, exploration and stress tabs.
     * The first screen does not show it, so it is made after that screen's first frame (or when a
     * lesson opens before that), not before: it is most of the window's controls.
     */
    private final class RunArea {
        private final TimelineView timeline = new TimelineView();
        private final MemoryView memory = new MemoryView();
        private final LocksView locks = new LocksView();
        private final SyncView sync = new SyncView();
        private final ConsoleView console = new ConsoleView();
        private final ResultView result = new ResultView();
        private final org.threadlab.ui.run.VariantTimes variantTimes = new org.threadlab.ui.run.VariantTimes();
        private final StepPanel stepPanel = new StepPanel();
        private final ExplorePanel explorePanel = new ExplorePanel();
        private final StressPanel stressPanel = new StressPanel();
        private final org.threadlab.ui.pinned.PinnedRunsView pinned = new org.threadlab.ui.pinned.PinnedRunsView();
        private final org.threadlab.ui.python.PythonPanel pythonPanel = new org.threadlab.ui.python.PythonPanel(new org.threadlab.engine.Engine());
        private final Tab pythonTab;
        /** A pin and the number of runs pinned: five tabs share a run area 550 px wide beside the library. */
        private final Tab pinnedTab = new Tab("", pinned);
        private final TabPane modes = new TabPane();
        private final Tab runTab;
        private final Tab stepTab;
        private final Tab exploreTab;
        private final Tab stressTab;
        private final TabPane details = new TabPane();
        /** The run area: the timeline above the detail tabs. */
        private final SplitPane runSplit = new SplitPane();
        private final Tab locksTab;
        private final Tab syncTab;
        private final Tab consoleTab;
        private final Tab memoryTab;
        private final Tab resultTab;

        RunArea() {
            RunBar runBar = new RunBar(session);
            runBar.pinButton().setOnAction(e -> pinShown());
            // a finished run on screen not pinned yet: after a pin the button rests, which says it worked
            runBar.pinButton().disableProperty().bind(Bindings.createBooleanBinding(() -> session.runningProperty().get()
                    || !pinned.canPin(session.resultProperty().get()), session.resultProperty(), session.runningProperty(),
                    pinned.countProperty()));
            timeline.setMinHeight(TIMELINE_LEAST_HEIGHT);
            timeline.setPrefHeight(300);
            details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            memoryTab = new Tab("Shared memory", scroll(memory));
            locksTab = new Tab("Locks", scroll(locks));
            locksTab.setId("locks-tab");
            syncTab = new Tab("Semaphores, queues & conditions", scroll(sync)); // only for lessons that declare any
            syncTab.setId("sync-tab");
            consoleTab = new Tab("Console", console);
            result.setOnRunSequential(session::runSequentialToCompare);
            VBox resultBox = new VBox(16, result, variantTimes); // one run's result, then the variants compared
            resultTab = new Tab("Result", scroll(resultBox));
            details.getTabs().addAll(memoryTab, locksTab, consoleTab, resultTab);
            details.setId("details");
            runSplit.getItems().setAll(timeline, details);
            runSplit.setOrientation(Orientation.VERTICAL);
            runSplit.setDividerPositions(timelineShareWanted);
            VBox runArea = new VBox(runBar, notices, runSplit);
            VBox.setVgrow(runSplit, Priority.ALWAYS);

            // A live run, or the learner as the scheduler, or every schedule, or real threads many times over.
            runTab = new Tab("Run", runArea);
            stepTab = new Tab("Step through", scroll(stepPanel));
            exploreTab = new Tab("Every interleaving", scroll(explorePanel));
            stressTab = new Tab("Real stress", scroll(stressPanel));
            // the Python logo alone, like the pin: six named tabs do not fit beside the library at 1280x800;
            // the listing's Run on my Python button leads here, and the tooltip names it
            pythonTab = new Tab("", scroll(pythonPanel)); // every line at its full height; the tab scrolls
            pythonTab.setId("python-tab");
            pythonTab.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignL.LANGUAGE_PYTHON));
            pythonTab.setTooltip(new Tooltip("Your Python: run the lesson's Python listing on your own Python, for real"));
            pythonPanel.setPadding(new javafx.geometry.Insets(12));
            pythonPanel.setConsent(new org.threadlab.ui.python.ConsentDialog(
                    () -> getScene() == null ? null : getScene().getWindow(), () -> pythonSettings.builtInPythonTrusted(),
                    pythonSettings::saveBuiltInPythonTrusted));
            pythonPanel.setBuiltIn(l -> lessonSource.isBuiltIn(l));
            pythonPanel.onResult(r -> variantTimes.recordPython(r, pythonPanel.variant()));
            // asking the interpreter what it is starts a process: only once the learner comes to it
            pythonTab.selectedProperty().addListener((o, was, on) -> {
                if (on && pythonPanel.interpreter().isEmpty() && !pythonAsked) {
                    pythonAsked = true;
                    pythonPanel.useInterpreter(pythonSettings.pythonCommand(), pythonSettings::savePythonCommand);
                }
            });
            modes.getTabs().addAll(runTab, stepTab, exploreTab, stressTab, pythonTab, pinnedTab);
            pinnedTab.setId("pinned-tab");
            pinnedTab.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignP.PIN_OUTLINE));
            pinnedTab.textProperty().bind(Bindings.createStringBinding(() -> pinned.countProperty().get() == 0 ? ""
                    : Integer.toString(pinned.countProperty().get()), pinned.countProperty()));
            pinnedTab.setTooltip(new Tooltip());
            pinnedTab.getTooltip().textProperty().bind(Bindings.format("Pinned runs, side by side: %d", pinned.countProperty()));
            session.lessonProperty().addListener((o, a, l) -> pinned.setLesson(l)); // another lesson's runs leave
            modes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            modes.setId("modes");
            modes.setMinWidth(560);
            stepTab.setId("step-tab");
            exploreTab.setId("explore-tab");
            stressTab.setId("stress-tab");
            modes.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> stepLines());
            stepPanel.onLines(marks -> stepLines());
            stepPanel.wonBefore((lessonId, challengeId) -> progress.challengesWon(lessonId).contains(challengeId));
            stepPanel.onChallengeWon((lessonId, challengeId) -> {
                challengeWon(lessonId, challengeId);
                Lesson shown = session.lessonProperty().get();
                if (shown != null && shown.id().equals(lessonId)) { // the course goes on from here
                    nextStepAfter(shown).ifPresentOrElse(s -> stepPanel.showNextStep(s.sentence() + ".", () -> takeStep(s)),
                            () -> stepPanel.showNextStep("You have done every step of the course.", null));
                }
            });
            stepPanel.onVariant(v -> {
                if (v != null && !v.isEmpty() && !v.equals(session.variantProperty().get())) {
                    session.variantProperty().set(v); // the lesson shows the listing of the variant being stepped
                }
                stepLines(); // a new variant's listing starts unlit
            });
            explorePanel.onReplay((variant, schedule) -> {
                modes.getSelectionModel().select(stepTab);
                stepPanel.replay(variant, schedule);
            });
            explorePanel.guess(MainWindow.this::guessText);
            stressPanel.guess(MainWindow.this::guessText);
            session.feedProperty().addListener((o, a, feed) -> {
                notices.hide(); // the last run's news is old news
                timeline.setFeed(feed);
                timeline.setMemory(feed == null ? null : session.memory()); // the same run's memory, for its lost updates
                console.clear();
                showDeadlock(null);
                if (feed == null) {
                    // no run on screen (another lesson or variant): the result goes back to "No result yet"
                    result.show(null, session.lessonProperty().get(), Optional.empty(), null);
                    result.hideWallTimes();
                    if (lessonView != null) {
                        lessonView.forgetRun(); // its "This run: ..." would describe a run no longer on screen
                    }
                }
                drawnRevision = -1;
            });
            session.resultProperty().addListener((o, a, r) -> finished(r));
            timeline.playheadNanosProperty().bind(session.playheadProperty());
            timeline.onCentredProperty().set(t -> {
                // zoomed in to single steps, the replay follows the middle of the view: the memory view and
                // the listing show that moment (never while a run is live: following its end comes first)
                if (!session.runningProperty().get() && session.feedProperty().get() != null) {
                    session.playingProperty().set(false);
                    session.seek(t);
                }
            });
            timeline.onSeekProperty().set(t -> {
                session.playingProperty().set(false); // the replay stops on the moment centred, for the class to look at
                session.seek(t);
            });
            applyDark();
        }

        void applyDark() {
            timeline.darkProperty().set(dark);
            memory.setDark(dark);
            locks.setDark(dark);
            sync.setDark(dark);
            console.setDark(dark);
            pinned.setDark(dark);
        }
    }

    /** The run area, made now if it is not yet. */
    private RunArea run() {
        if (run == null) {
            run = new RunArea();
            run.timeline.setTextScale(textScale.get());
            run.timeline.setMinHeight(TIMELINE_LEAST_HEIGHT * textScale.get()); // its lanes and ruler grow with the text
            run.pinned.setTextScale(textScale.get());
            statusNext.setId("status-next");
            statusNext.visibleProperty().bind(run.result.nextStepShown()); // it goes when the result's line goes
            statusNext.managedProperty().bind(statusNext.visibleProperty());
        }
        return run;
    }

    private static ScrollPane scroll(Region content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        return s;
    }

    private HBox toolbar() {
        Label title = new Label("ThreadLab");
        title.getStyleClass().add("tl-app-title");
        Label lessonTitle = new Label();
        lessonTitle.getStyleClass().add("tl-lesson-title");
        lessonTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> session.lessonProperty().get() == null ? "" : session.lessonProperty().get().title(),
                session.lessonProperty()));
        libraryToggle.setSelected(true);
        libraryToggle.setId("library-toggle");
        LazyTooltip.install(libraryToggle, "Show or hide the lesson library (Ctrl+L)");
        libraryToggle.selectedProperty().addListener((o, a, show) -> showLibrary(show));
        darkToggle.setId("dark-theme");
        LazyTooltip.install(darkToggle, "Light or dark theme");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        presentToggle.setId("present");
        LazyTooltip.install(presentToggle, "Presentation view: the run fills the window (P; Esc or P to come back)."
                + " F11: full screen");
        presentToggle.selectedProperty().addListener((o, a, on) -> setPresenting(on));
        courseToggle.setId("course-toggle");
        LazyTooltip.install(courseToggle, "Course path: your progress and the next step (Ctrl+G)");
        courseToggle.selectedProperty().addListener((o, a, show) -> showCoursePath(show));
        HBox bar = new HBox(12, libraryToggle, courseToggle, title, lessonTitle, grow, runFiles.buttons(), presentToggle,
                darkToggle);
        bar.getStyleClass().add("tl-toolbar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    /** The status line: what the run is doing, a progress indicator while it runs, what the replay does. */
    private StatusBar statusBar() {
        Label text = new Label();
        text.setId("status");
        text.textProperty().bind(session.messageProperty());
        Label replay = new Label();
        replay.setId("replay-state");
        replay.textProperty().bind(Bindings.createStringBinding(this::replayState, session.feedProperty(),
                session.runningProperty(), session.startingProperty(), session.followingProperty(),
                session.playingProperty(), session.speedProperty(), session.endNanosProperty(),
                session.playheadProperty()));
        Label gilNote = new Label("GIL: simulated");
        gilNote.getStyleClass().add("tl-badge");
        gilNote.visibleProperty().bind(session.gilProperty());
        gilNote.managedProperty().bind(session.gilProperty());
        LazyTooltip.install(gilNote, "The GIL is a simulation of CPython's: Java threads have none");
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.getStyleClass().add("tl-status");
        status.setText("");
        status.getLeftItems().add(text);
        status.getRightItems().addAll(statusNext, replay, gilNote);
        // indeterminate while a run starts or runs; a progress of 0 hides the indicator
        status.progressProperty().bind(Bindings.when(session.runningProperty()).then(-1.0).otherwise(0.0));
        return status;
    }

    private String replayState() {
        if (session.feedProperty().get() == null || session.startingProperty().get()) {
            return "";
        }
        if (session.followingProperty().get()) {
            return "following the live run";
        }
        if (session.playingProperty().get()) {
            return "replaying at " + RunBar.speedText(session.speedProperty().get());
        }
        if (session.runningProperty().get()) {
            return "replay paused; the run goes on";
        }
        return session.playheadProperty().get() < session.endNanosProperty().get() ? "replay paused" : "";
    }

    /** The banner under the run bar: it shows when a run ends timed out, failed or deadlocked. */
    public NoticeBar notices() {
        return notices;
    }

    /**
     * What the first frame leaves for later, called once it is drawn: the library's other groups, and
     * the run area, made and put into the scene, hidden, until a lesson opens, so that its controls get
     * their skins and styles now rather than in the first lesson's open.
     */
    public void completeAfterFirstFrame() {
        library.showAllGroups();
        RunArea r = run();
        if (r.modes.getParent() != null || main.getItems().contains(r.modes)) {
            return;
        }
        javafx.scene.Group waiting = new javafx.scene.Group(r.modes);
        waiting.setVisible(false);
        waiting.setManaged(false);
        lessonPane.getChildren().add(0, waiting);
    }

    // ------------------------------------------------------------ live reload (issue 16)

    /** Watches the file of the lesson on screen; null when none is watched. */
    private org.threadlab.lesson.LessonWatcher sourceWatcher;

    /** Watches the lesson's file, so that a save from any editor reloads it (see {@link #reloadLesson}). */
    private void watchSource(Lesson lesson) {
        stopWatching();
        java.nio.file.Path file = lesson.source();
        if (file == null || !java.nio.file.Files.isRegularFile(file)) {
            return;
        }
        try {
            sourceWatcher = new org.threadlab.lesson.LessonWatcher(java.util.List.of(file), changed -> {
                // parsed here, on the watcher's thread; the window changes on the FX thread
                try {
                    Lesson fresh = new org.threadlab.lesson.LessonParser().parse(file);
                    javafx.application.Platform.runLater(() -> reloaded(file, fresh, java.util.List.of()));
                } catch (org.threadlab.lesson.LessonException e) {
                    javafx.application.Platform.runLater(() -> reloaded(file, null, e.problems()));
                }
            }).start();
        } catch (java.io.IOException | RuntimeException e) {
            sourceWatcher = null; // no live reload for this file; the Reload button still reads it again
        }
    }

    private void stopWatching() {
        if (sourceWatcher != null) {
            try {
                sourceWatcher.close();
            } catch (java.io.IOException e) {
                // closing a watch service that is gone already
            }
            sourceWatcher = null;
        }
    }

    /** A save of the lesson's file was read: shows the new version, or its problems under the last good one. */
    private void reloaded(java.nio.file.Path file, Lesson fresh, java.util.List<org.threadlab.lesson.LessonProblem> problems) {
        if (lessonView == null || !file.equals(lessonView.lesson().source())) {
            return; // another lesson is on screen now
        }
        if (fresh == null) {
            lessonView.problems().show(problems, file.getFileName().toString());
            return;
        }
        reloadLesson(fresh);
        session.tell("Reloaded " + file.getFileName() + " at " + java.time.LocalTime.now().withNano(0) + ".");
    }

    /**
     * Shows a new version of the lesson on screen, keeping the variant, mode, workers, pool size,
     * GIL and params the learner chose where the new version still has them, and the tab.
     */
    public void reloadLesson(Lesson fresh) {
        String variant = session.variantProperty().get();
        String mode = session.modeProperty().get();
        int workers = session.workersProperty().get();
        int poolSize = session.poolSizeProperty().get();
        boolean gil = session.gilProperty().get();
        java.util.Map<String, Long> params = session.paramsProperty().get();
        javafx.scene.control.Tab tab = run().modes.getSelectionModel().getSelectedItem();
        open(fresh);
        if (variant != null && fresh.variant(variant).isPresent()) {
            lessonView.setVariant(variant);
            session.variantProperty().set(variant);
        }
        Lesson resolved = fresh.resolve(session.variantProperty().get());
        if (mode != null && resolved.run().modes().contains(mode)) {
            session.modeProperty().set(mode);
        }
        if (workers >= resolved.run().minWorkers() && workers <= resolved.run().maxWorkers()) {
            session.workersProperty().set(workers);
        }
        session.poolSizeProperty().set(poolSize);
        session.gilProperty().set(gil && "threads".equals(session.modeProperty().get()));
        java.util.Map<String, Long> kept = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (resolved.params().containsKey(k)) {
                kept.put(k, v);
            }
        });
        session.paramsProperty().set(java.util.Map.copyOf(kept));
        if (tab != null && run().modes.getTabs().contains(tab)) {
            run().modes.getSelectionModel().select(tab);
        }
    }

    /** The lesson view on screen, or null before a lesson is opened. */
    public LessonView lessonView() {
        return lessonView;
    }

    /** Where the library's lessons come from: the built-in folder and the added ones. */
    private LessonLibrary lessonSource = LessonLibrary.standard();
    /** The folders added in the window (not those of --lessons), which the window remembers. */
    private final java.util.List<java.nio.file.Path> rememberedFolders = new java.util.ArrayList<>();
    private java.util.function.Consumer<java.util.List<java.nio.file.Path>> saveFolders = f -> {};

    /**
     * The library the Reload button reads again: the built-in lessons and any added with --lessons;
     * {@code remembered} are the folders added in the window before, kept with {@code save}.
     */
    public void useLibrary(LessonLibrary source, java.util.List<java.nio.file.Path> remembered,
                           java.util.function.Consumer<java.util.List<java.nio.file.Path>> save) {
        lessonSource = source;
        rememberedFolders.clear();
        rememberedFolders.addAll(remembered);
        saveFolders = save;
        library.setReloader(() -> lessonSource.loadAll());
    }

    /** Adds folders (or lesson files) to the library, remembers them, and loads the library again. */
    public void addLessons(java.util.List<java.nio.file.Path> paths) {
        java.util.List<java.nio.file.Path> fresh = paths.stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> !lessonSource.extra().contains(p)).distinct().toList();
        if (fresh.isEmpty()) {
            return;
        }
        lessonSource = lessonSource.withExtra(fresh);
        rememberedFolders.addAll(fresh);
        saveFolders.accept(java.util.List.copyOf(rememberedFolders));
        libraryToggle.setSelected(true); // the new group is at the top of the library: show it
        library.reload();
    }

    /** Takes an added folder out of the library (its files stay where they are). */
    public void removeLessons(java.nio.file.Path folder) {
        java.util.List<java.nio.file.Path> left = new java.util.ArrayList<>(lessonSource.extra());
        left.remove(folder);
        lessonSource = new LessonLibrary(lessonSource.folder(), left);
        rememberedFolders.remove(folder);
        saveFolders.accept(java.util.List.copyOf(rememberedFolders));
        library.reload();
    }

    /**
     * Writes a starter lesson {@code id} into {@code folder} (never over a file), adds the folder to
     * the library and opens the lesson, so a teacher can edit it in any editor and watch it reload.
     * Returns why it could not, or null.
     */
    public String newLesson(String id, java.nio.file.Path folder) {
        if (!org.threadlab.lesson.LessonStarter.validId(id)) {
            return "'" + id + "' is not a lesson id: use lower-case letters, digits and -";
        }
        java.nio.file.Path file = folder.resolve(id + ".yaml");
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.writeString(file, org.threadlab.lesson.LessonStarter.starter(id,
                    org.threadlab.lesson.LessonStarter.schemaLine(lessonSource.folder())),
                    java.nio.file.StandardOpenOption.CREATE_NEW);
            Lesson lesson = new org.threadlab.lesson.LessonParser().parse(file);
            addLessons(java.util.List.of(folder));
            open(lesson);
            session.tell("Wrote " + file + ": edit it in any editor, and each save shows here.");
            return null;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return file + " already exists; choose another id";
        } catch (java.io.IOException | org.threadlab.lesson.LessonException e) {
            return "cannot write " + file + ": " + e.getMessage();
        }
    }

    /** The library's new-lesson button: asks for an id and a folder, then {@link #newLesson}. */
    private void chooseNewLesson() {
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog("my-lesson");
        ask.setTitle("New lesson");
        ask.setHeaderText("The new lesson's id (lower-case letters, digits and -); the file is ID.yaml");
        ask.initOwner(getScene() == null ? null : getScene().getWindow());
        ask.showAndWait().map(String::strip).ifPresent(id -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("The folder for " + id + ".yaml");
            java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                String why = newLesson(id, dir.toPath());
                if (why != null) {
                    notices.show(why);
                }
            }
        });
    }

    /** The folder chooser of Ctrl+Shift+O and the library's folder button. */
    private void chooseLessonFolder() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Add a folder of lessons");
        java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            addLessons(java.util.List.of(dir.toPath()));
        }
    }

    /**
     * Writes the open lesson, all its variants with it, to a file of its own: the lesson file's text
     * as it is, under the name chosen (a lesson read from a zip is written as read). Returns why it
     * could not, or null.
     */
    public String exportLesson(java.nio.file.Path target) {
        if (lessonView == null) {
            return "open a lesson first";
        }
        Lesson lesson = lessonView.lesson();
        try {
            byte[] text = java.nio.file.Files.readAllBytes(lesson.source());
            java.nio.file.Files.write(target, text);
            session.tell("Exported “" + lesson.title() + "” with its " + Math.max(1, lesson.variants().size())
                    + " variant" + (lesson.variants().size() > 1 ? "s" : "") + " to " + target + ".");
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            String why = "cannot export " + lesson.id() + ": " + e.getMessage();
            notices.show(why);
            return why;
        }
    }

    /** Ctrl+E: asks where to write the open lesson, then {@link #exportLesson}. */
    private void chooseExport() {
        if (lessonView == null) {
            notices.show("Open a lesson first: Ctrl+E exports the lesson on screen to a file.");
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the lesson");
        chooser.setInitialFileName(lessonView.lesson().id() + ".yaml");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Lesson files", "*.yaml"));
        java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportLesson(file.toPath());
        }
    }

    /** Lesson files (.yaml), zips of them, and folders among files dragged onto the window. */
    public static java.util.List<java.nio.file.Path> lessonsAmong(java.util.List<java.io.File> files) {
        return files.stream().map(java.io.File::toPath)
                .filter(p -> java.nio.file.Files.isDirectory(p) || p.getFileName().toString().endsWith(".yaml")
                        || p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")).toList();
    }

    private void dragOver(javafx.scene.input.DragEvent e) {
        runFiles.dragOver(e);
        if (!e.isConsumed() && e.getDragboard().hasFiles() && !lessonsAmong(e.getDragboard().getFiles()).isEmpty()) {
            e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            e.consume();
        }
    }

    private void dragDropped(javafx.scene.input.DragEvent e) {
        if (e.getDragboard().hasFiles() && RunFiles.runFileAmong(e.getDragboard().getFiles()).isPresent()) {
            runFiles.dropped(e);
            return;
        }
        java.util.List<java.nio.file.Path> lessons = e.getDragboard().hasFiles()
                ? lessonsAmong(e.getDragboard().getFiles()) : java.util.List.of();
        addLessons(lessons);
        e.setDropCompleted(!lessons.isEmpty());
        e.consume();
    }

    /** Opens a lesson: shows it and makes it the session's lesson. */
    public void open(Lesson lesson) {
        RunArea r = run();
        showCoursePath(false); // the lesson takes the pane
        rememberDividers();
        lessonView = new LessonView(lesson);
        lessonView.onPlayChallenge(this::playChallenge);
        lessonPane.getChildren().setAll(lessonView);
        boolean runAreaJoins = !main.getItems().contains(r.modes);
        if (runAreaJoins) {
            main.getItems().add(r.modes);
        }
        if (textScale.get() != 1) {
            restyle(); // the new lesson view's (and run area's) own stylesheets at the scale
        }
        if (runAreaJoins) {
            // its controls exist at once (skins, tab contents), not at the next pulse: what opens a
            // lesson and then looks for the run bar finds it
            main.applyCss();
        }
        libraryToggle.setSelected(false); // the lesson and its run get the room; the toggle brings the library back
        placeDividers();
        main.layout(); // laid out now, not at the next pulse: a click on the run bar right after lands where it shows
        if (runAreaJoins) {
            // a split's first layout moves a divider set before it (to fit its parts' minimum heights): set it again now
            r.runSplit.setDividerPositions(timelineShareWanted);
            r.runSplit.layout();
        }
        session.open(lesson); // the session forgets the last run, running or not, even of this same lesson
        LessonView view = lessonView;
        watchSource(lesson);
        view.problems().onOpen(p -> org.threadlab.ui.lesson.SourceView.show(getScene() == null ? null : getScene().getWindow(),
                java.nio.file.Path.of(p.pos().file()), p.pos().line()));
        view.onRunPython(this::runPythonListing);
        view.variantProperty().addListener((o, a, v) -> {
            if (v != null && !v.equals(session.variantProperty().get())) {
                session.variantProperty().set(v); // the lesson's own variant buttons choose what runs
            }
        });
        r.result.show(null, null, Optional.empty(), null);
        showDeadlock(null);
        showSyncTab(lesson);
        showStepModes(lesson, view.variant());
        r.variantTimes.show(lesson);
        r.result.hideWallTimes();
        view.variantProperty().addListener((o, a, v) -> showStepModes(lesson, v));
    }

    // ---- in front of a class: the presentation view

    /** The lesson column's least width at scale 1. */
    private static final double LESSON_MIN_PX = 360;
    /** The scale steps Ctrl+plus and Ctrl+minus move through. */
    private static final double[] SCALES = {0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5};
    /** The body text's size at scale 1, as the stylesheet sets it (app.css, .root). */
    private static final double BODY_PX = 14;

    /** Ctrl+plus (or Ctrl+=), Ctrl+minus and Ctrl+0; true if the key was one of them. */
    private boolean scaleKey(KeyEvent e) {
        if (!e.isShortcutDown()) {
            return false;
        }
        double now = textScale.get();
        switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> textScale.set(java.util.Arrays.stream(SCALES).filter(x -> x > now + 1e-9).findFirst()
                    .orElse(SCALES[SCALES.length - 1]));
            case MINUS, SUBTRACT -> textScale.set(java.util.Arrays.stream(SCALES).filter(x -> x < now - 1e-9)
                    .reduce((a, b) -> b).orElse(SCALES[0]));
            case DIGIT0, NUMPAD0 -> textScale.set(1);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The scale of every text and control of the window, 1 for normal, from 0.75 to 2.5: the root's
     * font size (which the theme's controls, sized in em, follow), ThreadLab's own stylesheets and
     * the timeline's canvas text. The app remembers it between starts.
     */
    public javafx.beans.property.DoubleProperty textScaleProperty() {
        return textScale;
    }

    private void applyTextScale(double scale) {
        double clamped = org.threadlab.ui.settings.Settings.clampTextScale(scale);
        if (clamped != scale) {
            textScale.set(clamped);
            return;
        }
        setStyle(clamped == 1 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", BODY_PX * clamped));
        lessonPane.setMinWidth(LESSON_MIN_PX * clamped);
        restyle();
        if (run != null) {
            run.timeline.setTextScale(clamped);
            run.timeline.setMinHeight(TIMELINE_LEAST_HEIGHT * clamped); // its lanes and ruler grow with the text
            run.pinned.setTextScale(clamped);
            applyCss(); // the least widths at this scale, for the columns
            fitColumns();
        }
    }

    /** ThreadLab's own stylesheets at the text scale, in the window and in the columns it shows or keeps aside. */
    private void restyle() {
        double scale = textScale.get();
        scaledStylesheets.apply(getScene(), this, scale);
        // hidden columns too, so that they come back at the scale (the shown ones were in the walk above)
        java.util.List<Parent> columns = new java.util.ArrayList<>(java.util.List.of(library, lessonPane));
        if (run != null) {
            columns.add(run.modes);
        }
        for (Parent column : columns) {
            if (column.getParent() == null) {
                scaledStylesheets.apply(null, column, scale);
            }
        }
    }

    /** Whether the presentation view is on: the run area alone fills the window. */
    public boolean isPresenting() {
        return presenting;
    }

    /**
     * Turns the presentation view on or off. It needs a run area (a lesson open); on the welcome
     * screen it stays off. Coming back restores the columns and their dividers as they were.
     */
    public void setPresenting(boolean on) {
        if (on == presenting) {
            presentToggle.setSelected(on);
            return;
        }
        if (on) {
            if (run == null || !main.getItems().contains(run.modes)) {
                presentToggle.setSelected(false);
                return;
            }
            rememberDividers();
            presenting = true;
            main.getItems().setAll(run.modes);
        } else {
            presenting = false;
            java.util.List<javafx.scene.Node> items = new java.util.ArrayList<>();
            if (libraryToggle.isSelected()) {
                items.add(library);
            }
            items.add(lessonPane);
            items.add(run.modes);
            main.getItems().setAll(items);
            placeDividers();
        }
        presentToggle.setSelected(presenting);
    }

    // ---- the split: library | lesson | run area

    private void showLibrary(boolean show) {
        if (presenting) {
            if (!show) {
                return; // hidden already; it stays hidden when the presentation ends
            }
            setPresenting(false); // the library comes back with the lesson beside it
        }
        rememberDividers();
        if (show && !main.getItems().contains(library)) {
            main.getItems().add(0, library);
        } else if (!show) {
            main.getItems().remove(library);
        }
        if (!fitColumns()) {
            placeDividers();
        }
    }

    /**
     * Where the library, the lesson and the run area do not fit side by side at their least widths
     * (a large text scale on a projector), the lesson column gives way while the library is open and
     * comes back when it closes. Returns whether it changed the columns (and placed the dividers).
     */
    private boolean fitColumns() {
        if (presenting || run == null || !main.getItems().contains(run.modes) || main.getWidth() <= 0) {
            return false;
        }
        // the run area's tabs do not pass on their contents' least width: its run bar's wish stands for
        // it; at the normal scale the three columns always share the room, as they did before scaling
        boolean threeFit = textScale.get() <= 1
                || library.minWidth(-1) + lessonPane.minWidth(-1) + run.modes.prefWidth(-1) <= main.getWidth();
        boolean wantLesson = !main.getItems().contains(library) || threeFit;
        if (wantLesson == main.getItems().contains(lessonPane)) {
            return false;
        }
        if (wantLesson) {
            main.getItems().add(main.getItems().indexOf(run.modes), lessonPane);
        } else {
            main.getItems().remove(lessonPane);
        }
        placeDividers();
        return true;
    }

    private boolean onDivider(Object target) {
        for (Object n = target; n instanceof javafx.scene.Node node && node != main; n = node.getParent()) {
            if (node.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }

    /** After the learner dragged a divider, notes the library's width and the lesson's share as laid out now. */
    private void rememberDividers() {
        if (!dividerDragged) {
            return;
        }
        dividerDragged = false;
        if (main.getItems().contains(library) && library.getWidth() > 0) {
            libraryWidth = library.getWidth();
        }
        if (run != null && main.getItems().contains(run.modes) && lessonPane.getWidth() > 0 && run.modes.getWidth() > 0) {
            lessonShare = lessonPane.getWidth() / (lessonPane.getWidth() + run.modes.getWidth());
        }
    }

    /** Places the dividers for the columns shown: the library at its width, the rest split at the lesson's share. */
    private void placeDividers() {
        double total = main.getWidth();
        if (total <= 0) {
            dividersPending = true;
            return;
        }
        dividersPending = false;
        boolean withLibrary = main.getItems().contains(library);
        boolean withRun = run != null && main.getItems().contains(run.modes);
        double lib = 0;
        if (withLibrary) {
            double wanted = Double.isNaN(libraryWidth) ? library.prefWidth(-1) : libraryWidth;
            // beside a lesson and its run, the library gives way before they go below their minimum widths
            double room = withRun ? total - lessonPane.minWidth(-1) - run.modes.minWidth(-1) : total - lessonPane.minWidth(-1);
            lib = Math.max(library.minWidth(-1), Math.min(wanted, room));
        }
        java.util.List<Double> positions = new java.util.ArrayList<>();
        if (withLibrary) {
            positions.add(lib / total);
        }
        if (withRun) {
            positions.add((lib + lessonShare * (total - lib)) / total);
        }
        main.setDividerPositions(positions.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The library column's width as the learner chose it: dragged to, or else the width it asks for.
     * Squeezed beside a lesson and its run, or hidden, it still has this width to go back to.
     */
    public double libraryWidth() {
        rememberDividers();
        return Double.isNaN(libraryWidth) ? library.prefWidth(-1) : libraryWidth;
    }

    /** The lesson pane's share of the room the lesson and the run area split (0 to 1). */
    public double lessonShare() {
        rememberDividers();
        return lessonShare;
    }

    /** The timeline's share of the run area's height, above the detail tabs (0 to 1). */
    public double timelineShare() {
        return run == null ? timelineShareWanted : run.runSplit.getDividerPositions()[0];
    }

    /** Puts the dividers where a window remembered them: the library's width, the lesson's share, the timeline's. */
    public void restoreDividers(double libraryWidth, double lessonShare, double timelineShare) {
        this.libraryWidth = libraryWidth;
        this.lessonShare = lessonShare;
        this.timelineShareWanted = timelineShare;
        if (run != null) {
            run.runSplit.setDividerPositions(timelineShare);
        }
        placeDividers();
    }

    /** The split of library, lesson and run area. */
    public SplitPane mainSplit() {
        return main;
    }

    public LibraryView library() {
        return library;
    }

    public WelcomeView welcome() {
        return welcome;
    }

    /** The toolbar's button that shows or hides the library. */
    public ToggleButton libraryToggle() {
        return libraryToggle;
    }

    /** The semaphores, queues and conditions tab sits after the locks when the lesson, in any variant, declares some. */
    private void showSyncTab(Lesson lesson) {
        RunArea r = run();
        boolean declares = java.util.stream.Stream.concat(java.util.stream.Stream.of(lesson),
                        lesson.variants().stream().map(v -> lesson.resolve(v.name())))
                .anyMatch(l -> !l.shared().semaphores().isEmpty() || !l.shared().queues().isEmpty()
                        || !l.shared().conditions().isEmpty());
        r.syncTab.setText(syncTitle(lesson));
        if (declares && !r.details.getTabs().contains(r.syncTab)) {
            r.details.getTabs().add(r.details.getTabs().indexOf(r.locksTab) + 1, r.syncTab);
        } else if (!declares) {
            r.details.getTabs().remove(r.syncTab);
        }
    }

    /**
     * The sync tab's title names only what the lesson has ("Queues & conditions"), so that the
     * detail tabs fit beside each other in a narrow run area.
     */
    private static String syncTitle(Lesson lesson) {
        java.util.List<Lesson> all = java.util.stream.Stream.concat(java.util.stream.Stream.of(lesson),
                lesson.variants().stream().map(v -> lesson.resolve(v.name()))).toList();
        java.util.List<String> kinds = new java.util.ArrayList<>();
        if (all.stream().anyMatch(l -> !l.shared().semaphores().isEmpty())) {
            kinds.add("Semaphores");
        }
        if (all.stream().anyMatch(l -> !l.shared().queues().isEmpty())) {
            kinds.add("Queues");
        }
        if (all.stream().anyMatch(l -> !l.shared().conditions().isEmpty())) {
            kinds.add("Conditions");
        }
        if (kinds.isEmpty()) {
            return "Semaphores & queues";
        }
        String title = String.join(", ", kinds);
        int last = title.lastIndexOf(", ");
        title = last < 0 ? title : title.substring(0, last) + " & " + title.substring(last + 2);
        return title.charAt(0) + title.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Step mode, exploration and stress follow the open lesson and its variant; work for the old one stops. */
    private void showStepModes(Lesson lesson, String variant) {
        RunArea r = run();
        r.stepPanel.show(lesson, variant);
        r.explorePanel.show(lesson, variant);
        r.stressPanel.show(lesson, variant);
        r.pythonPanel.show(lesson, variant); // a run of the last lesson's or variant's listing stops and goes
        StepTabs.mark(r.stepTab, r.stepPanel.notApplicable()); // a tab that cannot apply says why
        StepTabs.mark(r.exploreTab, r.explorePanel.notApplicable());
        StepTabs.mark(r.stressTab, r.stressPanel.notApplicable());
        stepLines();
    }

    /** In step mode, each lane's current line is lit in every listing; elsewhere step mode lights nothing. */
    private void stepLines() {
        if (lessonView == null || run == null) {
            return;
        }
        boolean stepping = run.modes.getSelectionModel().getSelectedItem() == run.stepTab && run.stepPanel.session() != null;
        java.util.Set<String> marks = stepping ? run.stepPanel.currentMarks() : java.util.Set.of();
        Lesson resolved = lessonView.lesson().resolve(run.stepPanel.variant());
        for (String language : lessonView.languages()) {
            java.util.Set<Integer> lines = new java.util.TreeSet<>();
            resolved.listing(language).ifPresent(l -> marks.forEach(m -> {
                Integer line = l.marks().get(m);
                if (line != null) {
                    lines.add(line);
                }
            }));
            lessonView.highlightLines(language, lines);
        }
    }

    private String guessText() {
        Lesson lesson = session.lessonProperty().get();
        if (lessonView == null || lesson == null || lesson.prediction() == null) {
            return "";
        }
        return lessonView.chosenPrediction()
                .map(i -> "Your prediction: " + lesson.prediction().choices().get(i))
                .orElse("Lock in a prediction beside the lesson to compare it with what happens here.");
    }

    private void finished(RunResult r) {
        RunArea area = run();
        if (r == null) {
            return;
        }
        Lesson lesson = session.lessonProperty().get();
        if (lesson == null || !lesson.id().equals(r.lesson())
                || !variantName(lesson, r.variant()).equals(variantName(lesson, session.variantProperty().get()))) {
            return; // the end of a run of another lesson or variant: it says nothing about this one
        }
        Optional<Integer> guess = lessonView == null ? Optional.empty() : lessonView.chosenPrediction();
        var recorded = session.recordedProperty().get(); // a replay's speed-up is capped by the cores it ran on
        area.result.measuredOn(recorded == null ? org.threadlab.ui.result.Measured.here()
                : org.threadlab.ui.result.Measured.recordedOn(recorded.machine().cores()));
        area.result.show(r, lesson, guess, session.lastSequential(r), session.memory());
        if (session.recordedProperty().get() == null) { // a replay's times are another machine's: not beside this one's
            area.variantTimes.record(r, session.locks(), session.lastSequential(r));
        }
        area.result.showWallTimes(session.comparableRuns(r), r);
        if (lessonView != null) {
            PredictionFeedback feedback = PredictionFeedback.of(lesson, r, guess, session.lastSequential(r));
            if (feedback == null || feedback.answersQuestion()) {
                lessonView.showPredictionResult(feedback == null ? r.outcomeText().strip() : feedback.observed());
            } else {
                lessonView.showPredictionNote(feedback.observed()); // the question stays open for a run that answers it
            }
        }
        if (r.status() == RunStatus.COMPLETED && lesson != null && session.recordedProperty().get() == null) {
            library.markCompleted(lesson.id()); // a replayed run is not the learner's: it completes nothing
        }
        if (session.recordedProperty().get() == null) {
            recordProgress(lesson, r, guess);
        }
        switch (r.status()) {
            case TIMED_OUT, FAILED, DEADLOCKED -> {
                notices.show(session.messageProperty().get());
            }
            case COMPLETED, CANCELLED -> notices.hide();
        }
        area.details.getSelectionModel().select(r.deadlock().isEmpty() ? area.resultTab : area.locksTab);
        showDeadlock(r);
    }

    /** A variant's name as the lesson knows it: "" and null are its default variant. */
    private static String variantName(Lesson lesson, String variant) {
        return variant == null || variant.isEmpty() ? lesson.defaultVariant() : variant;
    }

    /** A deadlocked run's circle goes above the lock cards, and the Locks tab is marked; anything else clears both. */
    private void showDeadlock(RunResult r) {
        RunArea area = run();
        boolean found = r != null && !r.deadlock().isEmpty();
        area.locks.showDeadlock(found ? r.deadlock() : null);
        area.locksTab.setGraphic(found ? new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignL.LOCK_ALERT) : null);
        area.locksTab.getStyleClass().remove("tl-deadlock-tab");
        if (found) {
            area.locksTab.getStyleClass().add("tl-deadlock-tab");
        }
    }

    // ------------------------------------------------------------ the course path (issue 15)

    /**
     * A learner's run of the lesson on screen ended: notes what it did for the course path (the
     * prediction answered, the run, its variant) and says under the result what to do next.
     */
    private void recordProgress(Lesson lesson, RunResult r, Optional<Integer> guess) {
        PredictionFeedback feedback = PredictionFeedback.of(lesson, r, guess, session.lastSequential(r));
        if (feedback != null && feedback.answersQuestion() && guess.isPresent()) {
            progress.recordPrediction(lesson.id(), guess.get() == lesson.prediction().answer());
        }
        if (r.status() != RunStatus.CANCELLED) { // a deadlock, a time-out or a crash is what some lessons show
            progress.recordRun(lesson.id(), variantName(lesson, r.variant()));
        }
        showNextStep(lesson);
        if (isCoursePathShown()) {
            coursePath.refresh();
        }
    }

    /** The course's next step after a result in {@code lesson}, as a link under the result. */
    private void showNextStep(Lesson lesson) {
        Optional<org.threadlab.ui.course.NextStep> step = showNextStepInStatus(lesson);
        run().result.showNextStep(step.map(s -> s.sentence() + ".")
                        .orElse("You have done every step of the course: every lesson run, every variant tried,"
                                + " every challenge won."),
                step.<Runnable>map(s -> () -> takeStep(s)).orElse(null));
    }

    /** The course's next step after something done in {@code lesson}, as a link in the status bar; returns it. */
    private Optional<org.threadlab.ui.course.NextStep> showNextStepInStatus(Lesson lesson) {
        Optional<org.threadlab.ui.course.NextStep> step = course.nextStepAfter(lesson, progress);
        statusNext.setText(step.map(s -> "Next: " + s.action()).orElse("Course done"));
        statusNext.setOnAction(step.<javafx.event.EventHandler<javafx.event.ActionEvent>>map(s -> e -> takeStep(s)).orElse(null));
        statusNext.setTooltip(new Tooltip(step.map(s -> s.sentence() + ".").orElse("Every lesson run, every variant tried, every challenge won.")));
        return step;
    }

    /**
     * Notes that the learner won a challenge of a lesson (called by Step through when a goal holds),
     * and brings the course path and the next step up to date.
     */
    public void challengeWon(String lessonId, String challengeId) {
        progress.challengeWon(lessonId, challengeId);
        if (isCoursePathShown()) {
            coursePath.refresh();
        }
    }

    /**
     * The course's next step after something done in {@code lesson} (a challenge won in Step
     * through, say): to show beside it, and to take with {@link #takeStep}; empty when all is done.
     */
    public Optional<org.threadlab.ui.course.NextStep> nextStepAfter(Lesson lesson) {
        return course.nextStepAfter(lesson, progress);
    }

    /** The learner's progress, as the course path reads it. */
    public CompletionStore progress() {
        return progress;
    }

    /** Takes a step of the course: opens its lesson (unless open), chooses its variant, or goes to Step through for a challenge. */
    public void takeStep(org.threadlab.ui.course.NextStep step) {
        showCoursePath(false);
        boolean open = lessonView != null && lessonView.lesson().id().equals(step.lesson().id());
        if (!open) {
            open(step.lesson());
        }
        switch (step) {
            case org.threadlab.ui.course.NextStep.OpenLesson o -> {
                if (open) {
                    session.tell("Press Run (Ctrl+R) to run the lesson to its end.");
                }
            }
            case org.threadlab.ui.course.NextStep.TryVariant v -> {
                lessonView.setVariant(v.variant().name());
                session.tell("Variant \u201C" + v.variant().title() + "\u201D chosen: press Run (Ctrl+R) to run it.");
            }
            case org.threadlab.ui.course.NextStep.WinChallenge c -> playChallenge(c.challenge().id());
        }
    }

    /** Whether the course path covers the lesson pane. */
    public boolean isCoursePathShown() {
        return coursePath != null && lessonPane.getChildren().contains(coursePath);
    }

    /** The course path view, made if it is not yet. */
    public org.threadlab.ui.course.CoursePathView coursePath() {
        if (coursePath == null) {
            coursePath = new org.threadlab.ui.course.CoursePathView(progress);
            coursePath.setCourse(course.lessons());
            coursePath.onOpen(l -> {
                if (lessonView != null && lessonView.lesson().id().equals(l.id())) {
                    showCoursePath(false); // the lesson on screen: back to it as it was
                } else {
                    open(l);
                }
            });
            coursePath.onStep(this::takeStep);
            coursePath.onReset(() -> {
                library.refreshCompleted();
                welcome.refresh();
                if (run != null) {
                    run.result.showNextStep(null, null); // it was worked out from the progress just forgotten
                }
            });
        }
        return coursePath;
    }

    /**
     * Shows the course path over the lesson pane (the first screen or the lesson, which stays as it
     * was beneath it), or takes it away (the toolbar's button, Ctrl+G, its Back button).
     */
    public void showCoursePath(boolean show) {
        if (show && !isCoursePathShown()) {
            if (presenting) {
                setPresenting(false);
            }
            if (!main.getItems().contains(lessonPane)) {
                libraryToggle.setSelected(false); // a large text scale left no room for the lesson column
            }
            org.threadlab.ui.course.CoursePathView view = coursePath();
            view.onClose(lessonView == null ? "Back to the start" : "Back to the lesson", () -> showCoursePath(false));
            view.setCurrent(lessonView == null ? null : lessonView.lesson().id());
            (lessonView != null ? lessonView : welcome).setVisible(false);
            lessonPane.getChildren().add(view);
            if (textScale.get() != 1) {
                restyle();
            }
            String here = lessonView == null ? null : lessonView.lesson().id();
            view.reveal(here); // where the lesson on screen is on the path
            view.requestFocus();
        } else if (!show && isCoursePathShown()) {
            lessonPane.getChildren().remove(coursePath);
            (lessonView != null ? lessonView : welcome).setVisible(true);
            if (lessonView == null) {
                welcome.refresh(); // what was done since may change where the course goes on from
            }
        }
        courseToggle.setSelected(show);
    }

    // ------------------------------------------------------------ run files (issue 14): see RunFiles

    /** Saves the finished run on screen to {@code file} (see {@link RunFiles#save}). */
    public void saveRun(java.nio.file.Path file) {
        runFiles.save(file);
    }

    /** Opens a run file and shows its run, replayed (see {@link RunFiles#open}). */
    public void openRun(java.nio.file.Path file) {
        runFiles.open(file);
    }

    /** Shows a recorded run, replayed, with its banner (see {@link RunFiles#show}). */
    public void showRecording(org.threadlab.runfile.Recording rec) {
        runFiles.show(rec);
    }

    private void keys(KeyEvent e) {
        if (scaleKey(e)) {
            e.consume(); // in text fields too: the text grows with the rest
            return;
        }
        if (e.getCode() == KeyCode.F11 && getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage stage) {
            stage.setFullScreen(!stage.isFullScreen());
            e.consume();
            return;
        }
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return; // typing in a field is not a shortcut
        }
        if (e.getCode() == KeyCode.ESCAPE && !presenting && isCoursePathShown()) {
            showCoursePath(false); // Esc leaves the course path, as its Back button does
            e.consume();
            return;
        }
        if (e.getCode() == KeyCode.P && !e.isShortcutDown() && !e.isAltDown() || e.getCode() == KeyCode.ESCAPE && presenting) {
            setPresenting(e.getCode() == KeyCode.P && !presenting);
            e.consume();
            return;
        }
        if (new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN).match(e)) {
            libraryToggle.setSelected(!libraryToggle.isSelected()); // in every tab, as the toolbar's button
            e.consume();
            return;
        }
        if (new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN).match(e)) {
            showCoursePath(!isCoursePathShown()); // in every tab, as the toolbar's button
            e.consume();
            return;
        }
        if (new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN).match(e)) {
            pinShown();
            e.consume();
            return;
        }
        if (new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN).match(e)) {
            chooseExport();
            e.consume();
            return;
        }
        if (new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(e)) {
            chooseLessonFolder();
            e.consume();
            return;
        }
        if (runFiles.handleKey(e)) {
            e.consume();
            return;
        }
        if (run != null && run.modes.getSelectionModel().getSelectedItem() == run.stepTab) {
            if (run.stepPanel.handleKey(e)) {
                e.consume();
            }
            return; // the run's keys do not drive step mode
        }
        if (new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN).match(e)) {
            session.start();
            e.consume();
        } else if (e.getCode() == KeyCode.SPACE) {
            session.togglePlay();
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT) {
            session.stepForward();
            e.consume();
        } else if (e.getCode() == KeyCode.HOME) {
            session.rewind();
            e.consume();
        } else if (e.getCode() == KeyCode.N && !e.isShortcutDown() && !e.isAltDown() && run != null
                && run.modes.getSelectionModel().getSelectedItem() == run.runTab) { // the timeline it moves is on screen
            if (Double.isNaN(run.timeline.jumpToLostUpdate(!e.isShiftDown()))) {
                String none = session.feedProperty().get() == null ? "No run yet: run the lesson, then N finds its lost updates."
                        : session.runningProperty().get() ? "No lost update so far in this run." : "This run lost no update.";
                if (notices.isShowing() && notices.isInfo()) {
                    session.tell(none); // a replay's banner stays: it says what is on screen
                } else {
                    notices.show(none);
                }
            }
            e.consume();
        }
    }

    /** One frame: the session pulls and moves the playhead; views redraw only if something changed. */
    private void frame(long now) {
        RunArea r = run;
        if (r == null) {
            session.frame(now); // no lesson has opened: nothing to draw
            return;
        }
        r.explorePanel.frame();
        r.stressPanel.frame();
        r.pythonPanel.frame();
        if (lessonView != null && r.modes.getSelectionModel().getSelectedItem() == r.stepTab) {
            r.stepPanel.setLanguage(lessonView.selectedLanguage().orElse("java"));
        }
        session.frame(now);
        long revision = session.revisionProperty().get();
        double playhead = session.playheadProperty().get();
        if (revision == drawnRevision && playhead == drawnPlayhead) {
            if (r.timeline.hasPendingDraw()) {
                r.timeline.refresh(); // a skipped slow frame, such as the run's last: draw it now nothing else changes
            }
            return;
        }
        drawnRevision = revision;
        drawnPlayhead = playhead;
        long t = (long) playhead;
        var feed = session.feedProperty().get();
        r.timeline.refresh();
        r.memory.update(feed, session.memory(), session.copies(), t);
        r.locks.update(feed, session.locks(), t);
        r.sync.update(feed, session.sync(), t);
        r.console.update(feed, t);
        if (lessonView != null && feed != null) {
            // the lines the workers are on at the playhead; a few dozen lanes say all there is
            lessonView.highlightMarks(CurrentSteps.marksAt(feed, t, 64));
        }
    }

    /**
     * Opens Step through playing a challenge of the lesson on show.
     *
     * @throws IllegalArgumentException if the lesson has no such challenge
     */
    public void playChallenge(String challengeId) {
        Lesson lesson = session.lessonProperty().get();
        if (lesson == null || lesson.challenge(challengeId).isEmpty()) {
            throw new IllegalArgumentException("no challenge '" + challengeId + "' in " + (lesson == null ? "no lesson"
                    : "lesson '" + lesson.id() + "'; challenges: " + (lesson.challenges().isEmpty() ? "none"
                            : String.join(", ", lesson.challenges().stream().map(c -> c.id()).toList()))));
        }
        RunArea r = run();
        r.modes.getSelectionModel().select(r.stepTab);
        r.stepPanel.chooseChallenge(challengeId);
    }

    /**
     * Selects a detail tab: {@code memory}, {@code locks}, {@code sync} (semaphores and queues, for a
     * lesson that has some), {@code console} or {@code result}.
     */
    public void showTab(String name) {
        RunArea r = run();
        Tab tab = switch (name) {
            case "memory" -> r.memoryTab;
            case "locks" -> r.locksTab;
            case "sync" -> r.syncTab;
            case "console" -> r.consoleTab;
            case "result" -> r.resultTab;
            default -> throw new IllegalArgumentException("no tab '" + name + "': memory, locks, sync, console or result");
        };
        if (!r.details.getTabs().contains(tab)) {
            throw new IllegalArgumentException("no tab '" + name + "' for this lesson: it has no semaphore, queue or condition");
        }
        r.details.getSelectionModel().select(tab);
    }

    /**
     * Pins the finished run on screen (the Pin button, Ctrl+P); nothing while a run goes on or
     * when none has finished. Returns whether it pinned one.
     */
    public boolean pinShown() {
        if (run == null || session.runningProperty().get()) {
            return false;
        }
        RunResult shown = session.resultProperty().get();
        var recorded = session.recordedProperty().get();
        if (recorded != null && recorded.result() == shown) {
            // a run file's run: its band says where and when; it compares with runs of the same machine
            return run.pinned.pin(shown, "recorded on " + recorded.machine().describe() + " at " + recorded.recordedWhen(),
                    recorded.machine().describe(), recorded.machine().cores());
        }
        return run.pinned.pin(shown, null);
    }

    /** The pinned runs, side by side. */
    public org.threadlab.ui.pinned.PinnedRunsView pinned() {
        return run().pinned;
    }

    /** Shows the pinned runs' tab. */
    public void showPinned() {
        RunArea r = run();
        r.modes.getSelectionModel().select(r.pinnedTab);
    }

    public SyncView syncView() {
        return run().sync;
    }

    public RunSession session() {
        return session;
    }

    public TimelineView timeline() {
        return run().timeline;
    }

    public ToggleButton darkToggle() {
        return darkToggle;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        if (run != null) {
            run.applyDark();
        }
        drawnRevision = -1;
    }

    public org.threadlab.ui.run.VariantTimes variantTimes() {
        return run().variantTimes;
    }

    public StepPanel stepPanel() {
        return run().stepPanel;
    }

    public ExplorePanel explorePanel() {
        return run().explorePanel;
    }

    public StressPanel stressPanel() {
        return run().stressPanel;
    }

    /** The tabs of the run area: Run, Step through, Every interleaving, Real stress. */
    public TabPane modes() {
        return run().modes;
    }

    /**
     * Where the Python interpreter choice and the trust in the built-in lessons' listings are kept;
     * in memory until the app gives the learner's settings.
     */
    private org.threadlab.ui.settings.Settings pythonSettings = org.threadlab.ui.settings.Settings.inMemory();
    private boolean pythonAsked;

    public void usePythonSettings(org.threadlab.ui.settings.Settings settings) {
        pythonSettings = settings;
    }

    /** The "Python" tab: the lesson's Python listing run on the learner's own interpreter. */
    public org.threadlab.ui.python.PythonPanel pythonPanel() {
        return run().pythonPanel;
    }

    /** Opens the Python tab and starts the shown listing there (the learner is asked first). */
    public void runPythonListing() {
        RunArea r = run();
        r.modes.getSelectionModel().select(r.pythonTab);
        r.pythonPanel.runWhenReady();
    }

    public void dispose() {
        stopWatching();
        if (run != null) {
            run.explorePanel.cancel();
            run.stressPanel.cancel();
            run.pythonPanel.dispose();
        }
        heartbeat.stop();
        session.close();
    }
}

package org.threadlab.ui.lesson;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.threadlab.engine.PredictionFeedback;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.Listing;
import org.threadlab.lesson.Prediction;
import org.threadlab.lesson.Variant;

/**
 * One lesson: title, level and summary on top; on the left the narration (Markdown) and the
 * prediction question; on the right the variant switch and the code listings, one tab per
 * language, with lines that can be lit up as a run goes through them.
 *
 * <p>The owner wires the run: it reads {@link #variantProperty()} and {@link #chosenPrediction()},
 * runs the resolved lesson, calls {@link #highlightMark} / {@link #highlightLines} as steps go by,
 * and {@link #showPredictionResult(String)} at the end.
 */
public final class LessonView extends BorderPane {
    private static final String[] LETTERS = {"A", "B", "C", "D", "E", "F", "G", "H"};
    private static final PseudoClass LOCKED = PseudoClass.getPseudoClass("locked");

    private final Lesson lesson;
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final ReadOnlyStringWrapper variant = new ReadOnlyStringWrapper(this, "variant", "");
    private Lesson resolved;
    private final VBox header;
    private final SplitPane split;
    private final VBox codeColumn;
    /** The narration and the prediction; the header joins them at the top when the pane is narrow. */
    private final VBox textColumn = new VBox();

    private final HBox variantBar = new HBox();
    private final ToggleGroup variantGroup = new ToggleGroup();
    private final Map<String, ToggleButton> variantButtons = new LinkedHashMap<>();
    private final Label variantDescription = new Label();
    private final TabPane listingTabs = new TabPane();
    private final Map<String, ListingView> listingViews = new LinkedHashMap<>();
    private final Map<String, Tab> tabs = new LinkedHashMap<>();

    private final VBox predictionBox = new VBox();
    private final ToggleGroup choiceGroup = new ToggleGroup();
    private final List<RadioButton> choiceButtons = new ArrayList<>();
    private final Button lockIn = new Button("Lock in my guess", new FontIcon(MaterialDesignL.LOCK_OUTLINE));
    private final Label lockedNote = new Label();
    private final HBox actions = new HBox();
    private final VBox predictionResult = new VBox();
    private Consumer<String> onPlayChallenge = id -> {};
    private final HBox runPythonBar = new HBox();
    private Runnable onRunPython = () -> {};
    private final ProblemsPanel problems = new ProblemsPanel();
    private Integer chosen;
    private Consumer<Integer> onPredictionLocked = i -> {};

    /** Below this width the narration and the code are stacked rather than side by side. */
    private static final double NARROW = 900;

    public LessonView(Lesson lesson) {
        this.lesson = Objects.requireNonNull(lesson, "lesson");
        getStyleClass().add("tl-lesson");
        getStylesheets().add(Objects.requireNonNull(LessonView.class.getResource("lesson.css")).toExternalForm());

        header = header();
        setTop(header);
        codeColumn = codeColumn();
        split = new SplitPane(textColumn(), codeColumn);
        split.getStyleClass().add("tl-lesson-split");
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.42); // narration reads well at ~60 characters; code lines run to ~80
        // Beside the run area the view is narrow: narration above the code then reads better than two slim columns.
        widthProperty().addListener((o, old, w) -> {
            Orientation wanted = w.doubleValue() < NARROW ? Orientation.VERTICAL : Orientation.HORIZONTAL;
            if (split.getOrientation() != wanted) {
                split.setOrientation(wanted);
                split.setDividerPositions(wanted == Orientation.VERTICAL ? 0.45 : 0.42);
                placeHeader(wanted == Orientation.VERTICAL);
                fitCode();
            }
        });
        split.heightProperty().addListener((o, old, h) -> fitCode());
        split.widthProperty().addListener((o, old, w) -> fitCode());
        setCenter(split);
        setBottom(problems); // a save with mistakes: its problems, under the lesson as it last checked

        setVariant(lesson.defaultVariant());
    }

    // ---- building

    /** Stacked, the divider leaves the code column the room it needs for ten lines of the listing. */
    private void fitCode() {
        double h = split.getHeight();
        if (split.getOrientation() != Orientation.VERTICAL || h <= 0) {
            return;
        }
        double code = codeColumn.minHeight(split.getWidth()) + 12; // and the divider
        split.setDividerPositions(Math.max(0.1, Math.min(0.45, (h - code) / h)));
    }

    /**
     * Stacked (a narrow pane), the header scrolls away with the narration, so that the code below
     * keeps room for a listing a class can read (at least ten lines); side by side it spans both.
     */
    private void placeHeader(boolean inNarration) {
        if (inNarration && getTop() == header) {
            setTop(null);
            textColumn.getChildren().add(0, header);
            header.getStyleClass().add("tl-lesson-header-inline");
        } else if (!inNarration && getTop() != header) {
            textColumn.getChildren().remove(header);
            header.getStyleClass().remove("tl-lesson-header-inline");
            setTop(header);
        }
    }

    private VBox header() {
        Label level = new Label(Concepts.levelTitle(lesson.level()), icon(Concepts.levelIcon(lesson.level())));
        level.getStyleClass().addAll("tl-level-badge", "tl-level-" + lesson.level().label());
        FlowPane meta = new FlowPane(level);
        meta.getStyleClass().add("tl-lesson-meta");
        for (String concept : lesson.concepts()) {
            Label chip = new Label(Concepts.title(concept));
            chip.getStyleClass().add("tl-concept-chip");
            meta.getChildren().add(chip);
        }
        Label title = new Label(lesson.title());
        title.getStyleClass().add("tl-lesson-title");
        title.setWrapText(true);
        Label summary = new Label(lesson.summary().strip());
        summary.getStyleClass().add("tl-lesson-summary");
        summary.setWrapText(true);
        VBox header = new VBox(title, meta, summary);
        header.getStyleClass().add("tl-lesson-header");
        return header;
    }

    private ScrollPane textColumn() {
        VBox narration = markdown.render(lesson.narration());
        narration.getStyleClass().add("tl-narration");
        VBox column = textColumn;
        column.getChildren().add(narration);
        column.getStyleClass().add("tl-lesson-text");
        if (lesson.prediction() != null) {
            buildPrediction(lesson.prediction());
            column.getChildren().add(predictionBox);
        }
        if (!lesson.challenges().isEmpty()) {
            column.getChildren().add(challenges());
        }
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().addAll("tl-lesson-text-scroll", Tweaks.EDGE_TO_EDGE);
        // Focusable, so that it (not the first radio button further down) takes the first focus:
        // a focused radio button would scroll the narration away from its start. It also lets
        // the keyboard (arrows, Page Down) scroll the narration during a class.
        scroll.setFocusTraversable(true);
        return scroll;
    }

    private VBox codeColumn() {
        Label heading = new Label("Variant");
        heading.getStyleClass().add("tl-variant-label");
        heading.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never squeezed to "..." by long variant titles
        // long titles wrap onto a second row instead of being cut short
        FlowPane pills = new FlowPane(0, 6);
        pills.getStyleClass().add("tl-variant-pills");
        pills.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(pills, Priority.ALWAYS);
        List<Variant> variants = lesson.variants();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            ToggleButton b = new ToggleButton(v.title() == null || v.title().isBlank() ? v.name() : v.title());
            b.setUserData(v.name());
            b.setId("lesson-variant-" + v.name());
            b.setMnemonicParsing(false); // titles such as "calc_square and calc_quad" keep their underscores
            b.setToggleGroup(variantGroup);
            b.getStyleClass().add("tl-variant-button");
            if (variants.size() > 1) {
                b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == variants.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            }
            if (v.description() != null && !v.description().isBlank()) {
                b.setTooltip(new Tooltip(v.description()));
            }
            b.setFocusTraversable(true);
            pills.getChildren().add(b);
            variantButtons.put(v.name(), b);
        }
        variantGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true); // a variant is always chosen: clicking the current one keeps it
            } else if (now != null && !now.getUserData().equals(variant.get())) {
                setVariant((String) now.getUserData());
            }
        });
        // the heading flows with the pills: a narrow pane puts pills under it instead of cutting them
        FlowPane.setMargin(heading, new javafx.geometry.Insets(0, 12, 0, 0));
        pills.getChildren().add(0, heading);
        variantBar.getChildren().setAll(pills);
        variantBar.getStyleClass().add("tl-variant-bar");
        variantBar.setAlignment(Pos.CENTER_LEFT);
        boolean hasVariants = !variants.isEmpty();
        variantBar.setVisible(hasVariants);
        variantBar.setManaged(hasVariants);

        variantDescription.getStyleClass().add("tl-variant-description");
        variantDescription.setWrapText(true);
        variantDescription.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps, never cut to "..."

        listingTabs.getStyleClass().addAll("tl-listing-tabs");
        listingTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(listingTabs, Priority.ALWAYS);

        VBox column = new VBox(variantBar, variantDescription, listingTabs);
        column.getStyleClass().add("tl-lesson-code");
        return column;
    }

    /** The lesson's challenges, each a link that opens it in Step through. */
    private VBox challenges() {
        Label title = new Label("Challenges", icon(MaterialDesignT.TRAFFIC_LIGHT));
        title.getStyleClass().add("tl-section-title");
        title.setWrapText(true);
        Label intro = new Label("You are the scheduler: pick who moves at every step and try to break the program."
                + " Undo is allowed.");
        intro.setWrapText(true);
        VBox box = new VBox(title, intro);
        box.getStyleClass().add("tl-lesson-challenges");
        box.setId("lesson-challenges");
        for (var c : lesson.challenges()) {
            javafx.scene.control.Hyperlink play = new javafx.scene.control.Hyperlink(c.title());
            play.setId("play-challenge-" + c.id());
            play.setWrapText(true);
            play.setOnAction(e -> onPlayChallenge.accept(c.id()));
            Label task = new Label(c.task());
            task.setWrapText(true);
            task.getStyleClass().add("tl-challenge-task-line");
            box.getChildren().add(new VBox(play, task));
        }
        return box;
    }

    /** The panel that lists the problems of the lesson's file when it was saved with mistakes. */
    public ProblemsPanel problems() {
        return problems;
    }

    /** Called with a challenge's id when the learner asks to play it. */
    public void onPlayChallenge(Consumer<String> action) {
        this.onPlayChallenge = action;
    }

    private void buildPrediction(Prediction p) {
        Label title = new Label("Predict first", icon(MaterialDesignH.HELP_CIRCLE_OUTLINE));
        title.getStyleClass().add("tl-section-title");
        Label question = new Label(p.question());
        question.getStyleClass().add("tl-prediction-question");
        question.setWrapText(true);
        // a run of another variant or mode cannot answer it, so say which runs can
        String kind = PredictionFeedback.questionAbout(lesson);
        Label about = new Label("For a run " + (kind.startsWith("\u201c") ? "of " : "on ") + kind + ".");
        about.getStyleClass().add("tl-prediction-about");
        about.setWrapText(true);
        VBox choices = new VBox();
        choices.getStyleClass().add("tl-prediction-choices");
        for (int i = 0; i < p.choices().size(); i++) {
            String letter = i < LETTERS.length ? LETTERS[i] : String.valueOf(i + 1);
            RadioButton rb = new RadioButton(letter + ".  " + p.choices().get(i));
            rb.setUserData(i);
            rb.setMnemonicParsing(false);
            rb.setToggleGroup(choiceGroup);
            rb.setWrapText(true);
            rb.getStyleClass().add("tl-prediction-choice");
            choiceButtons.add(rb);
            choices.getChildren().add(rb);
        }
        lockIn.getStyleClass().addAll(Styles.ACCENT, "tl-lock-in");
        lockIn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long note beside it wraps; the button stays whole
        lockIn.disableProperty().bind(choiceGroup.selectedToggleProperty().isNull());
        lockIn.setOnAction(e -> lockInGuess());
        lockedNote.getStyleClass().add("tl-locked-note");
        lockedNote.setWrapText(true);
        actions.getChildren().setAll(lockIn, lockedNote);
        actions.getStyleClass().add("tl-prediction-actions");
        actions.setAlignment(Pos.CENTER_LEFT);
        predictionResult.getStyleClass().add("tl-prediction-result");
        predictionResult.setVisible(false);
        predictionResult.setManaged(false);
        predictionBox.getChildren().setAll(title, question, about, choices, actions, predictionResult);
        predictionBox.getStyleClass().add("tl-prediction");
    }

    private static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("tl-icon");
        return icon;
    }

    // ---- lesson and variant

    /** The lesson as written (no variant applied). */
    public Lesson lesson() {
        return lesson;
    }

    /** The lesson with the current variant applied: what a run should use. */
    public Lesson resolvedLesson() {
        return resolved;
    }

    /** The current variant's name; {@code ""} for a lesson without variants. */
    public ReadOnlyStringProperty variantProperty() {
        return variant.getReadOnlyProperty();
    }

    public String variant() {
        return variant.get();
    }

    /**
     * Shows a variant: its description and its listings ({@link Lesson#resolve}). {@code ""} or
     * null means the default. Highlights are cleared, since line numbers may differ.
     *
     * @throws IllegalArgumentException if the lesson has no such variant
     */
    public void setVariant(String name) {
        Lesson r = lesson.resolve(name);
        resolved = r;
        Optional<Variant> v = r.variants().isEmpty() ? Optional.empty() : Optional.of(r.variants().get(0));
        String actual = v.map(Variant::name).orElse("");
        variant.set(actual);
        ToggleButton button = variantButtons.get(actual);
        if (button != null && !button.isSelected()) {
            button.setSelected(true);
        }
        String description = v.map(Variant::description).orElse("");
        variantDescription.setText(description == null ? "" : description.strip());
        boolean showDescription = !variantDescription.getText().isEmpty();
        variantDescription.setVisible(showDescription);
        variantDescription.setManaged(showDescription);
        showListings(r.listings());
    }

    private void showListings(List<Listing> listings) {
        String selected = selectedLanguage().orElse(null);
        List<Listing> ordered = listings.stream().sorted(Comparator.comparingInt(l -> languageRank(l.language()))).toList();
        List<Tab> wanted = new ArrayList<>();
        for (Listing l : ordered) {
            ListingView view = listingViews.computeIfAbsent(l.language(), k -> new ListingView());
            view.setListing(l);
            Tab tab = tabs.computeIfAbsent(l.language(), k -> {
                Tab t = new Tab(languageTitle(k), k.equals("python") ? pythonColumn(view) : view);
                t.setGraphic(icon(languageIcon(k)));
                t.setUserData(k);
                t.setClosable(false);
                return t;
            });
            wanted.add(tab);
        }
        if (!listingTabs.getTabs().equals(wanted)) {
            listingTabs.getTabs().setAll(wanted);
        }
        boolean runnable = ordered.stream().anyMatch(l -> l.language().equals("python") && l.pythonRun().isPresent());
        runPythonBar.setVisible(runnable);
        runPythonBar.setManaged(runnable);
        listingViews.keySet().retainAll(ordered.stream().map(Listing::language).toList());
        tabs.keySet().retainAll(listingViews.keySet());
        if (selected != null && tabs.containsKey(selected)) {
            listingTabs.getSelectionModel().select(tabs.get(selected));
        }
    }

    /** The Python listing with, above it, the button that runs it on the learner's own Python. */
    private VBox pythonColumn(ListingView view) {
        Button run = new Button("Run on my Python", icon(MaterialDesignL.LANGUAGE_PYTHON));
        run.setId("run-python-listing");
        run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        run.setOnAction(e -> onRunPython.run());
        Label note = new Label("on the Python installed here; asks first");
        note.getStyleClass().add("tl-caption");
        note.setWrapText(true);
        runPythonBar.getChildren().setAll(run, note);
        runPythonBar.setAlignment(Pos.CENTER_LEFT);
        runPythonBar.setSpacing(8);
        runPythonBar.setPadding(new javafx.geometry.Insets(4, 0, 4, 0));
        HBox.setHgrow(note, Priority.ALWAYS);
        VBox column = new VBox(runPythonBar, view);
        VBox.setVgrow(view, Priority.ALWAYS);
        return column;
    }

    /** Called when the learner asks to run the Python listing shown. */
    public void onRunPython(Runnable action) {
        onRunPython = action;
    }

    private static int languageRank(String language) {
        return switch (language) {
            case "java" -> 0;
            case "python" -> 1;
            default -> 2;
        };
    }

    private static String languageTitle(String language) {
        return switch (language) {
            case "java" -> "Java";
            case "python" -> "Python";
            default -> language.isEmpty() ? language : language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1);
        };
    }

    private static Ikon languageIcon(String language) {
        return switch (language) {
            case "java" -> MaterialDesignL.LANGUAGE_JAVA;
            case "python" -> MaterialDesignL.LANGUAGE_PYTHON;
            default -> MaterialDesignC.CODE_BRACES;
        };
    }

    // ---- listings

    /** The languages shown, in tab order ({@code java}, {@code python}, then others). */
    public List<String> languages() {
        return listingTabs.getTabs().stream().map(t -> (String) t.getUserData()).toList();
    }

    public Optional<ListingView> listingView(String language) {
        return Optional.ofNullable(listingViews.get(language));
    }

    public Optional<String> selectedLanguage() {
        Tab tab = listingTabs.getSelectionModel().getSelectedItem();
        return tab == null ? Optional.empty() : Optional.of((String) tab.getUserData());
    }

    public void selectLanguage(String language) {
        Tab tab = tabs.get(language);
        if (tab != null) {
            listingTabs.getSelectionModel().select(tab);
        }
    }

    /**
     * Lights the line of a language's listing that carries a marker such as {@code // [inc]},
     * replacing that listing's highlights. False if there is no such listing or marker.
     */
    public boolean highlightMark(String language, String mark) {
        ListingView view = listingViews.get(language);
        return view != null && view.highlightMark(mark);
    }

    /** Lights, in every listing, the lines that carry these markers: where the workers are. */
    public void highlightMarks(Set<String> marks) {
        for (ListingView view : listingViews.values()) {
            view.highlightMarks(marks);
        }
    }

    /** Lights exactly these 1-based lines of a language's listing. */
    public void highlightLines(String language, Set<Integer> lines) {
        ListingView view = listingViews.get(language);
        if (view != null) {
            view.highlightLines(lines);
        }
    }

    public Set<Integer> highlightedLines(String language) {
        ListingView view = listingViews.get(language);
        return view == null ? Set.of() : view.highlightedLines();
    }

    /** Clears the highlights of every listing. */
    public void clearHighlights() {
        listingViews.values().forEach(ListingView::clearHighlights);
    }

    // ---- prediction

    /** Called with the chosen index (0-based) when the learner locks in a guess. */
    public void onPredictionLocked(Consumer<Integer> action) {
        this.onPredictionLocked = action == null ? i -> {} : action;
    }

    /** The guess the learner locked in, 0-based; empty until "Lock in my guess" is pressed. */
    public Optional<Integer> chosenPrediction() {
        return Optional.ofNullable(chosen);
    }

    /** True once a guess is locked in. */
    public boolean isPredictionLocked() {
        return chosen != null;
    }

    /** Locks in the selected choice, as the button does. Does nothing if none is selected. */
    public void lockInGuess() {
        if (choiceGroup.getSelectedToggle() == null || chosen != null) {
            return;
        }
        chosen = (Integer) choiceGroup.getSelectedToggle().getUserData();
        choiceButtons.forEach(b -> b.setDisable(true));
        lockIn.disableProperty().unbind();
        lockIn.setDisable(true);
        lockIn.setText("Guess locked in");
        lockIn.setGraphic(icon(MaterialDesignL.LOCK));
        lockedNote.setText("Now run the lesson and see.");
        predictionBox.pseudoClassStateChanged(LOCKED, true);
        onPredictionLocked.accept(chosen);
    }

    /**
     * After the run: reveals the right answer, marks the learner's guess right or wrong, and shows
     * the lesson's explanation. {@code observed}, if not blank, says what this run actually gave
     * (e.g. "counter = 163 402"). Works whether or not a guess was locked in.
     */
    public void showPredictionResult(String observed) {
        Prediction p = lesson.prediction();
        if (p == null) {
            return;
        }
        int answer = p.answer();
        for (RadioButton b : choiceButtons) {
            int i = (Integer) b.getUserData();
            b.setDisable(true);
            b.getStyleClass().removeAll("tl-choice-correct", "tl-choice-wrong");
            b.setGraphic(null);
            if (i == answer) {
                b.getStyleClass().add("tl-choice-correct");
                b.setGraphic(icon(MaterialDesignC.CHECK_CIRCLE));
            } else if (chosen != null && i == chosen) {
                b.getStyleClass().add("tl-choice-wrong");
                b.setGraphic(icon(MaterialDesignC.CLOSE_CIRCLE));
            }
        }
        lockIn.disableProperty().unbind();
        lockIn.setDisable(true);
        lockedNote.setText("");
        actions.setVisible(false);
        actions.setManaged(false);
        String letter = answer < LETTERS.length ? LETTERS[answer] : String.valueOf(answer + 1);
        Label verdict = new Label();
        verdict.setWrapText(true);
        verdict.getStyleClass().add("tl-verdict");
        if (chosen == null) {
            verdict.setText("No guess was locked in. The answer is " + letter + ".");
            verdict.setGraphic(icon(MaterialDesignH.HELP_CIRCLE_OUTLINE));
        } else if (chosen == answer) {
            verdict.setText("Your guess was right: " + letter + ".");
            verdict.getStyleClass().add("tl-verdict-right");
            verdict.setGraphic(icon(MaterialDesignC.CHECK_CIRCLE));
        } else {
            String guessed = chosen < LETTERS.length ? LETTERS[chosen] : String.valueOf(chosen + 1);
            verdict.setText("Your guess was " + guessed + "; the answer is " + letter + ".");
            verdict.getStyleClass().add("tl-verdict-wrong");
            verdict.setGraphic(icon(MaterialDesignT.TARGET));
        }
        predictionResult.getChildren().setAll(verdict);
        if (observed != null && !observed.isBlank()) {
            Label run = new Label("This run: " + observed.strip());
            run.getStyleClass().add("tl-observed");
            run.setWrapText(true);
            predictionResult.getChildren().add(run);
        }
        if (p.explanation() != null && !p.explanation().isBlank()) {
            VBox explanation = markdown.render(p.explanation());
            explanation.getStyleClass().add("tl-explanation");
            predictionResult.getChildren().add(explanation);
        }
        predictionResult.setVisible(true);
        predictionResult.setManaged(true);
    }

    /**
     * After a run that cannot answer the question (another variant or mode, or stopped early):
     * says so under the choices and keeps the question, and any locked-in guess, open.
     */
    public void showPredictionNote(String note) {
        if (lesson.prediction() == null) {
            return;
        }
        if (!predictionResult.isVisible()) {
            lockedNote.setText(note);
            return;
        }
        // already answered by an earlier run: its "This run" line would now describe the wrong run
        Label observed = predictionResult.getChildren().stream()
                .filter(n -> n instanceof Label l && l.getStyleClass().contains("tl-observed"))
                .map(Label.class::cast).findFirst().orElse(null);
        if (observed == null) {
            observed = new Label();
            observed.getStyleClass().add("tl-observed");
            observed.setWrapText(true);
            predictionResult.getChildren().add(Math.min(1, predictionResult.getChildren().size()), observed);
        }
        observed.setText(note); // a whole sentence already ("The question was about ...", "This run of ... was stopped ...")
    }

    /**
     * The run that the "This run" line or the note under the choices described has left the screen
     * (another variant chosen): they go with it. The answer, once shown, stays.
     */
    public void forgetRun() {
        predictionResult.getChildren().removeIf(n -> n.getStyleClass().contains("tl-observed"));
        if (!predictionResult.isVisible()) {
            lockedNote.setText(chosen == null ? "" : "Now run the lesson and see.");
        }
    }

    /** {@link #showPredictionResult(String)} without a note about the run. */
    public void showPredictionResult() {
        showPredictionResult("");
    }

    /** Asks again: clears the guess and the result, e.g. before a second run. */
    public void resetPrediction() {
        if (lesson.prediction() == null) {
            return;
        }
        chosen = null;
        choiceGroup.selectToggle(null);
        for (RadioButton b : choiceButtons) {
            b.setDisable(false);
            b.setGraphic(null);
            b.getStyleClass().removeAll("tl-choice-correct", "tl-choice-wrong");
        }
        lockIn.setText("Lock in my guess");
        lockIn.setGraphic(icon(MaterialDesignL.LOCK_OUTLINE));
        lockIn.disableProperty().bind(choiceGroup.selectedToggleProperty().isNull());
        lockedNote.setText("");
        actions.setVisible(true);
        actions.setManaged(true);
        predictionBox.pseudoClassStateChanged(LOCKED, false);
        predictionResult.getChildren().clear();
        predictionResult.setVisible(false);
        predictionResult.setManaged(false);
    }
}

package org.threadlab.ui.lesson;

import atlantafx.base.controls.CustomTextField;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.LessonProblem;
import org.threadlab.ui.LazyTooltip;

/**
 * The lessons to choose from, as cards grouped by concept, with a search field, a mark on the
 * lessons already completed, and, when some lesson files do not load, a box that lists each
 * problem as {@code file:line:column: key: message} so a teacher sees why a lesson is missing.
 *
 * <p>Grouping: each lesson appears once, under its <em>first</em> concept. A lesson's first concept
 * is its main topic as its author wrote it; the later ones are side topics ({@code atomic} is listed
 * by most shipped lessons only because they count with an atomic increment). Under every concept,
 * the same card would show up to five times and bury the few lessons a learner is looking for;
 * once, under its topic, reads like a table of contents. The other concepts are still on the card
 * as tags, and the search matches them.
 */
public final class LibraryView extends BorderPane {
    private static final PseudoClass COMPLETED = PseudoClass.getPseudoClass("completed");

    private final CompletionStore completions;
    private final CustomTextField search = new CustomTextField();
    private final Label counts = new Label();
    private final VBox content = new VBox();
    private final Label noMatch = new Label();
    private final List<Group> groups = new ArrayList<>();
    private final Map<String, Card> cards = new LinkedHashMap<>();
    /** Cards enough to fill the column of a tall window before the first frame; see {@link #showAllGroups()}. */
    private static final int CARDS_BEFORE_FIRST_FRAME = 6;
    private boolean allGroupsShown;
    private List<LessonProblem> problems = List.of();
    private Consumer<Lesson> onOpen = l -> {};
    private Consumer<LessonLibrary.Loaded> onLibrary = l -> {};
    /** Loads the lessons folder again; null hides the reload button. */
    private java.util.function.Supplier<LessonLibrary.Loaded> reloader;
    private final javafx.scene.control.Button reload = new javafx.scene.control.Button(null,
            new FontIcon(MaterialDesignR.REFRESH));

    /** One concept's heading and cards. */
    private record Group(String concept, VBox box, Label count, List<Card> cards) {}

    /** One lesson's card and its completed mark. */
    private record Card(Lesson lesson, VBox node, Label mark) {}

    public LibraryView(LessonLibrary.Loaded loaded, CompletionStore completions) {
        this(loaded, completions, true);
    }

    /**
     * A library for a window that is about to open: only its first column's worth of cards is in the
     * scene until {@link #showAllGroups()}, which the window calls after its first frame.
     */
    public static LibraryView restAfterFirstFrame(LessonLibrary.Loaded loaded, CompletionStore completions) {
        return new LibraryView(loaded, completions, false);
    }

    private LibraryView(LessonLibrary.Loaded loaded, CompletionStore completions, boolean allGroupsShown) {
        this.allGroupsShown = allGroupsShown;
        this.completions = Objects.requireNonNull(completions, "completions");
        getStyleClass().add("tl-library");
        getStylesheets().add(Objects.requireNonNull(LibraryView.class.getResource("lesson.css")).toExternalForm());

        Label title = new Label("Lessons");
        title.getStyleClass().add("tl-library-title");
        search.setPromptText("Search title, topic or id"); // short: the column may be narrow
        search.getStyleClass().add("tl-search");
        search.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
        FontIcon clear = new FontIcon(MaterialDesignC.CLOSE);
        clear.setCursor(Cursor.HAND);
        clear.setOnMouseClicked(e -> search.clear());
        clear.visibleProperty().bind(search.textProperty().isNotEmpty());
        search.setRight(clear);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            } else if (e.getCode() == KeyCode.ENTER) {
                List<Lesson> shown = visibleLessons();
                if (shown.size() == 1) {
                    onOpen.accept(shown.get(0));
                }
            }
        });
        search.textProperty().addListener((obs, old, now) -> applyFilter());
        reload.setId("reload-lessons");
        reload.getStyleClass().addAll("button-icon", "flat");
        LazyTooltip.install(reload, "Load the lesson files again (after editing one)");
        reload.setVisible(false);
        reload.setManaged(false);
        reload.setOnAction(e -> reloadNow());
        // The search gets a row of its own, as wide as the column: beside the title, the two
        // squeezed each other into "..." and a cut field in a narrow library.
        addFolder.setId("add-lessons");
        addFolder.getStyleClass().addAll("button-icon", "flat");
        LazyTooltip.install(addFolder, "Add a folder of your own lessons (Ctrl+Shift+O;"
                + " or drop lesson files or folders onto the window)");
        addFolder.setOnAction(e -> onAddFolder.run());
        newLesson.setId("new-lesson");
        newLesson.getStyleClass().addAll("button-icon", "flat");
        LazyTooltip.install(newLesson, "Write a new lesson to start from: it checks clean and"
                + " explains each part in comments");
        newLesson.setOnAction(e -> onNewLesson.run());
        HBox top = new HBox(title, reload, addFolder, newLesson);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("tl-library-top");
        title.setMinWidth(Region.USE_PREF_SIZE);
        search.setMaxWidth(Double.MAX_VALUE);
        counts.getStyleClass().add("tl-library-counts");
        counts.setId("library-counts");
        counts.setWrapText(true);
        VBox header = new VBox(top, search, counts);
        header.getStyleClass().add("tl-library-header");
        setTop(header);

        content.getStyleClass().add("tl-library-content");
        noMatch.getStyleClass().add("tl-no-match");
        noMatch.setWrapText(true);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        // The cards wrap to the column's width; a sideways scrollbar would only hide their right edge.
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        content.setMinWidth(0);
        scroll.getStyleClass().add("tl-library-scroll");
        setCenter(scroll);

        setLibrary(loaded);
    }

    /**
     * Shows a reload button that loads the lessons again with {@code loader}, off the FX thread,
     * so a teacher who edits a lesson file sees the change (or its problems) without a restart.
     */
    public void setReloader(java.util.function.Supplier<LessonLibrary.Loaded> loader) {
        reloader = loader;
        reload.setVisible(loader != null);
        reload.setManaged(loader != null);
    }

    /** Loads the lessons again now (as the reload button does), e.g. after a folder was added. */
    public void reload() {
        reloadNow();
    }

    /** Called when the learner asks to add a folder of lessons (the folder button). */
    public void onAddFolder(Runnable action) {
        this.onAddFolder = action;
    }

    /** Called when the learner asks for a new lesson (the new-lesson button). */
    public void onNewLesson(Runnable action) {
        this.onNewLesson = action;
    }

    /** Called with an added folder whose group's remove button was pressed. */
    public void onRemoveFolder(java.util.function.Consumer<java.nio.file.Path> action) {
        this.onRemoveFolder = action;
    }

    private void reloadNow() {
        var loader = reloader;
        if (loader == null || reload.isDisable()) {
            return;
        }
        reload.setDisable(true);
        Thread.ofVirtual().name("reload-lessons").start(() -> {
            LessonLibrary.Loaded loaded;
            try {
                loaded = loader.get();
            } catch (RuntimeException e) {
                loaded = null; // the folder is gone or unreadable: keep what is shown
            }
            LessonLibrary.Loaded result = loaded;
            javafx.application.Platform.runLater(() -> { // once per reload, not per event
                if (result != null) {
                    setLibrary(result);
                    onLibrary.accept(result);
                }
                reload.setDisable(false);
            });
        });
    }

    /** Shows another load of the library (after a teacher fixed a file), keeping the search. */
    public void setLibrary(LessonLibrary.Loaded loaded) {
        groups.clear();
        cards.clear();
        problems = List.copyOf(loaded.problems());
        content.getChildren().clear();
        if (!problems.isEmpty()) {
            content.getChildren().add(problemsBox(problems));
        }
        Map<String, List<Lesson>> byConcept = new LinkedHashMap<>();
        Map<String, List<Lesson>> added = new LinkedHashMap<>(); // a teacher's own folders come first, one group each
        for (Lesson l : loaded.lessons()) {
            var from = loaded.addedFrom(l);
            (from.isPresent() ? added : byConcept).computeIfAbsent(from.map(p -> ADDED + p).orElseGet(() -> mainConcept(l)),
                    k -> new ArrayList<>()).add(l);
        }
        List<String> order = new ArrayList<>(byConcept.keySet());
        order.sort(Comparator.comparingInt(Concepts::rank)); // stable: unknown concepts keep file order
        order.addAll(0, added.keySet());
        byConcept.putAll(added);
        for (String concept : order) {
            List<Lesson> lessons = new ArrayList<>(byConcept.get(concept));
            lessons.sort(Comparator.comparing(Lesson::level).thenComparing(Lesson::title, String.CASE_INSENSITIVE_ORDER));
            groups.add(group(concept, lessons));
        }
        int cardsShown = 0;
        for (Group g : groups) {
            if (!allGroupsShown && cardsShown >= CARDS_BEFORE_FIRST_FRAME) {
                break; // the rest join after the window's first frame (showAllGroups)
            }
            content.getChildren().add(g.box());
            cardsShown += g.cards().size();
        }
        content.getChildren().add(noMatch);
        applyFilter();
    }

    /**
     * Puts every group in the column. Until the window calls this, after its first frame, only the
     * first groups are in it, a column's worth of cards: styling and laying out the other cards, out
     * of sight below them, was a tenth of the window's start-up.
     */
    public void showAllGroups() {
        allGroupsShown = true;
        for (Group g : groups) {
            if (g.box().getParent() == null) {
                content.getChildren().add(content.getChildren().indexOf(noMatch), g.box());
            }
        }
    }

    private final javafx.scene.control.Button addFolder = new javafx.scene.control.Button(null,
            icon(MaterialDesignF.FOLDER_PLUS_OUTLINE));
    private Runnable onAddFolder = () -> {};
    private final javafx.scene.control.Button newLesson = new javafx.scene.control.Button(null,
            icon(MaterialDesignF.FILE_PLUS_OUTLINE));
    private Runnable onNewLesson = () -> {};
    private java.util.function.Consumer<java.nio.file.Path> onRemoveFolder = p -> {};

    /** The key of a group of lessons from a folder added with --lessons: this prefix, then the folder. */
    private static final String ADDED = "added:";

    /** A folder's name as its group's title shows it: its last part, or the path if it has none. */
    private static String folderName(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        return p.getFileName() == null ? path : p.getFileName().toString();
    }

    private static String mainConcept(Lesson l) {
        return l.concepts().isEmpty() ? "other" : l.concepts().get(0);
    }

    private Group group(String concept, List<Lesson> lessons) {
        Label name = concept.startsWith(ADDED)
                ? new Label("Added: " + folderName(concept.substring(ADDED.length())), icon(MaterialDesignF.FOLDER_OPEN_OUTLINE))
                : new Label(Concepts.title(concept), icon(Concepts.icon(concept)));
        name.getStyleClass().add("tl-group-title");
        name.setWrapText(true); // "Condition variables" takes two lines in a narrow column rather than an ellipsis
        Label count = new Label();
        count.getStyleClass().add("tl-group-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox heading = new HBox(name, count);
        if (concept.startsWith(ADDED)) { // a teacher's folder: the full path on hover, and a way to take it out
            java.nio.file.Path folder = java.nio.file.Path.of(concept.substring(ADDED.length()));
            name.setTooltip(new javafx.scene.control.Tooltip(folder.toString()));
            javafx.scene.control.Button remove = new javafx.scene.control.Button(null, icon(MaterialDesignC.CLOSE));
            remove.getStyleClass().addAll("button-icon", "flat");
            remove.setTooltip(new javafx.scene.control.Tooltip("Take this folder out of the library (its files stay)"));
            remove.setOnAction(e -> onRemoveFolder.accept(folder));
            heading.getChildren().add(remove);
        }
        heading.setAlignment(Pos.BASELINE_LEFT);
        heading.getStyleClass().add("tl-group-heading");
        VBox flow = new VBox();
        flow.getStyleClass().add("tl-lesson-cards");
        List<Card> groupCards = new ArrayList<>();
        for (Lesson l : lessons) {
            Card card = card(l);
            groupCards.add(card);
            cards.put(l.id(), card);
            flow.getChildren().add(card.node());
        }
        VBox box = new VBox(heading, flow);
        box.getStyleClass().add("tl-lesson-group");
        box.setUserData(concept);
        return new Group(concept, box, count, groupCards);
    }

    private Card card(Lesson l) {
        Label title = new Label(l.title());
        title.getStyleClass().add("tl-card-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE); // a wrapped title takes the lines it needs, never "..."
        title.setMaxWidth(Double.MAX_VALUE); // the card's whole width

        // Under the title, not beside it: beside it, the tags took the room and the title got a few
        // pixels, one letter per line. Here the row wraps when the column is narrow.
        Label level = new Label(Concepts.levelTitle(l.level()), icon(Concepts.levelIcon(l.level())));
        level.getStyleClass().addAll("tl-card-level", "tl-level-" + l.level().label());
        Label mark = new Label("Completed", icon(MaterialDesignC.CHECK_CIRCLE));
        mark.getStyleClass().add("tl-completed-mark");
        FlowPane tags = new FlowPane();
        tags.getStyleClass().add("tl-card-tags");
        tags.getChildren().addAll(mark, level);
        for (String concept : l.concepts()) {
            Label tag = new Label(Concepts.title(concept));
            tag.getStyleClass().add("tl-concept-chip");
            tags.getChildren().add(tag);
        }

        Label summary = new Label(l.summary().strip());
        summary.getStyleClass().add("tl-card-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);

        VBox node = new VBox(title, tags, summary);
        node.getStyleClass().add("tl-lesson-card");
        node.setUserData(l.id());
        node.setFocusTraversable(true);
        node.setCursor(Cursor.HAND);
        node.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                node.requestFocus();
                onOpen.accept(l);
            }
        });
        node.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                onOpen.accept(l);
                e.consume();
            }
        });
        LazyTooltip.install(node, l.id() + "  (" + fileName(l.source()) + ")");
        Card card = new Card(l, node, mark);
        showCompleted(card);
        return card;
    }

    private VBox problemsBox(List<LessonProblem> list) {
        Set<String> files = new LinkedHashSet<>();
        list.forEach(p -> files.add(p.pos().file()));
        String what = files.size() == 1 ? "1 lesson file could not be loaded" : files.size() + " lesson files could not be loaded";
        Label heading = new Label(what, icon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        heading.getStyleClass().add("tl-problems-title");
        Label hint = new Label("The other lessons work as usual. Fix these lines and reopen the library.");
        hint.getStyleClass().add("tl-problems-hint");
        hint.setWrapText(true);
        VBox box = new VBox(heading, hint);
        for (LessonProblem p : list) {
            Label line = new Label(p.format());
            line.getStyleClass().add("tl-problem");
            line.setWrapText(true);
            box.getChildren().add(line);
        }
        box.getStyleClass().add("tl-problems");
        return box;
    }

    private static String fileName(Path p) {
        return p == null || p.getFileName() == null ? "" : p.getFileName().toString();
    }

    private static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("tl-icon");
        return icon;
    }

    // ---- filter

    private void applyFilter() {
        List<String> terms = terms(search.getText());
        int shown = 0;
        for (Group g : groups) {
            int inGroup = 0;
            for (Card c : g.cards()) {
                boolean match = matches(c.lesson(), terms);
                c.node().setVisible(match);
                c.node().setManaged(match);
                if (match) {
                    inGroup++;
                }
            }
            g.box().setVisible(inGroup > 0);
            g.box().setManaged(inGroup > 0);
            g.count().setText(inGroup == g.cards().size() ? String.valueOf(inGroup) : inGroup + " of " + g.cards().size());
            shown += inGroup;
        }
        boolean none = shown == 0;
        noMatch.setText(cards.isEmpty() ? "No lessons found." : "No lesson matches \u201C" + search.getText().strip() + "\u201D.");
        noMatch.setVisible(none);
        noMatch.setManaged(none);
        updateCounts();
    }

    private static List<String> terms(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /** Every search word must occur in the title, id, summary or a concept (name or title). */
    static boolean matches(Lesson l, List<String> terms) {
        if (terms.isEmpty()) {
            return true;
        }
        StringBuilder hay = new StringBuilder();
        hay.append(l.title()).append('\n').append(l.id()).append('\n').append(l.summary());
        for (String c : l.concepts()) {
            hay.append('\n').append(c).append('\n').append(Concepts.title(c));
        }
        String text = hay.toString().toLowerCase(Locale.ROOT);
        return terms.stream().allMatch(text::contains);
    }

    private void updateCounts() {
        counts.setText(countsText(visibleLessons().size(), cards.size(),
                cards.keySet().stream().filter(completions::isCompleted).count()));
    }

    /** "20 lessons · 2 completed", or while a search filters, "3 of 20 lessons · 2 completed". */
    static String countsText(int shown, int total, long completed) {
        String lessons = total == 1 ? "1 lesson" : total + " lessons";
        return (shown == total ? lessons : shown + " of " + lessons) + " \u00B7 " + completed + " completed";
    }

    private void showCompleted(Card c) {
        boolean done = completions.isCompleted(c.lesson().id());
        c.mark().setVisible(done);
        c.mark().setManaged(done);
        c.node().pseudoClassStateChanged(COMPLETED, done);
    }

    // ---- API

    /** Called with the lesson when a card is clicked or activated with Enter or Space. */
    public void onOpen(Consumer<Lesson> action) {
        this.onOpen = action == null ? l -> {} : action;
    }

    /** Called with each load of the lessons after a reload, so other views can list the same lessons. */
    public void onLibrary(Consumer<LessonLibrary.Loaded> action) {
        this.onLibrary = action == null ? l -> {} : action;
    }

    /** Records a completed lesson in the store and marks its card. */
    public void markCompleted(String lessonId) {
        completions.markCompleted(lessonId);
        Card c = cards.get(lessonId);
        if (c != null) {
            showCompleted(c);
        }
        updateCounts();
    }

    /** Marks every card again from the store: after the learner's progress was reset. */
    public void refreshCompleted() {
        cards.values().forEach(this::showCompleted);
        updateCounts();
    }

    public boolean isCompleted(String lessonId) {
        return completions.isCompleted(lessonId);
    }

    /** The search field's text; setting it filters as typing does. */
    public StringProperty searchTextProperty() {
        return search.textProperty();
    }

    /** The lessons the filter lets through, in display order. */
    public List<Lesson> visibleLessons() {
        return groups.stream().flatMap(g -> g.cards().stream()).filter(c -> c.node().isVisible()).map(Card::lesson).toList();
    }

    /** Group concept to the ids of its visible lessons, in display order; empty groups left out. */
    public Map<String, List<String>> visibleGroups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Group g : groups) {
            List<String> ids = g.cards().stream().filter(c -> c.node().isVisible()).map(c -> c.lesson().id()).toList();
            if (!ids.isEmpty()) {
                out.put(g.concept(), ids);
            }
        }
        return out;
    }

    /** The problems of the lesson files that did not load. */
    public List<LessonProblem> problems() {
        return problems;
    }
}

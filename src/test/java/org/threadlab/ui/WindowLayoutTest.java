package org.threadlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.ui.lesson.CompletionStore;

/**
 * Nothing clipped: every shipped lesson, opened at 1280x800, 1600x1000 and 1920x1080 (there also at twice the text size) with the
 * library open and closed, shows every label whole (no text cut to "...") and every control
 * inside the window and not squeezed below its own size. The scene graph is walked as laid out,
 * so what fails here is what a class would see cut on the projector.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest {
    /**
     * Places designed to cut their text, by style class of the Labeled or of an ancestor, with
     * the reason; anything else cut with an ellipsis fails.
     */
    private static final Map<String, String> DESIGNED_TO_CUT = Map.of(
            "tl-console", "a console line longer than the view scrolls sideways in a real console; the list cell cuts it",
            "tooltip", "not part of the window");

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MainWindow show(String size, boolean dark) throws Exception {
        return show(size, dark, 1);
    }

    /** The window at this size and text scale (Ctrl+plus / Ctrl+minus, for a projector). */
    private MainWindow show(String size, boolean dark, double scale) throws Exception {
        List<String> args = new ArrayList<>(List.of("--size", size));
        if (dark) {
            args.add("--dark");
        }
        MainWindow window = WaitForAsyncUtils.asyncFx(() -> {
            MainWindow w = new ThreadLabApp().start(stage, AppOptions.parse(args.toArray(String[]::new)),
                    CompletionStore.inMemory());
            stage.sizeToScene();
            w.textScaleProperty().set(scale);
            return w;
        }).get(30, TimeUnit.SECONDS);
        String[] wh = size.split("x");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(Double.parseDouble(wh[0]), stage.getScene().getWidth(), "the window is " + size);
        assertEquals(Double.parseDouble(wh[1]), stage.getScene().getHeight(), "the window is " + size);
        return window;
    }

    @Test
    void everyLessonIsWholeAt1280x800() throws Exception {
        everyLessonIsWhole("1280x800", false);
    }

    @Test
    void everyLessonIsWholeAt1280x800Dark() throws Exception {
        everyLessonIsWhole("1280x800", true);
    }

    @Test
    void everyLessonIsWholeAt1600x1000() throws Exception {
        everyLessonIsWhole("1600x1000", false);
    }

    @Test
    void everyLessonIsWholeAt1920x1080() throws Exception {
        everyLessonIsWhole("1920x1080", false);
    }

    @Test
    void everyLessonIsWholeAt1920x1080AtTwiceTheTextSize() throws Exception {
        everyLessonIsWhole("1920x1080", false, 2.0); // a projector: Ctrl+plus five times
    }

    private void everyLessonIsWhole(String size, boolean dark) throws Exception {
        everyLessonIsWhole(size, dark, 1);
    }

    private void everyLessonIsWhole(String size, boolean dark, double scale) throws Exception {
        MainWindow window = show(size, dark, scale);
        List<String> problems = new ArrayList<>();
        try {
            String only = System.getProperty("layout.lesson", ""); // one lesson, to look into a failure
            for (Lesson lesson : LessonLibrary.standard().loadAll().lessons()) {
                if (!only.isEmpty() && !only.equals(lesson.id())) {
                    continue;
                }
                WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(30, TimeUnit.SECONDS);
                for (boolean libraryOpen : new boolean[] {false, true}) {
                    setLibrary(window, libraryOpen);
                    problems.addAll(problems(lesson.id() + (libraryOpen ? " (library open)" : "")));
                }
            }
        } finally {
            WaitForAsyncUtils.asyncFx(window::dispose).get(30, TimeUnit.SECONDS);
        }
        assertTrue(problems.isEmpty(), () -> size + (dark ? " dark" : "") + (scale != 1 ? " at " + scale + "x" : "") + ": "
                + problems.size()
                + " places cut or outside the window:\n  " + String.join("\n  ", problems.subList(0, Math.min(60, problems.size()))));
    }

    /** After a short run in each kind of mode the result text, the lanes and the replay controls are whole too. */
    @Test
    void aFinishedRunIsWholeAt1280x800() throws Exception {
        MainWindow window = show("1280x800", false);
        List<String> problems = new ArrayList<>();
        try {
            for (String id : List.of("hello-threads", "shared-counter", "thread-pool", "process-squares")) { // threads, a pool, child processes
                Lesson lesson = LessonLibrary.standard().find(id);
                WaitForAsyncUtils.asyncFx(() -> window.open(lesson)).get(30, TimeUnit.SECONDS);
                WaitForAsyncUtils.asyncFx(() -> window.session().start()).get(30, TimeUnit.SECONDS);
                Windows.waitUntil(() -> window.session().resultProperty().get() != null, id + " finished");
                for (boolean libraryOpen : new boolean[] {false, true}) {
                    setLibrary(window, libraryOpen);
                    problems.addAll(problems(id + " after a run" + (libraryOpen ? " (library open)" : "")));
                }
            }
        } finally {
            WaitForAsyncUtils.asyncFx(window::dispose).get(30, TimeUnit.SECONDS);
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " places cut or outside the window:\n  "
                + String.join("\n  ", problems));
    }

    /** Runs pinned side by side: their tab is whole at 1280x800 and at 1920x1080 at twice the text size. */
    @Test
    void pinnedRunsAreWholeAt1280x800AndAtTwiceTheTextSizeAt1920x1080() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String[] at : new String[][] {{"1280x800", "1"}, {"1920x1080", "2"}}) {
            MainWindow window = show(at[0], false, Double.parseDouble(at[1]));
            try {
                Lesson lesson = LessonLibrary.standard().find("squares");
                WaitForAsyncUtils.asyncFx(() -> {
                    window.open(lesson);
                    window.session().paramsProperty().set(Map.of("rounds", 5L));
                }).get(30, TimeUnit.SECONDS);
                for (String mode : List.of("sequential", "threads")) {
                    var before = window.session().resultProperty().get();
                    WaitForAsyncUtils.asyncFx(() -> {
                        window.session().modeProperty().set(mode);
                        window.session().start();
                    }).get(30, TimeUnit.SECONDS);
                    Windows.waitUntil(() -> window.session().resultProperty().get() != null
                            && window.session().resultProperty().get() != before, mode + " finished");
                    WaitForAsyncUtils.waitForFxEvents(5);
                    WaitForAsyncUtils.asyncFx(window::pinShown).get(30, TimeUnit.SECONDS);
                }
                WaitForAsyncUtils.asyncFx(window::showPinned).get(30, TimeUnit.SECONDS);
                for (boolean libraryOpen : new boolean[] {false, true}) {
                    setLibrary(window, libraryOpen);
                    problems.addAll(problems("pinned runs at " + at[0] + " x" + at[1] + (libraryOpen ? " (library open)" : "")));
                }
            } finally {
                WaitForAsyncUtils.asyncFx(window::dispose).get(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " places cut or outside the window:\n  "
                + String.join("\n  ", problems));
    }

    private void setLibrary(MainWindow window, boolean open) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ToggleButton toggle = (ToggleButton) stage.getScene().lookup("#library-toggle");
            toggle.setSelected(open);
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(8);
    }

    /** Lays the scene out and lists what is cut, outside the window or squeezed. */
    private List<String> problems(String where) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Parent root = stage.getScene().getRoot();
            root.applyCss();
            root.layout();
            List<String> out = new ArrayList<>();
            walk(root, where, out);
            return out;
        }).get(30, TimeUnit.SECONDS);
    }

    private void walk(Node node, String where, List<String> out) {
        if (!node.isVisible() || designedToCut(node)) {
            return;
        }
        if (node instanceof Labeled labeled) {
            String shown = shownText(labeled);
            String full = wanted(labeled).strip(); // the skin drops a trailing line break: that is no cut
            if (shown != null && !full.isEmpty() && !shown.strip().equals(full)
                    && shown.contains(labeled.getEllipsisString().strip())) {
                out.add(where + ": " + describe(labeled) + " shows \"" + shown + "\" of \"" + full + "\"");
            }
        }
        if (node instanceof Control control && !insideScrollPane(node)) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            double w = stage.getScene().getWidth();
            double h = stage.getScene().getHeight();
            if (b.getWidth() > 0 && (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > w + 1 || b.getMaxY() > h + 1)) {
                out.add(where + ": " + describe(control) + " lies outside the " + (int) w + "x" + (int) h + " window at "
                        + String.format(java.util.Locale.ROOT, "%.0f,%.0f-%.0f,%.0f", b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()));
            }
            Node clipper = clippedBy(node, b);
            if (clipper != null) {
                Bounds c = clipper.localToScene(clipper.getClip().getBoundsInParent());
                out.add(where + ": " + describe(control) + " is cut by the edge of " + describe(clipper)
                        + String.format(java.util.Locale.ROOT, " (%.0f,%.0f-%.0f,%.0f outside %.0f,%.0f-%.0f,%.0f)",
                        b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), c.getMinX(), c.getMinY(), c.getMaxX(), c.getMaxY()));
            }
            boolean wraps = control instanceof Labeled l && l.isWrapText();
            if ((control instanceof Spinner<?> || control instanceof ButtonBase) && !wraps
                    && control.getWidth() + 1 < control.prefWidth(-1)) {
                out.add(where + ": " + describe(control) + " squeezed to " + Math.round(control.getWidth())
                        + " px of its " + Math.round(control.prefWidth(-1)));
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, where, out);
            }
        }
    }

    /** The text the skin draws: its LabeledText child (null when the skin draws none). */
    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }

    /** The label's own text as the skin would show it whole: without the mnemonic's underscore. */
    private static String wanted(Labeled labeled) {
        String text = labeled.getText() == null ? "" : labeled.getText();
        if (labeled.isMnemonicParsing()) {
            int i = text.indexOf('_');
            if (i >= 0 && i + 1 < text.length() && text.charAt(i + 1) != '_') {
                text = text.substring(0, i) + text.substring(i + 1);
            }
        }
        return text;
    }

    /** The nearest ancestor whose clip (a split pane's side, a tab's content) cuts these scene bounds, or null. */
    private static Node clippedBy(Node node, Bounds b) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null) {
                Bounds c = p.localToScene(p.getClip().getBoundsInParent());
                if (b.getMinX() < c.getMinX() - 1 || b.getMinY() < c.getMinY() - 1
                        || b.getMaxX() > c.getMaxX() + 1 || b.getMaxY() > c.getMaxY() + 1) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean designedToCut(Node node) {
        return node.getStyleClass().stream().anyMatch(DESIGNED_TO_CUT::containsKey);
    }

    /** Inside a scroll pane a control out of sight is one scroll away: reachable, not cut. */
    private static boolean insideScrollPane(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof javafx.scene.control.ListView<?>) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Node node) {
        String id = node.getId() == null ? "" : "#" + node.getId();
        String text = node instanceof Labeled l && l.getText() != null ? " '" + l.getText() + "'" : "";
        String parent = node.getParent() == null ? "" : " in " + node.getParent().getClass().getSimpleName()
                + node.getParent().getStyleClass();
        return node.getClass().getSimpleName() + id + text + parent;
    }
}

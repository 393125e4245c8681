package org.threadlab.ui.lesson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A lesson file's YAML as it is on disk, read-only, with line numbers and one line marked (where a
 * problem is): opened from the problems panel, in a window of its own.
 */
public final class SourceView {
    private SourceView() {}

    /** The file's text with numbered lines, and the character range of line {@code line} (1-based) in it. */
    static Numbered numbered(List<String> lines, int line) {
        StringBuilder sb = new StringBuilder();
        int width = String.valueOf(Math.max(1, lines.size())).length();
        int from = 0;
        int to = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i + 1 == line) {
                from = sb.length();
            }
            sb.append(String.format("%" + width + "d  %s", i + 1, lines.get(i)));
            if (i + 1 == line) {
                to = sb.length();
            }
            sb.append('\n');
        }
        return new Numbered(sb.toString(), from, to);
    }

    record Numbered(String text, int from, int to) {}

    /** Opens the file at the line; returns the window (or null when the file cannot be read, said in a label). */
    public static Stage show(Window owner, Path file, int line) {
        TextArea text = new TextArea();
        text.setId("lesson-source");
        text.setEditable(false);
        text.getStyleClass().add("tl-source");
        text.setStyle("-fx-font-family: 'JetBrains Mono', 'DejaVu Sans Mono', monospace;");
        Label where = new Label(file + (line > 0 ? ", line " + line : ""));
        where.setWrapText(true);
        try {
            Numbered n = numbered(Files.readAllLines(file, StandardCharsets.UTF_8), line);
            text.setText(n.text());
            if (line > 0) {
                text.selectRange(n.from(), n.to()); // the line marked
            }
        } catch (IOException e) {
            text.setText("cannot read " + file + ": " + e.getMessage());
        }
        BorderPane root = new BorderPane(text);
        root.setTop(where);
        root.setStyle("-fx-padding: 0.6em; -fx-spacing: 0.4em;");
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("ThreadLab: " + file.getFileName() + " (read-only)");
        Scene scene = new Scene(root, 900, 600);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        javafx.scene.control.IndexRange marked = text.getSelection();
        stage.show();
        // showing focuses the text, which drops a selection: mark the line again once it is shown
        javafx.application.Platform.runLater(() -> {
            text.selectRange(marked.getStart(), marked.getEnd());
            text.setScrollTop(Math.max(0, (line - 5) * text.getFont().getSize() * 1.35)); // the line near the top
        });
        return stage;
    }
}

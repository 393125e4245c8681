package org.threadlab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark plus GitHub tables) to JavaFX nodes, for lesson narration. No WebView: each
 * block becomes a node styled by {@code lesson.css} ({@code tl-md-*} classes), so the text follows
 * the theme and scales with the font size like the rest of the window.
 *
 * <p>Paragraphs and headings are {@link TextFlow}s of {@link Text} runs; inline code is a small
 * {@link Label} inside the flow (a Text cannot have a background); lists are rows of marker and
 * content; code blocks, quotes and tables are boxes. Links are shown as link-coloured text with the
 * address in a tooltip: lessons open no browser. Raw HTML is shown as literal text.
 *
 * <p>Build nodes on the JavaFX thread (link tooltips are popup windows).
 */
public final class MarkdownRenderer {
    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /** The whole document: a {@link VBox} with style class {@code tl-md}, one child per block. */
    public VBox render(String markdown) {
        VBox root = new VBox();
        root.getStyleClass().add("tl-md");
        root.setFillWidth(true);
        blocks(parser.parse(markdown == null ? "" : markdown), root, 0);
        return root;
    }

    // ---- blocks

    private void blocks(Node parent, VBox into, int listDepth) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            javafx.scene.Node fx = block(n, listDepth);
            if (fx != null) {
                into.getChildren().add(fx);
            }
        }
    }

    private javafx.scene.Node block(Node n, int listDepth) {
        return switch (n) {
            case Paragraph p -> flow(p, "tl-md-paragraph");
            case Heading h -> {
                TextFlow flow = flow(h, "tl-md-heading");
                flow.getStyleClass().add("tl-md-h" + Math.min(h.getLevel(), 4));
                yield flow;
            }
            case ListBlock list -> list(list, listDepth);
            case FencedCodeBlock code -> codeBlock(code.getLiteral());
            case IndentedCodeBlock code -> codeBlock(code.getLiteral());
            case HtmlBlock html -> codeBlock(html.getLiteral());
            case BlockQuote quote -> {
                VBox box = new VBox();
                box.getStyleClass().add("tl-md-quote");
                blocks(quote, box, listDepth);
                yield box;
            }
            case ThematicBreak ignored -> {
                Separator line = new Separator();
                line.getStyleClass().add("tl-md-rule");
                yield line;
            }
            case TableBlock table -> table(table);
            case LinkReferenceDefinition ignored -> null;
            default -> flow(n, "tl-md-paragraph");
        };
    }

    private VBox list(ListBlock list, int depth) {
        VBox box = new VBox();
        box.getStyleClass().addAll("tl-md-list", list instanceof OrderedList ? "tl-md-ordered" : "tl-md-bullets");
        int number = 1;
        String delimiter = ".";
        if (list instanceof OrderedList ordered) {
            if (ordered.getMarkerStartNumber() != null) {
                number = ordered.getMarkerStartNumber();
            }
            if (ordered.getMarkerDelimiter() != null) {
                delimiter = ordered.getMarkerDelimiter();
            }
        }
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + delimiter : (depth % 2 == 0 ? "\u2022" : "\u25E6");
            Label mark = new Label(marker);
            mark.getStyleClass().add("tl-md-list-marker");
            mark.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = new VBox();
            content.getStyleClass().add("tl-md-list-content");
            content.setMinWidth(0);
            blocks(item, content, depth + 1);
            HBox row = new HBox(mark, content);
            row.getStyleClass().add("tl-md-list-item");
            HBox.setHgrow(content, Priority.ALWAYS);
            box.getChildren().add(row);
        }
        return box;
    }

    private VBox codeBlock(String literal) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Text text = new Text(code.replace("\t", "    "));
        text.getStyleClass().addAll("tl-md-text", "tl-md-code-text");
        TextFlow flow = new TextFlow(text);
        VBox box = new VBox(flow);
        box.getStyleClass().add("tl-md-code-block");
        return box;
    }

    private GridPane table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("tl-md-table");
        List<TableRow> rows = new ArrayList<>();
        collectRows(table, rows);
        int columns = 0;
        for (int r = 0; r < rows.size(); r++) {
            int c = 0;
            for (Node cell = rows.get(r).getFirstChild(); cell != null; cell = cell.getNext(), c++) {
                if (!(cell instanceof TableCell tc)) {
                    continue;
                }
                TextFlow flow = flow(tc, "tl-md-table-text");
                flow.setTextAlignment(switch (tc.getAlignment() == null ? TableCell.Alignment.LEFT : tc.getAlignment()) {
                    case CENTER -> TextAlignment.CENTER;
                    case RIGHT -> TextAlignment.RIGHT;
                    default -> TextAlignment.LEFT;
                });
                VBox box = new VBox(flow);
                box.getStyleClass().add("tl-md-table-cell");
                if (tc.isHeader()) {
                    box.getStyleClass().add("tl-md-table-header");
                    for (javafx.scene.Node t : flow.getChildren()) {
                        t.getStyleClass().add("tl-md-strong");
                    }
                } else if (r % 2 == 0) {
                    box.getStyleClass().add("tl-md-table-even");
                }
                box.setMaxWidth(Double.MAX_VALUE);
                box.setMaxHeight(Double.MAX_VALUE);
                grid.add(box, c, r);
            }
            columns = Math.max(columns, c);
        }
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            cc.setHalignment(HPos.LEFT);
            cc.setFillWidth(true);
            grid.getColumnConstraints().add(cc);
        }
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        return grid;
    }

    private static void collectRows(Node parent, List<TableRow> rows) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof TableRow row) {
                rows.add(row);
            } else {
                collectRows(n, rows); // TableHead, TableBody
            }
        }
    }

    // ---- inlines

    /** How a run of text is styled: the enclosing emphasis and link, if any. */
    private record Style(boolean strong, boolean em, String link) {
        static final Style PLAIN = new Style(false, false, null);

        Style withStrong() {
            return new Style(true, em, link);
        }

        Style withEm() {
            return new Style(strong, true, link);
        }

        Style withLink(String destination) {
            return new Style(strong, em, destination);
        }
    }

    private TextFlow flow(Node block, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        inlines(block, Style.PLAIN, flow.getChildren());
        return flow;
    }

    private void inlines(Node parent, Style style, List<javafx.scene.Node> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            switch (n) {
                case org.commonmark.node.Text t -> out.add(text(t.getLiteral(), style));
                case SoftLineBreak ignored -> out.add(text(" ", style));
                case HardLineBreak ignored -> out.add(text("\n", style));
                case Emphasis e -> inlines(e, style.withEm(), out);
                case StrongEmphasis s -> inlines(s, style.withStrong(), out);
                case Code c -> {
                    Label code = new Label(c.getLiteral());
                    code.getStyleClass().add("tl-md-code");
                    code.setMinWidth(Region.USE_PREF_SIZE);
                    out.add(code);
                }
                case Link l -> inlines(l, style.withLink(l.getDestination()), out);
                case HtmlInline h -> out.add(text(h.getLiteral(), style));
                default -> inlines(n, style, out); // images show their alt text
            }
        }
    }

    private Text text(String s, Style style) {
        Text t = new Text(s);
        t.getStyleClass().add("tl-md-text");
        if (style.strong()) {
            t.getStyleClass().add("tl-md-strong");
        }
        if (style.em()) {
            t.getStyleClass().add("tl-md-em");
        }
        if (style.link() != null) {
            t.getStyleClass().add("tl-md-link");
            t.setUserData(style.link());
            Tooltip.install(t, new Tooltip(style.link()));
        }
        return t;
    }
}

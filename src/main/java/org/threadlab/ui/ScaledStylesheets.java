package org.threadlab.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * ThreadLab's own stylesheets at a text scale (Ctrl+plus / Ctrl+minus), for a projector. Their sizes
 * (fonts, icons, paddings, gaps) are in px, so a larger root font alone would not reach them: each of ours (a stylesheet
 * under {@code org/threadlab/ui}) is swapped, in the scene and in every parent of a subtree, for a
 * copy whose px lengths are multiplied by the scale, as a browser's zoom would (least sizes, {@code -fx-min-*}, stay), handed to JavaFX as a {@code data:} URL. At
 * scale 1 the originals come back. The theme (AtlantaFX) sizes its controls in em and follows the
 * root's font size instead.
 */
final class ScaledStylesheets {
    /** One declaration: its property and its value. */
    private static final Pattern DECLARATION = Pattern.compile("(-fx-[\\w-]+)(\\s*:\\s*)([^;{}]*)");
    /** A length in px within a value. */
    private static final Pattern PX = Pattern.compile("(?<![\\w.-])([0-9]+(?:\\.[0-9]+)?)px");
    private static final String OURS = "/org/threadlab/ui/";

    /** Each scaled copy handed out, by its data URL: the original's URL. */
    private final Map<String, String> originals = new HashMap<>();
    /** The text of each original, read once. */
    private final Map<String, String> texts = new HashMap<>();

    /** Our stylesheets in the scene and in every parent below {@code root}, at {@code scale}. */
    void apply(Scene scene, Parent root, double scale) {
        if (scene != null) {
            swap(scene.getStylesheets(), scale);
        }
        walk(root, scale);
    }

    private void walk(Node node, double scale) {
        if (node instanceof Parent parent) {
            swap(parent.getStylesheets(), scale);
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, scale);
            }
        }
    }

    private void swap(ObservableList<String> sheets, double scale) {
        if (sheets.isEmpty()) {
            return;
        }
        List<String> now = List.copyOf(sheets);
        for (int i = 0; i < now.size(); i++) {
            String original = originals.getOrDefault(now.get(i), now.get(i));
            if (!original.contains(OURS)) {
                continue;
            }
            String wanted = scale == 1 ? original : scaled(original, scale);
            if (!wanted.equals(now.get(i))) {
                sheets.set(i, wanted);
            }
        }
    }

    private String scaled(String original, double scale) {
        String text = texts.computeIfAbsent(original, ScaledStylesheets::read);
        Matcher m = DECLARATION.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            // least sizes stay: grown with the text they would push a column out of the window
            boolean keep = m.group(1).startsWith("-fx-min-");
            String value = keep ? m.group(3) : scaledPx(m.group(3), scale);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + value));
        }
        m.appendTail(sb);
        String url = "data:text/css;base64," + Base64.getEncoder().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
        originals.put(url, original);
        return url;
    }

    private static String scaledPx(String value, double scale) {
        Matcher m = PX.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, String.format(Locale.ROOT, "%.2fpx", Double.parseDouble(m.group(1)) * scale));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String read(String url) {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return ""; // cannot be read again: the scaled copy is empty, the theme still styles the window
        }
    }
}

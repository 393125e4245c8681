package org.threadlab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits listing lines into coloured runs: keywords, strings, comments, numbers, annotations. A
 * few lines of scanning, not a parser: lesson listings are short, plain code, and colour only
 * helps the eye find the structure on a projector. Block comments and triple-quoted strings carry
 * over from line to line, so feed the lines of one listing in order to one instance.
 */
final class CodeHighlighter {

    /** A run of text; {@code kind} is {@code plain}, {@code keyword}, {@code string}, {@code comment}, {@code number} or {@code annotation}. */
    record Token(String text, String kind) {}

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof",
            "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
            "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "record", "yield",
            "sealed", "permits");

    private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert",
            "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally",
            "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
            "raise", "return", "try", "while", "with", "yield", "match", "case");

    private final boolean python;
    private final Set<String> keywords;
    private boolean inBlockComment;
    private String openTripleQuote;

    CodeHighlighter(String language) {
        this.python = "python".equalsIgnoreCase(language);
        this.keywords = python ? PYTHON_KEYWORDS : "java".equalsIgnoreCase(language) ? JAVA_KEYWORDS : Set.of();
    }

    List<Token> line(String line) {
        List<Token> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            if (inBlockComment) {
                int end = line.indexOf("*/", i);
                int stop = end < 0 ? n : end + 2;
                add(out, line.substring(i, stop), "comment");
                inBlockComment = end < 0;
                i = stop;
                continue;
            }
            if (openTripleQuote != null) {
                int end = line.indexOf(openTripleQuote, i);
                int stop = end < 0 ? n : end + 3;
                add(out, line.substring(i, stop), "string");
                if (end >= 0) {
                    openTripleQuote = null;
                }
                i = stop;
                continue;
            }
            char c = line.charAt(i);
            if (python ? c == '#' : line.startsWith("//", i)) {
                add(out, line.substring(i), "comment");
                break;
            }
            if (!python && line.startsWith("/*", i)) {
                inBlockComment = true;
                add(out, "/*", "comment");
                i += 2;
                continue;
            }
            if (line.startsWith("\"\"\"", i) || (python && line.startsWith("'''", i))) {
                openTripleQuote = line.substring(i, i + 3);
                add(out, openTripleQuote, "string");
                i += 3;
                continue;
            }
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && line.charAt(j) != c) {
                    j += line.charAt(j) == '\\' ? 2 : 1;
                }
                int stop = Math.min(n, j + 1);
                add(out, line.substring(i, stop), "string");
                i = stop;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_'
                        || (line.charAt(j) == '.' && j + 1 < n && Character.isDigit(line.charAt(j + 1))))) {
                    j++;
                }
                add(out, line.substring(i, j), "number");
                i = j;
                continue;
            }
            if (c == '@' && i + 1 < n && Character.isJavaIdentifierStart(line.charAt(i + 1))) {
                int j = identifierEnd(line, i + 1);
                add(out, line.substring(i, j), "annotation");
                i = j;
                continue;
            }
            if (Character.isJavaIdentifierStart(c)) {
                int j = identifierEnd(line, i);
                String word = line.substring(i, j);
                add(out, word, keywords.contains(word) ? "keyword" : "plain");
                i = j;
                continue;
            }
            add(out, String.valueOf(c), "plain");
            i++;
        }
        return out;
    }

    private static int identifierEnd(String line, int from) {
        int j = from;
        while (j < line.length() && Character.isJavaIdentifierPart(line.charAt(j))) {
            j++;
        }
        return j;
    }

    /** Adds a run, joining it to the previous one when both are of the same kind. */
    private static void add(List<Token> out, String text, String kind) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind().equals(kind)) {
            Token last = out.remove(out.size() - 1);
            out.add(new Token(last.text() + text, kind));
        } else {
            out.add(new Token(text, kind));
        }
    }
}

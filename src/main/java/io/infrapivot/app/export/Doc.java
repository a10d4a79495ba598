package io.infrapivot.app.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document (headings, paragraphs, lists, tables of plain text) rendered as Markdown or as one
 * self-contained HTML page. Every string is data: Markdown escapes its punctuation and HTML, HTML escapes
 * markup; nothing from a case can become a link, an image, a tag or a script. The page carries a
 * Content-Security-Policy that forbids scripts and every external load.
 */
final class Doc {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private sealed interface Block {}

    private record Heading(int level, String text) implements Block {}

    private record Para(String text) implements Block {}

    private record Items(List<String> items) implements Block {}

    private record Table(List<String> headers, List<List<String>> rows) implements Block {}

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    Doc(String title) {
        this.title = title;
    }

    void heading(int level, String text) {
        blocks.add(new Heading(level, text));
    }

    void para(String text) {
        blocks.add(new Para(text));
    }

    void items(List<String> items) {
        blocks.add(new Items(List.copyOf(items)));
    }

    void table(List<String> headers, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(headers), List.copyOf(rows)));
    }

    String markdown() {
        StringBuilder b = new StringBuilder("# ").append(md(title)).append("\n\n");
        for (Block k : blocks) {
            switch (k) {
                case Heading h -> b.append("#".repeat(h.level())).append(' ').append(md(h.text())).append("\n\n");
                case Para p -> b.append(md(p.text())).append("\n\n");
                case Items l -> {
                    for (String s : l.items()) b.append("- ").append(md(s)).append('\n');
                    b.append('\n');
                }
                case Table t -> {
                    b.append('|');
                    for (String h : t.headers()) b.append(' ').append(md(h)).append(" |");
                    b.append("\n|");
                    b.append(" --- |".repeat(t.headers().size())).append('\n');
                    for (List<String> r : t.rows()) {
                        b.append('|');
                        for (String c : r) b.append(' ').append(md(c)).append(" |");
                        b.append('\n');
                    }
                    b.append('\n');
                }
            }
        }
        return b.toString();
    }

    String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n");
        b.append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        b.append("<title>").append(html(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:70em}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #bbb;")
                .append("padding:0.2em 0.5em;text-align:left;vertical-align:top;word-break:break-all}")
                .append("th{background:#eee}h2{border-bottom:1px solid #999;margin-top:1.5em}")
                .append("@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(html(title)).append("</h1>\n");
        for (Block k : blocks) {
            switch (k) {
                case Heading h -> b.append("<h").append(h.level()).append('>').append(html(h.text())).append("</h")
                        .append(h.level()).append(">\n");
                case Para p -> b.append("<p>").append(html(p.text())).append("</p>\n");
                case Items l -> {
                    b.append("<ul>\n");
                    for (String s : l.items()) b.append("<li>").append(html(s)).append("</li>\n");
                    b.append("</ul>\n");
                }
                case Table t -> {
                    b.append("<table>\n<tr>");
                    for (String h : t.headers()) b.append("<th>").append(html(h)).append("</th>");
                    b.append("</tr>\n");
                    for (List<String> r : t.rows()) {
                        b.append("<tr>");
                        for (String c : r) b.append("<td>").append(html(c)).append("</td>");
                        b.append("</tr>\n");
                    }
                    b.append("</table>\n");
                }
            }
        }
        return b.append("</body>\n</html>\n").toString();
    }

    /** HTML text: markup characters as entities, control characters (but tab/newline) as U+FFFD. */
    static String html(String s) {
        if (s == null) return "";
        String clean = Texts.xml(s);
        StringBuilder b = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\r' -> b.append(' ');
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * Markdown text on one line: Markdown punctuation backslash-escaped, {@code <}, {@code >} and {@code &}
     * as entities (so no inline HTML or autolink), line breaks as spaces, controls as U+FFFD.
     */
    static String md(String s) {
        if (s == null) return "";
        String clean = Texts.xml(s);
        StringBuilder b = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (c == '<') b.append("&lt;");
            else if (c == '>') b.append("&gt;");
            else if (c == '&') b.append("&amp;");
            else if (c == '\n' || c == '\r' || c == '\t') b.append(' ');
            else if (c < 0x20) b.append('\uFFFD');
            else if ("\\`*_{}[]()#+-.!|~:\"'".indexOf(c) >= 0) b.append('\\').append(c);
            else b.append(c);
        }
        return b.toString();
    }
}

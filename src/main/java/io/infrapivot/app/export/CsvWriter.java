package io.infrapivot.app.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code csv}: one file, RFC 4180 (every cell quoted, quotes doubled, CRLF rows), with a {@code kind} column
 * ({@code node}, {@code edge}, {@code attribute}). Safe from formula injection as OWASP describes: a cell
 * that begins with {@code =}, {@code +}, {@code -}, {@code @}, tab, CR or LF gets a leading {@code '}.
 */
final class CsvWriter implements GraphWriter {
    static final List<String> HEADER = List.of("kind", "id", "type", "value", "relation", "target_type",
            "target_value", "data", "sources", "first_seen", "last_seen", "count", "seed", "marks", "evidence");

    private final Writer out;

    CsvWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A cell as it is written: neutralised when it could start a formula, then quoted. */
    static String cell(String value) {
        if (value == null) return "\"\"";
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r\n".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    @Override
    public void begin(ExportHeader header) throws IOException {
        row(HEADER);
    }

    @Override
    public void node(Node n) throws IOException {
        row(List.of("node", n.indicator().key(), n.indicator().type().id(), n.indicator().value(), "", "", "", "",
                String.join(" ", n.sources()), time(n.firstSeen()), time(n.lastSeen()), Integer.toString(n.facts()),
                Boolean.toString(n.seed()),
                n.marks().stream().map(m -> m.rule() + (m.expanded() ? "(expanded)" : "")).collect(Collectors.joining(" ")),
                ids(n.evidence())));
    }

    @Override
    public void fact(ExportFact f) throws IOException {
        row(List.of(f.isLink() ? "edge" : "attribute", Long.toString(f.id()), f.subject().indicator().type().id(),
                f.subject().indicator().value(), f.relation().id(),
                f.isLink() ? f.object().indicator().type().id() : "", f.isLink() ? f.object().indicator().value() : "",
                f.value() == null ? "" : f.value().toString(), String.join(" ", f.sources()), time(f.firstSeen()),
                time(f.lastSeen()), f.count() == null ? "" : f.count().toString(), "", "", ids(f.evidence())));
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    private static String time(Instant i) {
        return i == null ? "" : i.toString();
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}

package io.infrapivot.app.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code graphml}: GraphML 1.0 in its namespace; nodes {@code n<index>} with type, value, seed, sources,
 * first/last seen, marks; edges per link with relation, sources, first/last seen, count, evidence.
 * Attributes of indicators are not graph elements and are left out (jsonl and csv carry them).
 */
final class GraphmlWriter implements GraphWriter {
    static final String NS = "http://graphml.graphdrawing.org/xmlns";
    private static final List<String[]> NODE_KEYS = List.of(new String[] {"type", "string"},
            new String[] {"value", "string"}, new String[] {"label", "string"}, new String[] {"seed", "boolean"},
            new String[] {"sources", "string"}, new String[] {"first_seen", "string"},
            new String[] {"last_seen", "string"}, new String[] {"facts", "int"}, new String[] {"marks", "string"},
            new String[] {"rank", "double"});
    private static final List<String[]> EDGE_KEYS = List.of(new String[] {"relation", "string"},
            new String[] {"sources", "string"}, new String[] {"e_first_seen", "string"},
            new String[] {"e_last_seen", "string"}, new String[] {"count", "long"},
            new String[] {"evidence", "string"});

    private final Xml x;

    GraphmlWriter(OutputStream out) {
        x = new Xml(out);
    }

    @Override
    public void begin(ExportHeader h) throws IOException {
        x.document();
        x.newline();
        x.start("graphml");
        x.defaultNamespace(NS);
        x.namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        x.attr("xsi", "http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        x.newline();
        for (String[] k : NODE_KEYS) key(k, "node");
        for (String[] k : EDGE_KEYS) key(k, "edge");
        x.start("graph");
        x.attr("id", h.info().name());
        x.attr("edgedefault", "directed");
        x.newline();
    }

    private void key(String[] k, String forWhat) throws IOException {
        x.empty("key");
        x.attr("id", k[0]);
        x.attr("for", forWhat);
        x.attr("attr.name", k[0].startsWith("e_") ? k[0].substring(2) : k[0]);
        x.attr("attr.type", k[1]);
        x.newline();
    }

    @Override
    public void node(Node n) throws IOException {
        x.start("node");
        x.attr("id", "n" + n.index());
        data("type", n.indicator().type().id());
        data("value", n.indicator().value());
        data("label", n.indicator().value());
        data("seed", Boolean.toString(n.seed()));
        data("sources", String.join(" ", n.sources()));
        data("first_seen", time(n.firstSeen()));
        data("last_seen", time(n.lastSeen()));
        data("facts", Integer.toString(n.facts()));
        if (!n.marks().isEmpty()) data("marks", n.marks().stream().map(Node.Mark::rule).collect(Collectors.joining(" ")));
        if (n.rank() != null) data("rank", n.rank().toString());
        x.end();
        x.newline();
    }

    @Override
    public void fact(ExportFact f) throws IOException {
        if (!f.isLink()) return;
        x.start("edge");
        x.attr("id", "e" + f.id());
        x.attr("source", "n" + f.subject().index());
        x.attr("target", "n" + f.object().index());
        data("relation", f.relation().id());
        data("sources", String.join(" ", f.sources()));
        data("e_first_seen", time(f.firstSeen()));
        data("e_last_seen", time(f.lastSeen()));
        if (f.count() != null) data("count", f.count().toString());
        data("evidence", f.evidence().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        x.end();
        x.newline();
    }

    @Override
    public void end() throws IOException {
        x.end();
        x.newline();
        x.end();
        x.finish();
    }

    private void data(String key, String value) throws IOException {
        if (value == null || value.isEmpty()) return;
        x.start("data");
        x.attr("key", key);
        x.text(value);
        x.end();
    }

    private static String time(Instant i) {
        return i == null ? null : i.toString();
    }
}

package io.infrapivot.app.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code gexf}: GEXF 1.3, {@code mode="dynamic"}, {@code timeformat="dateTime"}: each node and edge has
 * {@code start}/{@code end} from its first/last seen (else when it was learned) so Gephi's timeline plays
 * how the infrastructure grew; a link seen in separate windows (it came and went) carries {@code <spells>}.
 */
final class GexfWriter implements GraphWriter {
    static final String NS = "http://gexf.net/1.3";
    private final Xml x;
    private boolean edgesOpen;

    GexfWriter(OutputStream out) {
        x = new Xml(out);
    }

    @Override
    public void begin(ExportHeader h) throws IOException {
        x.document();
        x.newline();
        x.start("gexf");
        x.defaultNamespace(NS);
        x.namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        x.attr("xsi", "http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                NS + " http://gexf.net/1.3/gexf.xsd");
        x.attr("version", "1.3");
        x.newline();
        x.start("meta");
        x.attr("lastmodifieddate", h.exportedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        x.element("creator", "infrapivot");
        x.element("description", "case " + h.info().name());
        x.end();
        x.newline();
        x.start("graph");
        x.attr("mode", "dynamic");
        x.attr("defaultedgetype", "directed");
        x.attr("timeformat", "dateTime");
        x.attr("timerepresentation", "interval");
        x.newline();
        attributes("node", List.of(new String[] {"type", "string"}, new String[] {"value", "string"},
                new String[] {"seed", "boolean"}, new String[] {"sources", "string"},
                new String[] {"marks", "string"}, new String[] {"facts", "integer"}));
        attributes("edge", List.of(new String[] {"relation", "string"}, new String[] {"sources", "string"},
                new String[] {"count", "long"}));
        x.start("nodes");
        x.attr("count", Integer.toString(h.nodeCount()));
        x.newline();
    }

    private void attributes(String cls, List<String[]> attrs) throws IOException {
        x.start("attributes");
        x.attr("class", cls);
        x.attr("mode", "static");
        for (String[] a : attrs) {
            x.empty("attribute");
            x.attr("id", a[0]);
            x.attr("title", a[0]);
            x.attr("type", a[1]);
        }
        x.end();
        x.newline();
    }

    @Override
    public void node(Node n) throws IOException {
        x.start("node");
        x.attr("id", "n" + n.index());
        x.attr("label", label(n.indicator().value()));
        x.attr("start", time(n.start()));
        x.attr("end", time(n.end()));
        x.start("attvalues");
        att("type", n.indicator().type().id());
        att("value", n.indicator().value());
        att("seed", Boolean.toString(n.seed()));
        att("sources", String.join(" ", n.sources()));
        if (!n.marks().isEmpty()) att("marks", n.marks().stream().map(Node.Mark::rule).collect(Collectors.joining(" ")));
        att("facts", Integer.toString(n.facts()));
        x.end();
        x.end();
        x.newline();
    }

    @Override
    public void fact(ExportFact f) throws IOException {
        if (!f.isLink()) return;
        if (!edgesOpen) openEdges();
        x.start("edge");
        x.attr("id", "e" + f.id());
        x.attr("source", "n" + f.subject().index());
        x.attr("target", "n" + f.object().index());
        x.attr("label", f.relation().id());
        x.attr("kind", f.relation().id());
        if (f.spans().size() <= 1) {
            x.attr("start", time(f.start()));
            x.attr("end", time(f.end()));
        }
        x.start("attvalues");
        att("relation", f.relation().id());
        att("sources", String.join(" ", f.sources()));
        if (f.count() != null) att("count", f.count().toString());
        x.end();
        if (f.spans().size() > 1) {
            x.start("spells");
            for (ExportFact.Span s : f.spans()) {
                x.empty("spell");
                x.attr("start", time(s.start()));
                x.attr("end", time(s.end()));
            }
            x.end();
        }
        x.end();
        x.newline();
    }

    private void openEdges() throws IOException {
        edgesOpen = true;
        x.end(); // nodes
        x.newline();
        x.start("edges");
        x.newline();
    }

    @Override
    public void end() throws IOException {
        if (!edgesOpen) openEdges();
        x.end(); // edges
        x.end(); // graph
        x.newline();
        x.end(); // gexf
        x.finish();
    }

    private void att(String id, String value) throws IOException {
        x.empty("attvalue");
        x.attr("for", id);
        x.attr("value", value);
    }

    /** A label is an xs:token: no line breaks or runs of spaces. */
    private static String label(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String time(Instant i) {
        return Texts.seconds(i);
    }
}

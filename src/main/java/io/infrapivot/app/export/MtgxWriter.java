package io.infrapivot.app.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code mtgx}: a Maltego graph file — a zip holding {@code Graphs/Graph1.graphml}, GraphML whose node and
 * edge data are {@code mtg:MaltegoEntity} / {@code mtg:MaltegoLink} elements in the namespace
 * {@value Maltego#NS}, with Maltego's standard entity types (maltego.Domain, maltego.IPv4Address …). Each
 * entity also carries {@code infrapivot.type}, sources, first/last seen and marks; each link its relation as
 * the label and its sources and dates.
 */
final class MtgxWriter implements GraphWriter {
    static final String GRAPH_ENTRY = "Graphs/Graph1.graphml";
    private final ZipOutputStream zip;
    private final Xml x;

    MtgxWriter(OutputStream out) {
        zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                flush(); // the caller owns the stream
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        });
        // buffered: the deflater costs per call, and the XML writer writes in small pieces
        x = new Xml(new java.io.BufferedOutputStream(new FilterOutputStream(zip) {
            @Override
            public void close() {
                // the zip entry is closed by end()
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }
        }, 1 << 16));
    }

    @Override
    public void begin(ExportHeader h) throws IOException {
        zip.putNextEntry(new ZipEntry("version.properties"));
        zip.write(("#infrapivot " + h.info().name() + "\nmaltego.mtz.version=1.0\nmaltego.graph.version=1.2\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(GRAPH_ENTRY));
        x.document();
        x.newline();
        x.start("graphml");
        x.defaultNamespace(GraphmlWriter.NS);
        x.namespace("mtg", Maltego.NS);
        x.newline();
        x.empty("key");
        x.attr("for", "node");
        x.attr("id", "d0");
        x.attr("attr.name", "MaltegoEntity");
        x.newline();
        x.empty("key");
        x.attr("for", "edge");
        x.attr("id", "d1");
        x.attr("attr.name", "MaltegoLink");
        x.newline();
        x.start("graph");
        x.attr("edgedefault", "directed");
        x.attr("id", "G");
        x.newline();
    }

    @Override
    public void node(Node n) throws IOException {
        Maltego.EntityType t = Maltego.entity(n.indicator());
        x.start("node");
        x.attr("id", "n" + n.index());
        x.start("data");
        x.attr("key", "d0");
        x.start("mtg", "MaltegoEntity", Maltego.NS);
        x.attr("type", t.type());
        x.start("mtg", "Properties", Maltego.NS);
        property(t.property(), t.displayName(), Maltego.value(n.indicator()));
        property("infrapivot.type", "infrapivot type", n.indicator().type().id());
        property("infrapivot.seed", "Seed", Boolean.toString(n.seed()));
        property("infrapivot.sources", "Sources", String.join(" ", n.sources()));
        if (n.firstSeen() != null) property("infrapivot.first_seen", "First seen", n.firstSeen().toString());
        if (n.lastSeen() != null) property("infrapivot.last_seen", "Last seen", n.lastSeen().toString());
        for (Node.Mark m : n.marks()) property("infrapivot.mark." + m.rule(), "Marked: " + m.rule(), m.reason());
        x.end();
        x.end();
        x.end();
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
        x.start("data");
        x.attr("key", "d1");
        x.start("mtg", "MaltegoLink", Maltego.NS);
        x.attr("type", "maltego.link.manual-link");
        x.start("mtg", "Properties", Maltego.NS);
        property("maltego.link.manual.type", "Label", f.relation().id());
        StringBuilder d = new StringBuilder(String.join(", ", f.sources()));
        if (f.firstSeen() != null) d.append("; first seen ").append(f.firstSeen());
        if (f.lastSeen() != null) d.append("; last seen ").append(f.lastSeen());
        property("maltego.link.manual.description", "Description", d.toString());
        property("infrapivot.relation", "Relation", f.relation().id());
        if (f.firstSeen() != null) property("infrapivot.first_seen", "First seen", f.firstSeen().toString());
        if (f.lastSeen() != null) property("infrapivot.last_seen", "Last seen", f.lastSeen().toString());
        x.end();
        x.end();
        x.end();
        x.end();
        x.newline();
    }

    private void property(String name, String display, String value) throws IOException {
        x.start("mtg", "Property", Maltego.NS);
        x.attr("displayName", display);
        x.attr("hidden", "false");
        x.attr("name", name);
        x.attr("nullable", "true");
        x.attr("readonly", "false");
        x.attr("type", "string");
        x.start("mtg", "Value", Maltego.NS);
        x.text(value);
        x.end();
        x.end();
    }

    @Override
    public void end() throws IOException {
        x.end();
        x.newline();
        x.end();
        x.finish();
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }
}

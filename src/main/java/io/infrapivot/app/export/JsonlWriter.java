package io.infrapivot.app.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.infrapivot.model.Indicator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * {@code jsonl}: one JSON object per line — an {@code export} header, then a {@code node} per indicator, then
 * an {@code edge} per link and an {@code attribute} per attribute (docs/json.md, "export --format jsonl").
 */
final class JsonlWriter implements GraphWriter {
    private final JsonGenerator g;

    JsonlWriter(OutputStream out) {
        try {
            g = Texts.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void begin(ExportHeader h) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "export");
        g.writeStringField("case", h.info().name());
        g.writeStringField("exported_at", Texts.iso(h.exportedAt()));
        g.writeArrayFieldStart("seeds");
        for (Indicator s : h.seeds()) indicator(s);
        g.writeEndArray();
        g.writeNumberField("nodes", h.nodeCount());
        g.writeEndObject();
    }

    @Override
    public void node(Node n) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "node");
        g.writeStringField("id", n.indicator().key());
        g.writeStringField("type", n.indicator().type().id());
        g.writeStringField("value", n.indicator().value());
        g.writeBooleanField("seed", n.seed());
        strings("sources", n.sources());
        time("first_seen", n.firstSeen());
        time("last_seen", n.lastSeen());
        time("first_learned", n.firstLearned());
        time("last_learned", n.lastLearned());
        g.writeNumberField("facts", n.facts());
        g.writeArrayFieldStart("marks");
        for (Node.Mark m : n.marks()) {
            g.writeStartObject();
            g.writeStringField("rule", m.rule());
            g.writeStringField("reason", m.reason());
            g.writeBooleanField("expanded", m.expanded());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (n.rank() != null) g.writeNumberField("rank", n.rank());
        longs("evidence", n.evidence());
        g.writeEndObject();
    }

    @Override
    public void fact(ExportFact f) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", f.isLink() ? "edge" : "attribute");
        g.writeNumberField("id", f.id());
        g.writeFieldName(f.isLink() ? "source" : "subject");
        indicator(f.subject().indicator());
        g.writeStringField("relation", f.relation().id());
        g.writeStringField("section", f.relation().section().id());
        if (f.isLink()) {
            g.writeFieldName("target");
            indicator(f.object().indicator());
        }
        g.writeFieldName("value");
        if (f.value() == null) g.writeNull();
        else g.writeTree(f.value());
        strings("sources", f.sources());
        time("first_seen", f.firstSeen());
        time("last_seen", f.lastSeen());
        time("learned_at", f.firstLearned());
        if (f.count() != null) g.writeNumberField("count", f.count());
        else g.writeNullField("count");
        longs("evidence", f.evidence());
        if (f.isLink()) {
            g.writeArrayFieldStart("spans");
            for (ExportFact.Span s : f.spans()) {
                g.writeStartObject();
                g.writeStringField("start", Texts.iso(s.start()));
                g.writeStringField("end", Texts.iso(s.end()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        g.writeRaw('\n');
        g.flush();
    }

    private void indicator(Indicator i) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", i.type().id());
        g.writeStringField("value", i.value());
        g.writeEndObject();
    }

    private void time(String name, Instant i) throws IOException {
        if (i == null) g.writeNullField(name);
        else g.writeStringField(name, i.toString());
    }

    private void strings(String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    private void longs(String name, List<Long> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (Long v : values) g.writeNumber(v);
        g.writeEndArray();
    }
}

package io.infrapivot.app.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stix21}: a STIX 2.1 bundle, written as it streams: the infrapivot {@code identity} (every object's
 * {@code created_by_ref}), the TLP {@code marking-definition}, one SCO per indicator (deterministic ids,
 * {@code resolves_to_refs}/{@code belongs_to_refs}), an {@code identity} per organisation or person, then per
 * link a {@code relationship} ({@code resolves-to}, {@code belongs-to}, else {@code related-to}; the
 * infrapivot relation in {@code x_infrapivot_relation}) and an {@code observed-data} with first/last observed
 * and the count, and last a {@code grouping} (context {@code suspicious-activity}) around the case's indicators.
 */
final class StixWriter implements GraphWriter {
    static final String IDENTITY_ID = "identity--" + Stix.uuid5(Stix.NAMESPACE, "infrapivot");
    static final Instant IDENTITY_CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Map<String, String> TLP = Map.of(
            "white", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            "green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            "amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
            "red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
    /**
     * The levels TLP 1.0 (STIX 2.1's predefined markings above) lacks: FIRST's TLP 2.0 marking-definitions, published
     * by OASIS with these ids through the TLP 2.0 extension {@link #TLP2_EXTENSION}.
     */
    static final Map<String, String> TLP2 = Map.of(
            "clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            "amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
    static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private final JsonGenerator g;
    private final List<Node> grouped = new ArrayList<>();
    private ExportHeader header;
    private String marking;

    StixWriter(OutputStream out) {
        try {
            g = Texts.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void begin(ExportHeader h) throws IOException {
        header = h;
        String level = h.options().tlp();
        marking = TLP2.containsKey(level) ? TLP2.get(level) : TLP.get(level);
        g.writeStartObject();
        g.writeStringField("type", "bundle");
        g.writeStringField("id", "bundle--" + Stix.uuid5(Stix.NAMESPACE, "bundle " + h.info().name() + " "
                + h.exportedAt()));
        g.writeArrayFieldStart("objects");
        ObjectNode identity = Texts.MAPPER.createObjectNode();
        identity.put("type", "identity");
        identity.put("spec_version", "2.1");
        identity.put("id", IDENTITY_ID);
        identity.put("created", Texts.millis(IDENTITY_CREATED));
        identity.put("modified", Texts.millis(IDENTITY_CREATED));
        identity.put("name", "infrapivot");
        identity.put("identity_class", "system");
        identity.put("description", "infrastructure enumeration and pivoting; these objects were exported from a case");
        write(identity);
        ObjectNode tlp = Texts.MAPPER.createObjectNode();
        tlp.put("type", "marking-definition");
        tlp.put("spec_version", "2.1");
        tlp.put("id", marking);
        if (TLP2.containsKey(level)) { // the published TLP 2.0 object, as OASIS defines it
            tlp.put("created", "2022-10-01T00:00:00.000Z");
            tlp.put("name", "TLP:" + level.toUpperCase(Locale.ROOT));
            ObjectNode ext = tlp.putObject("extensions").putObject(TLP2_EXTENSION);
            ext.put("extension_type", "property-extension");
            ext.put("tlp_2_0", level);
        } else {
            tlp.put("created", "2017-01-20T00:00:00.000Z");
            tlp.put("definition_type", "tlp");
            tlp.put("name", "TLP:" + level.toUpperCase(Locale.ROOT));
            tlp.putObject("definition").put("tlp", level);
        }
        write(tlp);
    }

    /** The STIX id an indicator is written as, or null when it has no STIX object. */
    static String idOf(Indicator i) {
        var sco = Stix.sco(i);
        if (sco.isPresent()) return sco.get().id();
        String cls = Stix.identityClass(i);
        if (cls == null) return null;
        ObjectNode p = Texts.MAPPER.createObjectNode();
        p.put("name", i.value());
        p.put("identity_class", cls);
        return Stix.id("identity", p);
    }

    @Override
    public void node(Node n) throws IOException {
        Indicator i = n.indicator();
        String id = idOf(i);
        if (id == null) return;
        grouped.add(n);
        var sco = Stix.sco(i);
        ObjectNode o = Texts.MAPPER.createObjectNode();
        if (sco.isPresent()) {
            o.put("type", sco.get().type());
            o.put("spec_version", "2.1");
            o.put("id", id);
            o.setAll(sco.get().properties());
            if (i.type() == io.infrapivot.model.IndicatorType.CERT && Stix.certIssuer(i.value()) != null) {
                o.put("issuer", Stix.certIssuer(i.value()));
            }
        } else {
            o.put("type", "identity");
            o.put("spec_version", "2.1");
            o.put("id", id);
            String created = Texts.millis(n.firstLearned() == null ? header.info().created() : n.firstLearned());
            o.put("created", created);
            o.put("modified", Texts.millis(n.lastLearned() == null ? header.info().created() : n.lastLearned()));
            o.put("created_by_ref", IDENTITY_ID);
            o.put("name", i.value());
            o.put("identity_class", Stix.identityClass(i));
        }
        o.putArray("object_marking_refs").add(marking);
        o.put("x_infrapivot_type", i.type().id());
        refs(o, "resolves_to_refs", n.resolvesTo);
        refs(o, "belongs_to_refs", n.belongsTo);
        write(o);
    }

    /** Refs to the linked indicators the export keeps (ids are computed, so order does not matter). */
    private static void refs(ObjectNode o, String field, Node[] targets) {
        if (targets == null) return;
        ArrayNode a = Texts.MAPPER.createArrayNode();
        for (Node t : targets) {
            if (!t.included) continue;
            String id = idOf(t.indicator());
            if (id != null) a.add(id);
        }
        if (!a.isEmpty()) o.set(field, a);
    }

    @Override
    public void fact(ExportFact f) throws IOException {
        if (!f.isLink()) return;
        String from = idOf(f.subject().indicator());
        String to = idOf(f.object().indicator());
        if (from == null || to == null) return;
        String type = switch (f.relation()) {
            case RESOLVES_TO -> "resolves-to";
            case ANNOUNCED_BY -> "belongs-to";
            default -> "related-to";
        };
        Instant created = f.firstLearned() == null ? header.info().created() : f.firstLearned();
        Instant modified = f.lastLearned() == null || f.lastLearned().isBefore(created) ? created : f.lastLearned();
        ObjectNode key = Texts.MAPPER.createObjectNode();
        key.put("source_ref", from);
        key.put("relationship_type", type);
        key.put("target_ref", to);
        key.put("x_infrapivot_relation", f.relation().id());
        String relId = Stix.id("relationship", key);
        ObjectNode r = Texts.MAPPER.createObjectNode();
        r.put("type", "relationship");
        r.put("spec_version", "2.1");
        r.put("id", relId);
        r.put("created_by_ref", IDENTITY_ID);
        r.put("created", Texts.millis(created));
        r.put("modified", Texts.millis(modified));
        r.put("relationship_type", type);
        r.put("source_ref", from);
        r.put("target_ref", to);
        Instant start = f.firstSeen();
        Instant stop = f.lastSeen();
        if (start != null) r.put("start_time", Texts.millis(start));
        if (start != null && stop != null && Texts.millis(stop).compareTo(Texts.millis(start)) > 0) {
            r.put("stop_time", Texts.millis(stop));
        }
        r.putArray("object_marking_refs").add(marking);
        r.put("x_infrapivot_relation", f.relation().id());
        ArrayNode sources = r.putArray("x_infrapivot_sources");
        f.sources().forEach(sources::add);
        write(r);

        ObjectNode od = Texts.MAPPER.createObjectNode();
        od.put("type", "observed-data");
        od.put("spec_version", "2.1");
        od.put("id", "observed-data--" + Stix.uuid5(Stix.NAMESPACE, relId + " " + header.info().name()));
        od.put("created_by_ref", IDENTITY_ID);
        od.put("created", Texts.millis(created));
        od.put("modified", Texts.millis(modified));
        Instant first = f.start() == null ? created : f.start();
        Instant last = f.end() == null || f.end().isBefore(first) ? first : f.end();
        od.put("first_observed", Texts.millis(first));
        od.put("last_observed", Texts.millis(last));
        long n = f.count() != null && f.count() > 0 ? f.count() : Math.max(1, f.spans().size());
        od.put("number_observed", Math.min(n, 999_999_999L));
        ArrayNode refs = od.putArray("object_refs"); // SCOs and SROs only: an identity end is left out
        if (!from.startsWith("identity--")) refs.add(from);
        if (!to.startsWith("identity--")) refs.add(to);
        refs.add(relId);
        od.putArray("object_marking_refs").add(marking);
        write(od);
    }

    @Override
    public void end() throws IOException {
        ObjectNode gr = Texts.MAPPER.createObjectNode();
        gr.put("type", "grouping");
        gr.put("spec_version", "2.1");
        gr.put("id", "grouping--" + Stix.uuid5(Stix.NAMESPACE, "case " + header.info().name() + " "
                + header.info().created()));
        gr.put("created_by_ref", IDENTITY_ID);
        gr.put("created", Texts.millis(header.info().created()));
        Instant modified = header.info().lastActivity() == null || header.info().lastActivity().isBefore(
                header.info().created()) ? header.info().created() : header.info().lastActivity();
        gr.put("modified", Texts.millis(modified));
        gr.put("name", "infrapivot case " + header.info().name());
        gr.put("context", "suspicious-activity");
        ArrayNode refs = gr.putArray("object_refs");
        for (Node n : grouped) refs.add(idOf(n.indicator()));
        if (refs.isEmpty()) refs.add(IDENTITY_ID);
        gr.putArray("object_marking_refs").add(marking);
        write(gr);
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private void write(ObjectNode o) throws IOException {
        g.writeTree(o);
    }
}

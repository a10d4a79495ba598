package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.registration.AutNum;
import io.infrapivot.source.registration.Network;
import io.infrapivot.source.registration.RegistrationDiff;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A report never dies on a partial record: every stored registration value with any one field (at any depth)
 * missing or null, every value reduced to a single field, and values of other shapes render without an
 * exception — through the summary, the diff and the whole lookup report.
 */
class ReportPartialRecordsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final IndicatorParser parser = IndicatorParser.standard();

    private static List<JsonNode> fullRecords() {
        var domain = RegistrationRecord.builder("domain", "evil.test").domain("evil.test").registrarName("R")
                .ianaId("1").created(Instant.parse("2020-01-01T00:00:00Z")).expires(Instant.parse("2030-01-01T00:00:00Z"))
                .updated(Instant.parse("2025-01-01T00:00:00Z")).nameServer("ns1.evil.test").addStatus("ok");
        domain.registrant().email("a@evil.test").organization("Evil").name("E");
        domain.abuse().email("abuse@r.test");
        var net = RegistrationRecord.builder("ip", "192.0.2.1").network(new Network("192.0.2.0", "192.0.2.255",
                List.of("192.0.2.0/24"), "NET", "H", "Org", "NL", "ripe", "ASSIGNED PA", "P"));
        var asn = RegistrationRecord.builder("asn", "AS202425").autnum(new AutNum(202425L, null, "INT-NETWORK, SC",
                null, "Org", "NL", "ripencc")).created(Instant.parse("2011-03-22T00:00:00Z"));
        return List.of(RegistrationJson.toTree(domain.build()), RegistrationJson.toTree(net.build()),
                RegistrationJson.toTree(asn.build()));
    }

    /** Every variant with one field removed, one field set to null, and every one-field record. */
    private static List<JsonNode> partials(JsonNode full) {
        List<JsonNode> out = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        collect(full, new ArrayList<>(), paths);
        for (List<String> p : paths) {
            ObjectNode removed = full.deepCopy();
            ObjectNode nulled = full.deepCopy();
            ObjectNode parentR = removed;
            ObjectNode parentN = nulled;
            for (String k : p.subList(0, p.size() - 1)) {
                parentR = (ObjectNode) parentR.get(k);
                parentN = (ObjectNode) parentN.get(k);
            }
            parentR.remove(p.get(p.size() - 1));
            parentN.putNull(p.get(p.size() - 1));
            out.add(removed);
            out.add(nulled);
        }
        for (Map.Entry<String, JsonNode> e : full.properties()) {
            ObjectNode one = JsonNodeFactory.instance.objectNode();
            one.set(e.getKey(), e.getValue());
            out.add(one);
        }
        return out;
    }

    private static void collect(JsonNode n, List<String> prefix, List<List<String>> out) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            out.add(p);
            if (e.getValue().isObject()) collect(e.getValue(), p, out);
        }
    }

    @Test
    void summaryAndDiffSurviveEveryPartialRecord() {
        int checked = 0;
        for (JsonNode full : fullRecords()) {
            for (JsonNode partial : partials(full)) {
                assertThatCode(() -> RegistrationSummary.lines(partial, NOW)).as(partial.toString())
                        .doesNotThrowAnyException();
                assertThat(RegistrationSummary.lines(partial, NOW)).as(partial.toString()).isNotEmpty();
                assertThatCode(() -> RegistrationDiff.timeline(List.of(Map.entry(NOW.minusSeconds(60), full),
                        Map.entry(NOW, partial)))).as(partial.toString()).doesNotThrowAnyException();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void aRecordWithoutStatusIsShownNotFatal() {
        ObjectNode v = (ObjectNode) fullRecords().get(2);
        v.remove("status");
        assertThat(RegistrationSummary.lines(v, NOW)).contains("asn: AS202425 INT-NETWORK, SC");
        ObjectNode old = JsonNodeFactory.instance.objectNode().put("type", "cymru-asn").put("asn", 202425)
                .put("country", "NL").put("name", "INT-NETWORK, SC");
        assertThat(RegistrationSummary.lines(old, NOW)).singleElement().asString()
                .contains("asn: 202425", "name: INT-NETWORK, SC");
    }

    @Test
    void theWholeReportPrintsEveryPartialRecordAndTheOtherSourcesFacts() {
        Indicator ip = parser.parse("89.248.165.66").orElseThrow().indicator();
        Indicator asn = parser.parse("AS202425").orElseThrow().indicator();
        List<Fact> facts = new ArrayList<>();
        for (JsonNode full : fullRecords()) {
            for (JsonNode partial : partials(full)) {
                facts.add(new Fact(null, ip, Relation.REGISTRATION, null, partial, List.of("cymru"), null, null, NOW,
                        null, List.of()));
            }
        }
        facts.add(new Fact(null, ip, Relation.ANNOUNCED_BY, asn, JsonNodeFactory.instance.objectNode()
                .putNull("as_name"), List.of("cymru"), null, null, NOW, null, List.of()));
        facts.add(new Fact(null, ip, Relation.DNS_RECORD, null, JsonNodeFactory.instance.nullNode(), List.of("dns"),
                null, null, NOW, null, List.of()));
        var out = new ByteArrayOutputStream();
        var t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        for (boolean verbose : List.of(false, true)) {
            new Report(t, verbose).print(ip, null, List.of(
                    new SourceOutcome(ip, "cymru", Access.PASSIVE, Outcome.OK, null, false, Duration.ZERO, null,
                            facts, null, null),
                    new SourceOutcome(ip, "rdap", Access.PASSIVE, Outcome.ERROR, "boom", false, Duration.ZERO, null,
                            List.of(), null, null)));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("asn: AS202425 INT-NETWORK, SC", "origin AS202425", "rdap", "boom");
    }
}

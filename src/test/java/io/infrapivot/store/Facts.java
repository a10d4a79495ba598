package io.infrapivot.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Test data: canonical indicators, observations and a deterministic load whose counts are known exactly.
 * {@link #writeLoad} writes lookup {@code i} of writer {@code w}: three facts about {@code d<i>.example} — one
 * link and one JSON attribute shared by every writer (with the JSON keys in a writer-dependent order), and
 * one link only this writer reports.
 */
final class Facts {
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private Facts() {
    }

    static Indicator domain(String name) {
        return Indicator.fromCanonical(IndicatorType.DOMAIN, name);
    }

    static Indicator ip(String address) {
        return Indicator.fromCanonical(IndicatorType.IP, address);
    }

    static ObjectNode json() {
        return CanonicalJson.MAPPER.createObjectNode();
    }

    static RawAnswer answer(String source, String body) {
        return RawAnswer.text(source, "query " + body.length(), body, "text/plain", "ok", BASE, Duration.ofMillis(12));
    }

    static LookupRecord save(CaseStore store, String source, Indicator indicator, LookupResult result) {
        return store.saveLookup(source, indicator, "", BASE, BASE.plusMillis(20), result, Duration.ofHours(1));
    }

    /** Writes {@code count} lookups as writer {@code writer}. */
    static void writeLoad(CaseStore store, int writer, int count) {
        for (int i = 0; i < count; i++) writeLoadLookup(store, writer, i);
    }

    static LookupRecord writeLoadLookup(CaseStore store, int writer, int i) {
        String source = "writer-" + writer;
        Indicator d = domain("d" + i + ".example");
        RawAnswer raw = answer(source, "answer " + writer + "/" + i);
        Instant learned = BASE.plus(writer, ChronoUnit.MINUTES);
        Observation shared = Observation.link(d, Relation.RESOLVES_TO, ip("10.0." + i / 250 + "." + i % 250),
                source, learned, raw).withSeen(BASE.plus(writer, ChronoUnit.DAYS),
                BASE.plus(writer + 1, ChronoUnit.DAYS), 1L);
        JsonNode value = writer % 2 == 0 ? json().put("n", i).put("type", "TXT")
                : json().put("type", "TXT").put("n", i);
        Observation attribute = Observation.attribute(d, Relation.DNS_RECORD, value, source, learned, raw);
        Observation own = Observation.link(d, Relation.RELATED, domain("w" + writer + ".example"), source, learned,
                raw);
        return save(store, source, d, LookupResult.of(List.of(shared, attribute, own), List.of(raw)));
    }

    /** The exact counts {@link #writeLoad} leaves after {@code writers} writers of {@code count} each. */
    record LoadCounts(long indicators, long observations, long lookups, long evidence, long sightings) {
        static LoadCounts of(int writers, int count) {
            long all = (long) writers * count;
            return new LoadCounts(2L * count + writers, 2L * count + all, all, all, 3 * all);
        }
    }
}

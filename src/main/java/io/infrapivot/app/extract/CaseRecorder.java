package io.infrapivot.app.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Details;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores what one file held in a case, as {@code import} does: one lookup of source {@code extract} on the file
 * indicator (its SHA-256), with {@code has-hash} links to its MD5, SHA-1, SHA-256 and SHA-512 and a {@code contains}
 * link to every distinct indicator found (at most {@link #MAX_INDICATORS}); the evidence is the first hit of each, as
 * JSON.
 */
public final class CaseRecorder {
    /** The source id of extracted facts. */
    public static final String SOURCE = "extract";
    /** Distinct indicators kept per file for the case (the output still shows every hit). */
    public static final int MAX_INDICATORS = 100_000;

    private final Map<Indicator, Hit> found = new LinkedHashMap<>();
    private boolean truncated;

    /** Notes one hit (the first of each indicator is kept as its evidence). */
    public void add(Hit h) {
        Indicator i = Indicator.fromCanonical(h.type(), h.value());
        if (found.containsKey(i)) return;
        if (found.size() >= MAX_INDICATORS) {
            truncated = true;
            return;
        }
        found.put(i, h);
    }

    public int size() {
        return found.size();
    }

    public boolean truncated() {
        return truncated;
    }

    /** Stores the file's facts; returns how many were stored. The recorder is emptied. */
    public int store(CaseStore store, Details.File file, String name, Clock clock) {
        Instant now = clock.instant();
        Indicator subject = Indicator.fromCanonical(IndicatorType.FILE, file.sha256());
        ObjectMapper json = new ObjectMapper();
        ArrayNode hits = json.createArrayNode();
        for (Hit h : found.values()) h.toJson(hits.addObject(), false);
        byte[] evidence;
        try {
            evidence = json.writeValueAsBytes(hits);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            evidence = "[]".getBytes(StandardCharsets.UTF_8);
        }
        RawAnswer raw = new RawAnswer(SOURCE, "extract " + name, evidence, "application/json",
                truncated ? "truncated" : "ok", now, Duration.ZERO);
        List<Observation> obs = new ArrayList<>();
        for (String h : List.of(file.md5(), file.sha1(), file.sha256(), file.sha512())) {
            obs.add(Observation.link(subject, Relation.HAS_HASH, Indicator.fromCanonical(IndicatorType.HASH, h), SOURCE,
                    now, raw));
        }
        for (Indicator i : found.keySet()) {
            if (!i.equals(subject)) obs.add(Observation.link(subject, Relation.CONTAINS, i, SOURCE, now, raw));
        }
        store.saveLookup(SOURCE, subject, "file=" + name, now, clock.instant(), LookupResult.of(obs, List.of(raw)),
                Duration.ZERO);
        found.clear();
        truncated = false;
        return obs.size();
    }
}

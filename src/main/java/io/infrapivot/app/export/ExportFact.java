package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One fact of an export: a link ({@code object} set) or an attribute of {@code subject}, with its merged
 * sources, span, count, evidence ids and the windows in which it was seen ({@link #spans}: a link that came
 * and went has more than one).
 */
public record ExportFact(long id, Node subject, Relation relation, Node object, JsonNode value, List<String> sources,
                         Instant firstSeen, Instant lastSeen, Instant firstLearned, Instant lastLearned, Long count,
                         List<Long> evidence, List<Span> spans) {

    /** A window in which the fact was seen (source dates, else when we learned it). */
    public record Span(Instant start, Instant end) {}

    static ExportFact of(StoredObservation o, Node subject, Node object) {
        Long count = null;
        List<Span> raw = new ArrayList<>();
        for (Sighting s : o.sightings()) {
            if (s.count() != null) count = count == null ? s.count() : Math.max(count, s.count());
            Span w = window(s);
            if (w != null) raw.add(w);
        }
        List<Long> evidence = o.sightings().stream().map(Sighting::evidenceId).filter(Objects::nonNull).distinct()
                .toList();
        return new ExportFact(o.id(), subject, o.relation(), object, o.value(), o.sources(), o.firstSeen(),
                o.lastSeen(), o.firstLearned(), o.lastLearned(), count, evidence, merge(raw));
    }

    /** The window of one sighting: its first seen (else last seen, else when learned) to its last seen. */
    static Span window(Sighting s) {
        Instant start = s.firstSeen() != null ? s.firstSeen() : s.lastSeen() != null ? s.lastSeen() : s.learnedAt();
        if (start == null) return null;
        Instant end = s.lastSeen() != null ? s.lastSeen() : start;
        return new Span(start, end.isBefore(start) ? start : end);
    }

    /** Overlapping or touching windows merged, in time order. */
    static List<Span> merge(List<Span> spans) {
        if (spans.size() <= 1) return List.copyOf(spans);
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Span::start));
        List<Span> out = new ArrayList<>();
        Span cur = sorted.get(0);
        for (Span s : sorted.subList(1, sorted.size())) {
            if (!s.start().isAfter(cur.end())) {
                cur = new Span(cur.start(), s.end().isAfter(cur.end()) ? s.end() : cur.end());
            } else {
                out.add(cur);
                cur = s;
            }
        }
        out.add(cur);
        return List.copyOf(out);
    }

    public boolean isLink() {
        return object != null;
    }

    /** The start of the first window it was seen in. */
    public Instant start() {
        return spans.isEmpty() ? firstLearned : spans.get(0).start();
    }

    /** The end of the last window it was seen in. */
    public Instant end() {
        return spans.isEmpty() ? lastLearned : spans.get(spans.size() - 1).end();
    }
}

package io.infrapivot.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.model.Safe;
import io.infrapivot.source.registration.RegistrationDiff;
import io.infrapivot.source.registration.RegistrationSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The inspector's registration part: the latest stored registration record of an indicator summarised (as
 * {@code infrapivot registration} shows it) and how the records changed from fetch to fetch (as
 * {@code infrapivot history --registration} shows it). Every value is data for the page to show as text.
 */
final class RegistrationView {
    /** Change steps sent at most (the newest); the count says how many there are. */
    static final int MAX_STEPS = 100;
    /** A changed field's value is cut to this many characters. */
    static final int MAX_VALUE = 300;

    private RegistrationView() {}

    /** One stored fetch: when the record was seen (or learned), by which source, the record. */
    record Fetch(Instant at, String source, JsonNode record) {}

    /** Every stored registration record of the indicator, oldest first. */
    static List<Fetch> fetches(CaseStore store, Indicator indicator) {
        List<Fetch> out = new ArrayList<>();
        for (StoredObservation o : store.observationsAbout(indicator)) {
            if (o.relation() != Relation.REGISTRATION || !o.subject().equals(indicator) || o.value() == null) continue;
            for (Sighting s : o.sightings()) {
                // a historical record is dated by when the service saw it; our own fetches by when we made them
                Instant at = s.firstSeen() != null ? s.firstSeen() : s.learnedAt();
                if (at != null) out.add(new Fetch(at, s.source(), o.value()));
            }
        }
        out.sort(Comparator.comparing(Fetch::at));
        return out;
    }

    /**
     * {@code records} (how many fetches), {@code latest} ({@code at}, {@code source}, {@code summary} lines),
     * {@code first} ({@code at}, {@code source}), {@code steps} (the newest {@link #MAX_STEPS} changes, oldest first:
     * {@code at}, {@code source}, {@code changes} of {@code field}/{@code before}/{@code after}) and
     * {@code step_count}.
     */
    static ObjectNode of(CaseStore store, Indicator indicator, Instant now) {
        List<Fetch> fetches = fetches(store, indicator);
        ObjectNode root = GraphView.JSON.createObjectNode();
        root.put("id", indicator.key());
        root.put("records", fetches.size());
        if (fetches.isEmpty()) {
            root.putArray("steps");
            root.put("step_count", 0);
            return root;
        }
        Fetch first = fetches.get(0), latest = fetches.get(fetches.size() - 1);
        ObjectNode l = root.putObject("latest");
        l.put("at", latest.at().toEpochMilli());
        l.put("source", latest.source());
        ArrayNode summary = l.putArray("summary");
        RegistrationSummary.lines(latest.record(), now).forEach(summary::add);
        ObjectNode f = root.putObject("first");
        f.put("at", first.at().toEpochMilli());
        f.put("source", first.source());

        List<java.util.Map.Entry<Instant, JsonNode>> timed = new ArrayList<>();
        java.util.Map<Instant, String> sourceAt = new java.util.HashMap<>();
        for (Fetch x : fetches) {
            timed.add(java.util.Map.entry(x.at(), x.record()));
            sourceAt.put(x.at(), x.source());
        }
        List<RegistrationDiff.Step> steps = RegistrationDiff.timeline(timed);
        root.put("step_count", steps.size());
        ArrayNode out = root.putArray("steps");
        for (RegistrationDiff.Step step : steps.subList(Math.max(0, steps.size() - MAX_STEPS), steps.size())) {
            ObjectNode s = out.addObject();
            s.put("at", step.at().toEpochMilli());
            s.put("source", sourceAt.get(step.at()));
            ArrayNode changes = s.putArray("changes");
            for (RegistrationDiff.Change c : step.changes()) {
                ObjectNode x = changes.addObject();
                x.put("field", c.field());
                x.put("before", c.before() == null ? null : Safe.truncate(c.before(), MAX_VALUE));
                x.put("after", c.after() == null ? null : Safe.truncate(c.after(), MAX_VALUE));
            }
        }
        return root;
    }
}

package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The human-readable lookup report: per indicator, facts grouped by question, then per-source status. */
final class Report {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    static final int MAX_VALUE = 160;

    private final Terminal t;
    private final boolean verbose;
    /** The age after which a reputation verdict is shown as stale. */
    java.time.Duration verdictMaxAge = ReputationSection.DEFAULT_MAX_AGE;

    /** The big hosting networks named in the routing and location lines (the config's list, else the shipped). */
    private io.infrapivot.engine.HostingNetworks hosting = io.infrapivot.engine.HostingNetworks.shipped();

    /** Names big hosting networks after {@code list} (the config's); returns this report. */
    Report hosting(io.infrapivot.engine.HostingNetworks list) {
        this.hosting = list;
        return this;
    }

    Report(Terminal t, boolean verbose) {
        this.t = t;
        this.verbose = verbose;
    }

    void print(Indicator indicator, String display, List<SourceOutcome> outcomes) {
        String head = Terminal.v(indicator.value()) + " (" + indicator.type().id() + ")";
        if (display != null && !display.equals(indicator.value())) head += "  " + Terminal.v(display);
        t.println(t.bold("== " + head + " =="));
        Map<Relation.Section, List<Fact>> bySection = new LinkedHashMap<>();
        for (Relation.Section s : Relation.Section.values()) bySection.put(s, new ArrayList<>());
        Set<String> seen = new HashSet<>();
        List<Fact> known = new ArrayList<>();
        for (SourceOutcome o : outcomes) {
            if (o.fromCase()) continue;
            for (Fact f : o.facts()) {
                if (seen.add(key(f))) bySection.get(f.relation().section()).add(f);
            }
        }
        for (SourceOutcome o : outcomes) {
            if (!o.fromCase()) continue;
            for (Fact f : o.facts()) if (seen.add(key(f))) known.add(f);
        }
        List<Fact> located = LocationSection.take(bySection.get(Relation.Section.ROUTING));
        List<Fact> routed = RoutingSection.take(indicator, bySection.get(Relation.Section.ROUTING));
        bySection.forEach((section, facts) -> {
            if (facts.isEmpty()) return;
            t.println(t.bold(section.id()));
            if (section == Relation.Section.REPUTATION) new ReputationSection(t, verbose, verdictMaxAge, Instant.now()).print(indicator, facts);
            else facts.forEach(f -> printFact(indicator, f));
        });
        RoutingSection.print(t, indicator, routed, bySection.get(Relation.Section.ROUTING), hosting);
        LocationSection.print(t, indicator, located, bySection, hosting);
        if (!known.isEmpty()) {
            t.println(t.bold("already in the case") + t.dim(" (earlier lookups)"));
            known.forEach(f -> printFact(indicator, f));
        }
        if (!verbose) {
            // one summary line; errors and truncated answers (which change how to read the report) each say theirs
            java.util.Map<Outcome, Integer> counts = new java.util.EnumMap<>(Outcome.class);
            int cached = 0;
            for (SourceOutcome o : outcomes) {
                counts.merge(o.outcome(), 1, Integer::sum);
                if (o.cached()) cached++;
            }
            List<String> parts = new ArrayList<>();
            counts.forEach((k, n) -> parts.add(n + " " + k.id()));
            t.println(t.bold("sources") + " " + outcomes.size() + ": " + String.join(", ", parts)
                    + (cached > 0 ? " (" + cached + " cached)" : "") + t.dim(" · -v lists each"));
            for (SourceOutcome o : outcomes) {
                if (o.outcome() != Outcome.ERROR && o.outcome() != Outcome.TRUNCATED) continue;
                String outcome = o.outcome() == Outcome.ERROR ? t.red("error") : t.yellow("truncated");
                StringBuilder line = new StringBuilder("  ").append(pad(o.source(), 16))
                        .append(pad(outcome, 10, outcome.length() - o.outcome().id().length()));
                if (o.message() != null) line.append(Terminal.v(o.message()));
                t.printlnFolded(line.toString(), 28);
            }
            t.println("");
            return;
        }
        t.println(t.bold("sources"));
        for (SourceOutcome o : outcomes) {
            String outcome = switch (o.outcome()) {
                case OK -> t.green("ok");
                case EMPTY -> "empty";
                case TRUNCATED -> t.yellow("truncated");
                case ERROR -> t.red("error");
                case SKIPPED -> t.dim("skipped");
            };
            StringBuilder line = new StringBuilder("  ").append(pad(o.source(), 16)).append(pad(outcome, 9, outcome.length() - o.outcome().id().length()));
            if (o.outcome() == Outcome.OK || o.outcome() == Outcome.TRUNCATED) {
                line.append(o.facts().size()).append(o.facts().size() == 1 ? " fact" : " facts");
            }
            if (o.total() != null && !o.facts().isEmpty()) line.append(", ").append(o.total()).append(" in all");
            if (o.cached()) line.append(t.dim(" (cached)"));
            else if (o.outcome() != Outcome.SKIPPED) line.append(t.dim(" " + o.elapsed().toMillis() + " ms"));
            if (o.message() != null) line.append("  ").append(Terminal.v(o.message()));
            t.printlnFolded(line.toString(), 27);
        }
        t.println("");
    }

    private void printFact(Indicator about, Fact f) {
        StringBuilder line = new StringBuilder("  ");
        line.append(pad(f.relation().id(), 18));
        if (f.object() != null) {
            if (about.equals(f.subject())) {
                line.append(Terminal.v(f.object().value()));
            } else if (about.equals(f.object())) {
                line.append("← ").append(Terminal.v(f.subject().value()));
            } else {
                // a fact the lookup found on the way (an SPF include's own record, a certificate's other name)
                line.append(Terminal.v(f.subject().value())).append(" → ").append(Terminal.v(f.object().value()));
            }
        }
        boolean registration = f.relation() == Relation.REGISTRATION && f.value() != null;
        if (registration) {
            line.append(t.dim(provenance(f)));
            t.printlnFolded(line.toString(), 20);
            // the short summary: registrar, age, expiry, registrant email or "privacy", name servers
            for (String l : io.infrapivot.engine.Registrations.summary(f.value(), java.time.Instant.now())) {
                t.printlnFolded("      " + Terminal.v(l), 8);
            }
            if (verbose) {
                for (String l : pretty(f.value()).split("\n")) t.println("      " + Terminal.v(l));
            }
            return;
        }
        if (f.value() != null && !f.value().isMissingNode()) {
            if (f.object() != null) line.append("  ");
            line.append(valueText(f.value()));
        }
        line.append("  ").append(t.dim(provenance(f)));
        t.printlnFolded(line.toString(), 20);
        if (verbose && f.value() != null && f.value().isContainerNode()) {
            for (String l : pretty(f.value()).split("\n")) t.println("      " + Terminal.v(l));
        }
    }

    /** Keys of attribute values that only repeat what the line already shows. */
    private static final Set<String> QUIET_KEYS = Set.of("display", "suffix_list_date", "host_type", "labels", "unicode",
            "scheme_assumed");

    String valueText(JsonNode v) {
        String s;
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.properties().forEach(e -> {
                JsonNode x = e.getValue();
                if (x.isNull() || (x.isArray() && x.isEmpty()) || (x.isBoolean() && !x.asBoolean())) return;
                if (!verbose && QUIET_KEYS.contains(e.getKey())) return;
                parts.add(e.getKey().replace('_', ' ') + " " + scalarText(x));
            });
            s = String.join(" · ", parts);
        } else {
            s = v.isValueNode() ? v.asText() : v.toString();
        }
        return Terminal.v(verbose ? s : io.infrapivot.model.Safe.truncate(s, MAX_VALUE));
    }

    /** Scalars as text, arrays of scalars comma-joined, anything else as JSON. */
    static String scalarText(JsonNode x) {
        if (x.isValueNode()) return x.asText();
        if (x.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode i : x) {
                if (!i.isValueNode()) return x.toString();
                items.add(i.asText());
            }
            return String.join(", ", items);
        }
        return x.toString();
    }

    private static String pretty(JsonNode v) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(v);
        } catch (Exception e) {
            return v.toString();
        }
    }

    static String provenance(Fact f) {
        StringBuilder p = new StringBuilder("[").append(Terminal.v(String.join(", ", f.sources())));
        if (f.firstSeen() != null) p.append(" · first ").append(day(f.firstSeen()));
        if (f.lastSeen() != null) p.append(" · last ").append(day(f.lastSeen()));
        if (f.count() != null) p.append(" · ×").append(f.count());
        if (!f.evidenceIds().isEmpty()) p.append(" · evidence ").append(f.evidenceIds().get(0));
        return p.append("]").toString();
    }

    static String day(Instant i) {
        return DAY.format(i);
    }

    static String key(Fact f) {
        return f.subject().key() + "|" + f.relation().id() + "|" + (f.object() == null ? "" : f.object().key()) + "|"
                + (f.value() == null ? "" : f.value().toString());
    }

    static String pad(String s, int width) {
        return pad(s, width, 0);
    }

    /** Pads to {@code width} visible characters; {@code invisible} counts colour codes in {@code s}. */
    static String pad(String s, int width, int invisible) {
        int visible = s.length() - invisible;
        return visible >= width ? s + " " : s + " ".repeat(width - visible);
    }
}

package io.infrapivot.app.cli;

import io.infrapivot.engine.Fact;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot history INDICATOR}: everything the case knows about it, on a timeline. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Everything the case knows about an indicator, on a timeline (first/last seen, source).")
final class HistoryCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "INDICATOR", description = "The indicator.")
    String text;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Force the indicator type.")
    String type;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to read.")
    String caseName;

    @Option(names = "--json", description = "JSON Lines: one event per sighting and lookup.")
    boolean json;

    @Option(names = "--registration", description = "How the registration changed between fetches (ours and every service's history), field by field.")
    boolean registration;

    /** One line of the timeline. */
    record Event(Instant at, String kind, String source, Fact fact, Sighting sighting, LookupRecord lookup) {}

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        Indicator indicator = parseOne(ctx, text, type);
        try (CaseStore store = CaseCommand.openExisting(ctx, ctx.caseName(caseName))) {
            if (registration) return registrationTimeline(t, indicator, store);
            List<Event> events = new ArrayList<>();
            java.util.Map<Long, io.infrapivot.engine.port.Analyst> who = store.analysts();
            String by = ctx.analystOption(); // history --analyst NAME: only what NAME's lookups found
            java.util.function.LongPredicate mine = id -> by == null
                    || (who.get(id) != null && who.get(id).name().equals(by));
            for (StoredObservation o : store.observationsAbout(indicator)) {
                Fact f = Fact.of(o);
                for (Sighting s : o.sightings()) {
                    if (by != null && (s.lookupId() == null || !mine.test(s.lookupId()))) continue;
                    Instant at = s.firstSeen() != null ? s.firstSeen() : s.learnedAt();
                    events.add(new Event(at, "observation", s.source(), f, s, null));
                }
            }
            for (LookupRecord l : store.lookupsAbout(indicator)) {
                if (!mine.test(l.id())) continue;
                events.add(new Event(l.started(), "lookup", l.source(), null, null, l));
            }
            events.sort(Comparator.comparing(Event::at).thenComparing(Event::kind));
            if (events.isEmpty() && !json) {
                t.println("the case knows nothing about " + Terminal.v(indicator.key())
                        + (by != null ? " from lookups by " + Terminal.v(by) : ""));
                return ExitCodes.OK;
            }
            for (Event e : events) {
                if (json) Json.line(t.out(), json(e, who));
                else t.println(text(t, indicator, e, who));
            }
        }
        return ExitCodes.OK;
    }

    /** Every stored registration record of the indicator, oldest first, and what changed at each fetch. */
    private int registrationTimeline(Terminal t, Indicator indicator, CaseStore store) {
        List<java.util.Map.Entry<Instant, com.fasterxml.jackson.databind.JsonNode>> fetches = new ArrayList<>();
        java.util.Map<Instant, String> sourceAt = new java.util.HashMap<>();
        for (StoredObservation o : store.observationsAbout(indicator)) {
            if (o.relation() != io.infrapivot.model.Relation.REGISTRATION || !o.subject().equals(indicator)) continue;
            for (Sighting s : o.sightings()) {
                // a historical record is dated by when the service saw it; our own fetches by when we made them
                Instant at = s.firstSeen() != null ? s.firstSeen() : s.learnedAt();
                fetches.add(java.util.Map.entry(at, o.value()));
                sourceAt.put(at, s.source());
            }
        }
        if (fetches.isEmpty()) {
            if (json) return ExitCodes.OK;
            throw new CliException(ExitCodes.NOT_FOUND, "the case holds no registration record of " + indicator.key()
                    + "; look it up first (infrapivot lookup --sources rdap,whois " + indicator.value() + ")");
        }
        fetches.sort(java.util.Map.Entry.comparingByKey());
        var steps = io.infrapivot.engine.Registrations.timeline(fetches);
        if (json) {
            for (var step : steps) {
                var o = Json.object();
                o.put("kind", "registration-change");
                o.set("indicator", Json.indicator(indicator));
                o.put("at", step.at().toString());
                o.put("source", sourceAt.get(step.at()));
                var changes = o.putArray("changes");
                for (var c : step.changes()) {
                    var co = changes.addObject();
                    co.put("field", c.field());
                    co.put("before", c.before());
                    co.put("after", c.after());
                }
                Json.line(t.out(), o);
            }
            return ExitCodes.OK;
        }
        var first = fetches.get(0);
        t.println(t.bold("registration of " + Terminal.v(indicator.value())) + "  " + fetches.size() + " records, "
                + steps.size() + " with changes");
        t.println(first.getKey() + "  first record  [" + Terminal.v(sourceAt.get(first.getKey())) + "]");
        for (String l : io.infrapivot.engine.Registrations.summary(first.getValue(), first.getKey())) {
            t.println("    " + Terminal.v(l));
        }
        for (var step : steps) {
            t.println(step.at() + "  [" + Terminal.v(sourceAt.get(step.at())) + "]");
            for (var c : step.changes()) t.println("    " + c.line());
        }
        return ExitCodes.OK;
    }

    static Indicator parseOne(AppContext ctx, String text, String type) {
        var forced = Inputs.type(type);
        ParseResult r = forced == null ? ctx.parser().parse(text) : ctx.parser().parseAs(forced, text);
        return Inputs.require(r).indicator();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(Event e,
            java.util.Map<Long, io.infrapivot.engine.port.Analyst> who) {
        if (e.lookup() != null) {
            var o = Json.object();
            o.put("kind", "lookup");
            LookupRecord l = e.lookup();
            o.put("id", l.id());
            o.put("source", l.source());
            o.put("started", l.started().toString());
            o.put("finished", l.finished() == null ? null : l.finished().toString());
            o.put("outcome", l.outcome().id());
            o.put("message", l.message());
            o.put("observations", l.observationCount());
            io.infrapivot.engine.port.Analyst a = who.get(l.id());
            if (a != null) {
                o.put("analyst", a.name());
                o.put("host", a.host());
            }
            return o;
        }
        var o = Json.fact(e.fact());
        o.put("kind", "sighting");
        o.put("source", e.source());
        Sighting s = e.sighting();
        o.put("sighting_first_seen", Json.instant(s.firstSeen()));
        o.put("sighting_last_seen", Json.instant(s.lastSeen()));
        o.put("sighting_learned_at", Json.instant(s.learnedAt()));
        return o;
    }

    private static String text(Terminal t, Indicator about, Event e,
                               java.util.Map<Long, io.infrapivot.engine.port.Analyst> who) {
        String when = e.at().toString();
        if (e.lookup() != null) {
            LookupRecord l = e.lookup();
            return t.dim(when + "  lookup   " + Report.pad(l.source(), 12) + l.outcome().id()
                    + (l.message() != null ? ": " + Terminal.v(l.message()) : "")
                    + " (" + l.observationCount() + " facts)"
                    + (who.get(l.id()) != null ? " by " + Terminal.v(who.get(l.id()).name() + "@"
                            + who.get(l.id()).host()) : ""));
        }
        Fact f = e.fact();
        Sighting s = e.sighting();
        StringBuilder b = new StringBuilder(when).append("  ").append(Report.pad(f.relation().id(), 18));
        if (f.object() != null) {
            b.append(about.equals(f.object()) ? "← " : "").append(Terminal.v(f.other(about).value()));
        } else if (f.value() != null) {
            b.append(Terminal.v(io.infrapivot.model.Safe.truncate(f.value().toString(), Report.MAX_VALUE)));
        }
        b.append("  [").append(Terminal.v(s.source()));
        if (s.firstSeen() != null) b.append(" · first ").append(Report.day(s.firstSeen()));
        if (s.lastSeen() != null) b.append(" · last ").append(Report.day(s.lastSeen()));
        b.append(" · learned ").append(s.learnedAt());
        if (s.evidenceId() != null) b.append(" · evidence ").append(s.evidenceId());
        return b.append("]").toString();
    }
}

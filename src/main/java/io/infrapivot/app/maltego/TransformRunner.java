package io.infrapivot.app.maltego;

import io.infrapivot.app.maltego.ResponseXml.Entity;
import io.infrapivot.app.maltego.ResponseXml.Field;
import io.infrapivot.app.maltego.ResponseXml.Message;
import io.infrapivot.app.maltego.ResponseXml.Severity;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Safe;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one transform for Maltego, local or remote: reads the value as the transform's input type, asks the
 * engine (through {@link EngineLookups}), and answers with a {@code MaltegoTransformResponseMessage} whose
 * entities carry the link's relation, sources and first/last seen, marked noise returned with its mark,
 * and a UI message for every source that failed: never a stack trace, never an empty answer that looks
 * like "nothing found".
 */
public final class TransformRunner {
    private static final System.Logger LOG = System.getLogger(TransformRunner.class.getName());
    /** The case a transform stores into when its {@code case} setting is not given. */
    public static final String DEFAULT_CASE = "maltego";
    /** Entities returned when no soft limit is given (local transforms get none from Maltego). */
    public static final int DEFAULT_LIMIT = 256;
    /** The most any request may ask for. */
    public static final int MAX_LIMIT = 10_000;
    static final int MAX_VALUE_LENGTH = 4096;
    private static final java.util.regex.Pattern CASE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final EngineLookups lookups;

    public TransformRunner(EngineLookups lookups) {
        this.lookups = lookups;
    }

    /**
     * One transform request.
     *
     * @param transform  the transform's name
     * @param value      the entity's value
     * @param properties the entity's properties (Maltego's {@code k=v#k2=v2}, or a request's fields)
     * @param settings   transform settings: {@code case}, {@code depth} (recipes)
     * @param softLimit  how many entities Maltego asked for (null: {@link #DEFAULT_LIMIT})
     */
    public record Request(String transform, String value, Map<String, String> properties, Map<String, String> settings,
                          Integer softLimit) {
        public Request {
            properties = Map.copyOf(properties);
            settings = Map.copyOf(settings);
        }
    }

    /** How a run ended, for an exit code or an HTTP status. */
    public enum Status { OK, PARTIAL, BAD_INPUT, UNKNOWN_TRANSFORM, FAILED }

    /** The message to send and how the run ended; {@code problem} is a one-line reason when not OK. */
    public record Result(byte[] xml, Status status, String problem) {}

    public Result run(Request r) throws InterruptedException {
        MaltegoTransform t = Transforms.byName(r.transform()).orElse(null);
        if (t == null) {
            String why = "no transform '" + Safe.truncate(Safe.oneLine(r.transform()), 80)
                    + "' (infrapivot maltego list shows them)";
            return new Result(ResponseXml.exception(why), Status.UNKNOWN_TRANSFORM, why);
        }
        String value = r.value();
        if (value == null || value.isBlank()) {
            value = r.properties().get(EntityTypes.of(sampleOf(t), null, false).property());
        }
        if (value == null || value.isBlank()) return bad(t, "no value given");
        if (value.length() > MAX_VALUE_LENGTH) return bad(t, "value longer than " + MAX_VALUE_LENGTH + " characters");
        String caseName = r.settings().getOrDefault("case", "");
        if (caseName.isBlank()) caseName = DEFAULT_CASE;
        // a name, never a path: a remote request must not choose where a file is written
        if (!CASE_NAME.matcher(caseName).matches() || caseName.toLowerCase(java.util.Locale.ROOT).endsWith(".sqlite")
                || caseName.toLowerCase(java.util.Locale.ROOT).endsWith(".db")) {
            return bad(t, "setting case: '" + Safe.truncate(Safe.oneLine(caseName), 70)
                    + "' is not a case name (1 to 64 letters, digits, '.', '_' or '-'; no path)");
        }
        Integer depth = null;
        String d = r.settings().get("depth");
        if (d != null && !d.isBlank()) {
            try {
                depth = Integer.parseInt(d.trim());
            } catch (NumberFormatException e) {
                return bad(t, "setting depth: not a number: '" + Safe.truncate(Safe.oneLine(d), 20) + "'");
            }
            if (depth < 1 || depth > 5) return bad(t, "setting depth must be 1 to 5");
        }
        int limit = r.softLimit() == null || r.softLimit() < 1 ? DEFAULT_LIMIT : Math.min(r.softLimit(), MAX_LIMIT);
        Indicator seed;
        try {
            seed = lookups.parse(t, value);
        } catch (IllegalArgumentException e) {
            return bad(t, e.getMessage());
        }
        Answer answer;
        try {
            answer = lookups.run(t, seed, caseName, depth);
        } catch (IllegalArgumentException e) {
            return bad(t, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "transform " + t.name() + " failed", e);
            String why = t.display() + " failed: " + Safe.oneLine(String.valueOf(e.getMessage()));
            return new Result(ResponseXml.exception(why), Status.FAILED, why);
        }
        return answer(t, seed, answer, limit);
    }

    private static Result bad(MaltegoTransform t, String why) {
        String text = t.display() + ": " + Safe.oneLine(why);
        return new Result(ResponseXml.exception(text), Status.BAD_INPUT, text);
    }

    /** An indicator of the transform's first input type, to find the entity's value property. */
    private static Indicator sampleOf(MaltegoTransform t) {
        return Indicator.fromCanonical(t.inputTypes().get(0), "x");
    }

    Result answer(MaltegoTransform t, Indicator seed, Answer a, int limit) {
        List<Answer.Node> chosen = new ArrayList<>();
        for (Answer.Node n : a.found()) {
            boolean wanted = t.recipe() != null
                    || (n.hop() == t.depth() && n.relation() != null && t.output().contains(n.relation()));
            if (wanted || n.mark() != null) chosen.add(n);
        }
        // marked nodes first: they explain what was not expanded, and must survive a small soft limit
        chosen.sort(Comparator.comparing((Answer.Node n) -> n.mark() == null).thenComparingInt(Answer.Node::hop));
        List<Entity> entities = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        if (a.seed().mark() != null) {
            entities.add(entity(a.seed(), a.caseName()));
            Answer.Mark m = a.seed().mark();
            messages.add(new Message(Severity.INFORM, seed.value() + " is marked " + m.rule() + " (" + m.reason() + ")"
                    + (m.expanded() ? "" : "; what hangs off it is recorded in the case, not returned")));
        }
        for (Answer.Node n : chosen) {
            if (entities.size() >= limit) break;
            entities.add(entity(n, a.caseName()));
        }
        int returned = entities.size() - (a.seed().mark() != null ? 1 : 0);
        if (returned < chosen.size()) {
            messages.add(new Message(Severity.INFORM, "returned " + returned + " of " + chosen.size()
                    + " entities (soft limit " + limit + "); all are in case '" + a.caseName() + "'"));
        }
        boolean partial = false;
        Set<String> answered = new TreeSet<>();
        Set<String> notRun = new LinkedHashSet<>();
        // one message per failing source (a recipe run may fail the same way on many indicators)
        Map<String, List<Answer.SourceReport>> failed = new java.util.LinkedHashMap<>();
        for (Answer.SourceReport s : a.sources()) {
            switch (s.status()) {
                case FAILED -> {
                    partial = true;
                    failed.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
                }
                case TRUNCATED -> messages.add(new Message(Severity.INFORM, "source " + s.source() + " returned part of "
                        + (s.total() == null ? "its results" : s.total() + " results") + " for " + s.indicator().value()));
                case SKIPPED -> {
                    if (s.indicator().equals(seed) && s.message() != null) {
                        notRun.add(s.source() + ": " + Safe.oneLine(s.message()));
                    }
                }
                default -> { }
            }
            if (s.status().answered() && s.indicator().equals(seed)) answered.add(s.source());
        }
        failed.forEach((source, list) -> {
            Answer.SourceReport first = list.get(0);
            messages.add(new Message(Severity.PARTIAL, "source " + source + " failed for " + first.indicator().value()
                    + (list.size() > 1 ? " and " + (list.size() - 1) + " more" : "") + ": "
                    + Safe.oneLine(String.valueOf(first.message())) + " (the other sources' results are returned)"));
        });
        if (answered.isEmpty()) {
            partial = true;
            messages.add(new Message(Severity.PARTIAL, "no source answered '" + t.display() + "' for " + seed.value()
                    + (notRun.isEmpty() ? ": no source of this build asks this question about a " + seed.type().id()
                    : " (" + String.join("; ", notRun) + ")") + "; this is not a \"nothing found\""));
        } else if (chosen.isEmpty() && a.seed().mark() == null) {
            messages.add(new Message(Severity.INFORM, "nothing found for " + seed.value() + " by "
                    + String.join(", ", answered) + " (stored in case '" + a.caseName() + "')"));
        } else {
            messages.add(new Message(Severity.INFORM, returned + " entities from " + String.join(", ", answered)
                    + "; stored in case '" + a.caseName() + "'"));
        }
        byte[] xml = ResponseXml.response(entities, messages);
        return new Result(xml, partial ? Status.PARTIAL : Status.OK, partial ? "a source failed" : null);
    }

    static Entity entity(Answer.Node n, String caseName) {
        EntityTypes.Type type = EntityTypes.of(n.indicator(), n.relation(), n.objectSide());
        String value = EntityTypes.value(n.indicator());
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(type.property(), type.propertyDisplay(), true, value));
        if (type == EntityTypes.URL) fields.add(new Field("short-title", "Short title", false, value));
        StringBuilder html = new StringBuilder();
        if (n.relation() != null) {
            String dates = dates(n.firstSeen(), n.lastSeen());
            String label = n.relation().id() + (dates.isEmpty() ? "" : " " + dates)
                    + (n.hop() > 1 && n.from() != null ? " via " + n.from().value() : "");
            fields.add(new Field("link#maltego.link.label", "Label", false, label));
            fields.add(new Field("link#infrapivot.relation", "Relation", false, n.relation().id()));
            if (n.firstSeen() != null) fields.add(new Field("link#infrapivot.first-seen", "First seen", false, n.firstSeen().toString()));
            if (n.lastSeen() != null) fields.add(new Field("link#infrapivot.last-seen", "Last seen", false, n.lastSeen().toString()));
            fields.add(new Field("infrapivot.relation", "Relation", false, n.relation().id()));
            fields.add(new Field("infrapivot.sources", "Sources", false, String.join(", ", n.sources())));
            if (n.firstSeen() != null) fields.add(new Field("infrapivot.first-seen", "First seen", false, n.firstSeen().toString()));
            if (n.lastSeen() != null) fields.add(new Field("infrapivot.last-seen", "Last seen", false, n.lastSeen().toString()));
            if (n.count() != null) fields.add(new Field("infrapivot.count", "Times seen", false, n.count().toString()));
            if (n.from() != null) fields.add(new Field("infrapivot.from", "Reached from", false, n.from().value()));
            fields.add(new Field("infrapivot.hop", "Hop", false, String.valueOf(n.hop())));
            html.append("<b>").append(ResponseXml.html(n.relation().id())).append("</b>");
            if (n.from() != null) html.append(" from ").append(ResponseXml.html(n.from().value()));
            html.append("<br/>sources: ").append(ResponseXml.html(String.join(", ", n.sources())));
            if (!dates.isEmpty()) html.append("<br/>seen: ").append(ResponseXml.html(dates));
        }
        fields.add(new Field("infrapivot.type", "infrapivot type", false, n.indicator().type().id()));
        fields.add(new Field("infrapivot.case", "Case", false, caseName));
        if (n.mark() != null) {
            Answer.Mark m = n.mark();
            String mark = m.rule() + ": " + m.reason() + (m.expanded() ? " (expanded)" : " (not expanded)");
            fields.add(new Field("infrapivot.mark", "Noise mark", false, mark));
            fields.add(new Field("bookmark#", "Bookmark", false, "3"));
            fields.add(new Field("notes#", "Notes", false, "infrapivot: " + mark));
            if (n.relation() != null) fields.add(new Field("link#maltego.link.style", "LinkStyle", false, "1"));
            html.append(html.isEmpty() ? "" : "<br/>").append("<b>marked</b> ").append(ResponseXml.html(mark));
        }
        int weight = n.hop() <= 1 ? 100 : Math.max(10, 100 / n.hop());
        return new Entity(type.name(), value, weight, fields, html.isEmpty() ? null : html.toString());
    }

    /** {@code 2026-01-01..2026-09-21}, one side when only one is known, empty when none is. */
    static String dates(Instant first, Instant last) {
        if (first == null && last == null) return "";
        return (first == null ? "?" : DAY.format(first)) + ".." + (last == null ? "?" : DAY.format(last));
    }
}

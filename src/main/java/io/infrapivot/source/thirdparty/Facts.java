package io.infrapivot.source.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * Builds observations from a service's (attacker-controlled) values: every indicator through the parser,
 * values it rejects left out, duplicates folded, and the run's {@code --since}/{@code --until} window
 * applied to last-seen times (a fact without a last-seen time is kept: nothing says it is outside).
 */
public final class Facts {
    private final String source;
    private final IndicatorParser parser;
    private final Instant now;
    private RawAnswer evidence;
    private final Instant since;
    private final Instant until;
    private final Map<String, Observation> out = new LinkedHashMap<>();
    private int outsideWindow;

    public Facts(String source, IndicatorParser parser, Instant now, RawAnswer evidence, Instant since, Instant until) {
        this.source = source;
        this.parser = parser;
        this.now = now;
        this.evidence = evidence;
        this.since = since;
        this.until = until;
    }

    /** Facts for one answer of a lookup, with the lookup's parser, clock and date window. */
    public static Facts of(String source, LookupContext context, RawAnswer evidence) {
        return new Facts(source, context.parser(), context.now(), evidence, context.options().since(),
                context.options().until());
    }

    /** A domain or host name (a trailing dot and a leading "*." removed), or empty when it is not a name. */
    public Optional<Indicator> name(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        if (t.startsWith("*.")) t = t.substring(2);
        if (t.isEmpty() || t.contains("/") || t.contains("@") || t.contains(" ")) return Optional.empty();
        // one name, one identity: the parser decides domain or host by the Public Suffix List, never the service
        return parser.parseName(t) instanceof ParseResult.Parsed p ? Optional.of(p.parsed().indicator())
                : Optional.empty();
    }

    public Optional<Indicator> ip(String text) {
        return as(IndicatorType.IP, text);
    }

    /** Any type through the parser; empty when the parser rejects the text. */
    public Optional<Indicator> as(IndicatorType type, String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        return parser.parseAs(type, text.strip()) instanceof ParseResult.Parsed p
                ? Optional.of(p.parsed().indicator()) : Optional.empty();
    }

    /** Whether a last-seen time lies in the run's window. */
    public boolean inWindow(Instant lastSeen) {
        if (lastSeen == null) return true;
        return (since == null || !lastSeen.isBefore(since)) && (until == null || !lastSeen.isAfter(until));
    }

    /** Adds a link with the source's seen times and count (dropped when outside the window or a self-link). */
    public void link(Indicator subject, Relation relation, Indicator object, JsonNode value, Instant firstSeen,
                     Instant lastSeen, Long count) {
        if (subject.equals(object)) return;
        if (!inWindow(lastSeen)) {
            outsideWindow++;
            return;
        }
        put(new Observation(subject, relation, object, value, source, firstSeen, lastSeen, now, count, evidence));
    }

    /** Adds an attribute. */
    public void attribute(Indicator subject, Relation relation, JsonNode value, Instant firstSeen, Instant lastSeen) {
        if (!inWindow(lastSeen)) {
            outsideWindow++;
            return;
        }
        put(new Observation(subject, relation, null, value, source, firstSeen, lastSeen, now, null, evidence));
    }

    /** Adds ready-made observations (from the registration mapper), keeping the window. */
    public void addAll(List<Observation> observations) {
        for (Observation o : observations) {
            if (inWindow(o.lastSeen())) put(o);
            else outsideWindow++;
        }
    }

    /** One fact once: a repeat widens the seen span, adds the counts and keeps the first annotation given. */
    private void put(Observation o) {
        String key = o.subject().key() + " " + o.relation().id() + " "
                + (o.object() != null ? o.object().key() : String.valueOf(o.value()));
        out.merge(key, o, Facts::merged);
    }

    private static Observation merged(Observation a, Observation b) {
        Long count = a.count() == null ? b.count() : b.count() == null ? a.count() : Long.valueOf(a.count() + b.count());
        return new Observation(a.subject(), a.relation(), a.object(), a.value() != null ? a.value() : b.value(),
                a.source(), min(a.firstSeen(), b.firstSeen()), max(a.lastSeen(), b.lastSeen()), a.learnedAt(), count,
                a.evidence());
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** Whether {@code name} lies strictly below {@code domain} (both canonical). */
    public static boolean below(Indicator name, Indicator domain) {
        return name.value().endsWith("." + domain.value());
    }

    public List<Observation> observations() {
        return new ArrayList<>(out.values());
    }

    /** Counts facts a caller left out for the date window before mapping them. */
    public void leftOut(int n) {
        outsideWindow += n;
    }

    /** How many facts the date window left out. */
    public int outsideWindow() {
        return outsideWindow;
    }

    public String source() {
        return source;
    }

    public IndicatorParser parser() {
        return parser;
    }

    public Instant now() {
        return now;
    }

    /** The raw answer the next facts come from (one per page of a paginated lookup). */
    public void answer(RawAnswer rawAnswer) {
        this.evidence = rawAnswer;
    }

    public RawAnswer evidence() {
        return evidence;
    }
}

package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.config.Config;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reputation section of the lookup report: every source's verdict side by side, each in its own scale
 * (detections as "5/70 engines", a confidence as "87/100", a listing as "listed on X", pulses as "4 pulses") with
 * the date the source gave, and "stale" when that date is older than the configured age
 * ({@code [defaults] verdict_max_age}, {@code INFRAPIVOT_DEFAULT_VERDICT_MAX_AGE}; 30 days unless set). Verdicts are
 * never combined into one score (docs/reputation.md).
 */
final class ReputationSection {
    static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    /** Fields the headline already shows, left out of the details. */
    private static final Set<String> SHOWN = Set.of("scale", "date", "malicious", "suspicious", "total", "score", "max",
            "list", "listed", "count", "pulses", "harmless", "undetected");

    private final Terminal t;
    private final boolean verbose;
    private final Duration maxAge;
    private final Instant now;

    ReputationSection(Terminal t, boolean verbose, Duration maxAge, Instant now) {
        this.t = t;
        this.verbose = verbose;
        this.maxAge = maxAge;
        this.now = now;
    }

    /** The configured age after which a verdict is stale. */
    static Duration maxAge(Config config) {
        var text = config.defaultsString("verdict_max_age");
        if (text.isEmpty()) return DEFAULT_MAX_AGE;
        try {
            return io.infrapivot.source.Durations.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "verdict_max_age is not a duration (like 30d or 12h): '"
                    + text.get() + "'");
        }
    }

    void print(Indicator about, List<Fact> facts) {
        for (Fact f : facts) t.println(line(about, f));
    }

    String line(Indicator about, Fact f) {
        StringBuilder line = new StringBuilder("  ");
        line.append(Report.pad(Terminal.v(String.join(", ", f.sources())), 14));
        if (!about.equals(f.subject())) line.append(Terminal.v(f.subject().value())).append(": ");
        JsonNode v = f.value();
        String scale = v == null ? null : text(v, "scale");
        line.append(scale == null ? f.relation().id() + " " + (v == null ? "" : Terminal.v(Report.scalarText(v)))
                : headline(scale, v));
        String details = details(v);
        if (!details.isEmpty()) line.append(" · ").append(details);
        Instant date = date(f);
        line.append("  ").append(t.dim(date == null ? "(no date given)" : Report.day(date)));
        if (date != null && date.plus(maxAge).isBefore(now)) {
            line.append(" ").append(t.yellow("stale (" + Duration.between(date, now).toDays() + " days old)"));
        }
        return line.toString();
    }

    /** The verdict in its own scale's words. */
    static String headline(String scale, JsonNode v) {
        return switch (scale) {
            case "detections" -> {
                String s = num(v, "malicious") + "/" + num(v, "total") + " engines flag it";
                yield v.path("suspicious").asLong(0) > 0 ? s + " (+" + num(v, "suspicious") + " suspicious)" : s;
            }
            case "confidence" -> "confidence " + num(v, "score") + "/" + num(v, "max");
            case "listed" -> (v.path("listed").asBoolean(true) ? "listed on " : "not listed on ")
                    + Terminal.v(String.valueOf(text(v, "list")));
            case "mentions" -> "named in " + num(v, "count") + (v.has("pulses") ? " pulses" : " reports");
            case "exposure" -> "exposure";
            default -> Terminal.v(scale);
        };
    }

    private String details(JsonNode v) {
        if (v == null || !v.isObject()) return "";
        List<String> parts = new ArrayList<>();
        v.properties().forEach(e -> {
            JsonNode x = e.getValue();
            if (SHOWN.contains(e.getKey()) || x.isNull() || (x.isArray() && x.isEmpty())) return;
            if (x.isBoolean() && !x.asBoolean()) return;
            parts.add(e.getKey().replace('_', ' ') + " " + Report.scalarText(x));
        });
        JsonNode pulses = v.path("pulses");
        if (pulses.isArray()) {
            List<String> names = new ArrayList<>();
            for (JsonNode p : pulses) {
                String name = text(p, "name");
                if (name != null) names.add("\"" + name + "\"" + (text(p, "author") == null ? "" : " by " + text(p, "author")));
            }
            if (!names.isEmpty()) parts.add(0, String.join(", ", names));
        }
        String s = String.join(" · ", parts);
        return Terminal.v(verbose ? s : io.infrapivot.model.Safe.truncate(s, Report.MAX_VALUE));
    }

    /** The source's date: the value's {@code date}, else the fact's last-seen time. */
    private static Instant date(Fact f) {
        String d = f.value() == null ? null : text(f.value(), "date");
        if (d != null) {
            try {
                return Instant.parse(d);
            } catch (java.time.format.DateTimeParseException e) {
                // fall back to the fact's own time
            }
        }
        return f.relation() == Relation.VERDICT || f.relation() == Relation.LISTED_ON ? f.lastSeen() : null;
    }

    private static String num(JsonNode v, String field) {
        return v.path(field).isNumber() ? v.path(field).asText() : "?";
    }

    private static String text(JsonNode v, String field) {
        JsonNode x = v.get(field);
        return x == null || x.isNull() || !x.isValueNode() ? null : x.asText();
    }
}

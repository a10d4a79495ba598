package io.infrapivot.source.registration;

import io.infrapivot.model.Safe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The short summary of a registration for reports: registrar, age, expiry, the registrant's email (or
 * "redacted/privacy service"), name servers; for networks the range, name, holder and abuse contact; for ASNs the
 * number, name and holder. Every value is escaped for a terminal ({@link Safe#oneLine}); lines carry no colour.
 */
public final class RegistrationSummary {
    private RegistrationSummary() {}

    /** Summary lines of a record, with ages and expiry relative to {@code now}. */
    public static List<String> lines(RegistrationRecord r, Instant now) {
        List<String> out = new ArrayList<>();
        // any field may be missing: records come from stored JSON of any age and from every source
        RegistrationStatus status = r.status() != null ? r.status()
                : r.network() != null || r.autnum() != null || r.created() != null || r.registrar() != null
                        ? RegistrationStatus.REGISTERED : RegistrationStatus.UNKNOWN;
        if (status != RegistrationStatus.REGISTERED) {
            out.add("status: " + status.id() + (status == RegistrationStatus.AVAILABLE
                    ? " (the registry has no such object)" : ""));
            return out;
        }
        if (r.network() != null) network(out, r);
        else if (r.autnum() != null) autnum(out, r);
        else domain(out, r, now);
        if (r.parseStatus() != null && r.parseStatus() != ParseStatus.FULL) out.add("parsed: " + r.parseStatus().id());
        return out;
    }

    /** Summary lines of a stored {@code registration} attribute value; one line saying so when it is not one. */
    public static List<String> lines(com.fasterxml.jackson.databind.JsonNode value, Instant now) {
        if (value == null || !value.isObject()) return List.of("(not a registration record)");
        if (!value.has("kind") && !value.has("status")) return other(value);
        try {
            return lines(RegistrationJson.fromTree(value), now);
        } catch (IllegalArgumentException e) {
            System.getLogger(RegistrationSummary.class.getName()).log(System.Logger.Level.DEBUG, e.getMessage());
            return other(value);
        }
    }

    /**
     * A value stored as a registration that is not a normalised record (an older source's own shape): its
     * scalar fields, one line, escaped.
     */
    static List<String> other(com.fasterxml.jackson.databind.JsonNode value) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : value.properties()) {
            var x = e.getValue();
            if (x == null || !x.isValueNode() || x.isNull() || x.asText().isEmpty()) continue;
            parts.add(v(e.getKey().replace('_', ' ')) + ": " + v(x.asText()));
            if (parts.size() >= 12) break;
        }
        return parts.isEmpty() ? List.of("(not a registration record)") : List.of(String.join(" · ", parts));
    }

    private static void domain(List<String> out, RegistrationRecord r, Instant now) {
        if (r.registrar() != null && r.registrar().name() != null) {
            out.add("registrar: " + v(r.registrar().name())
                    + (r.registrar().ianaId() == null ? "" : " (IANA " + v(r.registrar().ianaId()) + ")"));
        }
        if (r.created() != null) {
            long age = Duration.between(r.created(), now).toDays();
            out.add("created: " + day(r.created()) + " (" + age + " days ago)");
        }
        if (r.expires() != null) {
            long days = Duration.between(now, r.expires()).toDays();
            out.add("expires: " + day(r.expires()) + (days >= 0 ? " (in " + days + " days)"
                    : " (expired " + -days + " days ago)"));
        }
        out.add("registrant: " + registrant(r));
        if (!r.nameServers().isEmpty()) out.add("name servers: " + v(String.join(", ", r.nameServers())));
    }

    /** The registrant's email, else its organisation or name, else "redacted/privacy service" or "not given". */
    static String registrant(RegistrationRecord r) {
        Contact c = r.contacts().registrant();
        if (c != null && !c.privacy()) {
            if (c.email() != null && c.email().contains("@")) return v(c.email());
            if (c.organization() != null) return v(c.organization());
            if (c.name() != null) return v(c.name());
        }
        if (r.privacy() || c != null && c.privacy()) return "redacted/privacy service";
        return "not given";
    }

    private static void network(List<String> out, RegistrationRecord r) {
        Network n = r.network();
        String range = !n.cidrs().isEmpty() ? String.join(", ", n.cidrs())
                : n.start() != null || n.end() != null ? orNone(n.start()) + " - " + orNone(n.end()) : "not given";
        out.add("network: " + v(range) + (n.name() == null ? "" : " " + v(n.name())));
        StringBuilder holder = new StringBuilder("holder: ").append(n.organization() == null ? "not given"
                : v(n.organization()));
        if (n.country() != null) holder.append(", ").append(v(n.country()));
        if (n.rir() != null) holder.append(" (").append(v(n.rir())).append(')');
        out.add(holder.toString());
        if (n.type() != null) out.add("type: " + v(n.type()));
        abuse(out, r);
    }

    private static void autnum(List<String> out, RegistrationRecord r) {
        AutNum a = r.autnum();
        String number = a.number() != null ? "AS" + a.number() : r.query() != null ? v(r.query()) : "?";
        out.add("asn: " + number + (a.end() == null ? "" : "-AS" + a.end())
                + (a.name() == null ? "" : " " + v(a.name())));
        out.add("holder: " + (a.organization() == null ? "not given" : v(a.organization()))
                + (a.country() == null ? "" : ", " + v(a.country()))
                + (a.rir() == null ? "" : " (" + v(a.rir()) + ")"));
        if (r.created() != null) out.add("created: " + day(r.created()));
        abuse(out, r);
    }

    private static String orNone(String s) {
        return s == null ? "?" : s;
    }

    private static void abuse(List<String> out, RegistrationRecord r) {
        Contact ab = r.contacts().abuse();
        if (ab != null && ab.email() != null) out.add("abuse: " + v(ab.email()));
    }

    /** Every field of the record as "name: value" lines (the -v view), escaped. */
    public static List<String> full(RegistrationRecord r) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : RegistrationDiff.flatten(r).entrySet()) {
            out.add(e.getKey() + ": " + v(e.getValue()));
        }
        return out;
    }

    private static String day(Instant i) {
        return i.toString().substring(0, 10);
    }

    private static String v(String s) {
        return Safe.oneLine(Safe.truncate(s, 300));
    }
}

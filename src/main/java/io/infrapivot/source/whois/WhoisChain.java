package io.infrapivot.source.whois;

import io.infrapivot.source.http.PublicHosts;
import io.infrapivot.source.registration.RegistrationMerge;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The WHOIS referral chain: whois.iana.org (or the configured IANA server) names the registry or RIR; the
 * registry's answer may name the registrar ({@code Registrar WHOIS Server:}) and an RIR's may name another
 * ({@code ReferralServer: whois://…}); {@code rwhois://} referrals are noted, not followed. When IANA names no
 * server, the documented table ({@link WhoisServers}) is used. At most {@value #MAX_HOPS} servers are asked.
 */
public final class WhoisChain {
    static final int MAX_HOPS = 4;

    /** One server asked: its raw answer and what the parser made of it. */
    public record Hop(WhoisClient.Answer answer, RegistrationRecord record) {}

    /**
     * The chain's outcome.
     *
     * @param record the merged record, or null when no server answered usefully
     * @param hops   every server asked, in order
     * @param notes  remarks (referrals not followed, a registrar that failed)
     * @param error  why there is no record (or why it is throttled), or null
     */
    public record Result(RegistrationRecord record, List<Hop> hops, List<String> notes, String error) {}

    private final WhoisClient client;
    private final String ianaHost;

    public WhoisChain(WhoisClient client, String ianaHost) {
        this.client = client;
        this.ianaHost = ianaHost.toLowerCase(Locale.ROOT);
    }

    /**
     * @param kind   "domain", "ip" or "asn"
     * @param object the registrable domain, the IP (or network address), or the AS number without "AS"
     */
    public Result lookup(String kind, String object, Instant now) throws InterruptedException {
        List<Hop> hops = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String first = firstServer(kind, object, now, hops, notes);
        if (first == null) {
            return new Result(null, hops, notes, "no WHOIS server is known for " + object);
        }
        Set<String> asked = new HashSet<>();
        RegistrationRecord registry = null;
        RegistrationRecord registrar = null;
        String next = first;
        while (next != null && asked.size() < MAX_HOPS && asked.add(next)) {
            WhoisClient.Answer a;
            try {
                a = client.query(next, query(next, kind, object));
            } catch (WhoisClient.WhoisException e) {
                if (registry == null) return new Result(null, hops, notes, e.getMessage());
                notes.add("registrar server failed: " + e.getMessage());
                break;
            }
            RegistrationRecord r = WhoisParser.parse(a.text(), next, object, now);
            if (a.truncated()) notes.add(next + " sent more than " + client.options().maxBytes()
                    + " bytes; the answer was cut");
            hops.add(new Hop(a, r));
            if (r.status() == RegistrationStatus.THROTTLED) {
                if (registry == null) return new Result(r, hops, notes, next + " rate-limited the query");
                notes.add(next + " rate-limited the query; the registry's answer stands");
                break;
            }
            if (registry == null || !kind.equals("domain")) {
                // for networks a referral's answer (the RIR that holds the block) replaces the first one
                registry = registry != null && r.status() != RegistrationStatus.REGISTERED ? registry : r;
            } else {
                registrar = r;
            }
            next = referral(r, next, notes);
        }
        RegistrationRecord merged = kind.equals("domain") ? RegistrationMerge.merge(registry, registrar) : registry;
        return new Result(merged, hops, notes, null);
    }

    private String firstServer(String kind, String object, Instant now, List<Hop> hops, List<String> notes)
            throws InterruptedException {
        String ianaQuery = switch (kind) {
            case "domain" -> object.substring(object.lastIndexOf('.') + 1);
            case "asn" -> "AS" + object;
            default -> object;
        };
        try {
            WhoisClient.Answer a = client.query(ianaHost, ianaQuery);
            RegistrationRecord r = WhoisParser.parse(a.text(), "whois.iana.org", ianaQuery, now);
            hops.add(new Hop(a, r));
            String refer = r.registrar() == null ? null : r.registrar().whoisServer();
            if (refer != null && PublicHosts.isPublicName(host(refer))) return host(refer);
            if (refer != null) notes.add("IANA referral to " + refer + " not followed (not a public host name)");
        } catch (WhoisClient.WhoisException e) {
            notes.add("IANA server failed (" + e.getMessage() + "); using the server table");
        }
        if (kind.equals("domain")) {
            Optional<String> t = WhoisServers.standard().forDomain(object);
            return t.orElse(null);
        }
        return "whois.arin.net";
    }

    /** The next server an answer names, or null. */
    private static String referral(RegistrationRecord r, String current, List<String> notes) {
        String ref = r.registrar() == null ? null : r.registrar().whoisServer();
        if (ref == null || ref.isBlank()) return null;
        String lower = ref.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rwhois://")) {
            notes.add("referral to " + ref + " not followed (rwhois)");
            return null;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) return null;
        String h = host(ref);
        if (h == null || h.equals(current)) return null;
        if (!PublicHosts.isPublicName(h)) {
            notes.add("referral to " + h + " not followed (not a public host name)");
            return null;
        }
        return h;
    }

    /** "whois://whois.ripe.net:43/" → "whois.ripe.net"; a bare host stays as it is. */
    static String host(String ref) {
        String h = ref.strip().toLowerCase(Locale.ROOT).replaceFirst("^whois://", "");
        int slash = h.indexOf('/');
        if (slash >= 0) h = h.substring(0, slash);
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        return h.matches("[a-z0-9.-]+") ? h : null;
    }

    /** The query a server needs for the object (its profile's syntax). */
    static String query(String host, String kind, String object) {
        ServerProfile p = ServerProfile.of(host);
        String template = switch (kind) {
            case "ip" -> p.ipQuery();
            case "asn" -> p.asnQuery();
            default -> p.domainQuery();
        };
        return String.format(Locale.ROOT, template, object);
    }
}

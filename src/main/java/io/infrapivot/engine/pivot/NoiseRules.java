package io.infrapivot.engine.pivot;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.format.util.DualIPv4v6AssociativeTries;
import io.infrapivot.model.Details;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The noise rules of the pivot engine: indicators that are no actor's own infrastructure are marked,
 * recorded, and not expanded. Every rule has a name that {@code --no-filter NAME} lifts
 * (docs/pivot.md). The lists are data files with their date and origin; a user's own
 * {@code <data>/data/markers.txt} and a refreshed {@code known-networks.txt} are read beside them.
 */
public final class NoiseRules {
    public static final String SPECIAL_RANGE = "special-range";
    public static final String KNOWN_NETWORK = "known-network";
    public static final String SINKHOLE = "sinkhole";
    public static final String PARKING = "parking";
    public static final String SHARED_HOSTING = "shared-hosting";
    public static final String SHARED_REGISTRANT = "shared-registrant";
    public static final String POPULAR = "popular";
    public static final String PRIVACY = "privacy";
    public static final String ZONE_CONTACT = "zone-contact";
    public static final List<String> RULES = List.of(SPECIAL_RANGE, KNOWN_NETWORK, SINKHOLE, PARKING, SHARED_HOSTING,
            SHARED_REGISTRANT, POPULAR, PRIVACY, ZONE_CONTACT);

    /** Mailboxes DNS software and hosts fill into a zone's SOA by default. */
    private static final Set<String> ROLE_MAILBOXES = Set.of("hostmaster", "postmaster", "webmaster", "admin",
            "administrator", "root", "dns", "dnsadmin", "dns-admin", "noc", "support", "info", "domains", "abuse");

    /** Default fan-out above which an IP, name server or mail host is shared hosting (and an email a bulk registrant). */
    public static final int DEFAULT_SHARED_THRESHOLD = 300;

    private static final Pattern PRIVACY_WORDS = Pattern.compile(
            "(?i)\\b(redacted|privacy|proxy|withheld|data protected|not disclosed|gdpr masked)\\b");

    /**
     * A mark on an indicator.
     *
     * @param rule   the rule's name
     * @param reason why, in words (provider, list entry, count)
     * @param expand whether the indicator is still expanded (true only for informational marks such as a cloud range)
     * @param count  the fan-out that triggered it, for shared hosting
     */
    public record Mark(String rule, String reason, boolean expand, Long count) {}

    private record Entry(String rule, String note) {}

    private final DualIPv4v6AssociativeTries<Entry> networks = new DualIPv4v6AssociativeTries<>();
    private final Map<String, Entry> hosts = new HashMap<>();
    private final List<Map.Entry<Pattern, Entry>> hostGlobs = new ArrayList<>();
    private final Map<String, Entry> emailDomains = new HashMap<>();
    private final Map<String, Entry> emails = new HashMap<>();
    private final Map<String, Entry> orgs = new HashMap<>();
    private final Set<String> lifted;
    private final IndicatorParser parser;

    private final io.infrapivot.source.routing.HostingAsns hosting;

    private NoiseRules(IndicatorParser parser, Set<String> lifted, io.infrapivot.source.routing.HostingAsns hosting) {
        this.parser = parser;
        this.lifted = Set.copyOf(lifted);
        this.hosting = hosting;
    }

    /** As below, with the shipped list of big hosting networks alone. */
    public static NoiseRules load(IndicatorParser parser, Path dataFolder, Set<String> lifted) {
        return load(parser, dataFolder, lifted, io.infrapivot.source.routing.HostingAsns.shipped());
    }

    /**
     * The shipped lists plus the user's files in {@code dataFolder} (may be null), minus the lifted rules; big
     * hosting networks' ASNs after {@code hosting} (the config's list: {@code HostingNetworks.of(config)}).
     */
    /** As {@link #load(IndicatorParser, Path, Set, io.infrapivot.source.routing.HostingAsns)} with {@code config}'s list. */
    public static NoiseRules load(IndicatorParser parser, Path dataFolder, Set<String> lifted,
                                  io.infrapivot.engine.config.Config config) {
        return load(parser, dataFolder, lifted, io.infrapivot.engine.HostingNetworks.of(config));
    }

    public static NoiseRules load(IndicatorParser parser, Path dataFolder, Set<String> lifted,
                                  io.infrapivot.source.routing.HostingAsns hosting) {
        for (String l : lifted) {
            if (!RULES.contains(l)) {
                throw new IllegalArgumentException("no noise rule '" + l + "'; rules: " + String.join(", ", RULES));
            }
        }
        NoiseRules r = new NoiseRules(parser, lifted, hosting);
        Path userNetworks = dataFolder == null ? null : dataFolder.resolve("known-networks.txt");
        if (userNetworks != null && Files.isRegularFile(userNetworks)) r.readNetworks(open(userNetworks), userNetworks.toString());
        else r.readNetworks(NoiseRules.class.getResourceAsStream("/io/infrapivot/engine/noise/known-networks.txt"), "bundled");
        r.readMarkers(NoiseRules.class.getResourceAsStream("/io/infrapivot/engine/noise/markers.txt"), "bundled");
        Path userMarkers = dataFolder == null ? null : dataFolder.resolve("markers.txt");
        if (userMarkers != null && Files.isRegularFile(userMarkers)) r.readMarkers(open(userMarkers), userMarkers.toString());
        return r;
    }

    private static InputStream open(Path p) {
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readNetworks(InputStream in, String origin) {
        forEachLine(in, origin, (parts, where) -> {
            if (parts.length < 3) throw new IllegalArgumentException(where + ": expected 'CIDR provider cdn|cloud'");
            IPAddress net = cidr(parts[0], where);
            String kind = parts[2];
            if (!kind.equals("cdn") && !kind.equals("cloud")) throw new IllegalArgumentException(where + ": kind must be cdn or cloud");
            networks.put(net, new Entry(KNOWN_NETWORK, parts[1] + " " + kind));
        });
    }

    private void readMarkers(InputStream in, String origin) {
        forEachLine(in, origin, (parts, where) -> {
            if (parts.length < 3) throw new IllegalArgumentException(where + ": expected 'rule kind value [note]'");
            String rule = parts[0];
            if (!RULES.contains(rule)) throw new IllegalArgumentException(where + ": unknown rule " + rule);
            String kind = parts[1];
            String rest = String.join(" ", java.util.Arrays.copyOfRange(parts, 2, parts.length));
            switch (kind) {
                case "ip" -> networks.put(cidr(parts[2], where), new Entry(rule, note(parts, parts[2])));
                case "host" -> hosts.put(parts[2].toLowerCase(Locale.ROOT), new Entry(rule, note(parts, parts[2])));
                case "host-glob" -> hostGlobs.add(Map.entry(Recipe.glob(parts[2]), new Entry(rule, note(parts, parts[2]))));
                case "email-domain" -> emailDomains.put(parts[2].toLowerCase(Locale.ROOT), new Entry(rule, note(parts, parts[2])));
                case "email" -> emails.put(parts[2].toLowerCase(Locale.ROOT), new Entry(rule, note(parts, parts[2])));
                case "org" -> orgs.put(rest.toLowerCase(Locale.ROOT), new Entry(rule, rest));
                default -> throw new IllegalArgumentException(where + ": unknown kind " + kind);
            }
        });
    }

    private static String note(String[] parts, String value) {
        return parts.length > 3 ? String.join(" ", java.util.Arrays.copyOfRange(parts, 3, parts.length)) + " (" + value + ")"
                : value;
    }

    private static IPAddress cidr(String text, String where) {
        IPAddress a = new IPAddressString(text).getAddress();
        if (a == null) throw new IllegalArgumentException(where + ": not an address or network: " + text);
        return a.toPrefixBlock();
    }

    private interface LineHandler {
        void line(String[] parts, String where);
    }

    private static void forEachLine(InputStream in, String origin, LineHandler h) {
        if (in == null) throw new IllegalStateException("noise list " + origin + " missing");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                h.line(t.split("\\s+"), origin + " line " + n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean on(String rule) {
        return !lifted.contains(rule);
    }

    /**
     * The mark of an SOA contact that only restates its own zone: a role mailbox ({@code hostmaster@}, {@code root@},
     * …) at the zone's own registrable domain, as DNS software writes into every zone. It ties to nothing but that
     * zone, so asking reverse WHOIS about it costs a request for nothing; found by any other link (a registrant's
     * email) it is expanded as usual.
     */
    public Optional<Mark> judgeSoaContact(Indicator zone, Indicator email) {
        if (!on(ZONE_CONTACT) || email.type() != IndicatorType.EMAIL) return Optional.empty();
        String v = email.value();
        int at = v.lastIndexOf('@');
        if (at <= 0 || !ROLE_MAILBOXES.contains(v.substring(0, at))) return Optional.empty();
        String mailDomain = registrable(v.substring(at + 1));
        String zoneDomain = registrable(zone.value());
        if (mailDomain == null || !mailDomain.equals(zoneDomain)) return Optional.empty();
        return Optional.of(new Mark(ZONE_CONTACT, "the zone's own " + v.substring(0, at) + " mailbox (SOA default)",
                false, null));
    }

    private String registrable(String name) {
        if (parser.parseName(name) instanceof ParseResult.Parsed p && p.parsed().details() instanceof Details.Name n) {
            return n.registrableDomain() != null ? n.registrableDomain() : p.parsed().indicator().value();
        }
        return null;
    }

    /** The static mark of an indicator (no lookups needed), if any rule that is on applies. */
    public Optional<Mark> judge(Indicator ind) {
        return switch (ind.type()) {
            case IP, CIDR -> judgeAddress(ind);
            case DOMAIN, HOST -> judgeName(ind.value());
            case URL -> Optional.empty();
            case EMAIL -> judgeEmail(ind.value());
            case ORG, PERSON -> judgeOrg(ind.value());
            case ASN -> judgeAsn(ind.value());
            default -> Optional.empty();
        };
    }

    /**
     * A big CDN, cloud or hosting provider's AS (the routing package's shipped list): its thousands of prefixes
     * hold unrelated customers, so it is marked and not expanded into them.
     */
    private Optional<Mark> judgeAsn(String asn) {
        if (!on(KNOWN_NETWORK)) return Optional.empty();
        return hosting.of(asn).map(p -> new Mark(KNOWN_NETWORK,
                p.label() + " network " + asn.toUpperCase(Locale.ROOT) + ": its prefixes hold many unrelated customers",
                false, null));
    }

    /**
     * The mark of a prefix that a routing source found announced by a big CDN, cloud or hosting network (the
     * {@code hosting} field the routing sources put on an {@code announced-by} fact): marked, not expanded, so an
     * ASN pivot does not explode into the provider's customers.
     */
    public Optional<Mark> judgeAnnounced(io.infrapivot.model.Relation relation, Indicator prefix,
                                         com.fasterxml.jackson.databind.JsonNode value) {
        if (relation != io.infrapivot.model.Relation.ANNOUNCED_BY || prefix.type() != IndicatorType.CIDR
                || value == null || !value.hasNonNull("hosting") || !on(KNOWN_NETWORK)) {
            return Optional.empty();
        }
        String label = io.infrapivot.model.Safe.truncate(io.infrapivot.model.Safe.oneLine(value.get("hosting").asText()),
                60);
        return Optional.of(new Mark(KNOWN_NETWORK, "a prefix of a big " + label + " network", false, null));
    }

    private Optional<Mark> judgeAddress(Indicator ind) {
        ParseResult r = parser.parseAs(ind.type(), ind.value());
        if (r instanceof ParseResult.Parsed p && on(SPECIAL_RANGE)) {
            Set<String> flags = switch (p.parsed().details()) {
                case Details.Ip ip -> ip.flags();
                case Details.Cidr c -> c.flags();
                default -> Set.of();
            };
            if (!flags.isEmpty() && !flags.contains("global")) {
                String range = p.parsed().details() instanceof Details.Ip ip && ip.rangeName() != null ? ip.rangeName()
                        : String.join(", ", flags);
                return Optional.of(new Mark(SPECIAL_RANGE, "not routable on the internet: " + range, false, null));
            }
        }
        IPAddress addr = new IPAddressString(ind.value()).getAddress();
        if (addr == null) return Optional.empty();
        var node = networks.longestPrefixMatchNode(addr.isPrefixed() ? addr.toPrefixBlock() : addr);
        if (node == null) return Optional.empty();
        Entry e = node.getValue();
        if (!on(e.rule())) return Optional.empty();
        if (e.rule().equals(KNOWN_NETWORK)) {
            boolean cloud = e.note().endsWith(" cloud");
            return Optional.of(new Mark(KNOWN_NETWORK, e.note() + " range " + node.getKey(), cloud, null));
        }
        return Optional.of(new Mark(e.rule(), e.note(), false, null));
    }

    private Optional<Mark> judgeName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String s = n; s != null; s = parent(s)) {
            Entry e = hosts.get(s);
            if (e != null && on(e.rule())) return Optional.of(new Mark(e.rule(), e.note(), false, null));
        }
        for (Map.Entry<Pattern, Entry> g : hostGlobs) {
            if (g.getKey().matcher(n).matches() && on(g.getValue().rule())) {
                return Optional.of(new Mark(g.getValue().rule(), g.getValue().note(), false, null));
            }
        }
        return Optional.empty();
    }

    private static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? null : name.substring(dot + 1);
    }

    private Optional<Mark> judgeEmail(String email) {
        String e = email.toLowerCase(Locale.ROOT);
        Entry exact = emails.get(e);
        if (exact != null && on(exact.rule())) return Optional.of(new Mark(exact.rule(), exact.note(), false, null));
        int at = e.lastIndexOf('@');
        if (at < 0) return Optional.empty();
        for (String s = e.substring(at + 1); s != null; s = parent(s)) {
            Entry d = emailDomains.get(s);
            if (d != null && on(d.rule())) return Optional.of(new Mark(d.rule(), d.note(), false, null));
        }
        if (on(PRIVACY) && PRIVACY_SERVICES.isPrivacyText(e)) {
            return Optional.of(new Mark(PRIVACY, "a privacy or proxy registration service's address", false, null));
        }
        return Optional.empty();
    }

    /** The registration package's list of privacy and proxy services and redaction texts (one list for both). */
    private static final io.infrapivot.source.registration.PrivacyServices PRIVACY_SERVICES =
            io.infrapivot.source.registration.PrivacyServices.standard();

    private Optional<Mark> judgeOrg(String org) {
        if (!on(PRIVACY)) return Optional.empty();
        Entry e = orgs.get(org.toLowerCase(Locale.ROOT).strip());
        if (e != null) return Optional.of(new Mark(e.rule(), e.note(), false, null));
        if (PRIVACY_SERVICES.isPrivacyText(org)) {
            return Optional.of(new Mark(PRIVACY, "a privacy or proxy registration service", false, null));
        }
        if (PRIVACY_WORDS.matcher(org).find()) {
            return Optional.of(new Mark(PRIVACY, "a privacy, proxy or redaction text, not a registrant", false, null));
        }
        return Optional.empty();
    }

    /**
     * The mark for an indicator whose lookups found {@code count} neighbours through reverse relations
     * (names on an IP or name server, domains of a registrant), when that exceeds {@code threshold}.
     */
    public Optional<Mark> fanOut(Indicator hub, long count, int threshold) {
        if (count <= threshold) return Optional.empty();
        String rule = switch (hub.type()) {
            case IP, CIDR, HOST, DOMAIN -> SHARED_HOSTING;
            case EMAIL, ORG, PERSON, PHONE -> SHARED_REGISTRANT;
            default -> null;
        };
        if (rule == null || !on(rule)) return Optional.empty();
        String what = rule.equals(SHARED_HOSTING) ? "names" : "domains";
        return Optional.of(new Mark(rule, count + " " + what + " (threshold " + threshold + ")", false, count));
    }

    /** Rules switched off for this run. */
    public Set<String> lifted() {
        return new HashSet<>(lifted);
    }
}

package io.infrapivot.source.whois;

import io.infrapivot.source.registration.ParseStatus;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns one WHOIS answer into a {@link RegistrationRecord}. Pure: the format is chosen from the server that
 * answered when it is known, otherwise guessed from the text. Answers saying "not found", "reserved" or "rate
 * limit" become {@code available}, {@code reserved} or {@code throttled}, never a registered object. Unknown
 * formats keep the raw text, the dates and emails found, and {@code parse_status} partial or raw-only.
 */
public final class WhoisParser {
    private WhoisParser() {}

    /**
     * @param text    the answer, decoded
     * @param server  the WHOIS host that answered, or null (offline parsing without --server)
     * @param query   the object asked about
     * @param fetched when the answer was received
     */
    public static RegistrationRecord parse(String text, String server, String query, Instant fetched) {
        ServerProfile profile = ServerProfile.of(server);
        RegistrationRecord r = parse(text, server, query, fetched, profile);
        if (server == null && r.domain() != null) {
            // offline: dates without a zone are in the zone of the registry of the name's TLD (.cn, .jp)
            ServerProfile registry = WhoisServers.standard().forDomain(r.domain()).map(ServerProfile::of).orElse(null);
            if (registry != null && !registry.zone().equals(profile.zone())) {
                return parse(text, null, query, fetched, profile.withZone(registry.zone()));
            }
        }
        return r;
    }

    private static RegistrationRecord parse(String text, String server, String query, Instant fetched,
                                            ServerProfile profile) {
        String family = profile.family().equals("auto") ? guess(text) : profile.family();
        List<String> lines = WhoisText.lines(text);
        RecordBuilder b = RegistrationRecord.builder(kindOf(query), query).source("whois").server(server)
                .fetched(fetched);
        int understood = switch (family) {
            case "arin" -> ArinParser.parse(lines, b);
            case "rpsl" -> RpslParser.parse(text, lines, b, profile.rir() != null ? profile.rir() : rirIn(text));
            case "jprs" -> JprsParser.parse(lines, b);
            case "sectioned" -> SectionedParser.parse(lines, b, profile.zone());
            case "iana" -> iana(lines, b);
            case "tonic" -> tonic(lines, b);
            default -> KeyValueParser.parse(lines, b, profile.zone());
        };
        if (!b.hasData() && !family.equals("keyvalue") && !family.equals("iana") && !family.equals("tonic")) {
            // the family's parser found nothing it knows (a registry printing flat pairs under another family's
            // look, such as .se's "state:"/"domain:"): read the answer as flat pairs instead
            RecordBuilder flat = RegistrationRecord.builder(kindOf(query), query).source("whois").server(server)
                    .fetched(fetched);
            int n = KeyValueParser.parse(lines, flat, profile.zone());
            if (flat.hasData()) {
                b = flat;
                understood = n;
                family = "keyvalue";
            }
        }
        if (family.equals("sectioned")) {
            // headed sections mixed with flat pairs (.tr's "** Registrar:" over unindented pairs, .ve's indented
            // pairs under the holder): the flat reading fills the fields the sections did not give
            RecordBuilder flat = RegistrationRecord.builder(kindOf(query), query);
            understood += Math.max(0, KeyValueParser.parse(lines, flat, profile.zone()) - understood);
            RegistrationRecord f = flat.build();
            b.domain(f.domain());
            if (f.registrar() != null) b.registrarName(f.registrar().name());
            b.created(f.created()).updated(f.updated()).expires(f.expires());
            if (b.nameServers().isEmpty()) f.nameServers().forEach(b::nameServer);
            if (b.statuses().isEmpty()) f.statuses().forEach(b::addStatus);
        }
        String format = profile.format() != null ? profile.format() : family;
        b.format(format);
        // a lifecycle state (redemption, pending delete, inactive) says the name exists, whatever else is missing
        boolean lifecycle = io.infrapivot.source.registration.Lifecycle.apply(b);
        RegistrationStatus said = io.infrapivot.source.registration.Lifecycle.statusOf(b.statuses());
        if (said != null) b.status(said); // "Status: RESERVED" beside the registry's own dates is still reserved
        boolean taken = said == null && io.infrapivot.source.registration.Lifecycle.isTaken(b.statuses());
        RegistrationStatus cls = AnswerClass.classify(text, b.hasRegistrationData() || lifecycle || taken);
        if (cls != null) {
            b.status(cls);
            if (cls == RegistrationStatus.AVAILABLE && query == null) {
                String named = nameInNotFound(text);
                if (named != null) b.domain(named);
            }
            if (cls == RegistrationStatus.THROTTLED) b.raw(text);
            if (cls == RegistrationStatus.UNKNOWN) b.parseStatus(ParseStatus.RAW_ONLY).raw(text); // a failure page
            return b.build();
        }
        if ((lifecycle || taken) && b.status() == null) b.status(RegistrationStatus.REGISTERED);
        if (!b.hasData()) {
            b.parseStatus(ParseStatus.RAW_ONLY).status(RegistrationStatus.UNKNOWN).raw(text);
            found(b, text);
        } else if (understood < 3 || !b.hasRegistrationData()) {
            b.parseStatus(ParseStatus.PARTIAL);
            found(b, text);
        }
        return b.build();
    }

    private static final java.util.regex.Pattern QUOTED_NAME = java.util.regex.Pattern.compile(
            "[\"']([A-Za-z0-9][A-Za-z0-9.-]{0,252}\\.[A-Za-z0-9-]{2,63})\\.?[\"']");
    private static final java.util.regex.Pattern NAMED_NAME = java.util.regex.Pattern.compile(
            "(?i)(?:no match for|not found:?|no entries found for|no data found for|domain)\\s+(?:domain\\s+)?"
                    + "([A-Za-z0-9][A-Za-z0-9.-]{0,252}\\.[A-Za-z0-9-]{2,63})");

    /**
     * The name a "not found" answer names, when it quotes one ({@code No match for "EXAMPLE.COM".}) or
     * names it after the usual wording; lower case, or null. Offline parsing has no query to go by.
     */
    static String nameInNotFound(String text) {
        String head = text.length() > 2000 ? text.substring(0, 2000) : text;
        for (java.util.regex.Pattern p : List.of(QUOTED_NAME, NAMED_NAME)) {
            java.util.regex.Matcher m = p.matcher(head);
            if (m.find()) return m.group(1).toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    /** Guesses the format family from the text. */
    static String guess(String text) {
        List<String> lines = WhoisText.lines(text);
        if (text.contains("refer:") && text.contains("IANA")) return "iana";
        if (text.stripLeading().startsWith("Tonic whoisd")) return "tonic";
        if (ArinParser.looksArin(text)) return "arin";
        if (JprsParser.looksJprs(text)) return "jprs";
        if (text.contains("Registry Domain ID:") || text.contains("Registrar IANA ID:")
                || text.contains("Registrar WHOIS Server:")) {
            return "icann";
        }
        if (RpslParser.looksRpsl(lines)) return "rpsl";
        // "[Domain]" / "[Holder]" / "[Nservers]" sections over (indented) pairs: DENIC's layout, .lv's
        if (lines.stream().anyMatch(l -> BRACKET_SECTION.matcher(l).matches())) return "keyvalue";
        if (SectionedParser.looksSectioned(lines)) return "sectioned";
        return "keyvalue";
    }

    /** IANA's answer about a TLD or an address block: the whois server and the dates. */
    private static int iana(List<String> lines, RecordBuilder b) {
        int n = 0;
        for (WhoisText.Pair p : WhoisText.pairs(lines)) {
            switch (p.key()) {
                case "refer", "whois" -> b.whoisServer(p.value());
                case "domain" -> b.domain(p.value());
                case "organisation" -> b.registrant().organization(p.value());
                case "created" -> b.created(RegistrationDates.parse(p.value()));
                case "changed" -> b.updated(RegistrationDates.parse(p.value()));
                case "nserver" -> b.nameServer(p.value());
                default -> n--;
            }
            n++;
        }
        return n;
    }

    private static final java.util.regex.Pattern BRACKET_SECTION = java.util.regex.Pattern.compile(
            "^\\[(?:Domain|Holder|Registrar|Nservers|Tech|Tech-C|Admin-C)]\\s*$");
    private static final java.util.regex.Pattern TONIC_LINE = java.util.regex.Pattern.compile(
            "^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\\s+(\\S+\\.\\S+?)\\.?\\s*$");

    /**
     * Tonic (.to): a banner, then one line per name server, "{label} {host}" (the label is the name without
     * ".to"); nothing else is published.
     */
    private static int tonic(List<String> lines, RecordBuilder b) {
        int n = 0;
        for (String l : lines) {
            java.util.regex.Matcher m = TONIC_LINE.matcher(l.strip());
            if (l.startsWith("Tonic whoisd") || !m.matches()) continue;
            if (RecordBuilder.nameServerHost(m.group(2)) == null) continue;
            b.domain(m.group(1) + ".to");
            b.nameServer(m.group(2));
            n += 3; // the only fields the format has
        }
        return n;
    }

    /** The RIR an answer names (its banner or source lines), for answers parsed without a server. */
    static String rirIn(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (String r : List.of("afrinic", "apnic", "lacnic", "ripe")) if (t.contains(r)) return r;
        return null;
    }

    private static void found(RecordBuilder b, String text) {
        WhoisText.emails(text).forEach(b::emailFound);
        RegistrationDates.findAll(text).forEach(b::dateFound);
    }

    /** "domain", "ip" or "asn" from the query's shape. */
    static String kindOf(String query) {
        if (query == null) return "domain";
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.matches("as\\d+") || q.matches("\\d+") && !q.contains(".")) return "asn";
        if (q.matches("[0-9.]+(/\\d+)?") || q.contains(":")) return "ip";
        return "domain";
    }
}

package io.infrapivot.engine;

import io.infrapivot.source.rdap.RdapParser;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.whois.ServerProfile;
import io.infrapivot.source.whois.WhoisClient;
import io.infrapivot.source.whois.WhoisParser;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.registration.RegistrationDates;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationObservations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;

/**
 * Registration answers saved earlier (WHOIS text, RDAP JSON), parsed offline by the same parsers the
 * {@code whois} and {@code rdap} sources use: the faces hand bytes to the engine and get a record back,
 * without knowing the sources' packages.
 */
public final class SavedAnswers {
    /** The formats of a saved answer. */
    public enum Format { WHOIS, RDAP }

    private SavedAnswers() {}

    /**
     * Parses one saved answer. WHOIS text is decoded as the server's declared charset, else UTF-8, else Latin-1.
     *
     * @param format  null: guessed (RDAP when the text is a JSON object; WHOIS when a server is given)
     * @param server  the WHOIS server that gave the answer (chooses its format, charset and time zone), or null
     * @param fetched when the answer was received (the date the answer states for itself wins)
     */
    public static RegistrationRecord parse(byte[] bytes, Format format, String server, Instant fetched) {
        String text = WhoisClient.decode(bytes, null);
        Instant own = ownDate(text);
        if (own != null) fetched = own; // the answer's own date beats the file's modification time
        Format fmt = format != null ? format : server != null ? Format.WHOIS : guess(text);
        String host = server == null ? null : server.toLowerCase(Locale.ROOT);
        if (fmt == Format.RDAP) return RdapParser.parse(text, 0, null, null, fetched);
        String whoisText = host == null ? text : WhoisClient.decode(bytes, ServerProfile.of(host).charset());
        return WhoisParser.parse(whoisText, host, null, fetched);
    }

    /** As {@link #parse}, for a face: the record behind the engine's own view of it. */
    public static SavedRecord read(byte[] bytes, Format format, String server, Instant fetched) {
        return new SavedRecord(parse(bytes, format, server, fetched));
    }

    /** RDAP when the text is a JSON object, WHOIS otherwise. */
    static Format guess(String text) {
        return text.stripLeading().startsWith("{") ? Format.RDAP : Format.WHOIS;
    }

    /** Source id of records loaded from saved files (shown by {@code history}). */
    public static final String FILE_SOURCE = "registration-file";

    /**
     * Stores one parsed record in the case as a lookup of {@link #FILE_SOURCE} about the object it describes,
     * dated by the record's {@code fetched} (the file's date): its facts are seen at that date, so
     * {@code history --registration} orders the files by it and shows what changed between them.
     *
     * @throws IllegalArgumentException when the record names no domain, network or ASN
     */
    public static void store(CaseStore store, String file, RegistrationRecord r, IndicatorParser parser) {
        Indicator subject = subjectOf(r, parser);
        if (subject == null) {
            throw new IllegalArgumentException("the answer names no domain, network or ASN to store it under");
        }
        Instant at = r.fetched();
        RawAnswer evidence = RawAnswer.text(FILE_SOURCE, "file " + file, RegistrationJson.toJson(r),
                "application/json", r.status().id(), at, Duration.ZERO);
        List<Observation> obs = RegistrationObservations.of(subject, r, FILE_SOURCE, at, evidence, parser).stream()
                .map(o -> o.withSeen(at, at, null)).toList();
        store.saveLookup(FILE_SOURCE, subject, "file:" + file, at, at, LookupResult.of(obs, List.of(evidence)),
                Duration.ZERO);
    }

    /** The indicator a record is about: its domain, its network's first block, or its ASN; null when none. */
    static Indicator subjectOf(RegistrationRecord r, IndicatorParser parser) {
        ParseResult p = null;
        if (r.domain() != null) p = parser.parseName(r.domain());
        else if (r.network() != null && !r.network().cidrs().isEmpty()) {
            p = parser.parseAs(IndicatorType.CIDR, r.network().cidrs().get(0));
        } else if (r.autnum() != null && r.autnum().number() != null) {
            p = parser.parseAs(IndicatorType.ASN, "AS" + r.autnum().number());
        }
        return p instanceof ParseResult.Parsed ok ? ok.parsed().indicator() : null;
    }

    private static final Pattern DB_UPDATE = Pattern.compile(
            "(?i)last update of (?:the )?(?:whois|rdap) database:?\\s*\"?([^<\"\\r\\n]{6,60}?)\\s*\"?\\s*(?:<<<|\\r?\\n|$)");

    private static final Pattern RDAP_UPDATE = Pattern.compile(
            "(?i)\"eventAction\"\\s*:\\s*\"last update of rdap database\"\\s*,\\s*\"eventDate\"\\s*:\\s*\"([^\"]{6,40})\"");

    /**
     * The date an answer states for itself (WHOIS "Last update of whois database: …", RDAP's "last update of RDAP
     * database" event), or null.
     */
    public static Instant ownDate(String text) {
        String head = text.length() > 200_000 ? text.substring(0, 200_000) : text;
        for (Pattern p : List.of(DB_UPDATE, RDAP_UPDATE)) {
            Matcher m = p.matcher(head);
            if (m.find()) return RegistrationDates.parse(m.group(1).strip());
        }
        return null;
    }
}

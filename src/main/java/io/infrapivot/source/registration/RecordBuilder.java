package io.infrapivot.source.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mutable accumulator for a {@link RegistrationRecord} while a parser reads an answer. Setters keep the first
 * non-blank value (answers repeat keys; the first is the registry's), lists are de-duplicated and bounded.
 */
public final class RecordBuilder {
    private static final int MAX_LIST = 200;

    private String kind;
    private final String query;
    private String domain;
    private RegistrationStatus status;
    private final Set<String> statuses = new LinkedHashSet<>();
    private String registrarName;
    private String ianaId;
    private String registrarUrl;
    private String abuseEmail;
    private String abusePhone;
    private String whoisServer;
    private Instant created;
    private Instant updated;
    private Instant expires;
    private final Set<String> nameServers = new LinkedHashSet<>();
    private Boolean dnssec;
    private final ContactBuilder registrant = new ContactBuilder();
    private final ContactBuilder admin = new ContactBuilder();
    private final ContactBuilder tech = new ContactBuilder();
    private final ContactBuilder billing = new ContactBuilder();
    private final ContactBuilder abuse = new ContactBuilder();
    private Contacts presetContacts;
    private boolean privacy;
    private ParseStatus parseStatus = ParseStatus.FULL;
    private Network network;
    private AutNum autnum;
    private String source;
    private String server;
    private String format;
    private Instant fetched;
    private final Set<String> redacted = new LinkedHashSet<>();
    private final Set<String> emailsFound = new LinkedHashSet<>();
    private final Set<Instant> datesFound = new LinkedHashSet<>();
    private final List<String> remarks = new ArrayList<>();
    private String raw;

    RecordBuilder(String kind, String query) {
        this.kind = kind;
        this.query = query;
    }

    static RecordBuilder from(RegistrationRecord r) {
        RecordBuilder b = new RecordBuilder(r.kind(), r.query());
        b.domain = r.domain();
        b.status = r.status();
        b.statuses.addAll(r.statuses());
        if (r.registrar() != null) {
            b.registrarName = r.registrar().name();
            b.ianaId = r.registrar().ianaId();
            b.registrarUrl = r.registrar().url();
            b.abuseEmail = r.registrar().abuseEmail();
            b.abusePhone = r.registrar().abusePhone();
            b.whoisServer = r.registrar().whoisServer();
        }
        b.created = r.created();
        b.updated = r.updated();
        b.expires = r.expires();
        b.nameServers.addAll(r.nameServers());
        b.dnssec = r.dnssec();
        b.presetContacts = r.contacts();
        b.privacy = r.privacy();
        b.parseStatus = r.parseStatus();
        b.network = r.network();
        b.autnum = r.autnum();
        b.source = r.source();
        b.server = r.server();
        b.format = r.format();
        b.fetched = r.fetched();
        b.redacted.addAll(r.redacted());
        b.emailsFound.addAll(r.emailsFound());
        b.datesFound.addAll(r.datesFound());
        b.remarks.addAll(r.remarks());
        b.raw = r.raw();
        return b;
    }

    public RecordBuilder kind(String v) {
        kind = v;
        return this;
    }

    /** The domain name so far, or null. */
    public String domain() {
        return domain;
    }

    public RecordBuilder domain(String v) {
        String c = ContactBuilder.clean(v);
        if (domain == null && c != null) domain = trimDot(c.toLowerCase(Locale.ROOT));
        return this;
    }

    public RecordBuilder status(RegistrationStatus v) {
        status = v;
        return this;
    }

    public RegistrationStatus status() {
        return status;
    }

    /** The registry's status codes so far. */
    public java.util.Set<String> statuses() {
        return java.util.Collections.unmodifiableSet(statuses);
    }

    public RecordBuilder addStatus(String v) {
        String c = ContactBuilder.clean(v);
        if (c != null && statuses.size() < MAX_LIST) statuses.add(c);
        return this;
    }

    public RecordBuilder registrarName(String v) {
        String c = ContactBuilder.clean(v);
        if (c != null) c = ContactBuilder.clean(REGISTRAR_TAG.matcher(c).replaceFirst("")); // Nominet's, ZACR's tags
        java.util.regex.Matcher withUrl = c == null || c.length() > 300 ? null : NAME_AND_URL.matcher(c);
        if (withUrl != null && withUrl.matches()) { // "Example Ltd (http://www.example.gg)", nic.at's "( https://… )"
            c = withUrl.group(1).strip();
            registrarUrl(withUrl.group(2));
        }
        if (c != null && PLACEHOLDERS.contains(c.toLowerCase(Locale.ROOT))) return this; // "N/A", "-": no registrar
        registrarName = Contact.first(registrarName, c);
        return this;
    }

    /** Values registries print where a field has none. */
    /** "[Tag = MARKMONITOR]" (Nominet), "[ ID = 12345 ]" (ZACR) after a registrar's name. */
    private static final java.util.regex.Pattern REGISTRAR_TAG = java.util.regex.Pattern.compile(
            "(?i)\\s*\\[\\s*(?:tag|id)\\s*=\\s*[^\\]\\[]{0,100}]\\s*$");
    private static final java.util.regex.Pattern NAME_AND_URL = java.util.regex.Pattern.compile(
            "^([^()]+?)\\s*\\(\\s*(https?://[^\\s()]+)\\s*\\)$");
    private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("-", "--", "n/a", "na", "none",
            "not available", "not disclosed", "unknown", "(not set)", "not set", "null", "<no value>", "no registrar");

    /** The name servers so far. */
    public java.util.Set<String> nameServers() {
        return java.util.Collections.unmodifiableSet(nameServers);
    }

    /** The registrar's name so far, or null. */
    public String registrarName() {
        return registrarName;
    }

    public RecordBuilder ianaId(String v) {
        ianaId = Contact.first(ianaId, ContactBuilder.clean(v));
        return this;
    }

    public RecordBuilder registrarUrl(String v) {
        registrarUrl = Contact.first(registrarUrl, ContactBuilder.clean(v));
        return this;
    }

    public RecordBuilder abuseEmail(String v) {
        abuseEmail = Contact.first(abuseEmail, ContactBuilder.clean(v));
        return this;
    }

    public RecordBuilder abusePhone(String v) {
        abusePhone = Contact.first(abusePhone, ContactBuilder.clean(v));
        return this;
    }

    public RecordBuilder whoisServer(String v) {
        whoisServer = Contact.first(whoisServer, ContactBuilder.clean(v));
        return this;
    }

    public String whoisServer() {
        return whoisServer;
    }

    public RecordBuilder created(Instant v) {
        if (created == null) created = v;
        return this;
    }

    public RecordBuilder updated(Instant v) {
        if (updated == null) updated = v;
        return this;
    }

    public RecordBuilder expires(Instant v) {
        if (expires == null) expires = v;
        return this;
    }

    /**
     * Adds a name server: the host name of a name-server line, lower case, without trailing dot. Registries write
     * glue addresses on the same line ({@code ns1.example.com 192.0.2.1}, {@code ns1.example.com (192.0.2.1)},
     * {@code ns1.example.com [192.0.2.1]}, {@code ns1.example.com | IPv4: 192.0.2.1}, {@code ns1.example.com,
     * 192.0.2.1}), list markers before it ({@code - ns1…}, {@code 1. ns1…}) and placeholders instead of one
     * ({@code No nameserver}, {@code not defined}, {@code none}, {@code N/A}): only a syntactically valid host
     * name of at least two labels is kept, so a placeholder never becomes a host.
     */
    public RecordBuilder nameServer(String v) {
        String host = nameServerHost(v);
        if (host != null && nameServers.size() < MAX_LIST) nameServers.add(host);
        return this;
    }

    private static final java.util.regex.Pattern NS_HOST = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.)+(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?"
                    + "|xn--[a-z0-9-]{1,59})");
    private static final java.util.regex.Pattern NS_LEAD = java.util.regex.Pattern.compile(
            "^(?:[-*\u2022>]+\\s*|\\d{1,2}[.)]\\s+|(?:ns|dns|nserver|name ?server)\\s*\\d*\\s*[:=]\\s*)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Placeholders that look like host names (.uz "not.defined. <no value>"). */
    private static final java.util.Set<String> NS_PLACEHOLDERS = java.util.Set.of("not.defined", "no.nameserver",
            "none.none", "not.set", "not.available", "no.ns", "ns.not.defined", "example.invalid");

    /** The host name in a name-server line, or null when the line holds none (a placeholder, an address). */
    public static String nameServerHost(String v) {
        String c = ContactBuilder.clean(v);
        if (c == null) return null;
        String t = NS_LEAD.matcher(c).replaceFirst("").strip();
        String first = t.split("[\\s,;|\\[(<]+", 2)[0].toLowerCase(Locale.ROOT);
        first = trimDot(first);
        return NS_HOST.matcher(first).matches() && !NS_PLACEHOLDERS.contains(first) ? first : null;
    }

    public RecordBuilder dnssec(Boolean v) {
        if (dnssec == null) dnssec = v;
        return this;
    }

    public ContactBuilder registrant() {
        return registrant;
    }

    public ContactBuilder admin() {
        return admin;
    }

    public ContactBuilder tech() {
        return tech;
    }

    public ContactBuilder billing() {
        return billing;
    }

    public ContactBuilder abuse() {
        return abuse;
    }

    /** The contact builder for a role name (registrant, admin, tech, billing, abuse), or null. */
    public ContactBuilder contact(String role) {
        return switch (role) {
            case "registrant" -> registrant;
            case "admin" -> admin;
            case "tech" -> tech;
            case "billing" -> billing;
            case "abuse" -> abuse;
            default -> null;
        };
    }

    public RecordBuilder privacy(boolean v) {
        privacy |= v;
        return this;
    }

    public RecordBuilder parseStatus(ParseStatus v) {
        parseStatus = v;
        return this;
    }

    public RecordBuilder network(Network v) {
        network = v;
        return this;
    }

    public RecordBuilder autnum(AutNum v) {
        autnum = v;
        return this;
    }

    public RecordBuilder source(String v) {
        source = v;
        return this;
    }

    public RecordBuilder server(String v) {
        server = v;
        return this;
    }

    public RecordBuilder format(String v) {
        format = v;
        return this;
    }

    public RecordBuilder fetched(Instant v) {
        fetched = v;
        return this;
    }

    public RecordBuilder redacted(String field) {
        String c = ContactBuilder.clean(field);
        if (c != null && redacted.size() < MAX_LIST) redacted.add(c);
        return this;
    }

    public RecordBuilder emailFound(String v) {
        String c = ContactBuilder.clean(v);
        if (c != null && emailsFound.size() < MAX_LIST) emailsFound.add(c.toLowerCase(Locale.ROOT));
        return this;
    }

    public RecordBuilder dateFound(Instant v) {
        if (v != null && datesFound.size() < MAX_LIST) datesFound.add(v);
        return this;
    }

    public RecordBuilder remark(String v) {
        String c = ContactBuilder.clean(v);
        if (c != null && remarks.size() < 50 && !remarks.contains(c)) remarks.add(c);
        return this;
    }

    public RecordBuilder raw(String v) {
        raw = v == null ? null : v.length() > 65536 ? v.substring(0, 65536) : v;
        return this;
    }

    /**
     * Whether the answer carried registration data (dates, registrar, name servers, contacts, a network or an
     * ASN): a domain name and a status alone do not count, since "not found" answers echo both.
     */
    public boolean hasRegistrationData() {
        return registrarName != null || created != null || updated != null || expires != null
                || !nameServers.isEmpty() || network != null || autnum != null || !registrant.isEmpty()
                || !admin.isEmpty() || !tech.isEmpty() || !abuse.isEmpty();
    }

    /** Whether any structured field (beyond the query) was set. */
    public boolean hasData() {
        return domain != null || registrarName != null || created != null || updated != null || expires != null
                || !nameServers.isEmpty() || !statuses.isEmpty() || network != null || autnum != null
                || !registrant.isEmpty() || !admin.isEmpty() || !tech.isEmpty() || !abuse.isEmpty();
    }

    /** Builds the record; privacy of the contacts is decided by {@link PrivacyServices#standard()}. */
    public RegistrationRecord build() {
        Registrar reg = new Registrar(registrarName, ianaId, registrarUrl, abuseEmail, abusePhone, whoisServer);
        Contacts built = new Contacts(registrant.build(), admin.build(), tech.build(), billing.build(),
                abuse.build());
        Contacts all = presetContacts == null ? built : built.orElse(presetContacts);
        Contacts marked = PrivacyServices.standard().mark(all);
        boolean priv = privacy || PrivacyServices.isPrivate(marked);
        RegistrationStatus st = status != null ? status : hasRegistrationData() ? RegistrationStatus.REGISTERED
                : RegistrationStatus.UNKNOWN;
        return new RegistrationRecord(kind, query, domain, st, List.copyOf(statuses), reg.isEmpty() ? null : reg,
                created, updated, expires, null, List.copyOf(nameServers), dnssec, marked, priv, parseStatus,
                network, autnum, source, server, format, fetched, List.copyOf(redacted), List.copyOf(emailsFound),
                List.copyOf(datesFound), remarks, raw);
    }

    static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

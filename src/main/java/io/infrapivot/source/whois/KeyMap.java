package io.infrapivot.source.whois;

import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key names domain WHOIS answers use (ICANN RAA 2013, Verisign, and the ccTLD variants), mapped onto the
 * normalised record. Keys arrive normalised by {@link WhoisText#normKey}.
 */
final class KeyMap {
    private static final Set<String> DOMAIN = Set.of("domain name", "domain", "domainname", "domain name ascii",
            "nombre de dominio", "dominio", "nom de domaine", "nome de dominio");
    private static final Set<String> REGISTRAR = keys("registrar", "sponsoring registrar", "registrar name",
            "registrar organization", "authorized agency", "registration service provider", "current registar", "current registrar",
            "registered by", "registrar organization name", "agente registrador", "registrar company",
            "registrador", "registraire", "bureau d enregistrement", "entidade registradora", "registrar handle",
            "sponsoring registrar organization", "registrar organisation", "registrar of record",
            "domain registrar", "registrar company name", "registration agent", "registrar service provider",
            "prestataire", "agente registrador", "registrar organization name");
    private static final Set<String> IANA = Set.of("registrar iana id", "sponsoring registrar iana id");
    private static final Set<String> URL = Set.of("registrar url", "referral url", "registrar website", "www",
            "registration service url");
    private static final Set<String> WHOIS = Set.of("registrar whois server", "whois server");
    private static final Set<String> ABUSE_EMAIL = Set.of("registrar abuse contact email");
    private static final Set<String> ABUSE_PHONE = Set.of("registrar abuse contact phone");
    private static final Set<String> CREATED = keys("creation date", "created", "created date", "created on",
            "registration time", "registered on", "registered", "registration date", "domain registration date",
            "domain create date", "registered date", "record created", "connected date",
            "domain name commencement date", "first registration date", "domain created", "entry created",
            "fecha de creacion", "fecha de registro", "fecha de activacion", "domain dateregistered", "creation",
            "registration", "date de creation", "data de criacao", "created at", "activation date",
            "domain registered", "registration created", "create date", "date created", "date registered",
            "date of registration", "registration on", "domain creation date", "created date time", "registrated",
            "domain record activated", "creation time", "created time", "date of creation", "first registered",
            "fecha de alta", "data de registo", "data de registro", "date d enregistrement", "date de creation",
            "registration date time", "domain registration", "domain created date", "creation date utc",
            "registered at", "created date utc", "create time", "registered since");
    private static final Set<String> UPDATED = keys("updated date", "last updated", "last modified", "changed",
            "last update", "modified", "updated", "last updated date", "domain last updated date",
            "record last updated on", "modified date", "entry updated", "ultima actualizacion",
            "domain datelastmodified", "updated on", "last update date", "last modification", "date de modification",
            "data de atualizacao", "updated at", "last change", "changed date", "record last modified",
            "last modified date", "domain last modified", "modification date", "update date", "last updated on",
            "date updated", "modified on", "changed on", "last changed", "domain updated", "last update on",
            "last update time", "date of last change", "last change date", "last changed date",
            "last modification date", "update time", "updated time", "last edited", "derniere modification",
            "data de alteracao", "ultima modificacion", "fecha de modificacion", "fecha de actualizacion",
            "last updated on date", "domain last update", "domain last updated", "last updated date utc",
            "updated date utc", "record last updated", "domain modified", "last modified on");
    private static final Set<String> EXPIRES = keys("registry expiry date", "registrar registration expiration date",
            "expiration date", "expiry date", "expiration time", "paid till", "expires", "expire", "expire date", "expires on",
            "renewal date", "domain expiration date", "record expires on", "free date", "valid until",
            "validity", "expiry", "expiration", "fecha de vencimiento", "fecha de expiracion", "fecha de corte",
            "domain datebilleduntil", "record expired", "expires at", "date d expiration", "data de expiracao",
            "valid till", "registered until", "expire at", "billed until", "exp date", "expire on", "expiry on",
            "paid until", "domain expires", "date of expiry", "expiration on", "renewal", "valid thru",
            "expire time", "expiry time", "expires date", "renewal due", "renew date", "next renewal",
            "fecha de expiracion", "vencimiento", "data de validade", "data de expiracao", "ablaufdatum",
            "domain expiry date", "domain expiry", "domain expiration", "registry expiry date utc",
            "expiration date utc", "expiry date utc", "valid to", "expires at date", "domain valid until");
    private static final Set<String> STATUS = keys("domain status", "status", "state", "registration status", "epp status",
            "estatus del dominio", "estado", "estado del dominio", "domain state", "query status", "eppstatus",
            "statut", "situacao", "domain status code", "registry status");
    private static final Set<String> NS = keys("name server", "nserver", "nameserver", "name servers",
            "nameservers", "host name", "domain servers in listed order", "domain servers",
            "name servers information", "hostname", "servers", "primary server", "secondary server",
            "servidor(es) de nombres de dominio", "servidores de nombres", "servidores dns", "dns servers",
            "name server information", "domain servers information", "name servers in the listed order",
            "nameservers in listed order", "nameserver in listed order", "name servers in listed order",
            "domain nameservers", "ns", "dns", "name server(s)", "nameserver(s)", "dns server", "dns name server",
            "name server host", "primary dns", "secondary dns", "primary name server", "secondary name server",
            "serveurs dns", "serveur dns", "servidores de nombre", "servidores", "nameservers list");
    private static final Set<String> DNSSEC = Set.of("dnssec", "signed", "dnssec status");
    private static final Map<String, String> ROLES = Map.of("registrant", "registrant", "admin", "admin",
            "administrative", "admin", "tech", "tech", "technical", "tech", "billing", "billing", "owner",
            "registrant", "holder", "registrant", "titular", "registrant");
    private static final Pattern ROLE_FIELD = Pattern.compile(
            "(registrant|admin|administrative|tech|technical|billing|owner|holder|titular)(?: contact)?(?: (.+))?");
    /** A contact handle: one token of letters and digits with a dash, at least one digit. */
    private static final Pattern HANDLE = Pattern.compile("(?=[^\\s]*\\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+");
    private static final Pattern EPP_URL = Pattern.compile("\\s+(?:https?://\\S+|\\(.*\\))$");

    /** Numbered name-server keys: "NS 1", "nameserver1", "ns_name_01", "nserver 2", "Name Server 3", "dns1". */
    private static final Pattern NS_NUMBERED = Pattern.compile(
            "(?:ns|nameserver|name server|nserver|ns name|dns|name server \\w+|dns server|servidor de nombres"
                    + "|servidor dns)\\s?\\d{1,2}");

    /**
     * "Record expires on 2026-05-06 (YYYY-MM-DD)", "Registered on 09th March 2004 at 14:20:21": dates written as
     * sentences (older registrar formats, .tw, Island Networks' .gg/.je). Not "Last updated on": answers end with
     * the database's own date.
     */
    private static final Pattern SENTENCE_DATE = Pattern.compile(
            "(?i)^\\s*(record expires on|record created on|record last updated on|expires on|created on|registered on)"
                    + "\\s+([^:]{0,10}\\d.{0,70}?)(?:\\s*\\([ymd/.-]+\\))?\\s*$");

    private KeyMap() {}

    /** A set of normalised keys (repeats allowed in the list). */
    private static Set<String> keys(String... k) {
        return Set.copyOf(java.util.Arrays.asList(k));
    }

    /** Reads a date written as a sentence into the record; false when the line is no such sentence. */
    static boolean sentenceDate(RecordBuilder b, String line, ZoneOffset zone) {
        if (line.length() > 200) return false;
        Matcher m = SENTENCE_DATE.matcher(line);
        if (!m.matches()) return false;
        String k = m.group(1).toLowerCase(Locale.ROOT);
        java.time.Instant at = RegistrationDates.parse(m.group(2), zone);
        if (at == null) return false;
        if (k.contains("expires")) b.expires(at);
        else if (k.contains("created") || k.contains("registered")) b.created(at);
        else b.updated(at);
        return true;
    }

    /** Whether a value is a contact or registrar handle (one token with a dash and a digit: "REG-0001"). */
    static boolean isHandle(String value) {
        return value != null && HANDLE.matcher(value.strip()).matches();
    }

    private static boolean ns(String key) {
        return NS.contains(key) || NS_NUMBERED.matcher(key).matches();
    }

    /** Applies one pair to the builder; returns false when the key is not a domain field. */
    static boolean apply(RecordBuilder b, String key, String value, ZoneOffset zone) {
        if (value == null || value.isBlank()) return isKnown(key);
        if (DOMAIN.contains(key)) b.domain(value.split("\\s+")[0]);
        else if (REGISTRAR.contains(key)) b.registrarName(value);
        else if (IANA.contains(key)) b.ianaId(value);
        else if (URL.contains(key)) b.registrarUrl(value);
        else if (WHOIS.contains(key)) b.whoisServer(value);
        else if (ABUSE_EMAIL.contains(key)) b.abuseEmail(value);
        else if (ABUSE_PHONE.contains(key)) b.abusePhone(value);
        else if (CREATED.contains(key)) b.created(RegistrationDates.parse(value, zone));
        else if (UPDATED.contains(key)) b.updated(RegistrationDates.parse(lastToken(value), zone));
        else if (EXPIRES.contains(key)) b.expires(RegistrationDates.parse(value, zone));
        else if (STATUS.contains(key)) statuses(b, value);
        else if (ns(key)) {
            // Punktum (.dk) prints the name itself as "DNS:"; RNIDS (.rs) its name servers ("DNS: ns1… - 192.0.2.1")
            if (!key.equals("dns") || !value.strip().equalsIgnoreCase(b.domain())) b.nameServer(value);
        }
        else if (DNSSEC.contains(key)) b.dnssec(dnssec(value));
        else return contact(b, key, value);
        return true;
    }

    /** Splits "clientTransferProhibited https://icann.org/epp#..." and "REGISTERED, DELEGATED" into codes. */
    static void statuses(RecordBuilder b, String value) {
        String v = EPP_URL.matcher(value.strip()).replaceFirst("");
        // "REGISTERED, DELEGATED"; .it "pendingDelete / redemptionPeriod"; .kz "clientDeleteProhibited - status …"
        v = v.replaceFirst("\\s+-\\s+.*$", "");
        for (String s : v.split(",|\\s+/\\s+")) b.addStatus(s.strip());
    }

    /** "yes", "signed", "signedDelegation" → true; "no", "unsigned" → false; anything else null. */
    static Boolean dnssec(String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        if (v.startsWith("unsigned") || v.equals("no") || v.equals("n") || v.equals("inactive")
                || v.startsWith("not signed")) {
            return Boolean.FALSE;
        }
        if (v.startsWith("signed") || v.equals("yes") || v.equals("y") || v.equals("active")
                || v.startsWith("signeddelegation")) {
            return Boolean.TRUE;
        }
        return null;
    }

    /** KISA (.kr): the administrative contact is "AC". */
    private static final Map<String, String> KR_ADMIN = Map.of("administrative contact(ac)", "name", "ac e mail",
            "email", "ac phone number", "phone");

    /** Contact fields: "Registrant Name", "Admin Email", "Tech Contact Phone", "Registrant" (the name). */
    static boolean contact(RecordBuilder b, String key, String value) {
        if (KR_ADMIN.containsKey(key)) return field(b.admin(), KR_ADMIN.get(key), value);
        if (key.equals("org country")) return field(b.registrant(), "country", value); // .lu: the holder's country
        // "Domain Holder Organization" (.th), "Domain Registrant Name": the role after a leading "domain"
        Matcher m = ROLE_FIELD.matcher(key.startsWith("domain ") ? key.substring(7) : key);
        if (!m.matches()) return false;
        ContactBuilder c = b.contact(ROLES.get(m.group(1)));
        if (m.group(2) == null && HANDLE.matcher(value.strip()).matches()) {
            c.handle(value.strip()); // "holder: exmbut0101-00001" (.se, .nu) names the contact by its handle
            return true;
        }
        return field(c, m.group(2) == null ? "name" : m.group(2), value);
    }

    /** One contact field by its (normalised) name; false when unknown. */
    static boolean field(ContactBuilder c, String f, String value) {
        switch (f) {
            case "name", "contact name", "contact", "person" -> c.name(value);
            case "organization", "organisation", "org", "contact organisation", "contact organization",
                 "organization name", "organisation name", "company name" ->
                    c.organization(value);
            case "email", "e mail", "contact email", "mail", "holder email" -> c.email(value);
            case "phone", "phone number", "contact phone", "tel" -> c.phone(value);
            case "country", "country code", "contact country", "country economy" -> c.country(value);
            case "street", "address", "contact address", "postal address" -> c.street(value);
            case "city", "contact city" -> c.city(value);
            case "id", "contact id", "handle", "nic hdl", "nic hdl br", "c" -> c.handle(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Keys whose further values may follow on indented lines without a key (name servers, statuses). */
    static boolean isList(String key) {
        return ns(key) || STATUS.contains(key);
    }

    static boolean isNameServer(String key) {
        return ns(key);
    }

    /** A heading with no value that opens one contact's lines: "Registrant:", "Registrant Contact Information:". */
    static String blockRole(String key) {
        String k = key.endsWith(" information") ? key.substring(0, key.length() - " information".length()) : key;
        if (k.endsWith(" of domain name")) k = k.substring(0, k.length() - " of domain name".length()); // .ch
        if (k.endsWith(" contact")) k = k.substring(0, k.length() - " contact".length());
        return switch (k) {
            case "registrant", "holder", "owner", "titular", "domain owner", "domain holder", "registered for",
                 "titulaire", "registrant organisation", "registrant organization" -> "registrant";
            case "administrative", "admin" -> "admin";
            case "technical", "tech" -> "tech";
            case "billing" -> "billing";
            default -> null;
        };
    }

    /** A key this map knows (a record field or a contact field of a role). */
    static boolean isKnownField(String key) {
        return DOMAIN.contains(key) || REGISTRAR.contains(key) || CREATED.contains(key) || UPDATED.contains(key)
                || EXPIRES.contains(key) || STATUS.contains(key) || ns(key) || DNSSEC.contains(key)
                || URL.contains(key);
    }

    static boolean isDateKey(String key) {
        return CREATED.contains(key) || UPDATED.contains(key) || EXPIRES.contains(key);
    }

    static boolean isRegistrar(String key) {
        return REGISTRAR.contains(key);
    }

    private static boolean isKnown(String key) {
        return DOMAIN.contains(key) || STATUS.contains(key) || ns(key) || DNSSEC.contains(key);
    }

    /** "registrant@example.com 20240101" (old RIPE-style changed lines): the date part. */
    private static String lastToken(String v) {
        String[] parts = v.strip().split("\\s+");
        return parts.length == 2 && parts[0].contains("@") ? parts[1] : v;
    }
}

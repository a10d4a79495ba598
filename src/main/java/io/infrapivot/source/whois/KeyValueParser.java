package io.infrapivot.source.whois;

import io.infrapivot.source.registration.Contact;
import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.RecordBuilder;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat {@code Key: Value} answers: the ICANN 2013 RAA format (registry thin and registrar thick), Verisign's
 * .com/.net thin answers, and the ccTLDs that print flat pairs (.au, .cn, .ru, .de, .pl, .se, .fi, .dk, .ee, .ch,
 * .hk, .tw). Headings switch what the following pairs describe: DENIC's {@code [Holder]}/{@code [Tech-C]}, a
 * heading alone on its line ({@code Holder}, {@code Nameservers}), or a key without a value ({@code Registrant:},
 * {@code Registrar:}, {@code Domain:}, {@code Name servers:}), whose value may also be the next line (.ch) or,
 * for a contact, lines without keys (.tw). The record keeps the first value of each field, so a contact's or a
 * registrar's own dates never replace the domain's.
 */
final class KeyValueParser {
    private static final Pattern BRACKET = Pattern.compile("^\\s*\\[([A-Za-z-]+)]\\s*$");

    private KeyValueParser() {}

    /** A host name alone on its line (name servers listed under their heading). */
    private static final Pattern HOST_LINE = Pattern.compile(
            "^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)+\\.?"
                    + "(?:[\\s,]+[\\[(]?(?:ipv[46]:?\\s*)?[0-9a-fA-F.:]+[\\])]?)*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_MARK = Pattern.compile("^(?:[-*\u2022]|\\d{1,2}[.)])\\s+");
    private static final Pattern PHONE_LINE = Pattern.compile("^\\+?[0-9][0-9 .()-]{5,}(?:\\s*(?:ext|x)\\.?\\s*\\d+)?$");
    /** "Domain EXAMPLE.KG (ACTIVE)": the name and its state on a line without a colon. */
    private static final Pattern DOMAIN_LINE = Pattern.compile(
            "^(?i:domain)\\s+([A-Za-z0-9][A-Za-z0-9.-]*\\.[A-Za-z0-9-]{2,63})\\.?(?:\\s+\\(([A-Za-z ]{2,30})\\))?\\s*$");
    /** .hk: "Company English Name (It should be the same as …): NAME" — a key too long for a pair. */
    private static final Pattern HK_COMPANY = Pattern.compile("(?i)^\\s*company english name\\b.*?\\):\\s*(.+)$");

    /** Keys of an address: a "State" after one is the province, not the domain's state. */
    private static final java.util.Set<String> ADDRESS_KEYS = java.util.Set.of("city", "street", "street address",
            "address", "postal address", "town", "locality");

    /** What the pairs after a heading describe. */
    private enum Kind { RECORD, CONTACT, DOMAIN, REGISTRAR, NAME_SERVERS, IGNORED }

    /** Reads the pairs into {@code b}; returns how many pairs were understood. */
    static int parse(List<String> lines, RecordBuilder b, ZoneOffset zone) {
        int understood = 0;
        Kind kind = Kind.RECORD;
        ContactBuilder section = null; // the contact a CONTACT section describes
        ContactBlock block = null; // its lines without keys (.tw)
        String listKey = null; // a key whose further values follow on lines of their own (name servers)
        String valueKey = null; // a heading with no value whose value is the next line (.ch, .pl "REGISTRAR:")
        String registrarHandle = null; // "Registrar: REG-0001" (.sk): the registrar named by its handle
        boolean blockStart = true; // the line follows a blank line (or is the first)
        String lastKey = null; // the key of the previous pair
        for (String line : lines) {
            boolean atStart = blockStart;
            blockStart = line.isBlank();
            Matcher m = BRACKET.matcher(line);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                // .lv and others: "[Domain]", "[Registrar]", "[Nservers]" beside DENIC's contact sections
                kind = switch (name) {
                    case "domain" -> Kind.RECORD;
                    case "registrar" -> Kind.REGISTRAR;
                    case "nservers", "nameservers", "nserver", "name servers", "dns" -> Kind.NAME_SERVERS;
                    case "whois", "disclaimer" -> Kind.IGNORED; // the database's own timestamp, terms of use
                    default -> Kind.CONTACT;
                };
                section = kind == Kind.CONTACT ? denicRole(b, m.group(1)) : null;
                block = null;
                listKey = valueKey = null;
                continue;
            }
            if (KeyMap.sentenceDate(b, line, zone)) {
                understood++;
                block = null;
                continue;
            }
            if (kind == Kind.IGNORED) continue;
            Matcher dl = DOMAIN_LINE.matcher(line);
            if (dl.matches()) {
                b.domain(dl.group(1)); // .kg "Domain EXAMPLE.KG (ACTIVE)"
                if (dl.group(2) != null) b.addStatus(dl.group(2));
                understood++;
                continue;
            }
            Matcher hk = HK_COMPANY.matcher(line);
            if (hk.matches()) {
                b.registrant().organization(hk.group(1).strip());
                understood++;
                continue;
            }
            WhoisText.Pair p = WhoisText.pair(line);
            if (p == null) {
                String v = line.strip();
                boolean indented = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
                String header = indented ? null : v.toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    block = null;
                    continue; // a heading's values may follow a blank line (.hk)
                }
                if (header != null && HEADERS.containsKey(header)) {
                    // a section named on a line of its own (.fi, .dk: "Holder", "Registrar", "Nameservers")
                    String role = HEADERS.get(header);
                    kind = role.equals("registrar") ? Kind.REGISTRAR : !role.isEmpty() ? Kind.CONTACT
                            : header.contains("name") ? Kind.NAME_SERVERS : Kind.RECORD;
                    section = kind == Kind.CONTACT ? b.contact(role) : null;
                    block = null;
                    listKey = valueKey = null;
                    continue;
                }
                if (block != null) {
                    block.line(v);
                    understood++;
                } else if (valueKey != null) {
                    if (KeyMap.apply(b, valueKey, v, zone)) understood++;
                    if (!KeyMap.isList(valueKey)) valueKey = null;
                } else if ((listKey != null || kind == Kind.NAME_SERVERS)
                        && HOST_LINE.matcher(LIST_MARK.matcher(v).replaceFirst("")).matches()) {
                    b.nameServer(LIST_MARK.matcher(v).replaceFirst("")); // "- ns1.example.com.ve" (.ve)
                    understood++;
                } else if (listKey != null && indented && KeyMap.apply(b, listKey, v, zone)) {
                    understood++;
                } else {
                    listKey = null;
                }
                continue;
            }
            block = null;
            valueKey = null;
            String previousKey = lastKey;
            lastKey = p.key();
            if (p.key().equals("state") && previousKey != null && ADDRESS_KEYS.contains(previousKey)) {
                continue; // "City: Almaty" / "State: Almaty" (.kz): the province of an address, not a status
            }
            listKey = KeyMap.isList(p.key()) ? p.key() : null;
            if (KeyMap.isRegistrar(p.key()) && KeyMap.isHandle(p.value())) {
                // the registrar by its handle; a block opening with the same handle describes it (.sk)
                if (atStart && p.value().strip().equals(registrarHandle)) {
                    kind = Kind.REGISTRAR;
                    section = null;
                } else if (registrarHandle == null) {
                    registrarHandle = p.value().strip();
                }
                understood++;
                continue;
            }
            if (atStart && p.key().equals("contact") && KeyMap.isHandle(p.value())) {
                kind = Kind.CONTACT; // "Contact: HANDLE" opens one contact's block (.sk)
                section = byHandle(b, p.value().strip()); // the registrant's (or admin's) own block, by its handle
                continue;
            }
            if (p.value().isBlank()) {
                String role = KeyMap.blockRole(p.key());
                if (role != null) {
                    // "Registrant:" then the contact's lines without keys (.tw), or its keyed fields (.hk, .ee)
                    kind = Kind.CONTACT;
                    section = b.contact(role);
                    block = new ContactBlock(section);
                    continue;
                }
                if (KeyMap.isRegistrar(p.key())) {
                    kind = Kind.REGISTRAR; // "Registrar:" then name: / url: (.ee), or the name alone (.pl, .ch)
                    section = null;
                    valueKey = p.key();
                    continue;
                }
                if (p.key().equals("domain") || p.key().equals("domain name")) {
                    kind = Kind.DOMAIN; // "Domain:" then name: (.ee), or the name alone (.ch)
                    section = null;
                    valueKey = p.key();
                    continue;
                }
                if (KeyMap.isNameServer(p.key()) || p.key().equals("dns") || p.key().equals("dns servers")) {
                    kind = Kind.NAME_SERVERS; // "Name Servers:" or .mx "DNS:" over an indented list
                    section = null;
                    continue;
                }
                if (KeyMap.isKnownField(p.key())) valueKey = p.key(); // "First registration date:" then the date (.ch)
                continue;
            }
            switch (kind) {
                case CONTACT -> {
                    if (KeyMap.field(section, p.key(), p.value())) {
                        understood++;
                        continue;
                    }
                    // not a field of the contact: a pair of the record itself (.hk's dates follow its contact);
                    // the record keeps the first value of each field, so a contact's own dates do not replace it
                }
                case DOMAIN -> {
                    if (p.key().equals("name")) {
                        b.domain(p.value());
                        understood++;
                        continue;
                    }
                }
                case REGISTRAR -> {
                    switch (p.key()) {
                        case "name", "organization", "organisation", "organization name", "organisation name",
                             "company name", "registrar name" -> b.registrarName(p.value());
                        case "url", "website", "www", "web" -> b.registrarUrl(p.value());
                        case "email", "e mail", "abuse email" -> b.abuseEmail(p.value());
                        default -> {
                            // the registrar's own dates and phone are not the record's; DNSSEC, status and name
                            // servers printed after it are (.ch)
                            if (KeyMap.isDateKey(p.key()) || !KeyMap.isKnownField(p.key())) continue;
                            if (KeyMap.apply(b, p.key(), p.value(), zone)) understood++;
                            continue;
                        }
                    }
                    understood++;
                    continue;
                }
                case NAME_SERVERS -> {
                    if (p.key().equals("hostname") || p.key().equals("name") || KeyMap.isNameServer(p.key())) {
                        b.nameServer(p.value());
                        understood++;
                        continue;
                    }
                    if (p.key().equals("changed") || p.key().equals("created")) continue;
                }
                default -> { }
            }
            if (tciContact(b, p) || KeyMap.apply(b, p.key(), p.value(), zone)) understood++;
        }
        if (b.registrarName() == null && registrarHandle != null) b.registrarName(registrarHandle);
        return understood;
    }

    /**
     * A contact written as lines without keys: "Example Ltd." / "Jane Doe  jane@example.com" / "+1.5555550100" /
     * street lines / "TW". The first line without an email is the organisation (for the registrant) or the name.
     */
    private static final class ContactBlock {
        private final ContactBuilder c;
        private int lines;

        ContactBlock(ContactBuilder c) {
            this.c = c;
        }

        void line(String v) {
            lines++;
            String email = WhoisText.email(v);
            if (email != null) {
                String before = v.substring(0, v.indexOf(email)).strip();
                if (!before.isEmpty()) c.name(before);
                c.email(email);
            } else if (PHONE_LINE.matcher(v).matches()) {
                c.phone(v);
            } else if (lines == 1) {
                c.organization(v);
            } else if (v.length() == 2 && v.chars().allMatch(Character::isLetter)) {
                c.country(v);
            } else {
                c.street(v);
            }
        }
    }

    /** Section names on a line of their own, and the contact their pairs describe ("" for none: flat pairs). */
    private static final java.util.Map<String, String> HEADERS = java.util.Map.ofEntries(
            java.util.Map.entry("holder", "registrant"), java.util.Map.entry("registrant", "registrant"),
            java.util.Map.entry("administrative contact", "admin"), java.util.Map.entry("admin contact", "admin"),
            java.util.Map.entry("technical contact", "tech"), java.util.Map.entry("tech contact", "tech"),
            java.util.Map.entry("billing contact", "billing"), java.util.Map.entry("registrar", "registrar"),
            java.util.Map.entry("domain managers", "registrar"), // .im: the registrar
            java.util.Map.entry("domain owners / registrant", "registrant"), java.util.Map.entry("domain details", ""),
            java.util.Map.entry("nameservers", ""), java.util.Map.entry("name servers", ""),
            java.util.Map.entry("dnssec", ""), java.util.Map.entry("domain information", ""),
            java.util.Map.entry("organization using domain name", "registrant")); // .kz

    /** The contact of the record that the handle names ("Registrant: PRIKLAD-0001"), else a contact of no role. */
    private static ContactBuilder byHandle(RecordBuilder b, String handle) {
        for (String role : List.of("registrant", "admin", "tech", "billing")) {
            ContactBuilder c = b.contact(role);
            Contact built = c.build(); // null while the contact holds nothing yet
            if (built != null && handle.equalsIgnoreCase(built.handle())) return c;
        }
        return new ContactBuilder();
    }

    /** DENIC section names: Holder, Admin-C, Tech-C, Zone-C. */
    private static ContactBuilder denicRole(RecordBuilder b, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "holder" -> b.registrant();
            case "admin-c" -> b.admin();
            case "tech-c", "zone-c" -> b.tech();
            default -> new ContactBuilder();
        };
    }

    /** .ru / .su (TCI): "org:", "person:", "e-mail:", "phone:" describe the registrant. */
    private static boolean tciContact(RecordBuilder b, WhoisText.Pair p) {
        return switch (p.key()) {
            case "org" -> {
                b.registrant().organization(p.value());
                yield true;
            }
            case "person" -> {
                b.registrant().name(p.value());
                yield true;
            }
            case "country" -> { // beside "org:" (.by): the holder's country
                b.registrant().country(p.value());
                yield true;
            }
            case "e mail" -> {
                b.registrant().email(p.value());
                yield true;
            }
            case "taxpayer id", "admin contact" -> true;
            default -> false;
        };
    }
}

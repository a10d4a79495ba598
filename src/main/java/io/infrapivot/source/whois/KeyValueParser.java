package io.infrapivot.source.whois;

import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.RecordBuilder;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat {@code Key: Value} answers: the ICANN 2013 RAA format (registry thin and registrar thick), Verisign's
 * .com/.net thin answers, and the ccTLDs that print flat pairs (.au, .cn, .ru, .de). DENIC-style
 * {@code [Holder]}/{@code [Tech-C]} headers switch the contact the following pairs describe.
 */
final class KeyValueParser {
    private static final Pattern BRACKET = Pattern.compile("^\\s*\\[([A-Za-z-]+)]\\s*$");

    private KeyValueParser() {}

    /** Reads the pairs into {@code b}; returns how many pairs were understood. */
    static int parse(List<String> lines, RecordBuilder b, ZoneOffset zone) {
        int understood = 0;
        ContactBuilder section = null;
        String listKey = null; // a key whose further values may follow on lines of their own (name servers)
        boolean registrarBlock = false; // "REGISTRAR:" alone, its name on the next line (.pl)
        for (String line : lines) {
            Matcher m = BRACKET.matcher(line);
            if (m.matches()) {
                section = denicRole(b, m.group(1));
                listKey = null;
                continue;
            }
            WhoisText.Pair p = WhoisText.pair(line);
            if (p == null) {
                String v = line.strip();
                String header = Character.isWhitespace(line.isEmpty() ? 'x' : line.charAt(0)) ? null
                        : v.toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    listKey = null;
                } else if (header != null && HEADERS.containsKey(header)) {
                    // a section named on a line of its own (.fi: "Holder", "Registrar", "Nameservers")
                    String role = HEADERS.get(header);
                    section = role.isEmpty() ? null : b.contact(role);
                    listKey = null;
                } else if (registrarBlock) {
                    b.registrarName(v);
                    registrarBlock = false;
                    understood++;
                } else if (listKey != null && Character.isWhitespace(line.charAt(0))
                        && KeyMap.apply(b, listKey, v, zone)) {
                    understood++;
                }
                continue;
            }
            registrarBlock = false;
            listKey = KeyMap.isList(p.key()) ? p.key() : null;
            if (section != null) {
                if (KeyMap.field(section, p.key(), p.value())) understood++;
                continue;
            }
            if (p.value().isBlank() && KeyMap.isRegistrar(p.key())) {
                registrarBlock = true;
                continue;
            }
            if (tciContact(b, p) || KeyMap.apply(b, p.key(), p.value(), zone)) understood++;
        }
        return understood;
    }

    /** Section names on a line of their own, and the contact their pairs describe ("" for none: flat pairs). */
    private static final java.util.Map<String, String> HEADERS = java.util.Map.ofEntries(
            java.util.Map.entry("holder", "registrant"), java.util.Map.entry("registrant", "registrant"),
            java.util.Map.entry("administrative contact", "admin"), java.util.Map.entry("admin contact", "admin"),
            java.util.Map.entry("technical contact", "tech"), java.util.Map.entry("tech contact", "tech"),
            java.util.Map.entry("billing contact", "billing"), java.util.Map.entry("registrar", ""),
            java.util.Map.entry("nameservers", ""), java.util.Map.entry("name servers", ""),
            java.util.Map.entry("dnssec", ""));

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
            case "e mail" -> {
                b.registrant().email(p.value());
                yield true;
            }
            case "taxpayer id", "admin contact" -> true;
            default -> false;
        };
    }
}

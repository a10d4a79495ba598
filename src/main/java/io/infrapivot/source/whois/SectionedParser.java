package io.infrapivot.source.whois;

import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.PrivacyServices;
import io.infrapivot.source.registration.RecordBuilder;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Answers made of headed, indented sections: Nominet (.uk: "Registrar:" then indented lines), SIDN (.nl),
 * EURid (.eu) and .it ("Registrant" then indented {@code Key: value} lines). A line at the smallest indent is a
 * top-level pair when it carries a value, otherwise the header of the lines indented below it.
 */
final class SectionedParser {
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 .()-]{5,}$");
    private static final Pattern TAG = Pattern.compile("\\s*\\[Tag = [^]]*]");

    private record Section(String name, List<String> lines) {}

    private SectionedParser() {}

    /** Whether the text has at least one header followed by indented lines. */
    static boolean looksSectioned(List<String> lines) {
        int min = minIndent(lines);
        for (int i = 0; i + 1 < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || WhoisText.indent(l) != min) continue;
            WhoisText.Pair p = WhoisText.pair(l);
            boolean header = p == null ? !l.strip().contains(" ") || l.strip().split("\\s+").length <= 3
                    : p.value().isEmpty();
            String next = lines.get(i + 1);
            if (header && !next.isBlank() && WhoisText.indent(next) > min) return true;
        }
        return false;
    }

    static int parse(List<String> lines, RecordBuilder b, ZoneOffset zone) {
        int min = minIndent(lines);
        List<Section> sections = new ArrayList<>();
        int understood = 0;
        Section cur = null;
        for (String l : lines) {
            if (l.isBlank()) continue;
            if (WhoisText.indent(l) <= min) {
                WhoisText.Pair p = WhoisText.pair(l);
                if (p != null && !p.value().isEmpty()) {
                    cur = null;
                    if (KeyMap.apply(b, p.key(), p.value(), zone)) understood++;
                } else {
                    String name = p != null ? p.key() : WhoisText.normKey(l.strip());
                    cur = new Section(name, new ArrayList<>());
                    sections.add(cur);
                }
            } else if (cur != null) {
                cur.lines().add(l.strip());
            }
        }
        for (Section s : sections) understood += section(b, s, zone);
        return understood;
    }

    private static int section(RecordBuilder b, Section s, ZoneOffset zone) {
        String n = s.name();
        if (s.lines().isEmpty()) return 0;
        String first = s.lines().get(0);
        if (n.equals("domain name") || n.equals("domain")) {
            b.domain(first);
        } else if (n.contains("name server") || n.contains("nameserver") || KeyMap.isNameServer(n)) {
            for (String l : s.lines()) {
                WhoisText.Pair p = WhoisText.pair(l);
                if (p == null) b.nameServer(l);
                else if (KeyMap.isNameServer(p.key()) && !p.value().isBlank()) b.nameServer(p.value()); // .kr: "Host Name : ns1…"
                else b.nameServer(l); // "ns1.example.com IPv4: 192.0.2.1": a host whose glue reads like a pair
            }
        } else if (n.equals("registrar") || KeyMap.isRegistrar(n)) {
            registrar(b, s.lines());
        } else if (n.equals("registration status") || n.equals("status") || n.equals("flags")) {
            // .be lists its EPP flags and "OUT OF SERVICE" under "Flags:"
            s.lines().forEach(l -> KeyMap.statuses(b, l));
        } else if (n.equals("dnssec") || n.equals("keys")) {
            b.dnssec(n.equals("keys") ? Boolean.TRUE : KeyMap.dnssec(first));
        } else if (n.equals("abuse contact")) {
            contact(b.abuse(), s.lines(), false);
        } else if (n.startsWith("registrant s address")) {
            s.lines().forEach(b.registrant()::street);
        } else if (role(b, n) != null) {
            contact(role(b, n), s.lines(), role(b, n) == b.registrant());
        } else {
            int understood = 0;
            boolean bareDone = false;
            for (String l : s.lines()) {
                if (KeyMap.sentenceDate(b, l, zone)) { // Island Networks: "Registered on 09th March 2004 at …"
                    understood++;
                    continue;
                }
                WhoisText.Pair p = WhoisText.pair(l);
                if (p != null) {
                    if (KeyMap.apply(b, p.key(), p.value(), zone)) understood++;
                } else if (!bareDone && KeyMap.isKnownField(n)) {
                    // a known field as a header with its value indented below it (JANET: "Renewal date:" then
                    // "Monday 1st Sep 2025"); list fields take every line
                    if (KeyMap.apply(b, n, l, zone)) understood++;
                    bareDone = !KeyMap.isList(n);
                }
            }
            return understood;
        }
        return 1;
    }

    private static ContactBuilder role(RecordBuilder b, String n) {
        if (n.startsWith("admin")) return b.admin();
        if (n.startsWith("tech")) return b.tech();
        if (n.startsWith("billing")) return b.billing();
        String role = KeyMap.blockRole(n); // "Registrant", "Holder", "Titular" (.ve), "Domain Owner" (.ac.uk)
        return role == null ? null : b.contact(role);
    }

    private static void registrar(RecordBuilder b, List<String> lines) {
        boolean named = false;
        for (String l : lines) {
            WhoisText.Pair p = WhoisText.pair(l);
            if (p == null) {
                if (!named) b.registrarName(TAG.matcher(l).replaceAll(""));
                named = true;
                continue;
            }
            switch (p.key()) {
                case "name", "organization", "organisation" -> {
                    // .it gives Organization (the name) and Name (a handle); the organisation is the name
                    if (p.key().equals("name") && lines.stream().anyMatch(x -> x.startsWith("Organization"))) {
                        continue;
                    }
                    b.registrarName(p.value());
                }
                case "url", "web", "website" -> b.registrarUrl(p.value());
                case "email", "e mail" -> b.abuseEmail(p.value());
                case "dnssec" -> b.dnssec(KeyMap.dnssec(p.value()));
                default -> { }
            }
        }
    }

    /** Lines of one contact: pairs by field name, bare lines as name, email, phone or address. */
    private static void contact(ContactBuilder c, List<String> lines, boolean registrant) {
        boolean named = false;
        boolean sawPair = false;
        for (String l : lines) {
            if (PrivacyServices.standard().isPrivacyText(l)) c.privacy(true);
            WhoisText.Pair p = WhoisText.pair(l);
            String email = WhoisText.email(l);
            if (p != null && email == null) {
                KeyMap.field(c, p.key(), p.value());
                sawPair = true;
            } else if (email != null) {
                c.email(email);
                // "Ejemplo Tienda C.A.      contacto@ejemplo.com.ve" (.ve): the name, then its address
                String before = l.substring(0, l.indexOf(email)).strip();
                if (!named && !sawPair && !before.isEmpty() && !before.contains(":")) {
                    c.name(before);
                    named = true;
                }
            } else if (PHONE.matcher(l).matches()) {
                c.phone(l);
            } else if (l.regionMatches(true, 0, "visit ", 0, 6) || l.contains("://")) {
                continue; // a pointer to the registry's web WHOIS, not contact data
            } else if (!named && !sawPair) {
                c.name(l);
                named = true;
            } else if (registrant || sawPair) {
                c.street(l);
            }
        }
    }

    private static int minIndent(List<String> lines) {
        int min = Integer.MAX_VALUE;
        for (String l : lines) if (!l.isBlank()) min = Math.min(min, WhoisText.indent(l));
        return min == Integer.MAX_VALUE ? 0 : min;
    }
}

package io.infrapivot.source.whois;

import io.infrapivot.source.registration.AutNum;
import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.Network;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RPSL answers: RIPE, APNIC and AFRINIC ({@code inetnum}, {@code inet6num}, {@code aut-num}, {@code role},
 * {@code person}, {@code organisation}, {@code irt}), LACNIC and registro.br ({@code owner}, {@code nic-hdl-br},
 * dates as {@code yyyymmdd}), and AFNIC (.fr: {@code domain}, {@code holder-c}, {@code registrar},
 * {@code nic-hdl} objects). Contacts referenced by handle are resolved within the answer.
 */
final class RpslParser {
    private static final Pattern ABUSE_COMMENT = Pattern.compile("Abuse contact for '.*?' is '([^']+)'");
    private static final Set<String> PRIMARY = Set.of("inetnum", "inet6num", "aut num", "as block", "domain");

    private RpslParser() {}

    static boolean looksRpsl(List<String> lines) {
        for (String l : lines) {
            WhoisText.Pair p = WhoisText.pair(l);
            // "domain:" at the key's own end; not "domain.............:" (.fi's dotted keys are flat pairs)
            if (p != null && l.indexOf(':') == p.rawKey().length() + l.indexOf(p.rawKey()) && !p.rawKey().contains(".")
                    && PRIMARY.contains(p.key()) && p.rawKey().equals(p.rawKey().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    static int parse(String text, List<String> lines, RecordBuilder b, String rirHint) {
        List<RpslObject> objs = RpslObject.parseAll(lines);
        Map<String, RpslObject> byHandle = new HashMap<>();
        for (RpslObject o : objs) {
            String h = o.handle();
            if (h != null) byHandle.putIfAbsent(h.toUpperCase(Locale.ROOT), o);
        }
        RpslObject main = objs.stream().filter(o -> PRIMARY.contains(o.type())).findFirst()
                .orElseGet(() -> splitDomainObject(objs));
        if (main == null) return 0;
        String rir = rir(main, rirHint);
        switch (main.type()) {
            case "inetnum", "inet6num" -> network(b, main, byHandle, rir);
            case "aut num", "as block" -> autnum(b, main, byHandle, rir);
            default -> domain(b, main, objs, byHandle);
        }
        dates(b, main);
        Matcher m = ABUSE_COMMENT.matcher(text);
        if (m.find()) b.abuse().email(m.group(1));
        return main.attrs().size();
    }

    /**
     * ISOC-IL opens the domain's object with {@code reg-name:}, its {@code domain:} second, and prints the rest of
     * it (descr, nserver, validity …) after a blank line: those two blocks as one domain object, or null.
     */
    private static RpslObject splitDomainObject(List<RpslObject> objs) {
        for (int i = 0; i < objs.size(); i++) {
            RpslObject o = objs.get(i);
            if (!o.type().equals("reg name") || o.first("domain") == null) continue;
            Map<String, List<String>> attrs = new java.util.LinkedHashMap<>(o.attrs());
            if (i + 1 < objs.size()) {
                RpslObject next = objs.get(i + 1);
                if (next.first("nic hdl") == null && next.first("domain") == null) {
                    next.attrs().forEach((k, v) -> attrs.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                }
            }
            return new RpslObject("domain", attrs);
        }
        return null;
    }

    private static void network(RecordBuilder b, RpslObject o, Map<String, RpslObject> byHandle, String rir) {
        b.kind("ip");
        String range = o.first(o.type());
        Ranges.Range r = Ranges.parse(range);
        RpslObject org = ref(byHandle, o.first("org"));
        String orgName = org != null ? org.first("org name") : o.first("owner");
        if (orgName == null) orgName = o.first("descr");
        b.network(new Network(r == null ? null : r.start(), r == null ? null : r.end(),
                r == null ? List.of() : r.cidrs(), o.first("netname"), range, orgName, o.first("country"), rir,
                o.first("status"), o.first("parent")));
        owner(b, o, org, orgName);
        contacts(b, o, byHandle);
        String asn = o.first("aut num");
        if (asn != null) b.remark("origin " + asn);
    }

    private static void autnum(RecordBuilder b, RpslObject o, Map<String, RpslObject> byHandle, String rir) {
        b.kind("asn");
        String v = o.first(o.type());
        Long start = null;
        Long end = null;
        Matcher m = Pattern.compile("(?i)AS(\\d+)(?:\\s*-\\s*AS(\\d+))?").matcher(v == null ? "" : v);
        if (m.find()) {
            start = Long.parseLong(m.group(1));
            end = m.group(2) == null ? null : Long.parseLong(m.group(2));
        }
        RpslObject org = ref(byHandle, o.first("org"));
        String orgName = org != null ? org.first("org name") : o.first("owner");
        if (orgName == null) orgName = o.first("descr");
        String country = o.first("country") != null ? o.first("country") : org == null ? null : org.first("country");
        b.autnum(new AutNum(start, end, o.first("as name"), v, orgName, country, rir));
        owner(b, o, org, orgName);
        contacts(b, o, byHandle);
    }

    /** The keys a domain object lists its name servers under. */
    private static final List<String> NS_KEYS = List.of("nserver", "nameserver", "name server");

    /** A date inside a longer value: yyyymmdd or yyyy-mm-dd. */
    private static final Pattern DATE_TOKEN = Pattern.compile("\\b(?:\\d{8}|\\d{4}-\\d{2}-\\d{2})\\b");

    /** "Example Registrar GmbH ( https://nic.at/registrar/123 )": a registrar's name with its page (.at). */
    private static final Pattern NAME_AND_URL = Pattern.compile("^(.*?)\\s*\\(\\s*(https?://\\S+?)\\s*\\)$");

    private static void domain(RecordBuilder b, RpslObject o, List<RpslObject> objs, Map<String, RpslObject> byH) {
        b.domain(o.first("domain"));
        for (String k : NS_KEYS) o.all(k).forEach(b::nameServer); // "nserver:" (.is), "nameserver:" (.si)
        // name-server sets: AFNIC's ns-list, CZ.NIC's nsset objects; NIC Argentina's one object per name server
        objs.stream().filter(x -> x != o && (x.type().equals("ns list") || x.type().equals("nsset")
                        || NS_KEYS.contains(x.type())))
                .forEach(x -> NS_KEYS.forEach(k -> x.all(k).forEach(v -> b.nameServer(v.strip().split("\\s+")[0]))));
        b.registrant().organization(o.first("org"));
        b.registrant().name(o.first("person"));
        for (String s : o.all("status")) KeyMap.statuses(b, s);
        for (String s : o.all("state")) KeyMap.statuses(b, s);
        // the registrar's own object, when the answer has one (AFNIC: website, e-mail; .ua: organization, url,
        // abuse-email — the organization being its name, the domain's "registrar:" only a handle)
        RpslObject reg = objs.stream().filter(x -> x.type().equals("registrar") && x != o).findFirst().orElse(null);
        String registrar = reg != null && reg.first("organization") != null ? reg.first("organization")
                : o.first("registrar");
        Matcher withUrl = registrar == null ? null : NAME_AND_URL.matcher(registrar.strip());
        if (withUrl != null && withUrl.matches()) {
            registrar = withUrl.group(1);
            b.registrarUrl(withUrl.group(2));
        }
        b.registrarName(registrar);
        if (reg != null && registrar != null) {
            b.registrarUrl(reg.first("website") != null ? reg.first("website") : reg.first("url"));
            b.abuseEmail(reg.first("e mail") != null ? reg.first("e mail") : reg.first("abuse email"));
        }
        if (o.first("owner") != null) b.registrant().organization(o.first("owner"));
        // ISOC-IL: the holder as descr lines (name, then address)
        List<String> descr = o.all("descr");
        if (!descr.isEmpty() && o.first("holder c") == null && o.first("registrant") == null) {
            b.registrant().organization(descr.get(0));
            descr.subList(1, descr.size()).forEach(b.registrant()::street);
            b.registrant().email(o.first("e mail"));
            b.registrant().phone(o.first("phone"));
        }
        fill(b.registrant(), ref(byH, o.first("holder c")));
        fill(b.registrant(), ref(byH, o.first("owner c")));
        String registrant = o.first("registrant"); // .at, .cz: the holder's handle
        if (registrant != null) {
            RpslObject holder = ref(byH, registrant);
            if (holder != null) fill(b.registrant(), holder);
            else b.registrant().handle(registrant);
        }
        contacts(b, o, byH);
        if (registrar == null) {
            // ISOC-IL: "registrar name:" and "registrar info:" in a block of their own
            objs.stream().filter(x -> x.type().equals("registrar name")).findFirst().ifPresent(x -> {
                b.registrarName(x.first("registrar name"));
                b.registrarUrl(x.first("registrar info"));
            });
        }
        if (o.first("dnssec") != null) b.dnssec(KeyMap.dnssec(o.first("dnssec")));
        String ds = o.first("ds rdata");
        if (ds != null || o.first("dnskey") != null) b.dnssec(Boolean.TRUE);
    }

    private static void dates(RecordBuilder b, RpslObject o) {
        ZoneOffset utc = ZoneOffset.UTC;
        b.created(RegistrationDates.parse(first(o, "created", "regdate", "registered"), utc));
        for (String c : o.all("changed")) {
            // ISOC-IL: "changed: registrar AT isoc.org.il 20100315 (Assigned)": the assignment is the creation
            Matcher d = DATE_TOKEN.matcher(c);
            if (c.toLowerCase(java.util.Locale.ROOT).contains("(assigned)") && d.find()) {
                b.created(RegistrationDates.parse(d.group(), utc));
            }
        }
        b.updated(RegistrationDates.parse(first(o, "last modified", "last update", "last updated", "modified",
                "changed"), utc));
        b.expires(RegistrationDates.parse(first(o, "expiry date", "expires", "expire", "expire date", "paid till",
                "validity"), utc));
        // any other date key the flat-pair map knows ("record created:", .hu); the record keeps the first value
        o.attrs().forEach((k, v) -> {
            if (KeyMap.isDateKey(k) && !v.isEmpty()) KeyMap.apply(b, k, v.get(0), utc);
        });
    }

    private static String first(RpslObject o, String... keys) {
        for (String k : keys) {
            String v = o.first(k);
            if (v != null) {
                String[] parts = v.split("\\s+");
                // old "changed: someone@example.net 20050101" lines carry the date last; ISOC-IL's
                // "changed: registrar AT isoc.org.il 20250101 (Changed)" in the middle
                if (parts.length == 2 && parts[0].contains("@")) return parts[1];
                Matcher d = DATE_TOKEN.matcher(v);
                return parts.length > 2 && d.find() ? d.group() : v;
            }
        }
        return null;
    }

    private static void owner(RecordBuilder b, RpslObject o, RpslObject org, String orgName) {
        ContactBuilder c = b.registrant();
        c.organization(orgName);
        if (org != null) {
            c.handle(org.first("organisation"));
            fill(c, org);
        } else {
            c.country(o.first("country"));
            o.all("address").forEach(c::street);
        }
    }

    private static void contacts(RecordBuilder b, RpslObject o, Map<String, RpslObject> byHandle) {
        fill(b.admin(), ref(byHandle, o.first("admin c")));
        fill(b.tech(), ref(byHandle, o.first("tech c")));
        fill(b.billing(), ref(byHandle, o.first("billing c")));
        RpslObject abuse = ref(byHandle, o.first("abuse c"));
        if (abuse == null) abuse = ref(byHandle, o.first("mnt irt"));
        RpslObject org = ref(byHandle, o.first("org"));
        if (abuse == null && org != null) abuse = ref(byHandle, org.first("abuse c"));
        fill(b.abuse(), abuse);
        if (abuse == null && o.first("abuse mailbox") != null) b.abuse().email(o.first("abuse mailbox"));
        if (o.first("admin c") != null) b.admin().handle(o.first("admin c"));
        if (o.first("tech c") != null) b.tech().handle(o.first("tech c"));
    }

    /** Copies a person/role/organisation/irt/nic-hdl object into a contact. */
    private static void fill(ContactBuilder c, RpslObject p) {
        if (p == null) return;
        c.handle(p.handle());
        // nic.at objects: personname, organization, street address; CZ.NIC contact objects: name, org
        String name = first(p, "person", "role", "personname", "irt");
        if (name == null) name = p.first("name");
        if (name == null && !p.type().equals("contact")) name = p.first("contact");
        if ("organization".equalsIgnoreCase(p.first("type"))) c.organization(name);
        else c.name(name);
        c.organization(p.first("org name"));
        c.organization(p.first("organization"));
        c.organization(p.first("org"));
        c.email(p.first("abuse mailbox") != null ? p.first("abuse mailbox") : p.first("e mail"));
        c.phone(p.first("phone"));
        c.country(p.first("country"));
        p.all("address").forEach(c::street);
        p.all("street address").forEach(c::street);
        c.city(p.first("city"));
    }

    private static RpslObject ref(Map<String, RpslObject> byHandle, String handle) {
        return handle == null ? null : byHandle.get(handle.strip().toUpperCase(Locale.ROOT));
    }

    private static String rir(RpslObject o, String hint) {
        String src = o.first("source");
        String s = src != null ? src.split("\\s+")[0].toLowerCase(Locale.ROOT) : hint;
        if (s == null) return null;
        for (String r : List.of("ripe", "apnic", "afrinic", "lacnic", "arin")) if (s.contains(r)) return r;
        return s;
    }
}

package io.infrapivot.source.whois;

import io.infrapivot.source.registration.AutNum;
import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.Network;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARIN's answers to {@code n + IP} and {@code a + ASN}: NetRange/CIDR/NetName/NetHandle/Parent/NetType blocks
 * (the last, most specific one wins), Customer or Org blocks, and the OrgAbuse/OrgTech/RAbuse/RTech points of
 * contact. {@code ReferralServer:} is kept as the next server to ask.
 */
final class ArinParser {
    private static final Pattern PAREN = Pattern.compile("\\(([^)]+)\\)\\s*$");

    private ArinParser() {}

    static boolean looksArin(String text) {
        return text.contains("NetRange:") || text.contains("ASNumber:") || text.contains("OrgName:")
                && text.contains("ARIN");
    }

    static int parse(List<String> lines, RecordBuilder b) {
        List<Map<String, String>> blocks = new ArrayList<>();
        for (List<String> block : WhoisText.blocks(lines)) {
            Map<String, String> m = new HashMap<>();
            for (String l : block) {
                WhoisText.Pair p = WhoisText.pair(l);
                if (p != null && !p.value().isEmpty()) m.merge(p.rawKey(), p.value(), (a, c) -> a + ", " + c);
            }
            if (!m.isEmpty()) blocks.add(m);
        }
        Map<String, String> net = lastWith(blocks, "NetRange");
        Map<String, String> as = lastWith(blocks, "ASNumber");
        Map<String, String> org = lastWith(blocks, "OrgName");
        Map<String, String> cust = lastWith(blocks, "CustName");
        Map<String, String> all = new HashMap<>();
        blocks.forEach(all::putAll);
        if (all.containsKey("ReferralServer")) b.whoisServer(all.get("ReferralServer"));
        String orgName = cust != null ? cust.get("CustName") : org != null ? org.get("OrgName") : null;
        Map<String, String> holder = cust != null ? cust : org;
        if (net != null) {
            b.kind("ip");
            Ranges.Range r = Ranges.parse(net.get("NetRange"));
            List<String> cidrs = net.containsKey("CIDR") ? List.of(net.get("CIDR").split(",\\s*"))
                    : r == null ? List.of() : r.cidrs();
            if (orgName == null) orgName = stripHandle(net.get("Organization"));
            b.network(new Network(r == null ? null : r.start(), r == null ? null : r.end(), cidrs,
                    net.get("NetName"), net.get("NetHandle"), orgName, holder == null ? null : holder.get("Country"),
                    "arin", net.get("NetType"), handleIn(net.get("Parent"))));
            dates(b, net);
        } else if (as != null) {
            b.kind("asn");
            String[] nums = as.get("ASNumber").split("\\s*-\\s*");
            Long start = number(nums[0]);
            Long end = nums.length > 1 ? number(nums[1]) : null;
            if (orgName == null) orgName = stripHandle(as.get("Organization"));
            b.autnum(new AutNum(start, end, as.get("ASName"), as.get("ASHandle"), orgName,
                    holder == null ? null : holder.get("Country"), "arin"));
            dates(b, as);
        } else if (org == null) {
            return 0;
        }
        ContactBuilder reg = b.registrant();
        reg.organization(orgName);
        if (holder != null) {
            reg.handle(holder.get("OrgId"));
            reg.street(holder.get("Address"));
            reg.city(holder.get("City"));
            reg.country(holder.get("Country"));
        }
        poc(b.abuse(), all, "RAbuse");
        poc(b.abuse(), all, "OrgAbuse");
        poc(b.tech(), all, "RTech");
        poc(b.tech(), all, "OrgTech");
        poc(b.admin(), all, "OrgNOC");
        return all.size();
    }

    private static void poc(ContactBuilder c, Map<String, String> all, String prefix) {
        c.handle(all.get(prefix + "Handle"));
        c.name(all.get(prefix + "Name"));
        c.email(all.get(prefix + "Email"));
        c.phone(all.get(prefix + "Phone"));
    }

    private static void dates(RecordBuilder b, Map<String, String> m) {
        b.created(RegistrationDates.parse(m.get("RegDate")));
        b.updated(RegistrationDates.parse(m.get("Updated")));
    }

    private static Map<String, String> lastWith(List<Map<String, String>> blocks, String key) {
        Map<String, String> found = null;
        for (Map<String, String> m : blocks) if (m.containsKey(key)) found = m;
        return found;
    }

    /** "NET8 (NET-8-0-0-0-0)" → "NET-8-0-0-0-0". */
    private static String handleIn(String v) {
        if (v == null) return null;
        Matcher m = PAREN.matcher(v);
        return m.find() ? m.group(1) : v;
    }

    /** "Google LLC (GOGL)" → "Google LLC". */
    private static String stripHandle(String v) {
        return v == null ? null : PAREN.matcher(v).replaceFirst("").strip();
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s.replaceAll("(?i)^AS", "").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

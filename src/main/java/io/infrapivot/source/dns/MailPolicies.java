package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mail policies published in TXT records: DMARC ({@code _dmarc}, RFC 7489), BIMI ({@code default._bimi}),
 * MTA-STS ({@code _mta-sts}, RFC 8461) and TLS-RPT ({@code _smtp._tls}, RFC 8460). Pure parsing.
 */
public final class MailPolicies {
    private MailPolicies() {}

    /** Asks whether an external report destination accepts reports for a domain (RFC 7489 section 7.1). */
    @FunctionalInterface
    public interface ExternalCheck {
        /** True when {@code <domain>._report._dmarc.<destination>} holds a {@code v=DMARC1} record. */
        boolean authorized(String domain, String destination) throws InterruptedException;
    }

    /** The DMARC policy of {@code domain} (from the TXT answer at {@code _dmarc.domain}). */
    public static List<Finding> dmarc(String domain, DnsAnswer txt, ExternalCheck check) throws InterruptedException {
        List<Finding> out = new ArrayList<>();
        Ref self = Ref.name(domain);
        for (String text : RecordInterpreter.txtStrings(txt)) {
            if (!text.regionMatches(true, 0, "v=DMARC1", 0, 8)) continue;
            Map<String, String> tags = TagList.parse(text);
            ObjectNode v = Json.type("DMARC").put("record", text);
            for (String k : List.of("p", "sp", "pct", "adkim", "aspf", "fo")) {
                if (tags.containsKey(k)) v.put(k, RecordInterpreter.cap(tags.get(k)));
            }
            out.add(Finding.attribute(self, Relation.DNS_RECORD, v, txt));
            for (String tag : List.of("rua", "ruf")) {
                for (String email : TagList.mailtos(tags.get(tag))) {
                    String dest = email.substring(email.indexOf('@') + 1);
                    ObjectNode lv = Json.object().put("tag", tag);
                    if (isExternal(domain, dest)) {
                        lv.put("external", true).put("authorized", check.authorized(domain, dest));
                    } else {
                        lv.put("external", false);
                    }
                    out.add(Finding.link(self, Relation.DMARC_REPORT, Ref.email(email), lv, txt));
                }
            }
            break; // only the first DMARC record counts
        }
        return out;
    }

    /**
     * Whether reports to {@code destination} leave the domain's organisation: their Organizational Domains
     * (RFC 7489 section 3.2, by the Public Suffix List) differ. Where a name has none (it is itself a
     * public suffix), the names are compared directly.
     */
    static boolean isExternal(String domain, String destination) {
        String d = domain.toLowerCase(Locale.ROOT);
        String t = destination.toLowerCase(Locale.ROOT);
        // the bundled list: organisational domains of mail-report destinations change slowly
        var psl = io.infrapivot.model.PublicSuffixList.bundled();
        String od = psl.match(d).registrableDomain();
        String ot = psl.match(t).registrableDomain();
        if (od != null && ot != null) return !od.equals(ot);
        return !(t.equals(d) || t.endsWith("." + d) || d.endsWith("." + t));
    }

    /** Whether a TXT answer holds {@code v=DMARC1} (the external destination's authorisation record). */
    public static boolean hasDmarcAuthorization(DnsAnswer txt) {
        if (txt.status() != DnsStatus.ANSWER) return false;
        return RecordInterpreter.txtStrings(txt).stream().anyMatch(s -> s.regionMatches(true, 0, "v=DMARC1", 0, 8));
    }

    /**
     * BIMI, MTA-STS or TLS-RPT: the record's tags as a {@code dns-record} value ({@code type} is the kind),
     * with TLS-RPT's {@code rua} mailto addresses listed.
     *
     * @param kind    "BIMI", "MTA-STS" or "TLS-RPT"
     * @param version the record's required version tag value, e.g. {@code BIMI1}
     */
    public static List<Finding> policy(String domain, String kind, String version, DnsAnswer txt) {
        List<Finding> out = new ArrayList<>();
        for (String text : RecordInterpreter.txtStrings(txt)) {
            Map<String, String> tags = TagList.parse(text);
            if (!version.equalsIgnoreCase(tags.getOrDefault("v", ""))) continue;
            ObjectNode v = Json.type(kind).put("record", text);
            tags.forEach((k, val) -> {
                if (!k.equals("v")) v.put(k, RecordInterpreter.cap(val));
            });
            if (tags.containsKey("rua")) {
                var arr = v.putArray("report_emails");
                TagList.mailtos(tags.get("rua")).forEach(arr::add);
            }
            out.add(Finding.attribute(Ref.name(domain), Relation.DNS_RECORD, v, txt));
        }
        return out;
    }
}

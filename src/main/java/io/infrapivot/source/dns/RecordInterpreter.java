package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Relation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Turns one DNS answer into findings: the pivots inside records (hosts in MX, NS, SRV, HTTPS/SVCB and SOA;
 * the SOA RNAME as an email; addresses; PTR names; verification tokens) and {@code dns-record} values for
 * record sets with nothing to pivot to and for negative outcomes. Pure: no I/O; tested on recorded messages.
 */
public final class RecordInterpreter {
    /** TXT text kept per record (attacker-controlled). */
    public static final int MAX_TXT = 4096;

    private RecordInterpreter() {}

    /** Findings of an answer about {@code subject}; wildcard answers are marked instead of pivoted on. */
    public static List<Finding> interpret(Ref subject, DnsAnswer a, Wildcard wildcard) {
        List<Finding> out = new ArrayList<>();
        if (a.status() != DnsStatus.ANSWER) {
            out.add(outcome(subject, a));
            return out;
        }
        boolean wild = wildcard != null && wildcard.coversAll(a.records());
        for (Record r : a.records()) {
            if (wild) {
                out.add(Finding.attribute(subject, Relation.DNS_RECORD, Json.type(Type.string(r.getType()))
                        .put("wildcard", true).put("data", cap(r.rdataToString())), a));
                continue;
            }
            Finding f = one(subject, r, a);
            if (f != null) out.add(f);
            if (r instanceof SOARecord soa) {
                Finding email = soaEmail(subject, soa, a);
                if (email != null) out.add(email);
            }
        }
        return out;
    }

    /** The {@code dns-record} finding for a negative or failed outcome. */
    public static Finding outcome(Ref subject, DnsAnswer a) {
        ObjectNode v = Json.type(Type.string(a.type())).put("outcome", a.status().id());
        if (a.error() != null) v.put("error", cap(a.error()));
        return Finding.attribute(subject, Relation.DNS_RECORD, v, a);
    }

    private static Finding one(Ref subject, Record r, DnsAnswer a) {
        ObjectNode v = Json.type(Type.string(r.getType())).put("ttl", r.getTTL());
        return switch (r) {
            case ARecord x -> Finding.link(subject, Relation.RESOLVES_TO, Ref.ip(ipText(x.getAddress())),
                    v.put("owner", DnsNames.text(r.getName())), a);
            case AAAARecord x -> Finding.link(subject, Relation.RESOLVES_TO,
                    Ref.ip(ipText(x.getAddress())), v.put("owner", DnsNames.text(r.getName())), a);
            case MXRecord x -> x.getTarget().equals(Name.root)
                    ? Finding.attribute(subject, Relation.DNS_RECORD, v.put("null_mx", true), a)
                    : Finding.link(subject, Relation.MAIL_SERVER, Ref.name(x.getTarget()),
                            v.put("preference", x.getPriority()), a);
            case NSRecord x -> Finding.link(subject, Relation.NAME_SERVER, Ref.name(x.getTarget()), v, a);
            case SOARecord x -> Finding.link(subject, Relation.SOA_PRIMARY, Ref.name(x.getHost()),
                    v.put("serial", x.getSerial()).put("refresh", x.getRefresh()).put("retry", x.getRetry())
                            .put("expire", x.getExpire()).put("minimum", x.getMinimum()), a);
            case PTRRecord x -> Finding.link(subject, Relation.PTR, Ref.name(x.getTarget()), v, a);
            case SRVRecord x -> srv(subject, x, v, a);
            case SVCBBase x -> svcb(subject, x, v, a);
            case TXTRecord x -> txt(subject, x, v, a);
            case CAARecord x -> Finding.attribute(subject, Relation.DNS_RECORD, v.put("flags", x.getFlags())
                    .put("tag", cap(x.getTag())).put("value", cap(x.getValue())), a);
            default -> Finding.attribute(subject, Relation.DNS_RECORD, v.put("data", cap(r.rdataToString())), a);
        };
    }

    private static Finding srv(Ref subject, SRVRecord x, ObjectNode v, DnsAnswer a) {
        v.put("service", DnsNames.text(x.getName())).put("port", x.getPort()).put("priority", x.getPriority())
                .put("weight", x.getWeight());
        if (x.getTarget().equals(Name.root)) {
            return Finding.attribute(subject, Relation.DNS_RECORD, v.put("unavailable", true), a);
        }
        return Finding.link(subject, Relation.SERVICE_HOST, Ref.name(x.getTarget()), v, a);
    }

    private static Finding svcb(Ref subject, SVCBBase x, ObjectNode v, DnsAnswer a) {
        v.put("priority", x.getSvcPriority()).put("params", cap(x.rdataToString()));
        if (x.getTargetName().equals(Name.root) || x.getTargetName().equals(x.getName())) {
            return Finding.attribute(subject, Relation.DNS_RECORD, v, a);
        }
        return Finding.link(subject, Relation.SERVICE_HOST, Ref.name(x.getTargetName()), v, a);
    }

    private static Finding txt(Ref subject, TXTRecord x, ObjectNode v, DnsAnswer a) {
        String text = joined(x);
        if (SpfRecord.isSpf(text)) return null; // the SPF walker reads it
        var token = VerificationTokens.match(text);
        if (token.isPresent()) {
            return Finding.attribute(subject, Relation.VERIFICATION_TOKEN, Json.object()
                    .put("provider", token.get().provider()).put("token", token.get().token()), a);
        }
        return Finding.attribute(subject, Relation.DNS_RECORD, v.put("text", text), a);
    }

    /** The SOA RNAME read as an email: first label (escaped dots kept) {@code @} the rest. */
    static Finding soaEmail(Ref subject, SOARecord soa, DnsAnswer a) {
        String email = rnameToEmail(soa.getAdmin());
        if (email == null) return null;
        return Finding.link(subject, Relation.SOA_EMAIL, Ref.email(email), Json.type("SOA")
                .put("rname", DnsNames.text(soa.getAdmin())), a);
    }

    /** {@code first\.last.example.com.} → {@code first.last@example.com}; null when it makes no address. */
    public static String rnameToEmail(Name rname) {
        if (rname.labels() < 3) return null;
        byte[] label = rname.getLabel(0);
        String local = new String(label, 1, label[0] & 0xff, StandardCharsets.ISO_8859_1);
        if (!local.matches("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}")) return null;
        String domain = DnsNames.text(new Name(rname, 1));
        return (local + "@" + domain).toLowerCase(java.util.Locale.ROOT);
    }

    /** Each TXT record of the answer as one string (its strings joined), capped. */
    public static List<String> txtStrings(DnsAnswer a) {
        List<String> out = new ArrayList<>();
        for (Record r : a.records(Type.TXT)) out.add(joined((TXTRecord) r));
        return out;
    }

    static String joined(TXTRecord x) {
        StringBuilder b = new StringBuilder();
        for (byte[] s : x.getStringsAsByteArrays()) {
            b.append(new String(s, StandardCharsets.UTF_8));
            if (b.length() > MAX_TXT) break;
        }
        return cap(b.toString());
    }

    /** An address in canonical text ({@code 2001:db8::1}, not {@code 2001:db8:0:0:0:0:0:1}). */
    public static String ipText(java.net.InetAddress address) {
        return new inet.ipaddr.IPAddressString(address.getHostAddress()).getAddress().toCanonicalString();
    }

    /** Attacker-influenced text (a server's error message) capped for a value. */
    public static String txtSafe(String s) {
        return cap(s);
    }

    static String cap(String s) {
        return io.infrapivot.model.Safe.truncate(s, MAX_TXT);
    }
}

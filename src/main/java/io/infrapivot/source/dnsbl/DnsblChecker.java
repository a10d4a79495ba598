package io.infrapivot.source.dnsbl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsAnswer;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsStatus;
import io.infrapivot.source.dns.Json;
import io.infrapivot.source.dns.RecordInterpreter;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Asks one blocklist about one IP or name and reads the answer with the list's codes. */
public final class DnsblChecker {
    private final Asker asker;
    private final String suffix;

    /** One list's verdict: a {@code listed-on} value, an error, both, or neither (not listed). */
    public record Result(Blocklist list, ObjectNode listing, String error, DnsAnswer answer) {}

    public DnsblChecker(Asker asker, String zoneSuffix) {
        this.asker = asker;
        this.suffix = zoneSuffix == null || zoneSuffix.isBlank() ? null : zoneSuffix.trim();
    }

    public Asker asker() {
        return asker;
    }

    /** The name asked: the reversed address (IPv4 octets or IPv6 nibbles) or the name, then the zone. */
    public String queryName(Blocklist list, String subject, boolean ip) {
        String left;
        if (ip) {
            IPAddress a = new IPAddressString(subject).getAddress();
            if (a == null) throw new IllegalArgumentException("not an IP address: " + subject);
            String rev = a.withoutPrefixLength().toReverseDNSLookupString();
            left = rev.substring(0, rev.lastIndexOf(a.isIPv4() ? ".in-addr.arpa" : ".ip6.arpa"));
        } else {
            left = subject;
        }
        return left + "." + list.zone() + (suffix == null ? "" : "." + suffix);
    }

    public Result check(Blocklist list, String subject, boolean ip) throws InterruptedException {
        Name q;
        try {
            q = DnsNames.parse(queryName(list, subject, ip));
        } catch (IllegalArgumentException e) {
            return new Result(list, null, e.getMessage(), null);
        }
        DnsAnswer a = asker.ask(q, Type.A);
        if (a.status() == DnsStatus.NXDOMAIN || a.status() == DnsStatus.NODATA) return new Result(list, null, null, a);
        if (a.status() != DnsStatus.ANSWER) {
            return new Result(list, null, "no usable answer (" + a.status().id() + ")", a);
        }
        List<String> addrs = new ArrayList<>();
        for (Record r : a.records()) addrs.add(RecordInterpreter.ipText(((ARecord) r).getAddress()));
        Blocklist.Reading reading = list.read(addrs);
        String error = reading.errors().isEmpty() ? null : String.join("; ", reading.errors());
        if (!reading.listed()) return new Result(list, null, error, a);
        ObjectNode v = Json.object().put("list", list.zone()).put("name", list.name());
        ArrayNode codes = v.putArray("codes");
        reading.codes().forEach(codes::add);
        ArrayNode meanings = v.putArray("meanings");
        reading.meanings().forEach(meanings::add);
        DnsAnswer txt = asker.ask(q, Type.TXT);
        if (txt.status() == DnsStatus.ANSWER) {
            ArrayNode t = v.putArray("txt");
            RecordInterpreter.txtStrings(txt).stream().limit(8).forEach(t::add);
        }
        return new Result(list, v, error, a);
    }
}

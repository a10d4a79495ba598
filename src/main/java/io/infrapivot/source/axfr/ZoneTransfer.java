package io.infrapivot.source.axfr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsAnswer;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsStatus;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.Json;
import io.infrapivot.source.dns.RecordInterpreter;
import io.infrapivot.source.dns.Ref;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Tries a zone transfer (AXFR) of a domain from every one of its authoritative name servers (each address
 * of each NS). A transfer that succeeds yields every name of the zone: {@code subdomain} links, and the
 * addresses and aliases of each name; each attempt's outcome is a {@code dns-record} finding.
 *
 * @param asker      resolves the NS names and their addresses
 * @param port       the port AXFR is tried on (53; tests use their server's)
 * @param timeout    the time one transfer may take
 * @param maxRecords a transfer with more records is cut off
 */
public record ZoneTransfer(Asker asker, int port, Duration timeout, int maxRecords) {
    /** The zone is larger than the cap: what came is kept, marked cut off. */
    static final class TooManyRecords extends ZoneTransferException {
        TooManyRecords(String message) {
            super(message);
        }
    }


    public List<Finding> attempt(Name zone) throws InterruptedException {
        Ref self = Ref.name(zone);
        List<Finding> out = new ArrayList<>();
        DnsAnswer ns = asker.ask(zone, Type.NS);
        if (ns.status() != DnsStatus.ANSWER) {
            out.add(RecordInterpreter.outcome(self, ns));
            return out;
        }
        Set<InetAddress> tried = new LinkedHashSet<>();
        for (Record r : ns.records()) {
            Name server = ((NSRecord) r).getTarget();
            for (InetAddress addr : addresses(server)) {
                if (!tried.add(addr)) continue;
                if (Thread.interrupted()) throw new InterruptedException();
                out.addAll(transfer(zone, self, server, addr, ns));
            }
        }
        if (tried.isEmpty()) {
            out.add(Finding.attribute(self, Relation.DNS_RECORD, Json.type("AXFR")
                    .put("outcome", "no-server-address"), ns));
        }
        return out;
    }

    private List<InetAddress> addresses(Name server) throws InterruptedException {
        List<InetAddress> out = new ArrayList<>();
        for (int t : new int[] {Type.A, Type.AAAA}) {
            for (Record r : asker.ask(server, t).records()) {
                if (r instanceof ARecord a) out.add(a.getAddress());
                if (r instanceof AAAARecord a) out.add(a.getAddress());
            }
        }
        return out;
    }

    private List<Finding> transfer(Name zone, Ref self, Name server, InetAddress addr, DnsAnswer ns) {
        List<Finding> out = new ArrayList<>();
        ObjectNode v = Json.type("AXFR").put("server", DnsNames.text(server))
                .put("address", RecordInterpreter.ipText(addr));
        ZoneTransferIn xfr = ZoneTransferIn.newAXFR(zone, new InetSocketAddress(addr, port), null);
        xfr.setTimeout(timeout);
        List<Record> records = new ArrayList<>();
        try {
            xfr.run(new Collector(records, maxRecords));
        } catch (ZoneTransferException e) {
            String m = String.valueOf(e.getMessage());
            boolean cutOff = e instanceof TooManyRecords;
            out.add(Finding.attribute(self, Relation.DNS_RECORD, v.put("outcome", cutOff
                    ? "cut-off" : "refused").put("message", RecordInterpreter.txtSafe(m)), ns));
            if (!cutOff) return out;
        } catch (IOException e) {
            System.getLogger("io.infrapivot.source.axfr").log(System.Logger.Level.WARNING,
                    "zone transfer from " + DnsNames.text(server) + " failed", e);
            out.add(Finding.attribute(self, Relation.DNS_RECORD, v.put("outcome", "failed")
                    .put("message", RecordInterpreter.txtSafe(e.getClass().getSimpleName() + ": " + e.getMessage())),
                    ns));
            return out;
        }
        if (out.isEmpty()) {
            out.add(Finding.attribute(self, Relation.DNS_RECORD, v.put("outcome", "allowed")
                    .put("records", records.size()), ns));
        }
        out.addAll(names(zone, self, records, ns));
        return out;
    }

    /** Every name of the transferred zone, with its addresses and aliases. */
    static List<Finding> names(Name zone, Ref self, List<Record> records, DnsAnswer ns) {
        List<Finding> out = new ArrayList<>();
        Set<Name> seen = new LinkedHashSet<>();
        for (Record r : records) {
            Name owner = r.getName();
            if (!owner.subdomain(zone) || owner.equals(zone) || owner.isWild()) continue;
            Ref host = Ref.name(owner);
            if (seen.add(owner)) {
                out.add(Finding.link(self, Relation.SUBDOMAIN, host, Json.type("AXFR"), ns));
            }
            ObjectNode v = Json.type(Type.string(r.getType())).put("ttl", r.getTTL()).put("via", "axfr");
            if (r instanceof ARecord a) {
                out.add(Finding.link(host, Relation.RESOLVES_TO, Ref.ip(RecordInterpreter.ipText(a.getAddress())), v,
                        ns));
            } else if (r instanceof AAAARecord a) {
                out.add(Finding.link(host, Relation.RESOLVES_TO, Ref.ip(RecordInterpreter.ipText(a.getAddress())), v,
                        ns));
            } else if (r instanceof CNAMERecord c) {
                out.add(Finding.link(host, Relation.ALIAS_OF, Ref.name(c.getTarget()), v, ns));
            }
        }
        return out;
    }

    /** Keeps the records of a transfer, refusing more than the cap. */
    private record Collector(List<Record> records, int max) implements ZoneTransferIn.ZoneTransferHandler {
        @Override
        public void startAXFR() {
            records.clear();
        }

        @Override
        public void startIXFR() throws ZoneTransferException {
            throw new ZoneTransferException("IXFR not asked for");
        }

        @Override
        public void startIXFRDeletes(Record soa) {}

        @Override
        public void startIXFRAdds(Record soa) {}

        @Override
        public void handleRecord(Record r) throws ZoneTransferException {
            if (records.size() >= max) throw new TooManyRecords("too many records (cap " + max + ")");
            records.add(r);
        }
    }
}

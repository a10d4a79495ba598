package io.infrapivot.source.cymru;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsAnswer;
import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsResolvers;
import io.infrapivot.source.dns.DnsSource;
import io.infrapivot.source.dns.DnsStatus;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.Json;
import io.infrapivot.source.dns.RecordInterpreter;
import io.infrapivot.source.dns.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * Source {@code cymru} (passive): IP to announcing ASN, prefix, country, registry and allocation date, and
 * ASN to its name, through Team Cymru's DNS interface (TXT records).
 */
public final class CymruSource implements Source, io.infrapivot.source.dns.DnsBased {
    public static final String ID = "cymru";

    static final SourceInfo.Setting<String> ORIGIN_ZONE = SourceInfo.Setting.text("origin-zone",
            "IPv4 origin zone", "origin.asn.cymru.com");
    static final SourceInfo.Setting<String> ORIGIN6_ZONE = SourceInfo.Setting.text("origin6-zone",
            "IPv6 origin zone", "origin6.asn.cymru.com");
    static final SourceInfo.Setting<String> ASN_ZONE = SourceInfo.Setting.text("asn-zone", "AS description zone",
            "asn.cymru.com");
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Team Cymru IP-to-ASN over DNS: announcing ASN, prefix, country, registry, allocation date,"
                    + " AS name")
            .accepts(IndicatorType.IP, IndicatorType.ASN)
            // DNS_RECORD: the outcome of a question without an answer
            .produces(Relation.ANNOUNCED_BY, Relation.IN_NETBLOCK, Relation.REGISTRATION, Relation.DNS_RECORD)
            .settings(DnsConfig.settingsPlus(ORIGIN_ZONE, ORIGIN6_ZONE, ASN_ZONE))
            .concurrency(8)
            .build();

    /** Answers depend on the resolvers asked: kept per resolver list. */
    @Override
    public String cacheKey(io.infrapivot.source.RunOptions options, io.infrapivot.source.SourceSettings settings) {
        return io.infrapivot.source.dns.DnsResolvers.cacheKey(options, settings);
    }

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (indicator.type() != IndicatorType.IP && indicator.type() != IndicatorType.ASN) {
            return LookupResult.skipped("cymru does not look up " + indicator.type().id());
        }
        Asker asker = DnsResolvers.asker(context);
        Zones zones = Zones.of(context.settings());
        List<Finding> findings = indicator.type() == IndicatorType.IP ? ip(asker, zones, indicator.value())
                : asn(asker, zones, Long.parseLong(indicator.value().replaceFirst("(?i)^AS", "")));
        return DnsSource.result(findings, asker.answers(), indicator, context, ID);
    }

    /** The zones asked (settings, so tests can point them at a local server). */
    public record Zones(String origin, String origin6, String asn) {
        public static Zones of(SourceSettings s) {
            return new Zones(s.get(ORIGIN_ZONE), s.get(ORIGIN6_ZONE), s.get(ASN_ZONE));
        }
    }

    /** Findings for an IP: announced-by each origin ASN (with its name), in-netblock the prefix. */
    public static List<Finding> ip(Asker asker, Zones zones, String address) throws InterruptedException {
        IPAddress a = new IPAddressString(address).getAddress();
        if (a == null) throw new IllegalArgumentException("not an IP address: " + address);
        String rev = a.withoutPrefixLength().toReverseDNSLookupString();
        String left = rev.substring(0, rev.lastIndexOf(a.isIPv4() ? ".in-addr.arpa" : ".ip6.arpa"));
        DnsAnswer txt = asker.ask(DnsNames.parse(left + "." + (a.isIPv4() ? zones.origin() : zones.origin6())),
                Type.TXT);
        Ref self = Ref.ip(a.withoutPrefixLength().toCanonicalString());
        List<Finding> out = new ArrayList<>();
        if (txt.status() != DnsStatus.ANSWER) {
            out.add(RecordInterpreter.outcome(self, txt));
            return out;
        }
        java.util.Map<Long, List<Finding>> asInfo = new java.util.HashMap<>();
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (String t : RecordInterpreter.txtStrings(txt)) {
            var origin = CymruParser.origin(t);
            if (origin.isEmpty()) continue;
            var o = origin.get();
            if (!prefixes.add(o.prefix())) continue; // one prefix answered twice (several TXT strings)
            ObjectNode nv = Json.object().put("country", o.country()).put("registry", o.registry())
                    .put("allocated", o.allocated());
            out.add(Finding.link(self, Relation.IN_NETBLOCK, Ref.cidr(o.prefix()), nv, txt));
            for (long asn : o.asns()) {
                ObjectNode av = Json.object().put("prefix", o.prefix());
                boolean first = !asInfo.containsKey(asn);
                List<Finding> info = first ? asn(asker, zones, asn) : asInfo.get(asn);
                asInfo.put(asn, info);
                info.stream().filter(f -> f.relation() == Relation.REGISTRATION).findFirst()
                        .map(CymruSource::asName).ifPresent(n -> av.put("as_name", n));
                out.add(Finding.link(self, Relation.ANNOUNCED_BY, Ref.asn("AS" + asn), av, txt));
                if (first) out.addAll(info);
            }
        }
        return out;
    }

    /** The AS name inside a registration finding made by {@link #asn}, or null. */
    static String asName(Finding registration) {
        var v = registration.value();
        if (v == null || !v.path("autnum").hasNonNull("name")) return null;
        return v.path("autnum").get("name").asText();
    }

    /** Findings for an ASN: its registration facts (country, registry, allocation date, name). */
    public static List<Finding> asn(Asker asker, Zones zones, long asn) throws InterruptedException {
        DnsAnswer txt = asker.ask(DnsNames.parse("as" + asn + "." + zones.asn()), Type.TXT);
        Ref self = Ref.asn("AS" + asn);
        if (txt.status() != DnsStatus.ANSWER) return List.of(RecordInterpreter.outcome(self, txt));
        List<Finding> out = new ArrayList<>();
        for (String t : RecordInterpreter.txtStrings(txt)) {
            var info = CymruParser.asInfo(t).filter(i -> i.asn() == asn);
            if (info.isEmpty()) continue;
            out.add(Finding.attribute(self, Relation.REGISTRATION, record(info.get(), txt), txt));
            break; // one record per ASN
        }
        return out;
    }

    /**
     * The AS description as a normalised registration record (kind {@code asn}, format {@code cymru}): the
     * number, name, country and registry, the allocation date as {@code created}. Rendered and compared like
     * every other registration record.
     */
    static ObjectNode record(CymruParser.AsInfo i, DnsAnswer txt) {
        var b = io.infrapivot.source.registration.RegistrationRecord.builder("asn", "AS" + i.asn())
                .status(io.infrapivot.source.registration.RegistrationStatus.REGISTERED)
                .autnum(new io.infrapivot.source.registration.AutNum(i.asn(), null, blankToNull(i.name()), null,
                        null, blankToNull(i.country()), blankToNull(i.registry())))
                .created(CymruParser.date(i.allocated()))
                .source(ID).format("cymru").server(txt.server()).fetched(txt.started());
        return (ObjectNode) io.infrapivot.source.registration.RegistrationJson.toTree(b.build());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

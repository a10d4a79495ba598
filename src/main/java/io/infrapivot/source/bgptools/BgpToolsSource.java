package io.infrapivot.source.bgptools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddressString;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.routing.HostingAsns;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.whois.WhoisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Source {@code bgptools} (passive, no key): an IP's origin ASN, announced prefix, allocation country, registry
 * and date, and AS name from bgp.tools' WHOIS service on port 43. Concurrent lookups are gathered into one bulk
 * exchange on one connection ({@code begin}/{@code verbose}/addresses/{@code end}), as bgp.tools asks; the
 * {@code server} setting ({@code host:port}) points it at a mirror or a test server.
 */
public final class BgpToolsSource implements Source {
    public static final String ID = "bgptools";

    static final SourceInfo.Setting<String> SERVER = SourceInfo.Setting.text("server",
            "WHOIS server as host:port", "bgp.tools:43");
    static final SourceInfo.Setting<Duration> WINDOW = SourceInfo.Setting.duration("batch_window",
            "how long the first lookup of a batch waits for others to join it", Duration.ofMillis(150));
    static final SourceInfo.Setting<Integer> MAX_BATCH = SourceInfo.Setting.integer("batch_size",
            "most addresses in one bulk exchange", 500);
    static final SourceInfo.Setting<Duration> TIMEOUT = SourceInfo.Setting.duration("timeout",
            "the whole exchange", Duration.ofSeconds(30));
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("bgp.tools WHOIS (port 43, bulk mode): origin ASN, announced prefix, country, registry,"
                    + " allocation date and AS name of an IP")
            .accepts(IndicatorType.IP)
            .produces(Relation.ANNOUNCED_BY, Relation.IN_NETBLOCK)
            .settings(SERVER, WINDOW, MAX_BATCH, TIMEOUT)
            // per address: the addresses of a window share one connection, so this bounds what one batch carries
            .rateLimit(600, Duration.ofMinutes(1)).concurrency(64).ttl(Duration.ofDays(1))
            .build();
    private static final System.Logger LOG = System.getLogger(BgpToolsSource.class.getName());

    private final BulkWhois bulk = new BulkWhois();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (indicator.type() != IndicatorType.IP) return LookupResult.skipped("bgptools does not look up " + indicator.type());
        var ready = readiness(context.settings());
        if (!ready.isReady()) return LookupResult.skipped(ready.reason());
        String no = context.gate().next();
        if (no != null) return LookupResult.error(ErrorClass.HELD, no, List.of());
        var address = new IPAddressString(indicator.value()).getAddress();
        if (address == null) return LookupResult.error(ErrorClass.BAD_REQUEST, "not an IP address", List.of());
        String ip = address.withoutPrefixLength().toCanonicalString();
        BulkWhois.Target target = target(context.settings());
        BulkWhois.Exchange x;
        try {
            x = bulk.ask(ip, target);
        } catch (WhoisClient.WhoisException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "bgptools: " + e.getMessage());
            // the client's own deadline has no cause; a read or connect timeout is a SocketTimeoutException
            ErrorClass c = e.getCause() == null || e.getCause() instanceof java.net.SocketTimeoutException
                    ? ErrorClass.TIMEOUT : ErrorClass.NETWORK;
            return LookupResult.error(c, "bgp.tools: " + e.getMessage(), List.of());
        }
        return result(indicator, ip, x, context);
    }

    /** This lookup's rows of a bulk answer as facts; its evidence holds only its own lines. */
    static LookupResult result(Indicator indicator, String ip, BulkWhois.Exchange x, LookupContext context) {
        String text = x.answer().text();
        List<BgpToolsParser.Row> mine = BgpToolsParser.rows(text).stream().filter(r -> r.ip().equals(ip)).toList();
        StringBuilder shown = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (BgpToolsParser.row(line).map(r -> r.ip().equals(ip)).orElse(false)) shown.append(line).append('\n');
        }
        String complaint = mine.isEmpty() ? BgpToolsParser.complaint(text) : null;
        if (complaint != null) shown.append(complaint).append('\n');
        RawAnswer raw = RawAnswer.text(ID, "whois " + x.answer().host() + " bulk (" + x.asked() + " addresses): " + ip,
                shown.toString(), "text/plain", x.answer().truncated() ? "truncated" : "answered", x.answer().started(),
                x.answer().elapsed());
        if (mine.isEmpty()) {
            if (complaint != null) {
                return LookupResult.error(ErrorClass.GARBAGE, "bgp.tools says " + Json.excerpt(complaint), List.of(raw));
            }
            return LookupResult.error(ErrorClass.GARBAGE, "bgp.tools' answer has no line for " + ip, List.of(raw));
        }
        Facts f = Facts.of(ID, context, raw);
        for (BgpToolsParser.Row r : mine) {
            if (!r.routed()) continue;
            var prefix = f.as(IndicatorType.CIDR, r.prefix());
            var asn = f.as(IndicatorType.ASN, "AS" + r.asn());
            ObjectNode nv = Json.object().put("country", r.country()).put("registry", r.registry())
                    .put("allocated", r.allocated());
            prefix.ifPresent(p -> f.link(indicator, Relation.IN_NETBLOCK, p, nv, null, null, null));
            ObjectNode av = Json.object().put("prefix", r.prefix());
            if (!r.asName().isEmpty()) av.put("as_name", r.asName());
            HostingAsns.of(context.shared()).of(r.asn()).ifPresent(p -> av.put("hosting", p.label()));
            asn.ifPresent(a -> f.link(indicator, Relation.ANNOUNCED_BY, a, av, null, null, null));
        }
        return LookupResult.of(f.observations(), List.of(raw));
    }

    private static BulkWhois.Target target(SourceSettings s) {
        Duration total = s.get(TIMEOUT);
        Duration connect = total.compareTo(Duration.ofSeconds(10)) < 0 ? total : Duration.ofSeconds(10);
        WhoisClient.Options o = new WhoisClient.Options(connect, total, total, 8 << 20, Map.of());
        return new BulkWhois.Target(s.get(SERVER).strip(), o, s.get(WINDOW), Math.max(1, s.get(MAX_BATCH)));
    }
}

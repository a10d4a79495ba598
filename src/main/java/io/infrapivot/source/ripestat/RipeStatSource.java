package io.infrapivot.source.ripestat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.routing.HostingAsns;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source {@code ripestat} (passive, no key): routing and holders from the RIPEstat Data API. An IP: its routed
 * prefix and origin ASNs ({@code network-info}), their holders ({@code prefix-overview}) and the prefix's routing
 * history ({@code routing-history}: which ASN announced it, from when to when — when it moved). A prefix: the same
 * without the first step. An ASN: its holder ({@code as-overview}) and its announced prefixes
 * ({@code announced-prefixes}, each with the span it was seen), marked with the provider when the ASN is a big
 * CDN, cloud or hosting network. Every request carries {@code sourceapp=infrapivot}, as RIPEstat asks.
 */
public final class RipeStatSource extends ServiceSource {
    public static final String ID = "ripestat";
    static final String SOURCEAPP = "infrapivot";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("RIPEstat Data API: routed prefix and origin ASNs of an IP, routing history (when a prefix"
                    + " moved), AS holder, an ASN's announced prefixes")
            .accepts(IndicatorType.IP, IndicatorType.CIDR, IndicatorType.ASN)
            .produces(Relation.ANNOUNCED_BY, Relation.IN_NETBLOCK, Relation.NETWORK_OWNER)
            .settings(settings(null, "https://stat.ripe.net"))
            .rateLimit(8, Duration.ofSeconds(1)).concurrency(4).ttl(Duration.ofDays(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return RipeStatParser.ERRORS;
    }

    /** The URL of one data call on one resource. */
    static String url(ServiceCall call, String dataCall, String resource) {
        return call.base() + "/data/" + dataCall + "/data.json?resource=" + ServiceCall.enc(resource)
                + "&sourceapp=" + SOURCEAPP;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        return switch (indicator.type()) {
            case IP -> ip(indicator, call);
            case CIDR -> prefix(indicator, call);
            default -> asn(indicator, call);
        };
    }

    private LookupResult ip(Indicator ip, ServiceCall call) throws ServiceException, InterruptedException {
        var info = RipeStatParser.networkInfo(call.get(ServiceCall.Request.of(url(call, "network-info", ip.value())),
                true, false));
        Facts f = call.facts();
        var prefix = f.as(IndicatorType.CIDR, info.prefix());
        if (prefix.isEmpty() || info.asns().isEmpty()) return call.result(null, 0, false); // not routed
        Map<Long, String> holders = holders(prefix.get(), call);
        f.link(ip, Relation.IN_NETBLOCK, prefix.get(), Json.object().put("routed", true), null, null, null);
        for (long asn : info.asns()) {
            ObjectNode v = Json.object().put("prefix", prefix.get().value());
            if (holders.get(asn) != null) v.put("as_name", holders.get(asn));
            mark(v, asn, call);
            asn(f, "AS" + asn).ifPresent(a -> f.link(ip, Relation.ANNOUNCED_BY, a, v, null, null, null));
        }
        history(prefix.get(), call, holders);
        return call.result(null, f.observations().size(), false);
    }

    /** The origin holders of a prefix (a failure is noted, the lookup goes on). */
    private Map<Long, String> holders(Indicator prefix, ServiceCall call) throws InterruptedException {
        Map<Long, String> out = new HashMap<>();
        try {
            var o = RipeStatParser.prefixOverview(call.get(ServiceCall.Request.of(
                    url(call, "prefix-overview", prefix.value())), true, false));
            for (var h : o.asns()) if (h.holder() != null) out.put(h.asn(), h.holder());
        } catch (ServiceException e) {
            call.note("prefix-overview: " + e.getMessage());
        }
        return out;
    }

    private LookupResult prefix(Indicator prefix, ServiceCall call) throws ServiceException, InterruptedException {
        var o = RipeStatParser.prefixOverview(call.get(ServiceCall.Request.of(
                url(call, "prefix-overview", prefix.value())), true, false));
        Map<Long, String> holders = new HashMap<>();
        for (var h : o.asns()) if (h.holder() != null) holders.put(h.asn(), h.holder());
        Facts f = call.facts();
        for (var h : o.asns()) {
            ObjectNode v = Json.object().put("prefix", prefix.value()).put("announced", o.announced());
            if (h.holder() != null) v.put("as_name", h.holder());
            mark(v, h.asn(), call);
            asn(f, "AS" + h.asn()).ifPresent(a -> f.link(prefix, Relation.ANNOUNCED_BY, a, v, null, null, null));
        }
        history(prefix, call, holders);
        return call.result(null, f.observations().size(), false);
    }

    /**
     * The prefix's routing history: each origin that announced it (or a more specific prefix inside it) with the
     * first and last time RIS saw it — when it moved to an ASN. A failure is noted, the lookup goes on.
     */
    private void history(Indicator prefix, ServiceCall call, Map<Long, String> holders) throws InterruptedException {
        List<RipeStatParser.Seen> seen;
        try {
            seen = RipeStatParser.routingHistory(call.get(ServiceCall.Request.of(
                    url(call, "routing-history", prefix.value())), true, false));
        } catch (ServiceException e) {
            call.note("routing-history: " + e.getMessage());
            return;
        }
        Facts f = call.facts();
        List<RipeStatParser.Seen> kept = call.capped(seen, 0);
        for (var s : kept) {
            var p = f.as(IndicatorType.CIDR, s.prefix());
            var a = asn(f, "AS" + s.origin());
            if (p.isEmpty() || a.isEmpty()) continue;
            ObjectNode v = Json.object().put("prefix", p.get().value()).put("history", "routing-history");
            if (holders.get(s.origin()) != null) v.put("as_name", holders.get(s.origin()));
            mark(v, s.origin(), call);
            f.link(p.get(), Relation.ANNOUNCED_BY, a.get(), v, s.firstSeen(), s.lastSeen(), null);
        }
        if (kept.size() < seen.size()) call.note("routing history cut at " + kept.size() + " of " + seen.size());
    }

    private LookupResult asn(Indicator asn, ServiceCall call) throws ServiceException, InterruptedException {
        Long n = HostingAsns.number(asn.value());
        if (n == null) throw new ServiceException(io.infrapivot.source.ErrorClass.BAD_REQUEST, "not an AS number");
        Facts f = call.facts();
        try {
            var o = RipeStatParser.asOverview(call.get(ServiceCall.Request.of(url(call, "as-overview", "AS" + n)),
                    true, false));
            owner(f, asn, o.holder(), call);
        } catch (ServiceException e) {
            call.note("as-overview: " + e.getMessage());
        }
        var prefixes = RipeStatParser.announcedPrefixes(call.get(ServiceCall.Request.of(
                url(call, "announced-prefixes", "AS" + n)), true, false), n);
        var provider = HostingAsns.of(call.context().shared()).of(n);
        provider.ifPresent(p -> call.note("AS" + n + " is a big " + p.kind() + " network (" + p.name()
                + "): its announced prefixes hold many unrelated customers and are marked"));
        List<RipeStatParser.Seen> kept = call.capped(prefixes, 0);
        for (var s : kept) {
            var p = f.as(IndicatorType.CIDR, s.prefix());
            if (p.isEmpty()) continue;
            ObjectNode v = Json.object().put("prefix", p.get().value());
            mark(v, n, call);
            f.link(p.get(), Relation.ANNOUNCED_BY, asn, v, s.firstSeen(), s.lastSeen(), null);
        }
        return call.result((long) prefixes.size(), kept.size(), false);
    }

    /**
     * The AS holder as its network owner: RIPEstat's holder reads "NAME - Organisation" (the AS name, then the
     * organisation); the organisation becomes an {@code org} indicator.
     */
    static void owner(Facts f, Indicator asn, String holder, ServiceCall call) {
        if (holder == null) return;
        int dash = holder.indexOf(" - ");
        String org = dash > 0 ? holder.substring(dash + 3).strip() : holder.strip();
        var o = f.as(IndicatorType.ORG, io.infrapivot.model.Safe.truncate(org, 200));
        ObjectNode v = Json.object().put("holder", io.infrapivot.model.Safe.truncate(holder, 300));
        if (dash > 0) v.put("as_name", holder.substring(0, dash).strip());
        o.ifPresent(org1 -> f.link(asn, Relation.NETWORK_OWNER, org1, v, null, null, null));
        if (o.isEmpty() && call != null) call.note("as-overview holder is not an organisation name");
    }

    private static java.util.Optional<Indicator> asn(Facts f, String text) {
        return f.as(IndicatorType.ASN, text);
    }

    /** Marks a value with the provider when the ASN is a big CDN, cloud or hosting network. */
    static void mark(ObjectNode v, long asn, ServiceCall call) {
        HostingAsns.of(call.context().shared()).of(asn).ifPresent(p -> v.put("hosting", p.label()));
    }
}

package io.infrapivot.source.dnsbl;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.DnsResolvers;
import io.infrapivot.source.dns.FindingConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Source {@code dnsbl} (passive): asks DNS blocklists about an IP (reversed, under each IP list) or a name
 * (under each domain list). Listings become {@code listed-on} attributes whose value names the list and
 * the documented meaning of each code; the lists' error answers are reported as errors, never listings.
 */
public final class DnsblSource implements Source, io.infrapivot.source.dns.DnsBased {
    public static final String ID = "dnsbl";
    static final String DEFAULT_IP_LISTS = "zen.spamhaus.org,bl.spamcop.net,b.barracudacentral.org";
    static final String DEFAULT_DOMAIN_LISTS = "dbl.spamhaus.org,multi.surbl.org,multi.uribl.com";

    static final SourceInfo.Setting<List<String>> IP_LISTS = SourceInfo.Setting.list("ip-lists",
            "IP blocklist zones", DEFAULT_IP_LISTS);
    static final SourceInfo.Setting<List<String>> DOMAIN_LISTS = SourceInfo.Setting.list("domain-lists",
            "domain blocklist zones", DEFAULT_DOMAIN_LISTS);
    static final SourceInfo.Setting<String> ZONE_SUFFIX = SourceInfo.Setting.text("zone-suffix",
            "a suffix added to every list zone (for a local mirror, or tests)", null);
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("DNS blocklists for IPs (Spamhaus ZEN, SpamCop, Barracuda) and domains (Spamhaus DBL, SURBL,"
                    + " URIBL)")
            .accepts(IndicatorType.IP, IndicatorType.DOMAIN, IndicatorType.HOST).produces(Relation.LISTED_ON)
            .settings(DnsConfig.settingsPlus(IP_LISTS, DOMAIN_LISTS, ZONE_SUFFIX))
            .concurrency(8).ttl(Duration.ofHours(6))
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
        boolean ip = indicator.type() == IndicatorType.IP;
        if (!ip && indicator.type() != IndicatorType.DOMAIN && indicator.type() != IndicatorType.HOST) {
            return LookupResult.skipped("dnsbl does not look up " + indicator.type().id());
        }
        List<Blocklist> lists = new ArrayList<>();
        for (String z : context.settings().get(ip ? IP_LISTS : DOMAIN_LISTS)) lists.add(Blocklist.forZone(z, ip));
        DnsblChecker checker = new DnsblChecker(DnsResolvers.asker(context), context.settings().get(ZONE_SUFFIX));
        List<DnsblChecker.Result> results = new ArrayList<>();
        for (Blocklist b : lists) results.add(checker.check(b, indicator.value(), ip));
        FindingConverter conv = new FindingConverter(context.parser(), ID, context.now());
        List<Observation> obs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (DnsblChecker.Result r : results) {
            RawAnswer ev = conv.evidence(r.answer());
            if (r.listing() != null) {
                obs.add(Observation.attribute(indicator, Relation.LISTED_ON, r.listing(), ID, context.now(), ev));
            }
            if (r.error() != null) errors.add(r.list().zone() + ": " + r.error());
        }
        List<RawAnswer> evidence = conv.evidence(checker.asker().answers());
        String message = errors.isEmpty() ? null : String.join("; ", errors);
        if (obs.isEmpty() && !errors.isEmpty()) return new LookupResult(Outcome.ERROR, obs, evidence, message, null);
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, evidence, message, null);
    }
}

package io.infrapivot.source.dns;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import java.time.Duration;
import java.util.List;

/**
 * The frame of the active DNS sources that discover names under a domain ({@code axfr}, {@code subdomains}):
 * they accept domains and hosts, produce {@code subdomain} links with the names' addresses and aliases, and
 * resolve through the run's resolver.
 */
public abstract class ActiveNameSource implements Source, io.infrapivot.source.dns.DnsBased {
    private final SourceInfo info;

    protected ActiveNameSource(String id, String description, int concurrency, SourceInfo.Setting<?>... settings) {
        this.info = SourceInfo.builder(id)
                .description(description)
                .accepts(IndicatorType.DOMAIN, IndicatorType.HOST)
                .produces(Relation.SUBDOMAIN, Relation.RESOLVES_TO, Relation.ALIAS_OF, Relation.DNS_RECORD)
                .access(Access.ACTIVE)
                .settings(DnsConfig.settingsPlus(settings))
                .concurrency(concurrency)
                .ttl(Duration.ofDays(1))
                .build();
    }

    /** Answers depend on the resolvers asked: kept per resolver list. */
    @Override
    public String cacheKey(io.infrapivot.source.RunOptions options, io.infrapivot.source.SourceSettings settings) {
        return io.infrapivot.source.dns.DnsResolvers.cacheKey(options, settings);
    }

    @Override
    public final SourceInfo info() {
        return info;
    }

    @Override
    public final LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (indicator.type() != IndicatorType.DOMAIN && indicator.type() != IndicatorType.HOST) {
            return LookupResult.skipped(info.id() + " does not look up " + indicator.type().id());
        }
        Asker asker = DnsResolvers.asker(context);
        return discover(DnsNames.parse(indicator.value()), indicator, asker, context);
    }

    /** Finds the names under {@code name}; the result's evidence is every answer the asker received. */
    protected abstract LookupResult discover(org.xbill.DNS.Name name, Indicator indicator, Asker asker,
                                             LookupContext context) throws InterruptedException;

    /** The result of findings (observations through the parser, every answer as evidence). */
    protected final LookupResult result(List<Finding> findings, Asker asker, Indicator indicator,
                                        LookupContext context) {
        return DnsSource.result(findings, asker.answers(), indicator, context, info.id());
    }
}

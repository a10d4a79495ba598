package io.infrapivot.source.dns;

import io.infrapivot.source.LookupContext;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One resolver (and so one answer cache) per resolver configuration for the whole run, shared by every
 * DNS source ({@code dns}, {@code dnsbl}, {@code cymru}, {@code axfr}, {@code subdomains}). Each reads the
 * resolver settings ({@code timeout}, {@code retries}, {@code tcp}, {@code doh}, {@code edns-payload})
 * from its own settings, and the resolvers from {@code --resolver}.
 */
public final class DnsResolvers {
    private static final ConcurrentHashMap<DnsConfig, DnsResolver> RESOLVERS = new ConcurrentHashMap<>();

    private DnsResolvers() {}

    public static DnsResolver forContext(LookupContext context) {
        return forConfig(DnsConfig.from(context.settings(), context.options()), context.clock());
    }

    /** A fresh evidence-keeping view of the run's resolver for one lookup. */
    public static Asker asker(LookupContext context) {
        return new Asker(forContext(context));
    }

    public static DnsResolver forConfig(DnsConfig config, java.time.Clock clock) {
        return RESOLVERS.computeIfAbsent(config, c -> new DnsResolver(c, clock));
    }
}

package io.infrapivot.source.dns;

import io.infrapivot.source.LookupContext;

/**
 * One resolver (and so one answer cache) per resolver configuration for an engine, shared by every DNS
 * source ({@code dns}, {@code dnsbl}, {@code cymru}, {@code axfr}, {@code subdomains}) through the engine's
 * {@link io.infrapivot.source.SharedResources} (never process-wide). Each reads the resolver settings
 * ({@code resolvers}, {@code timeout}, {@code retries}, {@code tcp}, {@code doh}, {@code edns-payload}) from its
 * own settings (inherited from {@code [sources.dns]}), and the resolvers from {@code --resolver} first; the case's
 * lookup log keeps answers per resolver list
 * ({@link #cacheKey}).
 */
public final class DnsResolvers {
    private DnsResolvers() {}

    public static DnsResolver forContext(LookupContext context) {
        DnsConfig config = DnsConfig.from(context.settings(), context.options());
        return context.shared().get(config, () -> new DnsResolver(config, context.clock()));
    }

    /**
     * The DNS sources' {@link io.infrapivot.source.Source#cacheKey(io.infrapivot.source.RunOptions,
     * io.infrapivot.source.SourceSettings)}: the resolvers asked ({@code --resolver}, else the {@code resolvers}
     * setting), if any; empty for the system's.
     */
    public static String cacheKey(io.infrapivot.source.RunOptions options, io.infrapivot.source.SourceSettings settings) {
        java.util.List<String> r = DnsConfig.resolversOf(settings, options);
        return r.isEmpty() ? "" : "resolvers=" + String.join(",", r);
    }

    /** A fresh evidence-keeping view of the run's resolver for one lookup. */
    public static Asker asker(LookupContext context) {
        return new Asker(forContext(context));
    }
}

package io.infrapivot.engine;

import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.DnsSource;
import io.infrapivot.source.dns.bulk.BulkBench;
import io.infrapivot.source.dns.bulk.BulkResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bulk resolution asks ({@code infrapivot resolve}), in a face's words: record types by name, resolvers
 * as {@code IP[:PORT]} (none: the {@code [sources.dns] resolvers} setting, else the system's), the resend
 * timeout, sends per question, questions in flight and a rate cap (0: none). Checked when built: a bad value
 * is an {@link IllegalArgumentException} whose message names the option, so a face can show it as is.
 * Faces never see the DNS source layer's own types.
 */
public record ResolveRequest(List<String> types, List<String> resolvers, Duration timeout, int tries, int inFlight,
                             double rate) {
    /** The size of the UDP socket's buffers. */
    private static final int SOCKET_BUFFER = 8 << 20;

    public ResolveRequest {
        types = List.copyOf(types);
        resolvers = List.copyOf(resolvers);
        if (types.isEmpty()) throw new IllegalArgumentException("-t: no record type given");
        for (String t : types) typeCode(t);
        for (String r : resolvers) {
            try {
                DnsConfig.parseResolver(r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--resolver: " + e.getMessage(), e);
            }
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be 0 (no limit) or more");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be more than zero");
        }
        if (tries < 1) throw new IllegalArgumentException("--tries must be at least 1");
        if (inFlight < 1 || inFlight > 60_000) throw new IllegalArgumentException("--in-flight must be 1-60000");
    }

    /** {@code A,AAAA,MX} split into type names (the constructor refuses an unknown one). */
    public static List<String> typesOf(String csv) {
        List<String> out = new ArrayList<>();
        for (String t : csv.split(",")) out.add(t.trim());
        return out;
    }

    private static int typeCode(String type) {
        try {
            return BulkBench.types(type).getFirst();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-t: " + e.getMessage(), e);
        }
    }

    List<Integer> typeCodes() {
        return types.stream().map(ResolveRequest::typeCode).toList();
    }

    /** The source layer's options: the request's resolvers, else the engine's configured ones, else the system's. */
    BulkResolver.Options options(Engine engine) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String r : resolvers) servers.add(DnsConfig.parseResolver(r));
        if (servers.isEmpty()) {
            var dns = engine.registry().byId(DnsSource.ID).orElse(null);
            List<String> configured = dns == null ? List.of() : engine.settingsOf(dns).get(DnsConfig.RESOLVERS);
            for (String r : configured) {
                try {
                    servers.add(DnsConfig.parseResolver(r));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("[sources.dns] resolvers: " + e.getMessage(), e);
                }
            }
        }
        if (servers.isEmpty()) servers.addAll(DnsConfig.systemResolvers());
        return new BulkResolver.Options(servers, timeout, tries, inFlight, rate, SOCKET_BUFFER);
    }
}

package io.infrapivot.engine;

import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.rdap.RdapBootstrap;
import io.infrapivot.source.whois.WhoisServers;

/**
 * The network clients' set-up, checked offline ({@code infrapivot selftest}): the HTTP client, the shipped RDAP
 * bootstrap files and the WHOIS server table are built as a lookup would build them; nothing is sent.
 */
public final class NetworkClients {
    private NetworkClients() {}

    /** Builds each client; a missing or broken shipped file is a {@link RuntimeException} naming it. */
    public static void setUp() {
        new HttpFetcher(HttpFetcher.Options.defaults());
        RdapBootstrap.shipped();
        WhoisServers.standard();
    }

    /**
     * Checks a DNS resolver as the user wrote it ({@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT}) before a run, so
     * that a bad one is said once rather than as every DNS lookup's error.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static void checkResolver(String resolver) {
        io.infrapivot.source.dns.DnsConfig.parseResolver(resolver);
    }
}

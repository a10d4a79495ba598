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
}

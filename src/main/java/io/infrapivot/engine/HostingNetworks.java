package io.infrapivot.engine;

import io.infrapivot.source.routing.HostingAsns;
import java.util.Optional;

/**
 * The faces' view of the big CDN/cloud/hosting networks the routing sources and the noise rules know
 * ({@code source.routing.HostingAsns}: the shipped list plus the user's {@code hosting-asns.txt}), so a report can
 * say that an address of theirs locates the provider's datacentre without naming a source package.
 */
public final class HostingNetworks {
    private HostingNetworks() {}

    /** "amazon cloud" for an ASN ({@code AS16509} or {@code 16509}) on the list; empty otherwise. */
    public static Optional<String> label(String asn) {
        return HostingAsns.standard().of(asn).map(HostingAsns.Provider::label);
    }
}

package io.infrapivot.engine;

import io.infrapivot.engine.config.Config;
import io.infrapivot.source.routing.HostingAsns;
import java.util.Optional;

/**
 * The faces' view of the big CDN/cloud/hosting networks the routing sources and the noise rules know
 * ({@code source.routing.HostingAsns}: the shipped list plus the user's {@code hosting-asns.txt} found next to the
 * config file), so a report can say that an address of theirs locates the provider's datacentre without naming a
 * source package.
 */
public final class HostingNetworks {
    private final HostingAsns list;

    private HostingNetworks(HostingAsns list) {
        this.list = list;
    }

    /** The shipped list alone, as the faces' view. */
    public static HostingNetworks shipped() {
        return new HostingNetworks(HostingAsns.shipped());
    }

    /** {@code list} as the faces' view. */
    public static HostingNetworks over(HostingAsns list) {
        return new HostingNetworks(list);
    }

    /** The list of {@code config} ({@link #of(Config)}) as the faces' view. */
    public static HostingNetworks forConfig(Config config) {
        return new HostingNetworks(of(config));
    }

    /** "amazon cloud" for an ASN ({@code AS16509} or {@code 16509}) on this list; empty otherwise. */
    public Optional<String> label(String asn) {
        return label(list, asn);
    }

    /**
     * The list of {@code config}: the shipped one with the user's file, {@code INFRAPIVOT_HOSTING_ASNS} of the
     * config's environment, else {@code hosting-asns.txt} in the config file's folder ({@code --config FILE},
     * {@code INFRAPIVOT_CONFIG}, the XDG folder: the config's own resolution).
     */
    public static HostingAsns of(Config config) {
        return HostingAsns.load(HostingAsns.userFile(config.file(),
                config.environment("INFRAPIVOT_HOSTING_ASNS").orElse(null)));
    }

    /** "amazon cloud" for an ASN ({@code AS16509} or {@code 16509}) on {@code list}; empty otherwise. */
    public static Optional<String> label(HostingAsns list, String asn) {
        return list.of(asn).map(HostingAsns.Provider::label);
    }
}

package io.infrapivot.model;

import java.util.List;
import java.util.Set;

/**
 * Type-specific facts the parser derives. Serialised to JSON with snake_case field names
 * (see docs/json.md); field names here are the contract.
 */
public sealed interface Details {

    /** For types without derived facts (org, person, phone, cert). */
    record None() implements Details {}

    /**
     * A domain or host name.
     *
     * @param unicode                 the name in Unicode (for display); equals the ASCII form when not an IDN
     * @param registrableDomain       eTLD+1 by the whole list (ICANN and private sections); null when the
     *                                name is itself a public suffix or has an unknown TLD
     * @param publicSuffix            the public suffix by the whole list
     * @param suffixSection           "icann", "private", or "none" (no rule matched: the default rule "*")
     * @param icannRegistrableDomain  eTLD+1 by the ICANN section alone: what WHOIS and RDAP are asked about
     * @param icannPublicSuffix       the public suffix by the ICANN section alone
     * @param isPublicSuffix          the name is itself a public suffix (whole list)
     * @param knownTld                the top-level label is a TLD the list knows
     * @param labels                  number of labels
     */
    record Name(String unicode, String registrableDomain, String publicSuffix, String suffixSection,
                String icannRegistrableDomain, String icannPublicSuffix, boolean isPublicSuffix,
                boolean knownTld, int labels) implements Details {}

    /**
     * An IP address.
     *
     * @param version   4 or 6
     * @param flags     range flags: private, loopback, link-local, cgnat, multicast, reserved, documentation,
     *                  unspecified, broadcast, benchmarking, shared, ipv4-mapped, 6to4, teredo, nat64,
     *                  unique-local, global (set when none of the non-global flags is)
     * @param rangeName the IANA special-purpose block it falls in, e.g. "192.168.0.0/16 Private-Use", or null
     * @param embeddedIpv4 the IPv4 address inside an IPv4-mapped, 6to4, NAT64 or Teredo address, or null
     * @param port      a port given with the address (1.2.3.4:8080), or null
     */
    record Ip(int version, Set<String> flags, String rangeName, String embeddedIpv4, Integer port) implements Details {}

    /**
     * A network.
     *
     * @param version      4 or 6
     * @param network      first address
     * @param prefixLength prefix length
     * @param size         number of addresses as a decimal string (IPv6 sizes exceed long)
     * @param hostBitsSet  the input had host bits set and was normalised to the network
     * @param flags        range flags as for {@link Ip} where the whole network lies in a special range
     */
    record Cidr(int version, String network, int prefixLength, String size, boolean hostBitsSet,
                Set<String> flags) implements Details {}

    /** @param number the AS number; @param flags private, reserved, documentation, 4-byte */
    record Asn(long number, Set<String> flags) implements Details {}

    /**
     * A URL.
     *
     * @param scheme        lower case
     * @param host          the host as an indicator (ip, domain or host)
     * @param hostDetails   that host's details
     * @param port          explicit non-default port, or null
     * @param path          path (at least "/")
     * @param query         query string without '?', or null
     * @param schemeAssumed the input had no scheme and http was assumed
     */
    record Url(String scheme, Indicator host, Details hostDetails, Integer port, String path, String query,
               boolean schemeAssumed) implements Details {}

    /** @param localPart as given; @param domain the domain part as an indicator (domain or host) */
    record Email(String localPart, Indicator domain, Details domainDetails) implements Details {}

    /** @param algorithm md5, sha1, sha224, sha256, sha384, sha512, ssdeep or tlsh */
    record Hash(String algorithm) implements Details {}

    /** A local file and its hashes (hex, lower case). */
    record File(String path, long size, String md5, String sha1, String sha256, String sha512) implements Details {}

    /**
     * An analytics or advertising ID.
     *
     * @param kind "google-analytics-ua", "google-analytics-ga4", "google-tag-manager", "google-adsense", ...
     * @param property for UA ids the account part (UA-NNNN), which links properties of one account
     */
    record AnalyticsId(String kind, String property) implements Details {}

    /** A phone number in E.164 form; @param countryCode the calling code where it could be read, or null */
    record Phone(String countryCode) implements Details {}

    static List<String> flagsOrder() {
        return List.of("global", "private", "loopback", "link-local", "cgnat", "shared", "multicast", "reserved",
                "documentation", "unspecified", "broadcast", "benchmarking", "ipv4-mapped", "6to4", "teredo",
                "nat64", "unique-local");
    }
}

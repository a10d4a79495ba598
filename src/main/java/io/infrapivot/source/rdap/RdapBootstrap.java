package io.infrapivot.source.rdap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The IANA RDAP bootstrap registries (RFC 9224): dns.json, ipv4.json, ipv6.json and asn.json, each a list of
 * services {@code [[entries...], [base URLs...]]}. A snapshot ships as resources; a folder holding newer files
 * (written by {@code update-data}) replaces it file by file. Lookups pick the most specific entry (longest TLD
 * suffix, longest IP prefix) and prefer an https base URL.
 */
public final class RdapBootstrap {
    /** The IANA folder the files are published in (the {@code bootstrap_url} setting's default). */
    public static final String IANA_URL = "https://data.iana.org/rdap/";
    /** The four file names. */
    public static final List<String> FILES = List.of("dns.json", "ipv4.json", "ipv6.json", "asn.json");
    private static final String RESOURCES = "/io/infrapivot/source/rdap/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private record Service(List<String> entries, String base) {}

    private final List<Service> dns;
    private final List<Service> ipv4;
    private final List<Service> ipv6;
    private final List<Service> asn;
    private final Instant publication;

    private RdapBootstrap(JsonNode dns, JsonNode ipv4, JsonNode ipv6, JsonNode asn) {
        this.dns = services(dns);
        this.ipv4 = services(ipv4);
        this.ipv6 = services(ipv6);
        this.asn = services(asn);
        Instant oldest = null;
        for (JsonNode n : List.of(dns, ipv4, ipv6, asn)) {
            Instant p = n.hasNonNull("publication") ? Instant.parse(n.get("publication").asText()) : null;
            if (p != null && (oldest == null || p.isBefore(oldest))) oldest = p;
        }
        this.publication = oldest;
    }

    /** The snapshot shipped with the tool. */
    public static RdapBootstrap shipped() {
        return load(null);
    }

    /** Loaded bootstraps by folder (null: the shipped one), kept while the folder's files are unchanged. */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Map.Entry<String, RdapBootstrap>>
            LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A stamp of the folder's bootstrap files (names, sizes, times): a refresh by update-data changes it. */
    private static String stamp(Path dir) {
        if (dir == null) return "shipped";
        StringBuilder b = new StringBuilder();
        for (String f : FILES) {
            Path p = dir.resolve(f);
            try {
                b.append(f).append(java.nio.file.Files.size(p)).append(java.nio.file.Files.getLastModifiedTime(p)).append(';');
            } catch (IOException e) {
                b.append(f).append("-;");
            }
        }
        return b.toString();
    }

    /**
     * The shipped snapshot, with each file replaced by the one in {@code dir} where that exists.
     *
     * @param dir a folder holding downloaded bootstrap files, or null
     */
    public static RdapBootstrap load(Path dir) {
        String key = dir == null ? "" : dir.toAbsolutePath().toString();
        String stamp = stamp(dir);
        var cached = LOADED.get(key);
        if (cached != null && cached.getKey().equals(stamp)) return cached.getValue();
        RdapBootstrap b = read(dir);
        LOADED.put(key, java.util.Map.entry(stamp, b));
        return b;
    }

    private static RdapBootstrap read(Path dir) {
        JsonNode[] files = new JsonNode[4];
        for (int i = 0; i < 4; i++) files[i] = read(dir, FILES.get(i));
        return new RdapBootstrap(files[0], files[1], files[2], files[3]);
    }

    /** Builds a bootstrap from the four files' JSON text (tests, update-data validation). */
    public static RdapBootstrap of(String dns, String ipv4, String ipv6, String asn) {
        try {
            return new RdapBootstrap(JSON.readTree(dns), JSON.readTree(ipv4), JSON.readTree(ipv6), JSON.readTree(asn));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bootstrap file: " + e.getMessage(), e);
        }
    }

    /** The oldest publication date of the four files, or null. */
    public Instant publication() {
        return publication;
    }

    /** The RDAP base URL for a domain (longest matching TLD / suffix entry). */
    public Optional<String> forDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String best = null;
        int bestLen = -1;
        for (Service s : dns) {
            for (String e : s.entries()) {
                String suffix = e.toLowerCase(Locale.ROOT);
                if ((d.equals(suffix) || d.endsWith("." + suffix)) && suffix.length() > bestLen) {
                    best = s.base();
                    bestLen = suffix.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The RDAP base URL for an IP address (longest matching prefix). */
    public Optional<String> forIp(String ip) {
        IPAddress addr = new IPAddressString(ip).getAddress();
        if (addr == null) return Optional.empty();
        String best = null;
        int bestLen = -1;
        for (Service s : addr.isIPv4() ? ipv4 : ipv6) {
            for (String e : s.entries()) {
                IPAddress block = new IPAddressString(e).getAddress();
                if (block != null && block.contains(addr) && block.getNetworkPrefixLength() > bestLen) {
                    best = s.base();
                    bestLen = block.getNetworkPrefixLength();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The RDAP base URL for an AS number. */
    public Optional<String> forAsn(long number) {
        for (Service s : asn) {
            for (String e : s.entries()) {
                String[] p = e.split("-");
                long lo = Long.parseLong(p[0].strip());
                long hi = p.length > 1 ? Long.parseLong(p[1].strip()) : lo;
                if (number >= lo && number <= hi) return Optional.of(s.base());
            }
        }
        return Optional.empty();
    }

    private static List<Service> services(JsonNode file) {
        List<Service> out = new ArrayList<>();
        for (JsonNode svc : file.path("services")) {
            List<String> entries = new ArrayList<>();
            svc.path(0).forEach(e -> entries.add(e.asText()));
            String base = null;
            for (JsonNode u : svc.path(1)) {
                String url = u.asText();
                if (base == null || url.startsWith("https://") && !base.startsWith("https://")) base = url;
            }
            if (base != null) out.add(new Service(List.copyOf(entries), base.endsWith("/") ? base : base + "/"));
        }
        return out;
    }

    private static JsonNode read(Path dir, String name) {
        try {
            if (dir != null && Files.isRegularFile(dir.resolve(name))) {
                return JSON.readTree(dir.resolve(name).toFile());
            }
            try (InputStream in = Objects.requireNonNull(RdapBootstrap.class.getResourceAsStream(RESOURCES + name),
                    name)) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RDAP bootstrap file " + name, e);
        }
    }
}

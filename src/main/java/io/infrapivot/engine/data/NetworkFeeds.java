package io.infrapivot.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CDN and cloud providers' published address-range feeds and their formats. Each feed becomes
 * lines of {@code known-networks.txt}: {@code CIDR provider cdn|cloud}. Akamai publishes no list and
 * Azure's service-tag file moves every week, so their ranges stay as shipped (or as the user writes
 * them).
 */
public final class NetworkFeeds {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One feed: its setting name (INFRAPIVOT_DATA_&lt;NAME&gt;_URL), default URL and the providers it replaces. */
    public record Feed(String name, String defaultUrl, Set<String> providers) {}

    /** One range. */
    public record Range(String cidr, String provider, String kind) {
        String line() {
            return cidr + " " + provider + " " + kind;
        }
    }

    public static final List<Feed> FEEDS = List.of(
            new Feed("cloudflare_v4", "https://www.cloudflare.com/ips-v4", Set.of("cloudflare")),
            new Feed("cloudflare_v6", "https://www.cloudflare.com/ips-v6", Set.of("cloudflare")),
            new Feed("fastly", "https://api.fastly.com/public-ip-list", Set.of("fastly")),
            new Feed("aws", "https://ip-ranges.amazonaws.com/ip-ranges.json", Set.of("aws", "aws-cloudfront")),
            new Feed("google", "https://www.gstatic.com/ipranges/goog.json", Set.of("google")),
            new Feed("googlecloud", "https://www.gstatic.com/ipranges/cloud.json", Set.of("google-cloud")),
            new Feed("oracle", "https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json", Set.of("oracle")),
            new Feed("digitalocean", "https://digitalocean.com/geo/google.csv", Set.of("digitalocean")));

    private NetworkFeeds() {}

    /** Parses one feed's body; throws IOException naming the feed when it is not in the expected format. */
    public static List<Range> parse(String feed, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Range> out = new ArrayList<>();
        switch (feed) {
            case "cloudflare_v4", "cloudflare_v6" -> {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) out.add(range(line.strip(), "cloudflare", "cdn", feed));
                }
            }
            case "fastly" -> {
                JsonNode root = json(text, feed);
                for (String f : List.of("addresses", "ipv6_addresses")) {
                    root.path(f).forEach(n -> out.add(rangeUnchecked(n.asText(), "fastly", "cdn")));
                }
            }
            case "aws" -> {
                JsonNode root = json(text, feed);
                for (String[] f : new String[][] {{"prefixes", "ip_prefix"}, {"ipv6_prefixes", "ipv6_prefix"}}) {
                    for (JsonNode p : root.path(f[0])) {
                        String service = p.path("service").asText();
                        if (service.equals("CLOUDFRONT")) out.add(rangeUnchecked(p.path(f[1]).asText(), "aws-cloudfront", "cdn"));
                        else if (service.equals("EC2")) out.add(rangeUnchecked(p.path(f[1]).asText(), "aws", "cloud"));
                    }
                }
            }
            case "google", "googlecloud" -> {
                JsonNode root = json(text, feed);
                String provider = feed.equals("google") ? "google" : "google-cloud";
                String kind = feed.equals("google") ? "cdn" : "cloud";
                for (JsonNode p : root.path("prefixes")) {
                    String cidr = p.has("ipv4Prefix") ? p.path("ipv4Prefix").asText() : p.path("ipv6Prefix").asText();
                    out.add(rangeUnchecked(cidr, provider, kind));
                }
            }
            case "oracle" -> {
                JsonNode root = json(text, feed);
                for (JsonNode region : root.path("regions")) {
                    for (JsonNode c : region.path("cidrs")) out.add(rangeUnchecked(c.path("cidr").asText(), "oracle", "cloud"));
                }
            }
            case "digitalocean" -> {
                for (String line : text.split("\\R")) {
                    if (line.isBlank()) continue;
                    out.add(range(line.split(",", 2)[0].strip(), "digitalocean", "cloud", feed));
                }
            }
            default -> throw new IllegalArgumentException("unknown feed " + feed);
        }
        if (out.isEmpty()) throw new IOException(feed + ": no address ranges in the answer");
        return out;
    }

    /** Google's goog.json lists its cloud ranges too: keep only what cloud.json does not claim. */
    public static List<Range> withoutCloud(List<Range> google, List<Range> cloud) {
        Set<String> c = new HashSet<>();
        cloud.forEach(r -> c.add(r.cidr()));
        return google.stream().filter(r -> !c.contains(r.cidr())).toList();
    }

    private static JsonNode json(String text, String feed) throws IOException {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) throw new IOException(feed + ": the answer is not a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(feed + ": the answer is not JSON");
        }
    }

    private static Range range(String cidr, String provider, String kind, String feed) throws IOException {
        IPAddress a = new IPAddressString(cidr).getAddress();
        if (a == null) throw new IOException(feed + ": not an address range: " + io.infrapivot.model.Safe.oneLine(
                io.infrapivot.model.Safe.truncate(cidr, 60)));
        return new Range(a.toPrefixBlock().toCanonicalString(), provider, kind);
    }

    private static Range rangeUnchecked(String cidr, String provider, String kind) {
        IPAddress a = new IPAddressString(cidr).getAddress();
        if (a == null) throw new IllegalArgumentException("not an address range: " + io.infrapivot.model.Safe.oneLine(
                io.infrapivot.model.Safe.truncate(cidr, 60)));
        return new Range(a.toPrefixBlock().toCanonicalString(), provider, kind);
    }

    /** Lines of the shipped (or current) list whose provider is not in {@code replaced}. */
    static List<String> keep(List<String> currentLines, Set<String> replaced) {
        List<String> out = new ArrayList<>();
        for (String line : currentLines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] parts = t.split("\\s+");
            if (parts.length >= 3 && !replaced.contains(parts[1])) out.add(t);
        }
        return out;
    }

    static List<String> lines(List<Range> ranges) {
        Set<String> out = new LinkedHashSet<>();
        ranges.forEach(r -> out.add(r.line()));
        return new ArrayList<>(out);
    }
}

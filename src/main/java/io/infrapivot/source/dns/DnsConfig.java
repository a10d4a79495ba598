package io.infrapivot.source.dns;

import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/**
 * How every DNS source of one run resolves: the resolvers ({@code --resolver IP[:port]}, repeatable; else the
 * {@code resolvers} setting; the system's when none), per-try timeout, retries, TCP only, or DNS over HTTPS.
 *
 * @param servers     resolvers to rotate over (ignored when {@code doh} is set)
 * @param timeout     time one try may take
 * @param retries     extra rounds over the resolvers after the first
 * @param tcp         always use TCP
 * @param doh         an RFC 8484 DNS-over-HTTPS URL, or null
 * @param ednsPayload the EDNS0 UDP payload size advertised (0 disables EDNS0)
 */
public record DnsConfig(List<InetSocketAddress> servers, Duration timeout, int retries, boolean tcp, URI doh,
                        int ednsPayload) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 2;
    /** The payload size DNS Flag Day 2020 recommends: avoids IP fragmentation. */
    public static final int DEFAULT_EDNS_PAYLOAD = 1232;

    public DnsConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty() && doh == null) throw new IllegalArgumentException("no DNS resolver configured");
        if (retries < 0) throw new IllegalArgumentException("retries must be at least 0");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (doh != null && !"https".equals(doh.getScheme()) && !"http".equals(doh.getScheme())) {
            throw new IllegalArgumentException("doh must be an http(s) URL: " + doh);
        }
    }

    /** The resolvers asked when no {@code --resolver} is given (none: the system's). */
    public static final SourceInfo.Setting<List<String>> RESOLVERS = SourceInfo.Setting.list("resolvers",
            "resolvers IP[:PORT],... asked when no --resolver is given (default: the system's)", null);
    /** Time one try may take. */
    public static final SourceInfo.Setting<Duration> TIMEOUT = SourceInfo.Setting.duration("timeout",
            "time one DNS try may take", DEFAULT_TIMEOUT);
    /** Extra rounds over the resolvers after every try timed out. */
    public static final SourceInfo.Setting<Integer> RETRIES = SourceInfo.Setting.integer("retries",
            "extra rounds over the resolvers after a timeout", DEFAULT_RETRIES);
    /** Always query over TCP. */
    public static final SourceInfo.Setting<Boolean> TCP = SourceInfo.Setting.flag("tcp",
            "true: always query over TCP", false);
    /** An RFC 8484 URL asked instead of the resolvers. */
    public static final SourceInfo.Setting<String> DOH = SourceInfo.Setting.text("doh",
            "a DNS-over-HTTPS (RFC 8484) URL used instead of the resolvers", null);
    /** The EDNS0 UDP payload size advertised (0 turns EDNS0 off). */
    public static final SourceInfo.Setting<Integer> EDNS_PAYLOAD = SourceInfo.Setting.integer("edns-payload",
            "EDNS0 UDP payload size (0 turns EDNS0 off)", DEFAULT_EDNS_PAYLOAD);

    /** The settings of source {@code dns} read by every DNS source. */
    public static List<SourceInfo.Setting<?>> settings() {
        return List.of(RESOLVERS, TIMEOUT, RETRIES, TCP, DOH, EDNS_PAYLOAD);
    }

    /** The names of the resolver settings that every DNS-based source takes from {@code [sources.dns]}. */
    public static java.util.Set<String> sharedSettingNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SourceInfo.Setting<?> st : settings()) names.add(st.name());
        return names;
    }

    /** The resolver settings followed by a source's own. */
    public static List<SourceInfo.Setting<?>> settingsPlus(SourceInfo.Setting<?>... own) {
        List<SourceInfo.Setting<?>> s = new ArrayList<>(settings());
        s.addAll(List.of(own));
        return s;
    }

    /**
     * The resolvers a run asks, as given: {@code --resolver} when given (it wins), else the {@code resolvers}
     * setting ({@code [sources.dns] resolvers}, {@code INFRAPIVOT_DNS_RESOLVERS}); empty: the system's.
     */
    public static List<String> resolversOf(SourceSettings dnsSettings, RunOptions options) {
        return options.resolvers().isEmpty() ? dnsSettings.get(RESOLVERS) : options.resolvers();
    }

    /** Reads the config from the {@code dns} source's settings and the run's {@code --resolver} options. */
    public static DnsConfig from(SourceSettings dnsSettings, RunOptions options) {
        List<InetSocketAddress> servers = new ArrayList<>();
        boolean fromOptions = !options.resolvers().isEmpty();
        for (String r : resolversOf(dnsSettings, options)) {
            try {
                servers.add(parseResolver(r));
            } catch (IllegalArgumentException e) {
                if (fromOptions) throw e;
                throw new IllegalArgumentException("[sources." + dnsSettings.sourceId() + "] resolvers: "
                        + e.getMessage(), e);
            }
        }
        if (servers.isEmpty()) servers.addAll(systemResolvers());
        URI doh = dnsSettings.find(DOH).map(DnsConfig::dohUrl).orElse(null);
        return new DnsConfig(servers, dnsSettings.get(TIMEOUT), dnsSettings.get(RETRIES), dnsSettings.get(TCP), doh,
                dnsSettings.get(EDNS_PAYLOAD));
    }

    private static URI dohUrl(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("[sources.dns] setting doh must be a URL", e);
        }
    }

    /** A config for the given resolvers with default timings. */
    public static DnsConfig of(List<InetSocketAddress> servers) {
        return new DnsConfig(servers, DEFAULT_TIMEOUT, DEFAULT_RETRIES, false, null, DEFAULT_EDNS_PAYLOAD);
    }

    public DnsConfig withTimeout(Duration t, int r) {
        return new DnsConfig(servers, t, r, tcp, doh, ednsPayload);
    }

    public DnsConfig withTcp(boolean always) {
        return new DnsConfig(servers, timeout, retries, always, doh, ednsPayload);
    }

    public DnsConfig withDoh(URI url) {
        return new DnsConfig(servers, timeout, retries, tcp, url, ednsPayload);
    }

    public DnsConfig withEdnsPayload(int payload) {
        return new DnsConfig(servers, timeout, retries, tcp, doh, payload);
    }

    /** The system's resolvers (resolv.conf and the like), as dnsjava finds them. */
    public static List<InetSocketAddress> systemResolvers() {
        List<InetSocketAddress> s = ResolverConfig.getCurrentConfig().servers();
        return s.isEmpty() ? List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)) : s;
    }

    /**
     * Parses {@code IP}, {@code IP:port}, {@code [IPv6]:port} or a bare IPv6 address. Only literal
     * addresses are accepted (a resolver given by name would need a resolver to find it).
     */
    public static InetSocketAddress parseResolver(String text) {
        String t = text.trim();
        String host = t;
        int port = 53;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("bad resolver '" + t + "': missing ']'");
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.startsWith(":")) port = parsePort(t, rest.substring(1));
            else if (!rest.isEmpty()) throw new IllegalArgumentException("bad resolver '" + t + "'");
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = parsePort(t, t.substring(t.indexOf(':') + 1));
        }
        inet.ipaddr.IPAddress ip = new inet.ipaddr.IPAddressString(host).getAddress();
        if (ip == null || ip.isMultiple()) {
            throw new IllegalArgumentException("bad resolver '" + t + "': give an IP address, optionally with :port");
        }
        return new InetSocketAddress(ip.toInetAddress(), port);
    }

    private static int parsePort(String whole, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad resolver '" + whole + "': port must be 1-65535");
        }
    }
}

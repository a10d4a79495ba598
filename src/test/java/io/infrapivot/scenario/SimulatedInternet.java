package io.infrapivot.scenario;

import io.infrapivot.source.dns.NsdServer;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A small internet on loopback describing a fictional actor, served by the real servers the sources
 * talk to: NSD for DNS, and MockWebServer answering exactly like RDAP, Whoxy reverse WHOIS, Mnemonic
 * passive DNS and crt.sh do.
 *
 * <p>The actor: 20 domains under 3 registrant emails (domains 15-17 of the third behind a privacy
 * service), 5 dedicated IPs, one shared-hosting IP that also carries 2,000 unrelated names, a Cloudflare
 * address, a sinkholed address, a parked domain, and the same SPF include and verification token on
 * every domain.
 */
public final class SimulatedInternet implements AutoCloseable {
    public static final List<String> DOMAINS = new ArrayList<>();
    public static final List<String> IPS = List.of("45.83.10.1", "45.83.10.2", "45.83.10.3", "45.83.10.4", "45.83.10.5");
    public static final String SHARED = "62.210.99.99";
    public static final String CDN = "104.16.50.50";
    public static final String SINKHOLE = "199.2.137.10";
    public static final String PARKING_NS = "ns1.sedoparking.com";
    public static final String EMAIL_A = "r.baxter1982@gmail.com";
    public static final String EMAIL_B = "admin@acme-secure-ops.net";
    public static final String EMAIL_C = "k0nstantin@yandex.ru";
    public static final String PRIVACY = "5f2c9a1e@withheldforprivacy.com";
    public static final int UNRELATED = 2000;

    static {
        for (int i = 1; i <= 20; i++) DOMAINS.add("acme-secure" + i + ".com");
    }

    private final NsdServer dns;
    public final Service rdap;
    public final Service whoxy;
    public final Service mnemonic;
    public final Service crtsh;

    /** One HTTP service: its server and the paths it was asked, in order. */
    public static final class Service implements AutoCloseable {
        public final MockWebServer server = new MockWebServer();
        public final Queue<String> requests = new ConcurrentLinkedQueue<>();

        Service(Function<RecordedRequest, MockResponse> answer, Duration delay) throws Exception {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    requests.add(request.getTarget());
                    MockResponse r = answer.apply(request);
                    if (!delay.isZero()) {
                        r = r.newBuilder().headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build();
                    }
                    return r;
                }
            });
            // like a real web server, answers go out without Nagle's delay: MockWebServer writes a large body in
            // several pieces, and the last would otherwise wait ~40 ms for the client's delayed ACK
            server.setServerSocketFactory(new NoDelayServerSockets());
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        public String url() {
            String u = server.url("/").toString();
            return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    public SimulatedInternet(Duration delay) throws Exception {
        dns = NsdServer.start(List.of("records.test"), List.of(), zones());
        rdap = new Service(SimulatedInternet::rdap, delay);
        whoxy = new Service(SimulatedInternet::whoxy, delay);
        mnemonic = new Service(SimulatedInternet::mnemonic, delay);
        crtsh = new Service(SimulatedInternet::crtsh, delay);
    }

    /** {@code --resolver} value for the DNS server. */
    public String resolver() {
        return dns.resolverOption();
    }

    /** Environment that points the sources at this internet. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String id : List.of("dns", "rdap", "whoxy", "mnemonic", "crtsh", "classify")) {
            env.put("INFRAPIVOT_" + id.toUpperCase() + "_ENABLED", "true");
        }
        env.put("INFRAPIVOT_RDAP_URL", rdap.url());
        env.put("INFRAPIVOT_WHOXY_URL", whoxy.url());
        env.put("INFRAPIVOT_WHOXY_KEY", "scenario-whoxy-key-0001");
        env.put("INFRAPIVOT_MNEMONIC_URL", mnemonic.url());
        env.put("INFRAPIVOT_CRTSH_URL", crtsh.url());
        for (String id : List.of("rdap", "whoxy", "mnemonic", "crtsh")) {
            env.put("INFRAPIVOT_" + id.toUpperCase() + "_RATE_LIMIT", "100000");
        }
        return env;
    }

    public static final String SOURCES = "classify,dns,rdap,whoxy,mnemonic,crtsh";

    // ---- the world ----

    static int index(String domain) {
        return DOMAINS.indexOf(domain);
    }

    static String emailOf(int i) {
        if (i < 8) return EMAIL_A;
        if (i < 14) return EMAIL_B;
        if (i < 17) return PRIVACY;
        return EMAIL_C;
    }

    /** The current A record of each domain. */
    static String currentIp(int i) {
        if (i == 0 || i >= 14) return IPS.get(0);
        if (i == 4) return SINKHOLE; // taken down: sinkholed
        if (i < 4) return IPS.get(2);
        if (i < 8) return IPS.get(3);
        return IPS.get(1);
    }

    /** Passive DNS: every IP each domain was ever seen on. */
    static List<String> history(int i) {
        List<String> ips = new ArrayList<>();
        ips.add(currentIp(i));
        if (i == 0) ips.addAll(List.of(IPS.get(1), IPS.get(2), IPS.get(3), IPS.get(4), SHARED, CDN));
        if (i == 4) ips.add(IPS.get(3));
        if (i >= 9 && i <= 11) ips.add(IPS.get(4));
        if (i >= 18) ips.add(SHARED);
        return ips;
    }

    static Map<String, String> zones() {
        Map<String, String> zones = new LinkedHashMap<>();
        for (int i = 0; i < DOMAINS.size(); i++) {
            String d = DOMAINS.get(i);
            String ns = i == 7 ? PARKING_NS : "ns1.acme-dns.net";
            String ns2 = i == 7 ? "ns2.sedoparking.com" : "ns2.acme-dns.net";
            zones.put(d, String.join("\n",
                    "$ORIGIN " + d + ".",
                    "$TTL 300",
                    // the privacy-protected domains' DNS host puts the privacy relay in the SOA too
                    "@ IN SOA " + ns + ". " + (emailOf(i).equals(PRIVACY) ? PRIVACY.replace('@', '.')
                            : "hostmaster." + d) + ". 2026112701 3600 600 86400 300",
                    "@ IN NS " + ns + ".",
                    "@ IN NS " + ns2 + ".",
                    "@ IN A " + currentIp(i),
                    "@ IN MX 10 mail." + d + ".",
                    "mail IN A " + currentIp(i),
                    "www IN CNAME " + d + ".",
                    "@ IN TXT \"v=spf1 include:_spf.acme-mailer.net ~all\"",
                    "@ IN TXT \"google-site-verification=Acm3T0kenShared4llDomains1234567890abcdef\"",
                    ""));
        }
        zones.put("acme-mailer.net", String.join("\n",
                "$ORIGIN acme-mailer.net.", "$TTL 300",
                "@ IN SOA ns1.acme-dns.net. hostmaster.acme-mailer.net. 1 3600 600 86400 300",
                "@ IN NS ns1.acme-dns.net.",
                "_spf IN TXT \"v=spf1 ip4:" + IPS.get(2) + " -all\"", ""));
        zones.put("acme-dns.net", String.join("\n",
                "$ORIGIN acme-dns.net.", "$TTL 300",
                "@ IN SOA ns1.acme-dns.net. hostmaster.acme-dns.net. 1 3600 600 86400 300",
                "@ IN NS ns1.acme-dns.net.", "ns1 IN A " + IPS.get(4), "ns2 IN A " + IPS.get(4), ""));
        StringBuilder rev = new StringBuilder(String.join("\n", "$ORIGIN 10.83.45.in-addr.arpa.", "$TTL 300",
                "@ IN SOA ns1.acme-dns.net. hostmaster.acme-dns.net. 1 3600 600 86400 300", "@ IN NS ns1.acme-dns.net.", ""));
        for (int k = 1; k <= IPS.size(); k++) rev.append(k).append(" IN PTR srv").append(k).append(".acme-dns.net.\n");
        zones.put("10.83.45.in-addr.arpa", rev.toString());
        zones.put("99.210.62.in-addr.arpa", String.join("\n", "$ORIGIN 99.210.62.in-addr.arpa.", "$TTL 300",
                "@ IN SOA ns.hoster.example. hostmaster.hoster.example. 1 3600 600 86400 300", "@ IN NS ns.hoster.example.",
                "99 IN PTR shared-web99.hoster.example.", ""));
        return zones;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse rdap(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.startsWith("/domain/")) {
            String d = path.substring("/domain/".length()).toLowerCase();
            int i = index(d);
            if (i < 0) return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/rdap+json")
                    .body("{\"errorCode\":404,\"title\":\"Not Found\",\"rdapConformance\":[\"rdap_level_0\"]}").build();
            String email = emailOf(i);
            boolean privacy = email.equals(PRIVACY);
            String ns = i == 7 ? PARKING_NS.toUpperCase() : "NS1.ACME-DNS.NET";
            String registrant = "{\"objectClassName\":\"entity\",\"handle\":\"C" + i + "\",\"roles\":[\"registrant\"],"
                    + "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],"
                    + "[\"fn\",{},\"text\",\"" + (privacy ? "Redacted for Privacy" : "Registrant " + (i / 7)) + "\"],"
                    + (privacy ? "[\"org\",{},\"text\",\"Withheld for Privacy ehf\"]," : "")
                    + "[\"email\",{},\"text\",\"" + email + "\"]]]}";
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json").body(
                    "{\"objectClassName\":\"domain\",\"handle\":\"D" + (1000 + i) + "-COM\",\"ldhName\":\"" + d.toUpperCase()
                    + "\",\"status\":[\"client transfer prohibited\"],"
                    + "\"events\":[{\"eventAction\":\"registration\",\"eventDate\":\"2026-0" + (1 + i % 9)
                    + "-01T10:00:00Z\"},{\"eventAction\":\"expiration\",\"eventDate\":\"2027-06-01T10:00:00Z\"}],"
                    + "\"nameservers\":[{\"objectClassName\":\"nameserver\",\"ldhName\":\"" + ns + "\"}],"
                    + "\"secureDNS\":{\"delegationSigned\":false},"
                    + "\"entities\":[{\"objectClassName\":\"entity\",\"handle\":\"1068\",\"roles\":[\"registrar\"],"
                    + "\"publicIds\":[{\"type\":\"IANA Registrar ID\",\"identifier\":\"1068\"}],"
                    + "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"NameCheap, Inc.\"]]]},"
                    + registrant + "],"
                    + "\"rdapConformance\":[\"rdap_level_0\"],\"notices\":[]}").build();
        }
        if (path.startsWith("/ip/")) {
            String ip = path.substring("/ip/".length());
            if (ip.indexOf('.') < 0) { // an IPv6 address: this registry holds none (RFC 9083's not found)
                return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/rdap+json")
                        .body("{\"errorCode\":404,\"title\":\"Not Found\"}").build();
            }
            String prefix = ip.substring(0, ip.lastIndexOf('.'));
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json").body(
                    "{\"objectClassName\":\"ip network\",\"handle\":\"NET-" + prefix.replace('.', '-') + "-0\","
                    + "\"startAddress\":\"" + prefix + ".0\",\"endAddress\":\"" + prefix + ".255\",\"ipVersion\":\"v4\","
                    + "\"name\":\"HOSTER-NET\",\"type\":\"ASSIGNED PA\",\"country\":\"NL\","
                    + "\"entities\":[{\"objectClassName\":\"entity\",\"handle\":\"ABUSE1\",\"roles\":[\"abuse\"],"
                    + "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"Abuse\"],"
                    + "[\"email\",{},\"text\",\"abuse@hoster.example.net\"]]]}],"
                    + "\"rdapConformance\":[\"rdap_level_0\"]}").build();
        }
        return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/rdap+json")
                .body("{\"errorCode\":404,\"title\":\"Not Found\"}").build();
    }

    static MockResponse whoxy(RecordedRequest r) {
        Map<String, String> q = query(r);
        String email = q.getOrDefault("email", "");
        List<String> hits = new ArrayList<>();
        for (int i = 0; i < DOMAINS.size(); i++) if (emailOf(i).equals(email)) hits.add(DOMAINS.get(i));
        if (email.equals(PRIVACY)) {
            for (int i = 0; i < 500; i++) hits.add("privacy-customer" + i + ".com");
        }
        StringBuilder b = new StringBuilder("{\"status\":1,\"status_reason\":\"Successful\",\"total_results\":")
                .append(hits.size()).append(",\"total_pages\":1,\"current_page\":1,\"search_result\":[");
        for (int i = 0; i < hits.size(); i++) {
            if (i > 0) b.append(',');
            b.append("{\"num\":").append(i + 1).append(",\"domain_name\":\"").append(hits.get(i))
                    .append("\",\"create_date\":\"2026-02-01\",\"domain_registered\":\"yes\"}");
        }
        return json(200, b.append("]}").toString());
    }

    static MockResponse mnemonic(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        String query = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        Map<String, String> q = query(r);
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
        List<String[]> records = new ArrayList<>(); // {query, answer}
        int i = index(query);
        if (i >= 0) {
            for (String ip : history(i)) records.add(new String[] {query, ip});
        } else if (query.matches("[0-9.]+")) {
            for (int d = 0; d < DOMAINS.size(); d++) {
                if (history(d).contains(query)) records.add(new String[] {DOMAINS.get(d), query});
            }
            if (query.equals(SHARED)) {
                for (int u = 0; u < UNRELATED; u++) records.add(new String[] {"unrelated-site" + u + ".com", query});
            }
        }
        StringBuilder b = new StringBuilder("{\"responseCode\":200,\"limit\":").append(limit).append(",\"offset\":")
                .append(offset).append(",\"count\":").append(records.size()).append(",\"metaData\":{},\"size\":");
        List<String[]> page = records.subList(Math.min(offset, records.size()), Math.min(offset + limit, records.size()));
        b.append(page.size()).append(",\"data\":[");
        for (int k = 0; k < page.size(); k++) {
            if (k > 0) b.append(',');
            b.append("{\"createdTimestamp\":1767225600000,\"lastUpdatedTimestamp\":1790000000000,\"times\":12,")
                    .append("\"tlp\":\"white\",\"customer\":null,\"query\":\"").append(page.get(k)[0])
                    .append("\",\"answer\":\"").append(page.get(k)[1]).append("\",\"rrclass\":\"in\",\"rrtype\":\"a\",")
                    .append("\"firstSeenTimestamp\":1767225600000,\"lastSeenTimestamp\":1790000000000}");
        }
        return json(200, b.append("],\"messages\":[]}").toString());
    }

    static MockResponse crtsh(RecordedRequest r) {
        String q = query(r).getOrDefault("q", "");
        if (q.startsWith("%.")) q = q.substring(2); // crt.sh's "this name and every name below it"
        int i = index(q);
        if (i != 0) return json(200, "[]");
        return json(200, "[{\"issuer_ca_id\":183267,\"issuer_name\":\"C=US, O=Let's Encrypt, CN=R11\",\"common_name\":\""
                + q + "\",\"name_value\":\"" + q + "\\nwww." + q + "\",\"id\":15000001,\"entry_timestamp\":"
                + "\"2026-03-01T12:00:01.123\",\"not_before\":\"2026-03-01T11:00:00\",\"not_after\":\"2026-05-30T11:00:00\","
                + "\"serial_number\":\"04a1b2c3d4e5f60718293a4b5c6d7e8f9a0b\",\"result_count\":1}]");
    }

    static Map<String, String> query(RecordedRequest r) {
        Map<String, String> q = new LinkedHashMap<>();
        var url = r.getUrl();
        for (String name : url.queryParameterNames()) q.put(name, url.queryParameter(name));
        return q;
    }

    @Override
    public void close() {
        dns.close();
        rdap.close();
        whoxy.close();
        mnemonic.close();
        crtsh.close();
    }

    /** Server sockets whose accepted connections have TCP_NODELAY set. */
    static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws java.io.IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws java.io.IOException {
                    java.net.Socket s = super.accept();
                    s.setTcpNoDelay(true);
                    return s;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws java.io.IOException {
            throw new UnsupportedOperationException("bound by MockWebServer itself");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws java.io.IOException {
            throw new UnsupportedOperationException("bound by MockWebServer itself");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, InetAddress address)
                throws java.io.IOException {
            throw new UnsupportedOperationException("bound by MockWebServer itself");
        }
    }
}

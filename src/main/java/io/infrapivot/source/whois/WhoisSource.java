package io.infrapivot.source.whois;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.registration.RegistrationResults;
import io.infrapivot.source.registration.RegistrationTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Source {@code whois} (passive): WHOIS over TCP port 43 through the referral chain, for domains, hosts (their
 * registrable domain), IPs, networks and ASNs. Settings: {@code iana} (the first server), {@code servers}
 * (host=host:port overrides, comma separated), {@code connect_timeout}, {@code read_timeout}, {@code timeout},
 * {@code max_bytes}.
 */
public final class WhoisSource implements Source {
    public static final String ID = "whois";
    /** The first server of the chain. */
    static final SourceInfo.Setting<String> IANA = SourceInfo.Setting.text("iana", "the first WHOIS server of the chain",
            "whois.iana.org");
    /** Server overrides {@code host=host:port}. */
    static final SourceInfo.Setting<List<String>> SERVERS = SourceInfo.Setting.list("servers",
            "overrides: host=host:port,... (mirrors, tests pointing the chain at loopback)", null);
    static final SourceInfo.Setting<Duration> CONNECT_TIMEOUT = SourceInfo.Setting.duration("connect_timeout",
            "TCP connect timeout", Duration.ofSeconds(10));
    static final SourceInfo.Setting<Duration> READ_TIMEOUT = SourceInfo.Setting.duration("read_timeout",
            "longest silence while reading", Duration.ofSeconds(15));
    static final SourceInfo.Setting<Duration> TIMEOUT = SourceInfo.Setting.duration("timeout",
            "one server's whole answer", Duration.ofSeconds(30));
    static final SourceInfo.Setting<Integer> MAX_BYTES = SourceInfo.Setting.integer("max_bytes",
            "size cap of one answer", 1 << 20);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("WHOIS over port 43: IANA → registry or RIR → registrar, parsed into one registration record")
            .accepts(RegistrationResults.ACCEPTS)
            .produces(RegistrationResults.PRODUCES)
            .settings(IANA, SERVERS, CONNECT_TIMEOUT, READ_TIMEOUT, TIMEOUT, MAX_BYTES)
            .rateLimit(30, Duration.ofMinutes(1))
            .concurrency(4)
            .ttl(Duration.ofDays(7))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        Optional<RegistrationTarget> target = RegistrationTarget.of(indicator, context.parser());
        if (target.isEmpty()) return LookupResult.skipped("no registrable object for " + indicator.key());
        SourceSettings s = context.settings();
        WhoisClient client = new WhoisClient(options(s));
        WhoisChain chain = new WhoisChain(client, s.get(IANA));
        WhoisChain.Result r = chain.lookup(target.get().kind(), target.get().object(), context.now());
        List<RawAnswer> evidence = new ArrayList<>();
        for (WhoisChain.Hop h : r.hops()) evidence.add(raw(h.answer()));
        if (r.record() == null) {
            return LookupResult.error(r.error(), evidence);
        }
        return RegistrationResults.of(indicator, r.record(), ID, evidence, r.notes(), context);
    }

    /** The client options from the settings. */
    static WhoisClient.Options options(SourceSettings s) {
        return new WhoisClient.Options(s.get(CONNECT_TIMEOUT), s.get(READ_TIMEOUT), s.get(TIMEOUT), s.get(MAX_BYTES),
                overrides(s.get(SERVERS)));
    }

    /** ["whois.iana.org=127.0.0.1:4343", "whois.verisign-grs.com=127.0.0.1:4344"] → map. */
    static Map<String, String> overrides(List<String> parts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            m.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return m;
    }

    private static RawAnswer raw(WhoisClient.Answer a) {
        return new RawAnswer(ID, a.host() + " " + a.query(), a.bytes(), "whois-text",
                a.truncated() ? "truncated" : "ok", a.started(), a.elapsed());
    }
}

package io.infrapivot.source.whois;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.Access;
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
    private static final SourceInfo INFO = new SourceInfo(ID,
            "WHOIS over port 43: IANA → registry or RIR → registrar, parsed into one registration record",
            RegistrationResults.ACCEPTS, RegistrationResults.PRODUCES,
            Access.PASSIVE,
            List.of(SourceInfo.Setting.plain("iana", "the first WHOIS server of the chain", "whois.iana.org"),
                    SourceInfo.Setting.plain("servers",
                            "overrides: host=host:port,... (mirrors, tests pointing the chain at loopback)", ""),
                    SourceInfo.Setting.plain("connect_timeout", "TCP connect timeout", "10s"),
                    SourceInfo.Setting.plain("read_timeout", "longest silence while reading", "15s"),
                    SourceInfo.Setting.plain("timeout", "one server's whole answer", "30s"),
                    SourceInfo.Setting.plain("max_bytes", "size cap of one answer", "1048576")),
            new SourceInfo.RateLimit(30, Duration.ofMinutes(1)), 4, Duration.ofDays(7), true);

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
        WhoisChain chain = new WhoisChain(client, s.get("iana", "whois.iana.org"));
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
        return new WhoisClient.Options(s.getDuration("connect_timeout", Duration.ofSeconds(10)),
                s.getDuration("read_timeout", Duration.ofSeconds(15)), s.getDuration("timeout", Duration.ofSeconds(30)),
                s.getInt("max_bytes", 1 << 20), overrides(s.get("servers", "")));
    }

    /** "whois.iana.org=127.0.0.1:4343, whois.verisign-grs.com=127.0.0.1:4344" → map. */
    static Map<String, String> overrides(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
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

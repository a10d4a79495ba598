package io.infrapivot.source.dns;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import java.time.Duration;
import java.util.List;

/**
 * Source {@code dns} (passive): every record type of a name and the pivots inside them; PTR records of an
 * IP or of every address of a small network. See docs/dns.md.
 */
public final class DnsSource implements Source {
    public static final String ID = "dns";

    /** Largest network whose every address gets a PTR lookup. */
    static final SourceInfo.Setting<Integer> PTR_MAX_ADDRESSES = SourceInfo.Setting.integer("ptr-max-addresses",
            "largest network whose every address gets a PTR lookup (256 = a /24)", 256);
    /** DNS questions in flight at once within one lookup. */
    static final SourceInfo.Setting<Integer> CONCURRENCY = SourceInfo.Setting.integer("concurrency",
            "DNS questions in flight at once for one lookup", 32);
    /** The SRV names asked under a domain; unset: {@link SrvServices#DEFAULT}; {@code none}: none. */
    static final SourceInfo.Setting<List<String>> SRV_SERVICES = SourceInfo.Setting.list("srv-services",
            "comma-separated SRV names to ask under a domain (default: the documented list; 'none': none)", null);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("DNS records (A, AAAA, CNAME chains, MX, NS, SOA, TXT, SRV, CAA, HTTPS/SVCB, DNSSEC), SPF, "
                    + "DMARC, verification tokens, wildcards; PTR for IPs and small networks")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP, IndicatorType.CIDR)
            .produces(Relation.RESOLVES_TO, Relation.ALIAS_OF, Relation.NAME_SERVER, Relation.MAIL_SERVER,
                    Relation.SERVICE_HOST, Relation.SOA_PRIMARY, Relation.SOA_EMAIL, Relation.PTR,
                    Relation.SPF_INCLUDE, Relation.SPF_ALLOWS, Relation.DMARC_REPORT, Relation.VERIFICATION_TOKEN,
                    Relation.DNS_RECORD)
            .settings(DnsConfig.settingsPlus(PTR_MAX_ADDRESSES, CONCURRENCY, SRV_SERVICES))
            .concurrency(16)
            .ttl(Duration.ofHours(1))
            .build();

    /** Answers depend on the resolvers asked: kept per resolver list. */
    @Override
    public String cacheKey(io.infrapivot.source.RunOptions options, io.infrapivot.source.SourceSettings settings) {
        return io.infrapivot.source.dns.DnsResolvers.cacheKey(options, settings);
    }

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        List<Finding> findings;
        Asker asker;
        try {
            asker = DnsResolvers.asker(context);
            DnsLookup lookup = forSettings(asker, context.settings());
            findings = switch (indicator.type()) {
                case DOMAIN, HOST -> lookup.name(DnsNames.parse(indicator.value()));
                case IP -> lookup.ip(indicator.value());
                case CIDR -> lookup.cidr(indicator.value());
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return LookupResult.error(e.getMessage(), List.of());
        }
        if (findings == null) return LookupResult.skipped("dns does not look up " + indicator.type().id());
        return result(findings, asker.answers(), indicator, context, ID);
    }

    static DnsLookup forSettings(Asker asker, SourceSettings settings) {
        List<String> srv = settings.find(SRV_SERVICES)
                .map(v -> v.size() == 1 && v.get(0).equalsIgnoreCase("none") ? List.<String>of() : v)
                .orElse(SrvServices.DEFAULT);
        return new DnsLookup(asker, srv, settings.get(PTR_MAX_ADDRESSES), settings.get(CONCURRENCY));
    }

    /**
     * The lookup result of findings: observations through the parser, every answer as evidence, and an
     * error when nothing answered at all (every question timed out or failed).
     */
    public static LookupResult result(List<Finding> findings, List<DnsAnswer> answers, Indicator indicator,
                                      LookupContext context, String sourceId) {
        FindingConverter conv = new FindingConverter(context.parser(), sourceId, context.now());
        List<Observation> obs = conv.convert(findings, indicator);
        var evidence = conv.evidence(answers);
        boolean anyAnswer = answers.stream().anyMatch(a -> a.message() != null);
        if (!answers.isEmpty() && !anyAnswer) {
            DnsAnswer last = answers.get(answers.size() - 1);
            return new LookupResult(Outcome.ERROR, obs, evidence, "no DNS answer (" + last.status().id() + "): "
                    + last.error(), null);
        }
        int strays = answers.stream().mapToInt(DnsAnswer::strays).sum();
        LookupResult r = LookupResult.of(obs, evidence);
        if (strays == 0) return r;
        // RFC 5452: they were ignored, the genuine answers taken; said in the sources table and --json
        return new LookupResult(r.outcome(), r.observations(), r.evidence(), strays + " stray UDP packet"
                + (strays == 1 ? "" : "s") + " ignored (wrong ID, question or garbage)", r.total());
    }
}

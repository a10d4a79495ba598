package io.infrapivot.source.crtsh;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.CertMapper;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * crt.sh certificate search ({@code /?q=%.DOMAIN&output=json} for a domain and its subdomains,
 * {@code /?q=HOST&output=json} for a host). crt.sh is often slow or answers 502/503: the shared helper retries
 * with backoff, and a failure is an error, never "no certificates". {@code exclude_expired = true} asks it to
 * leave expired certificates out. crt.sh's JSON has no fingerprint: with {@code fetch_certs = N} the first N
 * certificates are downloaded ({@code /?d=ID}) and become {@code cert} indicators keyed by their SHA-256.
 */
public final class CrtShSource extends ServiceSource {
    public static final String ID = "crtsh";

    static final SourceInfo.Setting<Boolean> EXCLUDE_EXPIRED = SourceInfo.Setting.flag("exclude_expired",
            "leave expired certificates out", false);
    static final SourceInfo.Setting<Integer> FETCH_CERTS = SourceInfo.Setting.integer("fetch_certs",
            "how many certificates to download per lookup for their SHA-256 (each one request)", 0);
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("crt.sh certificate transparency search: names in certificates of a domain")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.CERT)
            .produces(Relation.SUBDOMAIN, Relation.CERT_NAME, Relation.CERT_ISSUER)
            .settings(settings(null, "https://crt.sh", EXCLUDE_EXPIRED, FETCH_CERTS))
            .rateLimit(12, Duration.ofMinutes(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected String refuse(Indicator indicator) {
        return indicator.type() == IndicatorType.CERT && !indicator.value().matches("[0-9a-f]{64}")
                ? "crtsh looks certificates up by SHA-256 fingerprint" : null;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        if (indicator.type() == IndicatorType.CERT) return byFingerprint(indicator, call);
        String q = indicator.type() == IndicatorType.DOMAIN ? "%." + indicator.value() : indicator.value();
        boolean noExpired = call.context().settings().get(EXCLUDE_EXPIRED);
        String url = call.base() + "/?q=" + ServiceCall.enc(q) + "&output=json" + (noExpired ? "&exclude=expired" : "");
        String body = call.get(ServiceCall.Request.of(url), true, true);
        if (body == null) return call.result(null, 0, false);
        List<CertRecord> certs = CrtShParser.parse(body);
        List<CertRecord> capped = fingerprinted(call.capped(certs, 0), call);
        CertMapper.map(indicator, capped, call.facts());
        return call.result((long) certs.size(), capped.size(), false);
    }

    /**
     * A certificate by its SHA-256 ({@code /?q=HEX&output=json}: the log entries of that one certificate): its names
     * and issuer, keyed by the fingerprint asked for.
     */
    private static LookupResult byFingerprint(Indicator cert, ServiceCall call)
            throws ServiceException, InterruptedException {
        String body = call.get(ServiceCall.Request.of(call.base() + "/?q=" + cert.value() + "&output=json"), true,
                true);
        if (body == null) return call.result(null, 0, false);
        List<CertRecord> entries = new ArrayList<>();
        for (CertRecord c : CrtShParser.parse(body)) {
            entries.add(new CertRecord(cert.value(), c.tbsSha256(), c.serial(), c.issuer(), c.issuerOrg(),
                    c.notBefore(), c.notAfter(), c.names(), c.serviceId()));
        }
        List<CertRecord> capped = call.capped(entries, 0);
        CertMapper.map(cert, capped, call.facts());
        return call.result((long) entries.size(), capped.size(), false);
    }

    private static List<CertRecord> fingerprinted(List<CertRecord> certs, ServiceCall call) throws InterruptedException {
        int budget = call.context().settings().get(FETCH_CERTS);
        if (budget <= 0) return certs;
        List<CertRecord> out = new ArrayList<>(certs);
        int failed = 0;
        for (int i = 0; i < out.size() && budget > 0; i++) {
            CertRecord c = out.get(i);
            if (c.serviceId() == null || !c.serviceId().matches("\\d{1,19}")) continue;
            budget--;
            try {
                String pem = call.get(ServiceCall.Request.of(call.base() + "/?d=" + c.serviceId()), false, false);
                out.set(i, CertificateDownload.withFingerprint(c, pem));
            } catch (ServiceException e) {
                failed++;
            }
        }
        if (failed > 0) call.note(failed + " certificate downloads failed");
        return out;
    }
}

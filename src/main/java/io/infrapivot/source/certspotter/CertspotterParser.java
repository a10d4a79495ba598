package io.infrapivot.source.certspotter;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceException.Kind;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SSLMate Cert Spotter API v1 {@code /v1/issuances?domain=D&include_subdomains=true&expand=dns_names&expand=issuer}:
 * an array of issuances with {@code id}, {@code cert_sha256}, {@code tbs_sha256}, {@code dns_names},
 * {@code not_before}, {@code not_after}, {@code issuer} ({@code friendly_name}, {@code name}) and, with
 * {@code expand=cert}, {@code cert.sha256}. The next page is asked with {@code after=} the last id.
 * Errors: {@code {"code":"rate_limited"|"unauthorized"|"not_allowed_by_plan"|..,"message":".."}}.
 */
public final class CertspotterParser {
    private CertspotterParser() {}

    public static Page<CertRecord> parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        if (root.isObject()) {
            String code = Json.text(root, "code");
            String msg = Json.text(root, "message");
            if (code == null && msg == null) throw new ServiceException(Kind.MALFORMED, "expected a JSON array");
            throw new ServiceException(kind(code), Json.excerpt((code == null ? "" : code + ": ")
                    + (msg == null ? "" : msg)));
        }
        if (!root.isArray()) throw new ServiceException(Kind.MALFORMED, "expected a JSON array");
        List<CertRecord> out = new ArrayList<>();
        String lastId = null;
        for (JsonNode e : root) {
            lastId = Json.text(e, "id");
            String sha = Json.text(e, "cert_sha256");
            if (sha == null) sha = Json.text(e.path("cert"), "sha256");
            JsonNode issuer = e.path("issuer");
            String issuerDn = Json.text(issuer, "name");
            String org = Json.text(issuer, "friendly_name");
            if (org == null) org = CertRecord.organisationOf(issuerDn);
            List<String> names = Json.texts(e, "dns_names").stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            out.add(new CertRecord(sha == null ? null : sha.toLowerCase(Locale.ROOT), Json.text(e, "tbs_sha256"),
                    null, issuerDn, org, Times.of(e, "not_before"), Times.of(e, "not_after"), names, lastId));
        }
        return new Page<>(out, null, root.isEmpty() ? null : lastId);
    }

    private static Kind kind(String code) {
        if (code == null) return Kind.SERVER;
        return switch (code) {
            case "unauthorized", "forbidden", "not_allowed_by_plan", "invalid_api_key" -> Kind.AUTH;
            case "rate_limited", "quota_exceeded" -> Kind.QUOTA;
            case "bad_request", "invalid_domain", "invalid_query" -> Kind.BAD_QUERY;
            default -> Kind.SERVER;
        };
    }
}

package io.infrapivot.source.certspotter;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
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
            if (code == null && msg == null) throw new ServiceException(ErrorClass.GARBAGE, "expected a JSON array");
            throw new ServiceException(ERRORS.ofCode(code), Json.excerpt((code == null ? "" : code + ": ")
                    + (msg == null ? "" : msg)));
        }
        if (!root.isArray()) throw new ServiceException(ErrorClass.GARBAGE, "expected a JSON array");
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

    /** Cert Spotter's documented error codes (in a JSON object instead of the array). */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("unauthorized", ErrorClass.AUTH).said("forbidden", ErrorClass.AUTH)
            .said("not_allowed_by_plan", ErrorClass.AUTH).said("invalid_api_key", ErrorClass.AUTH)
            .said("rate_limited", ErrorClass.RATE_LIMITED).said("quota_exceeded", ErrorClass.QUOTA)
            .said("bad_request", ErrorClass.BAD_REQUEST).said("invalid_domain", ErrorClass.BAD_REQUEST)
            .said("invalid_query", ErrorClass.BAD_REQUEST);
}

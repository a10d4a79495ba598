package io.infrapivot.source.domaintools;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Times;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import java.util.ArrayList;
import java.util.List;

/**
 * DomainTools API v1 answers: every success is wrapped in {@code {"response":{..}}}, every failure in
 * {@code {"error":{"code":403,"message":".."}}}. Reverse WHOIS ({@code /v1/reverse-whois/?terms=T&mode=purchase}):
 * {@code response.domains} (names) and {@code response.domain_count} ({@code current}, {@code historic}).
 */
public final class DomainToolsParser {
    private DomainToolsParser() {}

    /** Reverse WHOIS; the total is the current count plus the historic count when the scope was historic. */
    public static Page<DomainHit> reverseWhois(String body, boolean historic) throws ServiceException {
        JsonNode response = response(body);
        List<DomainHit> out = new ArrayList<>();
        for (String d : Json.texts(response, "domains")) out.add(DomainHit.of(d));
        JsonNode count = response.path("domain_count");
        Long current = Json.number(count, "current");
        Long hist = Json.number(count, "historic");
        Long total = historic && hist != null ? Long.valueOf(hist + (current == null ? 0 : current)) : current;
        return new Page<>(out, total, null);
    }

    /** DomainTools' {@code error.code} is an HTTP status, read by the standard table. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD;

    /** The {@code response} object, or the error thrown. */
    public static JsonNode response(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode err = root.get("error");
        if (err != null && err.isObject()) {
            Long code = Json.number(err, "code");
            String msg = Json.text(err, "message");
            throw new ServiceException(ERRORS.of(null, code), Json.excerpt((code == null ? "" : code + " ") + (msg == null ? "" : msg)));
        }
        JsonNode response = root.get("response");
        if (response == null || !response.isObject()) {
            throw new ServiceException(ErrorClass.GARBAGE, "no response object in the answer");
        }
        return response;
    }

    /**
     * WHOIS history ({@code /v1/DOMAIN/whois/history}): {@code response.record_count} and {@code response.history}
     * entries {@code {"date":"2019-01-01","is_private":0,"whois":{"registrant":NAME,"registration":{"created",
     * "expires","updated","registrar","statuses":[..]},"name_servers":[..],"server":..,"record":RAW}}}. The
     * entry's {@code date} is when DomainTools captured the version.
     */
    public static Page<HistoricRecord> whoisHistory(String domain, String body) throws ServiceException {
        JsonNode response = response(body);
        List<HistoricRecord> out = new ArrayList<>();
        for (JsonNode h : response.path("history")) {
            var seen = Times.of(h, "date");
            JsonNode w = h.path("whois");
            JsonNode reg = w.path("registration");
            var b = HistoryMapper.builder(domain, "domaintools", seen)
                    .registrarName(Json.text(reg, "registrar"))
                    .created(Times.of(reg, "created")).updated(Times.of(reg, "updated"))
                    .expires(Times.of(reg, "expires")).whoisServer(Json.text(w, "server"))
                    .privacy(Long.valueOf(1).equals(Json.number(h, "is_private")));
            Json.texts(w, "name_servers").forEach(b::nameServer);
            Json.texts(reg, "statuses").forEach(b::addStatus);
            b.registrant().name(Json.text(w, "registrant"));
            out.add(new HistoricRecord(b.build(), seen, seen));
        }
        return new Page<>(out, Json.number(response, "record_count"), null);
    }
}

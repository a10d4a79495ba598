package io.infrapivot.source.whoisxml;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WhoisXML API Reverse WHOIS v2 ({@code POST /api/v2}): {@code {"nextPageSearchAfter":..,"domainsCount":N,
 * "domainsList":[..]}} where the list holds names, or objects {@code {"domainName":..,"audit":{"createdDate":..,
 * "updatedDate":..}}} with {@code includeAuditDates}. The next page is asked with {@code searchAfter}.
 * Errors: {@code {"code":403,"messages":"Access restricted. Check credits balance or enter the correct API key."}}
 * or {@code {"ErrorMessage":{"errorCode":"..","msg":".."}}}.
 */
public final class WhoisXmlParser {
    private WhoisXmlParser() {}

    public static Page<DomainHit> reverseWhois(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        checkError(root);
        JsonNode list = root.get("domainsList");
        Long total = Json.number(root, "domainsCount");
        if (list == null && total == null) throw new ServiceException(ErrorClass.GARBAGE, "no domainsList in the answer");
        List<DomainHit> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode d : list) {
                if (d.isTextual()) out.add(DomainHit.of(d.asText()));
                else if (Json.text(d, "domainName") != null) {
                    out.add(new DomainHit(Json.text(d, "domainName"), Times.of(d.path("audit"), "createdDate"),
                            Times.of(d.path("audit"), "updatedDate")));
                }
            }
        }
        return new Page<>(out, total, Json.text(root, "nextPageSearchAfter"));
    }

    static void checkError(JsonNode root) throws ServiceException {
        JsonNode em = root.get("ErrorMessage");
        if (em != null && em.isObject()) {
            String msg = Json.text(em, "msg");
            throw new ServiceException(ERRORS.of(Json.text(em, "errorCode"), null), Json.excerpt(msg));
        }
        Long code = Json.number(root, "code");
        String messages = Json.text(root, "messages");
        if (messages == null && root.path("messages").isArray()) {
            messages = String.join("; ", Json.texts(root, "messages"));
        }
        if (code != null && code >= 400) throw new ServiceException(ERRORS.of(messages, code), Json.excerpt(messages));
    }

    /**
     * WhoisXML's documented error codes and sentences: {@code ErrorMessage.errorCode} (AUTHENTICATE_*), and the
     * 403 "Access restricted" sentence, which in practice means the credits are spent.
     */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("AUTHENTICATE_01", ErrorClass.AUTH).said("AUTHENTICATE_02", ErrorClass.AUTH)
            .said("AUTHENTICATE_03", ErrorClass.AUTH)
            .said("Access restricted. Check credits balance or enter the correct API key", ErrorClass.QUOTA)
            .said("API key is not valid", ErrorClass.AUTH);

    /**
     * WHOIS History API ({@code whois-history.whoisxmlapi.com/api/v1?mode=purchase}): {@code {"recordsCount":N,
     * "records":[{"domainName":..,"createdDateISO8601":..,"updatedDateISO8601":..,"expiresDateISO8601":..,
     * "audit":{"createdDate":..,"updatedDate":..},"nameServers":[..],"registrarName":..,"status":[..],
     * "registrantContact":{"name","organization","email","telephone","country"},"administrativeContact":{..},
     * "technicalContact":{..},"billingContact":{..}}]}}. The audit dates are when WhoisXML first and last saw
     * the version.
     */
    public static Page<HistoricRecord> history(String domain, String body) throws ServiceException {
        JsonNode root = Json.read(body);
        checkError(root);
        JsonNode records = root.get("records");
        if (records == null || !records.isArray()) {
            throw new ServiceException(ErrorClass.GARBAGE, "no records in the answer");
        }
        List<HistoricRecord> out = new ArrayList<>();
        for (JsonNode r : records) {
            var first = Times.of(r.path("audit"), "createdDate");
            var last = Times.of(r.path("audit"), "updatedDate");
            var b = HistoryMapper.builder(domain, "whoisxml", first)
                    .registrarName(Json.text(r, "registrarName"))
                    .created(Times.of(r, "createdDateISO8601")).updated(Times.of(r, "updatedDateISO8601"))
                    .expires(Times.of(r, "expiresDateISO8601"));
            Json.texts(r, "nameServers").forEach(b::nameServer);
            Json.texts(r, "status").forEach(st -> b.addStatus(st.split("\\s+")[0]));
            String[][] roles = {{"registrant", "registrantContact"}, {"admin", "administrativeContact"},
                    {"tech", "technicalContact"}, {"billing", "billingContact"}};
            for (String[] role : roles) {
                HistoryMapper.contact(b.contact(role[0]), r.get(role[1]), "name", "organization", "email",
                        "telephone", "country");
            }
            out.add(new HistoricRecord(b.build(), first, last));
        }
        return new Page<>(out, Json.number(root, "recordsCount"), null);
    }
}

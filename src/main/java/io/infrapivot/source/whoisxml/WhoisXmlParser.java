package io.infrapivot.source.whoisxml;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceException.Kind;
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
        if (list == null && total == null) throw new ServiceException(Kind.MALFORMED, "no domainsList in the answer");
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
            throw new ServiceException(kindOf(Json.number(em, "errorCode"), msg), Json.excerpt(msg));
        }
        Long code = Json.number(root, "code");
        String messages = Json.text(root, "messages");
        if (messages == null && root.path("messages").isArray()) {
            messages = String.join("; ", Json.texts(root, "messages"));
        }
        if (code != null && code >= 400) throw new ServiceException(kindOf(code, messages), Json.excerpt(messages));
    }

    private static Kind kindOf(Long code, String msg) {
        String m = msg == null ? "" : msg.toLowerCase(Locale.ROOT);
        if (m.contains("credit") || m.contains("limit") || m.contains("quota") || code != null && code == 429) {
            return Kind.QUOTA;
        }
        if (m.contains("api key") || m.contains("apikey") || code != null && (code == 401 || code == 403)) {
            return Kind.AUTH;
        }
        return code != null && code >= 400 && code < 500 ? Kind.BAD_QUERY : Kind.SERVER;
    }
}

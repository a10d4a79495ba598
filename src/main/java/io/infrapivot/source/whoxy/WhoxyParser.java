package io.infrapivot.source.whoxy;

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
 * Whoxy reverse WHOIS ({@code ?key=K&reverse=whois&email=E&page=N}): {@code {"status":1,"status_reason":"Successful",
 * "total_results":N,"total_pages":P,"current_page":C,"search_result":[{"domain_name":..,"create_date":..,
 * "update_date":..},..]}}. Failures have {@code "status":0} and the reason in {@code status_reason}
 * ("Invalid API Key", "Insufficient balance ...").
 */
public final class WhoxyParser {
    private WhoxyParser() {}

    public static Page<DomainHit> reverseWhois(String body) throws ServiceException {
        JsonNode root = checked(body);
        List<DomainHit> out = new ArrayList<>();
        for (JsonNode r : root.path("search_result")) {
            String d = Json.text(r, "domain_name");
            if (d != null) out.add(new DomainHit(d, Times.of(r, "create_date"), Times.of(r, "update_date")));
        }
        Long page = Json.number(root, "current_page");
        Long pages = Json.number(root, "total_pages");
        String next = Page.nextNumber(page, pages);
        return new Page<>(out, Json.number(root, "total_results"), next);
    }

    /** The envelope with {@code status} 1, or the failure thrown. */
    public static JsonNode checked(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        Long status = Json.number(root, "status");
        if (status == null) throw new ServiceException(Kind.MALFORMED, "no status in the answer");
        if (status != 1) {
            String reason = Json.text(root, "status_reason");
            String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
            Kind kind = r.contains("key") ? Kind.AUTH
                    : r.contains("balance") || r.contains("credit") || r.contains("limit") ? Kind.QUOTA
                    : Kind.BAD_QUERY;
            throw new ServiceException(kind, "Whoxy says " + Json.excerpt(reason == null ? "status " + status : reason));
        }
        return root;
    }
}

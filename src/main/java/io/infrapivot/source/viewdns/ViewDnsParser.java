package io.infrapivot.source.viewdns;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ViewDNS.info reverse WHOIS ({@code /reversewhois/?q=TERM&apikey=K&output=json&page=N}):
 * {@code {"query":{"tool":"reversewhois_PRO","q":..},"response":{"result_count":"N","total_pages":"P",
 * "current_page":"C","matches":[{"domain":..,"created_date":..,"registrar":..}]}}}. Failures put the reason in
 * {@code response.error} (or a top-level {@code error}).
 */
public final class ViewDnsParser {
    private ViewDnsParser() {}

    /** ViewDNS answers 200 with {@code response.error}: its documented sentences; others are a refused query. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.otherwise(ErrorClass.BAD_REQUEST)
            .said("Invalid API key provided", ErrorClass.AUTH)
            .said("Query limit exceeded for your account", ErrorClass.QUOTA)
            .said("API Key Usage Limit Reached", ErrorClass.QUOTA);

    public static Page<DomainHit> reverseWhois(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode response = root.get("response");
        String error = Json.text(root, "error");
        if (error == null && response != null) error = Json.text(response, "error");
        if (error != null) {
            throw new ServiceException(ERRORS.ofCode(error), "ViewDNS says " + Json.excerpt(error));
        }
        if (response == null || !response.isObject()) {
            throw new ServiceException(ErrorClass.GARBAGE, "no response object in the answer");
        }
        List<DomainHit> out = new ArrayList<>();
        for (JsonNode m : response.path("matches")) {
            String d = Json.text(m, "domain");
            if (d != null) out.add(new DomainHit(d, Times.of(m, "created_date"), null));
        }
        Long page = Json.number(response, "current_page");
        Long pages = Json.number(response, "total_pages");
        String next = Page.nextNumber(page, pages);
        return new Page<>(out, Json.number(response, "result_count"), next);
    }
}

package io.infrapivot.source.whoxy;

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

    /** Whoxy answers 200 with {@code status} 0 and a {@code status_reason}: its documented reasons. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.otherwise(ErrorClass.BAD_REQUEST)
            .said("Invalid API Key", ErrorClass.AUTH)
            .said("Insufficient balance for this query. Please recharge your account", ErrorClass.QUOTA)
            .said("Account balance exhausted", ErrorClass.QUOTA);

    /** The envelope with {@code status} 1, or the failure thrown. */
    public static JsonNode checked(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        Long status = Json.number(root, "status");
        if (status == null) throw new ServiceException(ErrorClass.GARBAGE, "no status in the answer");
        if (status != 1) {
            String reason = Json.text(root, "status_reason");
            throw new ServiceException(ERRORS.ofCode(reason), "Whoxy says " + Json.excerpt(reason == null ? "status " + status : reason));
        }
        return root;
    }

    /**
     * WHOIS history ({@code ?key=K&history=DOMAIN}): {@code {"status":1,"total_records_found":N,"whois_records":[
     * {"query_time":..,"create_date":..,"update_date":..,"expiry_date":..,"domain_registered":"yes",
     * "registrar":{"registrar_name":..} (or "registrar_name"),"registrant_contact":{"full_name","company_name",
     * "email_address","phone_number","country_name"},"administrative_contact":{..},"technical_contact":{..},
     * "name_servers":[..],"domain_status":[..]}]}}. {@code query_time} is when Whoxy captured the version.
     */
    public static Page<HistoricRecord> history(String domain, String body) throws ServiceException {
        JsonNode root = checked(body);
        List<HistoricRecord> out = new ArrayList<>();
        for (JsonNode r : root.path("whois_records")) {
            var seen = Times.of(r, "query_time");
            String registrar = Json.text(r.path("registrar"), "registrar_name");
            var b = HistoryMapper.builder(domain, "whoxy", seen)
                    .registrarName(registrar != null ? registrar : Json.text(r, "registrar_name"))
                    .created(Times.of(r, "create_date")).updated(Times.of(r, "update_date"))
                    .expires(Times.of(r, "expiry_date"));
            Json.texts(r, "name_servers").forEach(b::nameServer);
            Json.texts(r, "domain_status").forEach(b::addStatus);
            String[][] roles = {{"registrant", "registrant_contact"}, {"admin", "administrative_contact"},
                    {"tech", "technical_contact"}, {"billing", "billing_contact"}};
            for (String[] role : roles) {
                HistoryMapper.contact(b.contact(role[0]), r.get(role[1]), "full_name", "company_name",
                        "email_address", "phone_number", "country_name");
            }
            out.add(new HistoricRecord(b.build(), seen, seen));
        }
        return new Page<>(out, Json.number(root, "total_records_found"), null);
    }
}

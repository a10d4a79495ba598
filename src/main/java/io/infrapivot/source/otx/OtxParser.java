package io.infrapivot.source.otx;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AlienVault OTX {@code /api/v1/indicators/{IPv4|IPv6|domain|hostname}/VALUE/passive_dns}:
 * {@code {"passive_dns":[{"address":..,"hostname":..,"record_type":..,"first":..,"last":..},...],"count":N}}.
 * Dates are ISO-8601 without an offset (UTC). Refusals come as {@code {"detail": "..."}} (authentication)
 * or {@code {"error": "..."}}.
 */
public final class OtxParser {
    private OtxParser() {}

    /** OTX (Django REST framework) explains refusals in {@code detail}: its documented sentences. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty()
            .said("Authentication credentials were not provided", ErrorClass.AUTH)
            .said("Invalid API key", ErrorClass.AUTH)
            .said("Invalid token", ErrorClass.AUTH);

    public static Page<PdnsRecord> parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode list = root.get("passive_dns");
        if (list == null || !list.isArray()) {
            String why = Json.text(root, "detail");
            if (why == null) why = Json.text(root, "error");
            if (why == null) throw new ServiceException(ErrorClass.GARBAGE, "no passive_dns array in the answer");
            throw new ServiceException(ERRORS.ofCode(why), "OTX says " + Json.excerpt(why));
        }
        List<PdnsRecord> out = new ArrayList<>();
        for (JsonNode r : list) {
            String host = Json.text(r, "hostname");
            String address = Json.text(r, "address");
            if (host == null || address == null) continue;
            String type = Json.text(r, "record_type");
            out.add(new PdnsRecord(host, type, address, Times.of(r, "first"), Times.of(r, "last"), null));
        }
        return new Page<>(out, Json.number(root, "count"), null);
    }
}

package io.infrapivot.source.robtex;

import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.ErrorClass;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.Cof;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import java.util.List;
import java.util.Locale;

/**
 * Robtex free API pDNS answers ({@code /pdns/forward/NAME}, {@code /pdns/reverse/IP}): one JSON object
 * per line with {@code rrname}, {@code rrdata}, {@code rrtype}, {@code time_first}, {@code time_last},
 * {@code count}. A refusal comes as one object with a {@code status} such as {@code "ratelimited"}.
 */
public final class RobtexParser {
    private RobtexParser() {}

    /** Robtex answers 200 with a one-line status object when it refuses: its documented statuses. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.said("ratelimited", ErrorClass.RATE_LIMITED);

    public static List<PdnsRecord> parse(String body) throws ServiceException {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("{") && !trimmed.contains("\n") && !trimmed.contains("\"rrname\"")) {
            JsonNode o = Json.read(trimmed);
            String status = Json.text(o, "status");
            if (status != null && !status.equalsIgnoreCase("ok")) {
                throw new ServiceException(ERRORS.ofCode(status), "Robtex says " + Json.excerpt(status));
            }
        }
        return Cof.parse(body);
    }
}

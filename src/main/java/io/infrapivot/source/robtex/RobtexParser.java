package io.infrapivot.source.robtex;

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

    public static List<PdnsRecord> parse(String body) throws ServiceException {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("{") && !trimmed.contains("\n") && !trimmed.contains("\"rrname\"")) {
            JsonNode o = Json.read(trimmed);
            String status = Json.text(o, "status");
            if (status != null) {
                String s = status.toLowerCase(Locale.ROOT);
                if (s.contains("ratelimit") || s.contains("quota") || s.contains("limit")) {
                    throw new ServiceException(ServiceException.Kind.QUOTA, "Robtex says " + Json.excerpt(status));
                }
                if (!s.equals("ok")) {
                    throw new ServiceException(ServiceException.Kind.SERVER, "Robtex says " + Json.excerpt(status));
                }
            }
        }
        return Cof.parse(body);
    }
}

package io.infrapivot.source.hackertarget;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HackerTarget's plain-text answers. {@code /hostsearch/?q=DOMAIN}: {@code host,ip} lines (names found
 * under the domain and their current address). {@code /reverseiplookup/?q=IP}: one host name per line.
 * Refusals are one line of text: "API count exceeded - Increase Quota with Membership" (quota),
 * "error check your search parameter" (bad query), "error invalid api key" (key); "No DNS A records
 * found" and "No records found" mean no results.
 */
public final class HackerTargetParser {
    private HackerTargetParser() {}

    /** {@code hostsearch}: each line {@code host,ip}. */
    public static List<PdnsRecord> hostSearch(String body) throws ServiceException {
        List<PdnsRecord> out = new ArrayList<>();
        for (String line : lines(body)) {
            int comma = line.indexOf(',');
            if (comma <= 0 || comma == line.length() - 1) {
                throw new ServiceException(Kind.MALFORMED, "unexpected line " + Json.excerpt(line));
            }
            out.add(PdnsRecord.address(line.substring(0, comma).strip(), line.substring(comma + 1).strip(), null, null,
                    null));
        }
        return out;
    }

    /** {@code reverseiplookup}: host names, one per line. */
    public static List<String> reverseIp(String body) throws ServiceException {
        List<String> out = new ArrayList<>();
        for (String line : lines(body)) {
            if (line.contains(" ") || line.contains(",")) {
                throw new ServiceException(Kind.MALFORMED, "unexpected line " + Json.excerpt(line));
            }
            out.add(line);
        }
        return out;
    }

    private static List<String> lines(String body) throws ServiceException {
        if (body == null) return List.of();
        if (Json.looksLikeHtml(body)) throw new ServiceException(Kind.MALFORMED, "an HTML page instead of text");
        List<String> out = new ArrayList<>();
        for (String raw : body.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("api count exceeded") || l.contains("increase quota")) {
                throw new ServiceException(Kind.QUOTA, "HackerTarget says " + Json.excerpt(line));
            }
            if (l.startsWith("no dns a records found") || l.startsWith("no records found")) return List.of();
            if (l.startsWith("error")) {
                throw new ServiceException(l.contains("key") ? Kind.AUTH : Kind.BAD_QUERY,
                        "HackerTarget says " + Json.excerpt(line));
            }
            out.add(line);
        }
        return out;
    }
}

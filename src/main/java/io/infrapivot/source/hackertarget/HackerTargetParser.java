package io.infrapivot.source.hackertarget;

import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
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
                throw new ServiceException(ErrorClass.GARBAGE, "unexpected line " + Json.excerpt(line));
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
                throw new ServiceException(ErrorClass.GARBAGE, "unexpected line " + Json.excerpt(line));
            }
            out.add(line);
        }
        return out;
    }

    /** Whether HackerTarget's analytics lookup knows the ID's kind (Google Analytics UA-/G-, GTM-, AdSense pub-). */
    static boolean isGoogleId(String id) {
        String kind = io.infrapivot.model.AnalyticsIds.kindOf(id);
        return kind != null && io.infrapivot.model.AnalyticsIds.GOOGLE.contains(kind) && !kind.equals("google-ads");
    }

    /** The ID as HackerTarget takes it: AdSense as {@code pub-N}. */
    static String queryId(String id) {
        return id.startsWith("ca-pub-") ? id.substring(3) : id;
    }

    /**
     * {@code analyticslookup}: the sites carrying the ID, one per line; a line may also name the ID
     * ({@code domain,ID}), which is skipped.
     */
    public static List<String> analytics(String body) throws ServiceException {
        List<String> out = new ArrayList<>();
        for (String line : lines(body)) {
            for (String part : line.split(",")) {
                String p = part.strip();
                if (p.isEmpty() || p.matches("(?i)(UA-|G-|GTM-|(ca-)?pub-).*")) continue;
                if (p.contains(" ")) throw new ServiceException(ErrorClass.GARBAGE, "unexpected line " + Json.excerpt(line));
                out.add(p);
            }
        }
        return out;
    }

    /**
     * HackerTarget answers 200 with one plain-text line when it has nothing or refuses: its documented lines
     * (NOT_FOUND: nothing known, an empty answer); an undeclared line starting "error" is a refused query.
     */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.otherwise(ErrorClass.BAD_REQUEST)
            .said("API count exceeded - Increase Quota with Membership", ErrorClass.QUOTA)
            .said("API count exceeded", ErrorClass.QUOTA)
            .said("error invalid key", ErrorClass.AUTH)
            .said("error check your api key", ErrorClass.AUTH)
            .said("error check your search parameter", ErrorClass.BAD_REQUEST)
            .saidStarting("No DNS A records found", ErrorClass.NOT_FOUND)
            .saidStarting("No records found", ErrorClass.NOT_FOUND);

    private static List<String> lines(String body) throws ServiceException {
        if (body == null) return List.of();
        if (Json.looksLikeHtml(body)) throw new ServiceException(ErrorClass.GARBAGE, "an HTML page instead of text");
        List<String> out = new ArrayList<>();
        for (String raw : body.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (ERRORS.declares(line)) {
                ErrorClass c = ERRORS.ofCode(line);
                if (c == ErrorClass.NOT_FOUND) return List.of(); // "nothing known" is an empty answer
                throw new ServiceException(c, "HackerTarget says " + Json.excerpt(line));
            }
            if (line.regionMatches(true, 0, "error", 0, 5)) {
                // the documented shape of an undeclared refusal: a line starting "error"
                throw new ServiceException(ERRORS.ofCode(null), "HackerTarget says " + Json.excerpt(line));
            }
            out.add(line);
        }
        return out;
    }
}

package io.infrapivot.source.shodan;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Shodan's REST answers. {@code /shodan/host/{ip}}: one host — {@code ip_str}, {@code hostnames}, {@code domains},
 * {@code org}, {@code isp}, {@code asn} ("AS15169"), {@code os}, {@code ports}, {@code vulns} (CVE ids),
 * {@code tags}, {@code last_update}. {@code /shodan/host/search}: {@code {"matches": [banner...], "total": N}},
 * each banner with {@code ip_str}, {@code port}, {@code hostnames}, {@code domains}, {@code org}, {@code asn},
 * {@code timestamp}. Refusals are {@code {"error": "..."}} with a 4xx status (sometimes a 200).
 */
final class ShodanParser {
    private ShodanParser() {}

    /** Shodan's error texts, declared as data. */
    static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty().status(402, ErrorClass.QUOTA)
            .otherwise(ErrorClass.BAD_REQUEST)
            .saidStarting("Invalid API key", ErrorClass.AUTH)
            .saidStarting("Please upgrade your API plan", ErrorClass.QUOTA)
            .saidStarting("Insufficient query credits", ErrorClass.QUOTA)
            .saidStarting("Access denied", ErrorClass.AUTH)
            .saidStarting("Requires membership", ErrorClass.QUOTA)
            .saidStarting("No information available", ErrorClass.NOT_FOUND)
            .saidStarting("Invalid IP", ErrorClass.BAD_REQUEST)
            .saidStarting("Invalid search query", ErrorClass.BAD_REQUEST);

    /** Throws what an {@code {"error": "..."}} body says; returns when the body holds no error. */
    static void error(String body) throws ServiceException {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (ServiceException e) {
            return; // not JSON: the status says what happened
        }
        String said = Json.text(root, "error");
        if (said == null) return;
        ErrorClass c = ERRORS.ofCode(said);
        throw new ServiceException(c, "Shodan says " + Json.excerpt(said));
    }

    /** One host's record. */
    record Host(String ip, List<String> hostnames, List<String> domains, String org, String isp, String asn, String os,
                List<Long> ports, List<String> vulns, List<String> tags, Instant lastUpdate) {}

    static Host host(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        if (!root.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "a host answer that is not an object");
        error(body);
        String ip = Json.text(root, "ip_str");
        if (ip == null) throw new ServiceException(ErrorClass.GARBAGE, "a host answer without ip_str");
        List<Long> ports = new ArrayList<>();
        for (JsonNode p : root.path("ports")) if (p.canConvertToLong()) ports.add(p.asLong());
        List<String> vulns = new ArrayList<>();
        JsonNode v = root.path("vulns");
        if (v.isArray()) v.forEach(x -> vulns.add(x.asText()));
        else if (v.isObject()) v.fieldNames().forEachRemaining(vulns::add);
        return new Host(ip, Json.texts(root, "hostnames"), Json.texts(root, "domains"), Json.text(root, "org"),
                Json.text(root, "isp"), Json.text(root, "asn"), Json.text(root, "os"), ports, vulns,
                Json.texts(root, "tags"), Times.parse(Json.text(root, "last_update")));
    }

    /** One banner of a search. */
    record Match(String ip, long port, List<String> hostnames, List<String> domains, String org, String asn,
                 Instant timestamp) {}

    /** A page of search results and Shodan's total. */
    record Search(List<Match> matches, long total) {}

    static Search search(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        error(body);
        JsonNode matches = root.path("matches");
        if (!matches.isArray()) throw new ServiceException(ErrorClass.GARBAGE, "a search answer without matches");
        List<Match> out = new ArrayList<>();
        for (JsonNode m : matches) {
            String ip = Json.text(m, "ip_str");
            if (ip == null) continue;
            Long port = Json.number(m, "port");
            out.add(new Match(ip, port == null ? 0 : port, Json.texts(m, "hostnames"), Json.texts(m, "domains"),
                    Json.text(m, "org"), Json.text(m, "asn"), Times.parse(Json.text(m, "timestamp"))));
        }
        Long total = Json.number(root, "total");
        return new Search(out, total == null ? out.size() : total);
    }
}

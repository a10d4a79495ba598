package io.infrapivot.source.virustotal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import java.net.URI;
import java.util.Optional;

/**
 * Turns one object of a VirusTotal relationship into a link, annotated with the relationship's name and dated
 * with the object's first submission (or creation) and last analysis (or modification):
 * <ul>
 * <li>{@code communicating_files} of an IP or name: file hash {@code communicates-with} the IP or name;</li>
 * <li>{@code urls} of an IP or name: URL {@code url-host} the URL's own host (or IP);</li>
 * <li>{@code contacted_domains}, {@code contacted_ips}, {@code contacted_urls} of a file: the hash
 * {@code communicates-with} the name, IP or URL;</li>
 * <li>{@code itw_urls} (where the file was seen in the wild): the hash {@code downloaded-from} the URL;</li>
 * <li>{@code dropped_files}: the hash {@code contains} the dropped file's hash (annotated
 * {@code {"relationship":"dropped_files"}}: dropped when run).</li>
 * </ul>
 * Objects whose id or URL the parser rejects are left out.
 */
final class VirusTotalLinks {
    private VirusTotalLinks() {}

    static void link(Indicator subject, String relationship, VirusTotalReports.Related r, Facts facts) {
        ObjectNode note = Json.object().put("relationship", relationship);
        switch (relationship) {
            case "communicating_files" -> facts.as(IndicatorType.HASH, r.id()).ifPresent(file ->
                    facts.link(file, Relation.COMMUNICATES_WITH, subject, note, r.first(), r.last(), null));
            case "urls" -> url(r, facts).ifPresent(u -> facts.link(u, Relation.URL_HOST,
                    hostOf(u, facts).orElse(subject), note, r.first(), r.last(), null));
            case "contacted_domains" -> facts.name(r.id()).ifPresent(n ->
                    facts.link(subject, Relation.COMMUNICATES_WITH, n, note, r.first(), r.last(), null));
            case "contacted_ips" -> facts.ip(r.id()).ifPresent(ip ->
                    facts.link(subject, Relation.COMMUNICATES_WITH, ip, note, r.first(), r.last(), null));
            case "contacted_urls" -> url(r, facts).ifPresent(u ->
                    facts.link(subject, Relation.COMMUNICATES_WITH, u, note, r.first(), r.last(), null));
            case "itw_urls" -> url(r, facts).ifPresent(u ->
                    facts.link(subject, Relation.DOWNLOADED_FROM, u, note, r.first(), r.last(), null));
            case "dropped_files" -> facts.as(IndicatorType.HASH, r.id()).ifPresent(file ->
                    facts.link(subject, Relation.CONTAINS, file, note, r.first(), r.last(), null));
            default -> { }
        }
    }

    /** A URL object's URL ({@code attributes.url}; its id is a hash, not the URL). */
    private static Optional<Indicator> url(VirusTotalReports.Related r, Facts facts) {
        return r.url() == null ? Optional.empty() : facts.as(IndicatorType.URL, r.url());
    }

    /** The host (name or IP) a URL points at. */
    private static Optional<Indicator> hostOf(Indicator url, Facts facts) {
        try {
            String host = URI.create(url.value()).getHost();
            if (host == null) return Optional.empty();
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            Optional<Indicator> ip = facts.ip(host);
            return ip.isPresent() ? ip : facts.name(host);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package io.infrapivot.source.rdap;

import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.http.HttpAnswer;
import io.infrapivot.source.http.HttpError;
import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.http.PublicHosts;
import io.infrapivot.source.registration.RegistrationMerge;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RDAP lookups over the shared HTTP helper: domain, ip, autnum, nameserver and entity paths under a base URL;
 * for domains the registry's {@code related} link is followed to the registrar's server and both answers merged.
 * Every answer (errors included) is kept as a {@link RawAnswer}.
 */
public final class RdapClient {
    /**
     * The outcome of a lookup.
     *
     * @param record   the (merged) record, or null when there is none
     * @param evidence every raw answer, in order
     * @param notes    remarks (a registrar that failed)
     * @param error    why there is no record, or null
     * @param errorClass the typed reason there is no record, or null
     */
    public record Result(RegistrationRecord record, List<RawAnswer> evidence, List<String> notes, String error,
                         io.infrapivot.source.ErrorClass errorClass) {
        public Result(RegistrationRecord record, List<RawAnswer> evidence, List<String> notes, String error) {
            this(record, evidence, notes, error, null);
        }
    }

    private static final String ACCEPT = "application/rdap+json, application/json;q=0.9";
    private final HttpFetcher http;
    private final boolean followRelated;

    public RdapClient(HttpFetcher http, boolean followRelated) {
        this.http = http;
        this.followRelated = followRelated;
    }

    /** The path below a base URL for an object: domain/…, ip/…, autnum/…, nameserver/…, entity/…. */
    public static String path(String kind, String object) {
        String type = switch (kind) {
            case "domain", "ip", "autnum", "nameserver", "entity" -> kind;
            case "asn" -> "autnum";
            default -> throw new IllegalArgumentException("unknown RDAP object kind " + kind);
        };
        String obj = kind.equals("ip") ? object : URLEncoder.encode(object, StandardCharsets.UTF_8);
        return type + "/" + obj;
    }

    /** Looks an object up under {@code base} (ending with '/'). */
    public Result lookup(String base, String kind, String object, Instant now) throws InterruptedException {
        return lookup(base, kind, object, now, io.infrapivot.source.RequestGate.OPEN);
    }

    /** As {@link #lookup(String, String, String, Instant)}, asking {@code gate} before each request. */
    public Result lookup(String base, String kind, String object, Instant now, io.infrapivot.source.RequestGate gate)
            throws InterruptedException {
        List<RawAnswer> evidence = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String url = base + path(kind, object);
        String held = gate.next();
        if (held != null) {
            return new Result(null, evidence, notes, "not asked: " + held, io.infrapivot.source.ErrorClass.HELD);
        }
        Step first = fetch(url, object, evidence, now, gate, false);
        if (first.record == null) return new Result(null, evidence, notes, first.error, first.errorClass);
        RegistrationRecord record = first.record;
        String related = first.body == null ? null : RdapParser.relatedLink(first.body);
        if (followRelated && kind.equals("domain") && record.status() == RegistrationStatus.REGISTERED
                && related != null && !related.equalsIgnoreCase(url)) {
            if (!safeRelated(url, related)) {
                notes.add("registrar link " + related + " not followed (only https to a public host, or the same"
                        + " server)");
                return new Result(record, evidence, notes, null);
            }
            held = gate.next();
            if (held != null) {
                notes.add("registrar RDAP server not asked: " + held);
                return new Result(record, evidence, notes, null);
            }
            // a link read from the answer: unless it is the registry's own server, it must resolve to a public address
            Step second = fetch(related, object, evidence, now, gate, !sameServer(url, related));
            if (second.record == null) notes.add("registrar RDAP server failed: " + second.error);
            else record = RegistrationMerge.merge(record, second.record);
        }
        return new Result(record, evidence, notes, null);
    }

    /**
     * Whether the registry's related link may be followed: https to a public host name, or the registry's own
     * host and port (mirrors, tests). The link is attacker-controlled and must not reach internal addresses.
     */
    static boolean safeRelated(String registryUrl, String related) {
        okhttp3.HttpUrl from = okhttp3.HttpUrl.parse(registryUrl);
        okhttp3.HttpUrl to = okhttp3.HttpUrl.parse(related);
        if (from == null || to == null) return false;
        if (to.host().equals(from.host()) && to.port() == from.port()) return true;
        // the name normalised (LOCALHOST., IP spellings); what it resolves to is checked when it is fetched
        return to.isHttps() && PublicHosts.isPublicName(to.host());
    }

    private static boolean sameServer(String a, String b) {
        okhttp3.HttpUrl x = okhttp3.HttpUrl.parse(a);
        okhttp3.HttpUrl y = okhttp3.HttpUrl.parse(b);
        return x != null && y != null && x.host().equals(y.host()) && x.port() == y.port();
    }

    private record Step(RegistrationRecord record, String body, String error,
                        io.infrapivot.source.ErrorClass errorClass) {
        Step(RegistrationRecord record, String body) {
            this(record, body, null, null);
        }
    }

    private Step fetch(String url, String query, List<RawAnswer> evidence, Instant now,
                       io.infrapivot.source.RequestGate gate, boolean link) throws InterruptedException {
        Instant started = Instant.now();
        HttpAnswer a;
        try {
            // a retry is a request too: it passes the gate (rate limit, request budget)
            HttpFetcher.Get get = new HttpFetcher.Get(url, Map.of("Accept", ACCEPT), List.of(), true);
            a = http.get(link ? get.toPublicHostOnly() : get, gate::next);
        } catch (HttpError e) {
            String status = e.status() == 0 ? e.kind().name().toLowerCase(Locale.ROOT) : String.valueOf(e.status());
            evidence.add(new RawAnswer(RdapSource.ID, "GET " + url, e.partialBody(), null, status, started, null));
            return new Step(null, null, e.getMessage(), e.errorClass());
        }
        evidence.add(new RawAnswer(RdapSource.ID, "GET " + a.url(), a.body(), a.contentType(),
                String.valueOf(a.status()), a.started(), a.elapsed()));
        String host = okhttp3.HttpUrl.parse(url) == null ? url : okhttp3.HttpUrl.parse(url).host();
        if (!a.ok() && a.status() != 404) {
            var c = io.infrapivot.source.http.ErrorTable.STANDARD.ofStatus(a.status());
            return new Step(null, null, host + " answered HTTP " + a.status(),
                    c == null ? io.infrapivot.source.ErrorClass.GARBAGE : c);
        }
        String body = a.text();
        if (a.status() == 404 && body.isBlank()) body = "{\"errorCode\":404,\"title\":\"Not Found\"}";
        try {
            String base = url.substring(0, url.lastIndexOf('/', url.lastIndexOf('/') - 1) + 1);
            return new Step(RdapParser.parse(body, a.status(), base, query, now), body);
        } catch (IllegalArgumentException e) {
            return new Step(null, null, host + " answered invalid RDAP (" + e.getMessage() + ")",
                    io.infrapivot.source.ErrorClass.GARBAGE);
        }
    }
}

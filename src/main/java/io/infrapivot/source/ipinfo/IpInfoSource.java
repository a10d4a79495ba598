package io.infrapivot.source.ipinfo;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.geoip.GeoAnswer;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.routing.HostingAsns;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;

/**
 * Source {@code ipinfo} (passive, token): where ipinfo.io places an IP ({@code GET /IP}, token as
 * {@code Authorization: Bearer}). The answer: {@code {"ip", "city", "region", "country", "loc": "lat,lon",
 * "org": "AS15169 Google LLC", "postal", "timezone"}} — or the Lite API's flat shape ({@code country_code},
 * {@code asn}, {@code as_name}); a bogon is {@code {"bogon": true}}. Errors: {@code {"status": 429, "error":
 * {"title": "Rate limit exceeded", "message": ...}}}, 403 "Unknown token", 404 "Wrong ip".
 */
public final class IpInfoSource extends ServiceSource {
    public static final String ID = "ipinfo";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("ipinfo.io geolocation (country, region, city, coordinates, time zone) and origin ASN of"
                    + " an IP")
            .accepts(IndicatorType.IP)
            .produces(Relation.GEOLOCATION, Relation.ANNOUNCED_BY)
            .settings(settings(SourceInfo.Setting.key("ipinfo.io access token", true), "https://ipinfo.io"))
            .rateLimit(1000, Duration.ofDays(1)).concurrency(4).ttl(Duration.ofDays(7))
            .build();

    /** ipinfo's error titles. */
    static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("Rate limit exceeded", ErrorClass.RATE_LIMITED)
            .said("Unknown token", ErrorClass.AUTH)
            .said("Wrong ip", ErrorClass.BAD_REQUEST)
            .said("Wrong IP", ErrorClass.BAD_REQUEST);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(call.base() + "/" + ServiceCall.enc(indicator.value()))
                .header("Authorization", "Bearer " + call.keys().get(0).reveal());
        JsonNode root = Json.read(call.getExplained(req, IpInfoSource::said, false));
        said(root);
        if (!root.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "not an ipinfo answer");
        if (root.path("bogon").asBoolean(false)) {
            call.note("ipinfo: a bogon (not a public address)");
            return call.result(null, 0, false);
        }
        GeoAnswer a = answer(root);
        var f = call.facts();
        if (a.locates()) f.attribute(indicator, Relation.GEOLOCATION, a.toJson().put("fetched", f.now().toString()),
                null, null);
        if (a.asn() != null) {
            var v = Json.object().put("database", "ipinfo.io");
            if (a.asOrganization() != null) v.put("as_name", a.asOrganization());
            HostingAsns.of(call.context().shared()).of(a.asn()).ifPresent(p -> v.put("hosting", p.label()));
            f.as(IndicatorType.ASN, "AS" + a.asn())
                    .ifPresent(asn -> f.link(indicator, Relation.ANNOUNCED_BY, asn, v, null, null, null));
        }
        return call.result(null, f.observations().size(), false);
    }

    /** The answer in the standard shape or the Lite API's. */
    static GeoAnswer answer(JsonNode r) {
        GeoAnswer.Builder b = GeoAnswer.builder("ipinfo.io", null, null);
        String country = Json.text(r, "country_code") != null ? Json.text(r, "country_code") : Json.text(r, "country");
        b.country(country, Json.text(r, "country_code") != null ? Json.text(r, "country") : null);
        b.continent(Json.text(r, "continent_code"));
        b.region(Json.text(r, "region"));
        b.city(Json.text(r, "city"));
        String loc = Json.text(r, "loc");
        Double lat = null;
        Double lon = null;
        if (loc != null && loc.matches("-?\\d{1,3}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?")) {
            lat = Double.parseDouble(loc.substring(0, loc.indexOf(',')));
            lon = Double.parseDouble(loc.substring(loc.indexOf(',') + 1));
        }
        b.location(lat, lon, null, Json.text(r, "timezone"));
        String org = Json.text(r, "org");
        if (org != null && org.matches("(?i)AS\\d{1,10}( .*)?")) {
            int sp = org.indexOf(' ');
            b.asn(HostingAsns.number(sp < 0 ? org : org.substring(0, sp)), sp < 0 ? null : org.substring(sp + 1));
        }
        b.asn(HostingAsns.number(Json.text(r, "asn")), Json.text(r, "as_name"));
        return b.build();
    }

    /** Reads ipinfo's error object: {@code {"error": {"title", "message"}}} (or a bare {@code "error": text}). */
    static void said(String body) throws ServiceException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return;
        }
        if (root != null) said(root);
    }

    private static void said(JsonNode root) throws ServiceException {
        JsonNode e = root.get("error");
        if (e == null || e.isNull()) return;
        String title = e.isObject() ? Json.text(e, "title") : Json.text(root, "error");
        String message = e.isObject() ? Json.text(e, "message") : null;
        if (title == null) return;
        ErrorClass c = ERRORS.declares(title) ? ERRORS.ofCode(title) : ErrorClass.SERVER;
        throw new ServiceException(c, "ipinfo says " + Json.excerpt(title)
                + (message == null ? "" : ": " + Json.excerpt(message)));
    }
}

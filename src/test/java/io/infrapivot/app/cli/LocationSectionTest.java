package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.thirdparty.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocationSectionTest {
    static final Indicator IP = Indicator.of(IndicatorType.IP, "104.16.1.1");

    static Fact geo(String db, String country, String city, String build) {
        ObjectNode v = Json.object().put("database", db).put("country", country).put("city", city);
        if (build != null) v.put("build_date", build);
        v.put("latitude", 51.5142).put("longitude", -0.0931).put("accuracy_radius_km", 10);
        return new Fact(null, IP, Relation.GEOLOCATION, null, v, List.of("geoip"), null, null, Instant.EPOCH, null,
                List.of());
    }

    static Fact announced(String hosting) {
        return announced("AS13335", hosting, "ripestat");
    }

    static Fact announced(String asn, String hosting, String source) {
        ObjectNode v = Json.object().put("prefix", "104.16.0.0/13");
        if (hosting != null) v.put("hosting", hosting);
        return new Fact(null, IP, Relation.ANNOUNCED_BY, Indicator.of(IndicatorType.ASN, asn), v,
                List.of(source), null, null, Instant.EPOCH, null, List.of());
    }

    @Test
    void sideBySideWithBuildDatesAndDisagreement() {
        var lines = LocationSection.lines(IP, List.of(geo("GeoLite2-City", "GB", "London", "2026-11-28T00:00:00Z"),
                geo("DBIP-City-Lite", "US", "San Francisco", "2026-12-01T00:00:00Z")), List.of());
        assertThat(lines.get(0)).startsWith("GeoLite2-City (2026-11-28)").contains("GB").contains("London")
                .contains("51.5142,-0.0931 ±10 km");
        assertThat(lines.get(1)).startsWith("DBIP-City-Lite (2026-12-01)").contains("San Francisco");
        assertThat(lines).anyMatch(l -> l.startsWith("! the databases disagree on the country")
                && l.contains("GB (GeoLite2-City (2026-11-28))") && l.contains("US (DBIP-City-Lite"));
    }

    @Test
    void sameCountryOtherCityIsSaid() {
        var lines = LocationSection.lines(IP, List.of(geo("A", "GB", "London", null), geo("B", "GB", "Leeds", null)),
                List.of());
        assertThat(lines).anyMatch(l -> l.startsWith("! the databases disagree on the city"));
        var agree = LocationSection.lines(IP, List.of(geo("A", "GB", "London", null), geo("B", "GB", "london", null)),
                List.of());
        assertThat(agree).noneMatch(l -> l.startsWith("!"));
    }

    @Test
    void hostingAddressSaysItLocatesTheDatacentre() {
        var lines = LocationSection.lines(IP, List.of(geo("A", "US", "San Francisco", null)),
                List.of(announced("cloudflare cdn")));
        assertThat(lines).anyMatch(l -> l.contains("cloudflare cdn network") && l.contains("datacentre"));
        var plain = LocationSection.lines(IP, List.of(geo("A", "US", "San Francisco", null)),
                List.of(announced("AS64500", null, "ripestat")));
        assertThat(plain).noneMatch(l -> l.contains("datacentre"));
        // a source that does not mark (Team Cymru): the hosting list still knows the origin
        var cymru = LocationSection.lines(IP, List.of(geo("A", "US", "San Francisco", null)),
                List.of(announced("AS13335", null, "cymru")));
        assertThat(cymru).anyMatch(l -> l.contains("cloudflare cdn network") && l.contains("datacentre"));
    }

    @Test
    void hostileTextIsEscapedAndTheSectionTakesItsFacts() {
        var evil = geo("X\u001b[2J", "GB", "Lon\u001b]0;pwn\u0007don", null);
        var lines = LocationSection.lines(IP, List.of(evil), List.of());
        assertThat(String.join("\n", lines)).doesNotContain("\u001b").doesNotContain("\u0007");
        List<Fact> routing = new ArrayList<>(List.of(evil, announced(null)));
        assertThat(LocationSection.take(routing)).containsExactly(evil);
        assertThat(routing).hasSize(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                new ByteArrayOutputStream()), false, false);
        LocationSection.print(t, IP, List.of(evil), Map.of("routing", routing));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("location\n");
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        LocationSection.print(new Terminal(new PrintStream(none), new PrintStream(none), false, false), IP, List.of(),
                Map.of());
        assertThat(none.size()).isZero();
    }
}

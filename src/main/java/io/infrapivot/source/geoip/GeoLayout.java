package io.infrapivot.source.geoip;

import java.util.List;
import java.util.Map;

/**
 * Reads a record of an MMDB database whose layout is not MaxMind's own, by the field names the free publishers
 * use: MaxMind's nested layout ({@code country.iso_code}, {@code city.names.en}, {@code location.latitude}) as
 * well as flat ones — IPinfo's ({@code country_code}, {@code country}, {@code continent_code}, {@code asn}
 * "AS13335", {@code as_name}; {@code city}, {@code region}, {@code lat}, {@code lng}), and the city/ASN layouts of
 * other free lists ({@code country_code}, {@code state1}, {@code city}, {@code latitude}, {@code longitude},
 * {@code autonomous_system_number}). A field of an unexpected type is left out.
 */
final class GeoLayout {
    private GeoLayout() {}

    static void read(Map<String, Object> d, GeoAnswer.Builder b) {
        Object country = d.get("country");
        if (country instanceof Map<?, ?> c) {
            b.country(text(c.get("iso_code")), name(c));
        } else if (country instanceof String s) {
            if (s.strip().length() == 2) b.country(s, null);
            else b.country(null, s);
        }
        b.country(first(d, "country_code", "country_iso_code", "country_short", "iso_code"),
                first(d, "country_name", "country_long"));
        if (d.get("registered_country") instanceof Map<?, ?> rc && country == null) {
            b.country(text(rc.get("iso_code")), name(rc));
        }
        Object continent = d.get("continent");
        if (continent instanceof Map<?, ?> c) b.continent(text(c.get("code")));
        b.continent(first(d, "continent_code"));
        if (d.get("subdivisions") instanceof List<?> subs && !subs.isEmpty()
                && subs.get(subs.size() - 1) instanceof Map<?, ?> sub) {
            b.region(name(sub));
        }
        b.region(first(d, "region", "region_name", "state", "state1", "subdivision", "subdivision_1_name"));
        if (d.get("city") instanceof Map<?, ?> c) b.city(name(c));
        b.city(first(d, "city", "city_name"));
        if (d.get("location") instanceof Map<?, ?> l) {
            b.location(number(l.get("latitude")), number(l.get("longitude")), whole(l.get("accuracy_radius")),
                    text(l.get("time_zone")));
        }
        b.location(number(firstObject(d, "latitude", "lat")), number(firstObject(d, "longitude", "lng", "lon")),
                whole(d.get("accuracy_radius")), first(d, "time_zone", "timezone"));
        Object asn = firstObject(d, "autonomous_system_number", "asn", "as_number");
        b.asn(asn instanceof String s ? asNumber(s) : whole(asn),
                first(d, "autonomous_system_organization", "as_name", "as_org", "as_organization", "organization"));
    }

    /** The English name of a MaxMind-style object ({@code names.en}), or its {@code name}. */
    private static String name(Map<?, ?> m) {
        if (m.get("names") instanceof Map<?, ?> names) return text(names.get("en"));
        return text(m.get("name"));
    }

    private static String first(Map<String, Object> d, String... keys) {
        for (String k : keys) {
            String t = text(d.get(k));
            if (t != null) return t;
        }
        return null;
    }

    private static Object firstObject(Map<String, Object> d, String... keys) {
        for (String k : keys) if (d.get(k) != null) return d.get(k);
        return null;
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }

    private static Double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Long whole(Object o) {
        if (o instanceof Number n) return n.longValue();
        if (o instanceof String s && s.strip().matches("\\d{1,10}")) return Long.parseLong(s.strip());
        return null;
    }

    /** "AS13335" or "13335". */
    static Long asNumber(String s) {
        String t = s.strip();
        if (t.regionMatches(true, 0, "AS", 0, 2)) t = t.substring(2);
        return t.matches("\\d{1,10}") ? Long.parseLong(t) : null;
    }
}

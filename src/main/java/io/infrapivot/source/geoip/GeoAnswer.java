package io.infrapivot.source.geoip;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.thirdparty.Json;
import java.time.Instant;

/**
 * What one geolocation database says of one address, every field optional but the database's name and build
 * date. Text fields come from a file anyone can build and are cut and kept on one line.
 *
 * @param database        the database type from its metadata ({@code GeoLite2-City}, {@code DBIP-City-Lite})
 * @param file            the file's name (null for an online service)
 * @param buildDate       when the database was built (its metadata; null for an online service)
 * @param network         the network the answer covers, or null
 * @param country         ISO 3166-1 alpha-2 code, or null
 * @param countryName     English name, or null
 * @param continent       continent code, or null
 * @param region          most specific subdivision (English), or null
 * @param city            city (English), or null
 * @param latitude        latitude, or null
 * @param longitude       longitude, or null
 * @param accuracyKm      accuracy radius in kilometres where the database gives one, or null
 * @param timeZone        IANA time zone, or null
 * @param asn             autonomous system number, or null
 * @param asOrganization  its organisation, or null
 * @param attribution     the credit the database's licence asks for, or null
 */
public record GeoAnswer(String database, String file, Instant buildDate, String network, String country,
                        String countryName, String continent, String region, String city, Double latitude,
                        Double longitude, Long accuracyKm, String timeZone, Long asn, String asOrganization,
                        String attribution) {
    static final int MAX_TEXT = 160;

    /** Whether it places the address anywhere (a country, a city or coordinates). */
    public boolean locates() {
        return country != null || city != null || latitude != null && longitude != null;
    }

    /** The observation value of a {@code geolocation} fact. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object().put("database", database);
        put(o, "file", file);
        if (buildDate != null) o.put("build_date", buildDate.toString());
        put(o, "network", network);
        put(o, "country", country);
        put(o, "country_name", countryName);
        put(o, "continent", continent);
        put(o, "region", region);
        put(o, "city", city);
        if (latitude != null && longitude != null) o.put("latitude", latitude).put("longitude", longitude);
        if (accuracyKm != null) o.put("accuracy_radius_km", accuracyKm);
        put(o, "time_zone", timeZone);
        if (asn != null) o.put("asn", asn);
        put(o, "as_organization", asOrganization);
        put(o, "attribution", attribution);
        return o;
    }

    private static void put(ObjectNode o, String k, String v) {
        if (v != null) o.put(k, v);
    }

    /** A builder for one database's answer ({@code file} and {@code buildDate} null for an online service). */
    public static Builder builder(String database, String file, Instant buildDate) {
        return new Builder(database, file, buildDate);
    }

    /** Collects fields; blank texts are left out, texts are cut and kept on one line. */
    public static final class Builder {
        private final String database;
        private final String file;
        private final Instant buildDate;
        private String network, country, countryName, continent, region, city, timeZone, asOrganization, attribution;
        private Double latitude, longitude;
        private Long accuracyKm, asn;

        private Builder(String database, String file, Instant buildDate) {
            this.database = database;
            this.file = clean(file);
            this.buildDate = buildDate;
        }

        static String clean(String s) {
            if (s == null || s.isBlank()) return null;
            return Safe.truncate(Safe.oneLine(s.strip()), MAX_TEXT);
        }

        public Builder network(String n) {
            network = clean(n);
            return this;
        }

        public Builder country(String iso, String name) {
            if (country == null && iso != null && iso.strip().matches("[A-Za-z]{2}")) {
                country = iso.strip().toUpperCase(java.util.Locale.ROOT);
            }
            if (countryName == null) countryName = clean(name);
            return this;
        }

        public Builder continent(String c) {
            if (continent == null) continent = clean(c);
            return this;
        }

        public Builder region(String r) {
            if (region == null) region = clean(r);
            return this;
        }

        public Builder city(String c) {
            if (city == null) city = clean(c);
            return this;
        }

        public Builder location(Double lat, Double lon, Long accuracy, String tz) {
            if (lat != null && lon != null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && latitude == null) {
                latitude = lat;
                longitude = lon;
            }
            if (accuracy != null && accuracy >= 0 && accuracyKm == null) accuracyKm = accuracy;
            if (timeZone == null) timeZone = clean(tz);
            return this;
        }

        public Builder asn(Long number, String organization) {
            if (number != null && number > 0 && number <= 4294967295L && asn == null) asn = number;
            if (asOrganization == null) asOrganization = clean(organization);
            return this;
        }

        public Builder attribution(String a) {
            attribution = a;
            return this;
        }

        public GeoAnswer build() {
            return new GeoAnswer(database, file, buildDate, network, country, countryName, continent, region, city,
                    latitude, longitude, accuracyKm, timeZone, asn, asOrganization, attribution);
        }
    }
}

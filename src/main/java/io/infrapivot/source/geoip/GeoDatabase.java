package io.infrapivot.source.geoip;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCityResponse;
import com.maxmind.geoip2.model.AsnResponse;
import io.infrapivot.model.Safe;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One local MaxMind-format (MMDB) database, opened once and read by many lookups (both readers are thread-safe).
 * GeoIP2/GeoLite2 City, Country and ASN databases, and the databases of other publishers that copy their layout
 * (DB-IP's "DBIP-City-Lite"), are read with MaxMind's {@link DatabaseReader}; any other layout with the low-level
 * {@link Reader} and {@link GeoLayout}, which knows the field names free MMDB publishers use. The file is
 * attacker-controlled input: a broken file is a {@link GeoDatabaseException} with a clear reason, never a crash.
 */
final class GeoDatabase implements Closeable {
    /** What kind of answer a database gives. */
    enum Kind { CITY, COUNTRY, ASN, GENERIC }

    private final Path path;
    private final Reader generic;
    private final DatabaseReader typed;
    private final Kind kind;
    private final Metadata metadata;
    /** The file's identity when opened (a replaced file is opened again). */
    final String stamp;

    private GeoDatabase(Path path, Reader generic, DatabaseReader typed, Kind kind, Metadata metadata, String stamp) {
        this.path = path;
        this.generic = generic;
        this.typed = typed;
        this.kind = kind;
        this.metadata = metadata;
        this.stamp = stamp;
    }

    /** The file's size and modification time: a database replaced by {@code update-data} has another stamp. */
    static String stamp(Path path) throws GeoDatabaseException {
        try {
            return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new GeoDatabaseException(path, "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Opens a database file; a missing, unreadable or malformed file is a {@link GeoDatabaseException}. */
    static GeoDatabase open(Path path) throws GeoDatabaseException {
        return open(path, false);
    }

    /** Opens a database file, with the field-by-field reader whatever its type when {@code generic}. */
    static GeoDatabase open(Path path, boolean generic) throws GeoDatabaseException {
        if (!Files.isRegularFile(path)) throw new GeoDatabaseException(path, "is not a file", null);
        String stamp = stamp(path);
        File file = path.toFile();
        try {
            Reader low = new Reader(file);
            Metadata m = low.getMetadata();
            Kind kind = generic ? Kind.GENERIC : kindOf(m.getDatabaseType());
            if (kind == Kind.GENERIC) return new GeoDatabase(path, low, null, kind, m, stamp);
            low.close();
            DatabaseReader typed = new DatabaseReader.Builder(file).build();
            return new GeoDatabase(path, null, typed, kind, typed.getMetadata(), stamp);
        } catch (IOException | RuntimeException e) {
            throw new GeoDatabaseException(path, "is not a valid MaxMind DB file (" + reason(e) + ")", e);
        }
    }

    /**
     * The layout by the database type in the metadata: MaxMind's own types and DB-IP's (which copies MaxMind's
     * City and Country layouts); any other is read field by field.
     */
    static Kind kindOf(String databaseType) {
        String t = databaseType == null ? "" : databaseType;
        boolean maxmindLayout = t.startsWith("GeoIP2-") || t.startsWith("GeoLite2-") || t.startsWith("DBIP-")
                || t.startsWith("GeoIP-");
        if (!maxmindLayout) return Kind.GENERIC;
        if (t.contains("City")) return Kind.CITY;
        if (t.contains("Country")) return Kind.COUNTRY;
        if (t.endsWith("-ASN") || t.contains("ASN")) return Kind.ASN;
        return Kind.GENERIC;
    }

    String type() {
        return Safe.truncate(Safe.oneLine(metadata.getDatabaseType()), 80);
    }

    Instant buildDate() {
        return metadata.getBuildDate().toInstant();
    }

    Path path() {
        return path;
    }

    Kind kind() {
        return kind;
    }

    /** The publisher's credit the licence asks for (DB-IP's free databases are CC BY 4.0), or null. */
    String attribution() {
        return type().startsWith("DBIP-") ? GeoIpSource.DBIP_CREDIT : null;
    }

    /**
     * What this database says of an address: empty when the address is not in it (or of an IP version it does
     * not hold).
     */
    Optional<GeoAnswer> lookup(InetAddress address) throws GeoDatabaseException {
        if (address instanceof java.net.Inet6Address && metadata.getIpVersion() == 4) return Optional.empty();
        try {
            return switch (kind) {
                case CITY -> typed.tryCity(address).map(this::fromCity);
                case COUNTRY -> typed.tryCountry(address).map(this::fromCity);
                case ASN -> typed.tryAsn(address).map(this::fromAsn);
                case GENERIC -> generic(address);
            };
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            throw new GeoDatabaseException(path, "could not be read at " + address.getHostAddress() + " ("
                    + reason(e) + ")", e);
        }
    }

    private GeoAnswer fromCity(com.maxmind.geoip2.model.AbstractCountryResponse r) {
        GeoAnswer.Builder b = base(r.getTraits().getNetwork() == null ? null : r.getTraits().getNetwork().toString());
        b.country(r.getCountry().getIsoCode(), r.getCountry().getName());
        if (r.getContinent() != null) b.continent(r.getContinent().getCode());
        if (r instanceof AbstractCityResponse c) {
            if (!c.getSubdivisions().isEmpty()) b.region(c.getMostSpecificSubdivision().getName());
            b.city(c.getCity().getName());
            var l = c.getLocation();
            b.location(l.getLatitude(), l.getLongitude(), l.getAccuracyRadius() == null ? null
                    : l.getAccuracyRadius().longValue(), l.getTimeZone());
        }
        var t = r.getTraits();
        b.asn(t.getAutonomousSystemNumber(), t.getAutonomousSystemOrganization());
        return b.build();
    }

    private GeoAnswer fromAsn(AsnResponse r) {
        GeoAnswer.Builder b = base(r.getNetwork() == null ? null : r.getNetwork().toString());
        b.asn(r.getAutonomousSystemNumber(), r.getAutonomousSystemOrganization());
        return b.build();
    }

    private Optional<GeoAnswer> generic(InetAddress address) throws IOException {
        @SuppressWarnings("rawtypes")
        DatabaseRecord<Map> rec = generic.getRecord(address, Map.class);
        if (rec == null || rec.getData() == null) return Optional.empty();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = rec.getData();
        GeoAnswer.Builder b = base(rec.getNetwork() == null ? null : rec.getNetwork().toString());
        GeoLayout.read(data, b);
        return Optional.of(b.build());
    }

    private GeoAnswer.Builder base(String network) {
        return GeoAnswer.builder(type(), path.getFileName().toString(), buildDate()).network(network)
                .attribution(attribution());
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return Safe.truncate(Safe.oneLine(m == null ? name : name + ": " + m), 200);
    }

    @Override
    public void close() throws IOException {
        if (generic != null) generic.close();
        if (typed != null) typed.close();
    }

    @Override
    public String toString() {
        return type() + " (" + path.getFileName() + ")";
    }

}

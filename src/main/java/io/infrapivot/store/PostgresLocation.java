package io.infrapivot.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Where a team's PostgreSQL store is: {@code postgresql://user[:password]@host[:port]/database[?options]} (also
 * {@code postgres://} and {@code jdbc:postgresql://}). The password is better left out of the URL: the driver
 * reads {@code ~/.pgpass} (or {@code PGPASSFILE}); {@link #toString()} never shows it.
 */
public record PostgresLocation(String host, int port, String database, String user, String password,
                               String query) {
    public static final int DEFAULT_PORT = 5432;

    /** True when {@code store} names a PostgreSQL store rather than a folder of SQLite cases. */
    public static boolean isPostgres(String store) {
        if (store == null) return false;
        String s = store.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("postgresql://") || s.startsWith("postgres://") || s.startsWith("jdbc:postgresql://");
    }

    /** Parses a store URL; {@link IllegalArgumentException} with a one-line reason when it is not one. */
    public static PostgresLocation parse(String url) {
        if (!isPostgres(url)) throw new IllegalArgumentException("not a postgresql:// store URL");
        String s = url.strip();
        if (s.regionMatches(true, 0, "jdbc:", 0, 5)) s = s.substring(5);
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid PostgreSQL store URL (" + e.getReason() + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a PostgreSQL store URL needs a host: postgresql://user@host:5432/db");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String db = decode(path.startsWith("/") ? path.substring(1) : path);
        if (db.isBlank() || db.contains("/")) {
            throw new IllegalArgumentException("a PostgreSQL store URL needs a database: postgresql://user@host:5432/db");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) password = decode(info.substring(colon + 1));
        }
        return new PostgresLocation(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), db, user, password,
                uri.getRawQuery());
    }

    /** The JDBC URL (no user, no password: those go in {@link #properties()}). */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + db() + (query == null ? "" : "?" + query);
    }

    private String db() {
        return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The connection properties: user, password when given, and the application name. */
    public Properties properties() {
        Properties p = new Properties();
        if (user != null && !user.isBlank()) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("ApplicationName", "infrapivot");
        return p;
    }

    /** The URL without the password, for messages. */
    @Override
    public String toString() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "postgresql://" + (user == null ? "" : user + "@") + h + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

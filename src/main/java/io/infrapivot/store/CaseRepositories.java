package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseRepository;
import java.nio.file.Path;

/**
 * Which case repository a store setting names: a {@code postgresql://} URL is a team's shared PostgreSQL
 * ({@link PostgresCaseRepository}); anything else (or nothing) is the folder of SQLite case files, exactly as
 * before. The setting comes from {@code --store}, else {@code INFRAPIVOT_STORE}, else the config file's
 * {@code [defaults] store}.
 */
public final class CaseRepositories {
    /** The environment variable naming the store. */
    public static final String ENV = "INFRAPIVOT_STORE";
    private static final java.util.regex.Pattern URL_LIKE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

    private CaseRepositories() {
    }

    /** The first setting given (not blank) of {@code settings}, or null. */
    public static String first(String... settings) {
        for (String s : settings) if (s != null && !s.isBlank()) return s.strip();
        return null;
    }

    /**
     * The repository {@code store} names: PostgreSQL for a {@code postgresql://} URL, else the SQLite folder
     * {@code store} (a folder path) or, when null, {@code defaultFolder}.
     */
    public static CaseRepository of(String store, Path defaultFolder, Analyst analyst) {
        if (PostgresLocation.isPostgres(store)) return new PostgresCaseRepository(PostgresLocation.parse(store), analyst);
        if (store != null && URL_LIKE.matcher(store).lookingAt()) { // mysql://…, postgresq://…: not a folder "mysql:"
            throw new IllegalArgumentException("'" + store.substring(0, store.indexOf("://") + 3) + "…' is not a store: give "
                    + "postgresql://user@host:5432/db or a folder of SQLite cases");
        }
        Path folder = store == null ? defaultFolder : Path.of(store);
        if (store != null && java.nio.file.Files.exists(folder) && !java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException(store + " is a file, not a folder of cases");
        }
        return new SqliteCaseRepository(folder, analyst);
    }
}

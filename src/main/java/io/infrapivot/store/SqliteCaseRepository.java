package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Cases as SQLite files in one folder: case {@code name} is {@code <folder>/<name>.sqlite}. Names are
 * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}; an argument holding a {@code /} or ending in {@code .sqlite} or
 * {@code .db} is taken as the path of a case file anywhere instead. The folder (mode 0700) and files (0600)
 * are created on first use, since a case holds an investigation's findings.
 */
public final class SqliteCaseRepository implements CaseRepository {
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private final Path folder;
    private final Analyst analyst;

    public SqliteCaseRepository(Path folder) {
        this(folder, Analyst.current(null));
    }

    /** Cases in {@code folder}, whose lookups are recorded as made by {@code analyst}. */
    public SqliteCaseRepository(Path folder, Analyst analyst) {
        this.folder = folder.toAbsolutePath().normalize();
        this.analyst = analyst;
    }

    @Override
    public CaseStore open(String nameOrPath) {
        Path file = fileOf(nameOrPath);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("'" + nameOrPath + "' is a folder; a case is a .sqlite file (give a name, "
                    + "or a path to a .sqlite file)");
        }
        String lower = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!Files.exists(file) && !lower.endsWith(CaseNames.EXTENSION) && !lower.endsWith(".db")) {
            // `--case ../x` or a config's `case = "../../x y"` would otherwise make a database file anywhere
            throw new IllegalArgumentException("no case file '" + nameOrPath + "' and a new one must end in "
                    + CaseNames.EXTENSION + " (a case name is 1 to 64 letters, digits, '.', '_' or '-')");
        }
        createPrivately(file);
        return SqliteCaseStore.open(file, CaseNames.nameOf(file), java.time.Clock.systemUTC(), analyst);
    }

    @Override
    public CaseStore openExisting(String nameOrPath) {
        Path file = fileOf(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchElementException("no case '" + CaseNames.nameOf(file) + "' at " + file
                    + (CaseNames.isPath(nameOrPath) ? "" : " (cases are listed by 'infrapivot case list')"));
        }
        return SqliteCaseStore.open(file, CaseNames.nameOf(file), java.time.Clock.systemUTC(), analyst);
    }

    /** The cases in the folder, by name; files that are not readable cases are left out. */
    @Override
    public List<CaseInfo> list() {
        if (!Files.isDirectory(folder)) return List.of();
        List<CaseInfo> cases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + CaseNames.EXTENSION)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file) || !CaseNames.isValid(CaseNames.nameOf(file))) continue;
                readInfo(file, cases);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the cases in " + folder, e);
        }
        cases.sort(Comparator.comparing(CaseInfo::name));
        return cases;
    }

    /**
     * Deletes a case file (and its SQLite side files), only when it is one: a regular file (not a link) that is
     * an SQLite database with the case tables — anything else is {@link IllegalArgumentException} and stays.
     * While another store (of any process) has the case open, {@link CaseInUseException} and nothing changes.
     */
    @Override
    public boolean delete(String nameOrPath) {
        Path file = fileOf(nameOrPath);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return false;
        requireCaseFile(file);
        CaseLock lock = CaseLock.exclusive(file);
        if (lock == null) throw new CaseInUseException(file);
        try (lock) {
            boolean existed = Files.deleteIfExists(file);
            for (String suffix : SIDE_FILES) Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            Files.deleteIfExists(CaseLock.fileOf(file));
            return existed;
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the case file " + file, e);
        }
    }

    /** Refuses what is not a case file: not regular, a link, not SQLite, or SQLite without the case tables. */
    static void requireCaseFile(Path file) {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(file + " is not a case file (not a regular file); nothing deleted");
        }
        byte[] head = new byte[16];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 16) < 16 || !new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("SQLite format 3\0")) {
                throw new IllegalArgumentException(file + " is not a case file (not an SQLite database); nothing deleted");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        org.sqlite.SQLiteConfig readOnly = new org.sqlite.SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(),
                readOnly.toProperties());
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                     + "('flyway_schema_history', 'case_meta', 'observations', 'lookups')")) {
            if (!rs.next() || rs.getInt(1) != 4) {
                throw new IllegalArgumentException(file + " is an SQLite database but not an infrapivot case; "
                        + "nothing deleted");
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(file + " is not a case file (" + e.getMessage() + "); nothing deleted");
        }
    }

    /** A case another process (or another store of this one) has open: not deleted. */
    public static final class CaseInUseException extends IllegalStateException {
        public CaseInUseException(Path file) {
            this(file.toString());
        }

        /** The case at {@code where} (a file, or a case of a PostgreSQL store) is in use. */
        public CaseInUseException(String where) {
            super("the case " + where + " is in use (a lookup, pivot or server has it open); nothing deleted — "
                    + "try again when it has finished");
        }
    }

    @Override
    public String location() {
        return folder.toString();
    }

    /** The file a name or path stands for; {@link IllegalArgumentException} for an invalid name. */
    public Path fileOf(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new IllegalArgumentException("a case name or path is needed");
        }
        if (CaseNames.isPath(nameOrPath)) return Path.of(nameOrPath).toAbsolutePath().normalize();
        return folder.resolve(CaseNames.requireValid(nameOrPath) + CaseNames.EXTENSION);
    }

    private static void readInfo(Path file, List<CaseInfo> into) {
        try (Connection c = new SqliteConnections(file).open()) {
            into.add(CaseQueries.info(c, file.toString()));
        } catch (SQLException e) {
            // not a case file (or one being created right now): nothing to list
        }
    }

    private void createPrivately(Path file) {
        try {
            Path parent = file.getParent();
            if (parent.equals(folder)) createFolder(parent);
            else Files.createDirectories(parent);
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, posix(FILE_MODE, file));
                } catch (FileAlreadyExistsException raced) {
                    // another opener created it first: fine
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the case file " + file, e);
        }
    }

    private static void createFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir, posix(FOLDER_MODE, dir));
    }

    private static FileAttribute<?>[] posix(Set<PosixFilePermission> mode, Path near) {
        boolean posix = near.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }
}

package io.infrapivot.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the tests' own: {@code initdb} in a temporary folder, listening on 127.0.0.1 at a free
 * port, no Unix socket, trust authentication for the superuser {@code infrapivot}. One cluster serves every test
 * class of the JVM (started on first use, stopped with {@code pg_ctl stop -m immediate} when the JVM ends); each
 * test asks for a fresh database of its own. The system's PostgreSQL service is never touched.
 *
 * <p>initdb refuses to run as root: when the tests run as root the cluster is created and run by {@code nobody}
 * (through {@code runuser}), in a folder given to that user.
 */
public final class TestPostgres {
    private static final String USER = "infrapivot";

    /** The one cluster of this JVM, made on first use (the holder idiom: no mutable static state). */
    private static final class Holder {
        static final TestPostgres CLUSTER = start();
    }

    private final Path bin;
    private final Path data;
    private final int port;
    private final List<String> runAs;
    private final AtomicInteger databases = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    private TestPostgres(Path bin, Path data, int port, List<String> runAs) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.runAs = runAs;
    }

    /** The shared cluster; fails with a clear message when PostgreSQL is not installed. */
    public static TestPostgres cluster() {
        return Holder.CLUSTER;
    }

    /** A new, empty database: its {@code postgresql://} store URL (no password needed). */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database: " + e.getMessage(), e);
        }
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
    }

    /** A superuser connection to one database of the cluster. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER);
    }

    public int port() {
        return port;
    }

    /**
     * A cluster of the caller's own (not the shared one), for a test that stops and starts the server: stop it with
     * {@link #close()}.
     */
    public static TestPostgres own() {
        return start();
    }

    /** Stops the server as an administrator would ({@code pg_ctl stop -m fast}: sessions are ended). */
    public void stopFast() throws IOException {
        List<String> ctl = new ArrayList<>(runAs);
        ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        run(ctl, data.getParent());
    }

    /** Starts the stopped server again, on the same port. */
    public void startAgain() throws IOException {
        serverStart(bin, data, port, runAs, data.getParent());
    }

    /** Stops this cluster and deletes its folder (a cluster of {@link #own()}). */
    public void close() {
        stop(data.getParent());
    }

    private static void serverStart(Path bin, Path data, int port, List<String> runAs, Path base) throws IOException {
        List<String> ctl = new ArrayList<>(runAs);
        ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", data.resolve("server.log").toString(),
                "-o", "-p " + port + " -h 127.0.0.1 -k '' -c fsync=off -c synchronous_commit=off "
                        + "-c full_page_writes=off -c max_connections=200",
                "start"));
        run(ctl, base);
    }

    private static TestPostgres start() {
        Path bin = findBin();
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path base = Files.createTempDirectory("infrapivot-pg");
            Path data = base.resolve("data");
            List<String> runAs = new ArrayList<>();
            if (root) {
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.createDirectories(data);
                run(List.of("chown", "nobody", data.toString()), null);
                runAs = List.of("runuser", "-u", "nobody", "--");
            }
            int port = freePort();
            List<String> initdb = new ArrayList<>(runAs);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            run(initdb, base);
            serverStart(bin, data, port, runAs, base);
            TestPostgres cluster = new TestPostgres(bin, data, port, runAs);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.stop(base)));
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void stop(Path base) {
        if (!stopped.compareAndSet(false, true)) return;
        List<String> ctl = new ArrayList<>(runAs);
        ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
        try {
            run(ctl, base);
        } catch (RuntimeException | IOException e) {
            System.err.println("could not stop the test PostgreSQL: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    /** The newest /usr/lib/postgresql/&lt;version&gt;/bin holding initdb (Debian's layout; see .ci/deps/postgres.sh). */
    static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + root
                            + " (install Debian's postgresql: .ci/deps/postgres.sh)"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (" + root
                    + " missing): run .ci/deps/postgres.sh", e);
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                    + new String(out, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

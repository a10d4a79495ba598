package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueueTest {
    @TempDir
    Path dir;
    String url;

    @BeforeEach
    void table() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("q.sqlite");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        }
    }

    private static WriteQueue queue(Connection connection) {
        return new WriteQueue(connection, SqliteConnections.BEGIN_WRITE, SqliteConnections::isBusy, "test");
    }

    private static Integer insert(Connection c, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (n) VALUES (?)")) {
            ps.setInt(1, n);
            ps.executeUpdate();
        }
        return n;
    }

    private List<Integer> rows() throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n FROM t ORDER BY n")) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    @Test
    void aFailingPieceIsRolledBackAloneAndItsCallerGetsTheError() throws Exception {
        List<Integer> expected = new ArrayList<>();
        try (WriteQueue queue = queue(DriverManager.getConnection(url));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                if (n % 50 == 7) {
                    results.add(pool.submit(() -> queue.submit(c -> {
                        insert(c, n);
                        throw new SQLException("refused " + n);
                    })));
                } else {
                    expected.add(n);
                    results.add(pool.submit(() -> queue.submit(c -> insert(c, n))));
                }
            }
            int failed = 0;
            for (Future<Integer> f : results) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining("refused");
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(4);
        }
        assertThat(rows()).isEqualTo(expected);
    }

    @Test
    void runtimeExceptionsReachTheCallerUnchanged() throws Exception {
        try (WriteQueue queue = queue(DriverManager.getConnection(url))) {
            assertThatThrownBy(() -> queue.submit(c -> {
                throw new IllegalArgumentException("bad input");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
            Integer inserted = queue.submit(c -> insert(c, 1));
            assertThat(inserted).isEqualTo(1);
        }
        assertThat(rows()).containsExactly(1);
    }

    @Test
    void aWriterBusyElsewhereIsWaitedForAndRetried() throws Exception {
        Connection other = DriverManager.getConnection(url);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> {
            try (Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO t (n) VALUES (1000)");
                locked.countDown();
                release.await();
                st.execute("COMMIT");
                other.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        locked.await();
        // busy_timeout 0: SQLite answers SQLITE_BUSY at once, so only the queue's own retry can succeed
        Connection impatient = DriverManager.getConnection(url);
        try (Statement st = impatient.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
        }
        try (WriteQueue queue = queue(impatient);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> pending = pool.submit(() -> queue.submit(c -> insert(c, 1)));
            Thread.sleep(100);
            assertThat(pending).isNotDone();
            release.countDown();
            assertThat(pending.get()).isEqualTo(1);
        }
        holder.join();
        assertThat(rows()).containsExactly(1, 1000);
    }

    @Test
    void closeCommitsWhatIsQueuedAndThenRefusesWork() throws Exception {
        WriteQueue queue = queue(DriverManager.getConnection(url));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                pool.submit(() -> queue.submit(c -> insert(c, n)));
            }
        }
        queue.close();
        queue.close();
        assertThatThrownBy(() -> queue.submit(c -> insert(c, 99))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(rows()).hasSize(50);
    }
}

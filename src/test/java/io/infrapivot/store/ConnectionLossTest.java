package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionLossTest {
    @Test
    void aLostConnectionIsToldBySqlStateClass08AndTheShutdownCodesOnly() {
        assertThat(ConnectionLoss.isLost(new SQLException("x", "08006"))).isTrue(); // connection failure
        assertThat(ConnectionLoss.isLost(new SQLException("x", "08001"))).isTrue(); // could not connect
        assertThat(ConnectionLoss.isLost(new SQLException("x", "57P01"))).isTrue(); // admin shutdown
        assertThat(ConnectionLoss.isLost(new SQLException("x", "57P03"))).isTrue(); // starting up
        // wrapped, as a pool or db-scheduler hands it on
        assertThat(ConnectionLoss.isLost(new IllegalStateException(new SQLTransientConnectionException("pool",
                null, new SQLException("refused", "08001"))))).isTrue();
        SQLException chained = new SQLException("batch", "42000");
        chained.setNextException(new SQLException("x", "08003"));
        assertThat(ConnectionLoss.isLost(chained)).isTrue();
        // the message says "connection" but the code is a unique violation, a deadlock, or none
        assertThat(ConnectionLoss.isLost(new SQLException("connection refused", "23505"))).isFalse();
        assertThat(ConnectionLoss.isLost(new SQLException("connection lost", "40P01"))).isFalse();
        assertThat(ConnectionLoss.isLost(new SQLException("connection lost"))).isFalse();
        assertThat(ConnectionLoss.isLost(new IllegalStateException("08006"))).isFalse();
    }

    @Test
    void retryRunsAgainAfterALossButNotAfterAnyOtherFailure() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        String r = ConnectionLoss.retry(Duration.ofSeconds(10), () -> {
            if (calls.incrementAndGet() < 3) throw new SQLException("gone", "08006");
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(calls).hasValue(3);

        AtomicInteger other = new AtomicInteger();
        assertThatThrownBy(() -> ConnectionLoss.retry(Duration.ofSeconds(10), () -> {
            other.incrementAndGet();
            throw new SQLException("dup", "23505");
        })).isInstanceOf(SQLException.class);
        assertThat(other).hasValue(1);

        // a loss that outlasts the patience is thrown
        assertThatThrownBy(() -> ConnectionLoss.retry(Duration.ofMillis(200), () -> {
            throw new SQLException("gone", "08006");
        })).isInstanceOf(SQLException.class);
    }
}

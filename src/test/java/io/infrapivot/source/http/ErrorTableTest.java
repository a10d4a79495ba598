package io.infrapivot.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.ErrorClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorTableTest {
    @ParameterizedTest
    @CsvSource({"401, false, AUTH", "403, false, AUTH", "402, false, QUOTA", "429, false, RATE_LIMITED",
            "503, true, RATE_LIMITED", "503, false, SERVER", "404, false, NOT_FOUND", "410, false, NOT_FOUND",
            "400, false, BAD_REQUEST", "422, false, BAD_REQUEST", "500, false, SERVER", "502, false, SERVER",
            "408, false, TIMEOUT"})
    void standardStatuses(int status, boolean retryAfter, ErrorClass expected) {
        assertThat(ErrorTable.STANDARD.ofStatus(status, retryAfter)).isEqualTo(expected);
    }

    @Test
    void successIsNoError() {
        assertThat(ErrorTable.STANDARD.ofStatus(200)).isNull();
        assertThat(ErrorTable.STANDARD.ofStatus(304)).isNull();
    }

    @Test
    void aServiceDeclaresWhereItDiffers() {
        ErrorTable t = ErrorTable.STANDARD.status(403, ErrorClass.QUOTA).said("QuotaExceededError", ErrorClass.QUOTA)
                .saidStarting("No records found", ErrorClass.NOT_FOUND).otherwise(ErrorClass.BAD_REQUEST)
                .notFoundIsEmpty();
        assertThat(t.ofStatus(403)).isEqualTo(ErrorClass.QUOTA);
        assertThat(ErrorTable.STANDARD.ofStatus(403)).as("the standard table is unchanged").isEqualTo(ErrorClass.AUTH);
        assertThat(t.ofCode("quotaexceedederror.")).as("case and trailing punctuation").isEqualTo(ErrorClass.QUOTA);
        assertThat(t.ofCode("No records found for 192.0.2.1")).isEqualTo(ErrorClass.NOT_FOUND);
        assertThat(t.ofCode("something else entirely")).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(t.ofCode(null)).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(t.emptyOnNotFound()).isTrue();
        assertThat(ErrorTable.STANDARD.emptyOnNotFound()).isFalse();
        // a number in a body: a declared code first, else read as a status
        assertThat(t.of(null, 429L)).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(t.of("QuotaExceededError", 500L)).isEqualTo(ErrorClass.QUOTA);
        assertThat(t.of(null, 7L)).isEqualTo(ErrorClass.BAD_REQUEST);
    }

    @Test
    void classesCarryTheirBehaviour() {
        assertThat(ErrorClass.SERVER.retryable()).isTrue();
        assertThat(ErrorClass.AUTH.retryable()).isFalse();
        assertThat(ErrorClass.QUOTA.otherKeyMayHelp()).isTrue();
        assertThat(ErrorClass.AUTH.otherKeyMayHelp()).isFalse();
        assertThat(ErrorClass.BAD_REQUEST.serviceFault()).isFalse();
        assertThat(ErrorClass.HELD.serviceFault()).isFalse();
        assertThat(ErrorClass.GARBAGE.serviceFault()).isTrue();
        assertThat(ErrorClass.RATE_LIMITED.id()).isEqualTo("rate-limited");
    }

    @Test
    void retryPolicyFollowsTheClass() {
        RetryPolicy p = new RetryPolicy(2, java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(10));
        assertThat(p.next(ErrorClass.AUTH, 0, null)).isNull();
        assertThat(p.next(ErrorClass.GARBAGE, 0, null)).isNull();
        assertThat(p.next(ErrorClass.SERVER, 0, null)).isBetween(java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(200));
        assertThat(p.next(ErrorClass.SERVER, 1, null)).isBetween(java.time.Duration.ofMillis(200),
                java.time.Duration.ofMillis(400));
        assertThat(p.next(ErrorClass.SERVER, 2, null)).as("retries spent").isNull();
        assertThat(p.next(ErrorClass.RATE_LIMITED, 0, java.time.Duration.ofSeconds(3)))
                .isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(p.next(ErrorClass.RATE_LIMITED, 0, java.time.Duration.ofSeconds(11))).as("too long to wait")
                .isNull();
    }
}

package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.registration.ParseStatus;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The class of answers that must never read as "available": refusals and rate limits are {@code throttled} (an
 * error), a server's failure page, an empty or unreadable answer is {@code unknown} — even when it also carries
 * "not found" words — and only a known not-found wording without registration data is {@code available}.
 */
@Timeout(60)
class NeverAvailableTest {
    private static RegistrationRecord parse(String text) {
        return WhoisParser.parse(text.replace("\\n", "\n"), null, null, Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            %ERROR:201: access denied for 192.0.2.1\\n% Sorry, access from your host has been permanently denied
            Access denied. No entries found.
            Permission denied: your address is not authorised to query this server
            Your connection has been refused. No match.
            Error: you are not authorized to use this service
            WHOIS LIMIT EXCEEDED - SEE WWW.PIR.ORG/WHOIS FOR DETAILS
            The WHOIS query quota for 192.0.2.1 has been exceeded and will be replenished in 4 seconds.
            Daily query quota exceeded. No entries found.
            %% Maximum number of queries per hour exceeded
            Too many requests. Domain not found.
            Your IP address has been banned for excessive querying
            """)
    void refusalsAndRateLimitsAreThrottled(String answer) {
        RegistrationRecord r = parse(answer);
        assertThat(r.status()).as(answer).isEqualTo(RegistrationStatus.THROTTLED);
        assertThat(r.raw()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <html><head><title>503 Service Unavailable</title></head><body>not found</body></html>
            <!DOCTYPE html><html><body>404 Not Found</body></html>
            Whois service is temporarily unavailable. No match could be performed.
            Internal server error: no data found
            The database is under maintenance, not found results may be wrong
            Query timed out. No entries found.
            Error: no whois server is known for this kind of object.
            An error occurred while processing your request
            """)
    void failurePagesAreUnknownNotAvailable(String answer) {
        RegistrationRecord r = parse(answer);
        assertThat(r.status()).as(answer).isEqualTo(RegistrationStatus.UNKNOWN);
        assertThat(r.parseStatus()).isEqualTo(ParseStatus.RAW_ONLY);
    }

    @Test
    void emptyBlankAndUnreadableAnswersAreUnknown() {
        assertThat(parse("").status()).isEqualTo(RegistrationStatus.UNKNOWN);
        assertThat(parse("\n\n   \n").status()).isEqualTo(RegistrationStatus.UNKNOWN);
        assertThat(parse("% comment only\n% nothing else\n").status()).isNotEqualTo(RegistrationStatus.AVAILABLE);
        // binary or a wrong charset: control and replacement characters, even around "not found" words
        String garbled = "\u0001\u0002\uFFFD\uFFFD\u0003not found\u0004\uFFFD\u0005\u0006\uFFFD";
        assertThat(parse(garbled).status()).isEqualTo(RegistrationStatus.UNKNOWN);
        assertThat(AnswerClass.garbled("Domain Name: example.com\nRegistrar: Example\n")).isFalse();
        assertThat(AnswerClass.garbled(garbled)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Welcome to the example WHOIS server
            Domain example.test
            Please see https://example.test/whois for details
            """)
    void answersWithoutAKnownNotFoundWordingAreNotAvailable(String answer) {
        assertThat(parse(answer).status()).as(answer).isNotEqualTo(RegistrationStatus.AVAILABLE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            No match for "NOPE-12345.COM".
            Domain Name: nope.bj\\n>>> This domain is not registered. <<<
            % No entries found for query "nope.is".
            registration status: available
            Status:\t\t\tavailable
            %ERROR:103: Domain is not registered
            % No such domain.
            El dominio no se encuentra registrado en NIC Argentina
            no matching objects found
            """)
    void knownNotFoundWordingsAreAvailable(String answer) {
        assertThat(parse(answer.replace("\\t", "\t")).status()).as(answer).isEqualTo(RegistrationStatus.AVAILABLE);
    }
}

package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.registration.RegistrationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "no such object" and rate-limit wording of the registries in the server table, parsed end to end. */
@Timeout(60)
class AnswerClassTest {
    private static RegistrationStatus status(String server, String text) {
        String unescaped = text.replace("\\n", "\n").replace("\\t", "\t");
        return WhoisParser.parse(unescaped, server, "x.example", Instant.EPOCH).status();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "whois.pir.org | Domain not found.\\n>>> Last update of WHOIS database: 2026-11-27T03:00:00Z <<<",
            "whois.nic.info | NOT FOUND",
            "whois.nic.io | Domain not found.",
            "whois.nic.co | No Data Found",
            "whois.nic.xyz | DOMAIN NOT FOUND",
            "whois.nic.top | The queried object does not exist: no matching objects found",
            "whois.cira.ca | Not found: nope.ca",
            "whois.nic.ch | The queried object does not exist.",
            "whois.nic.at | % Copyright (c)2026 by NIC.AT\\n% nothing found",
            "whois.dns.be | Domain:\\tnope.be\\nStatus:\\tAVAILABLE",
            "whois.dns.pl | No information available about domain name nope.pl in the Registry NASK database.",
            "whois.iis.se | domain \"nope.se\" not found.",
            "whois.punktum.dk | # Hello\\n\\nNo entries found for the selected source.",
            "whois.registry.in | No Data Found",
            "whois.kr | The requested domain was not found in the Registry or Registrar's WHOIS Server.",
            "whois.nic.us | No Data Found",
            "ccwhois.verisign-grs.com | No match for \"NOPE.CC\"."})
    void notFoundInEveryTableRegistry(String server, String text) {
        assertThat(status(server, text)).isEqualTo(RegistrationStatus.AVAILABLE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "whois.verisign-grs.com | Your connection limit exceeded. Please slow down and try again later.",
            "whois.ripe.net | %ERROR:201: access denied for 192.0.2.1",
            "whois.arin.net | Query rate limit exceeded",
            "whois.jprs.jp | Your query exceeded the limit. Please try again later.",
            "whois.nic.uk | Query quota exceeded",
            "whois.eu | Excessive querying, grace period of 1 minute.",
            "whois.domain-registry.nl | maximum number of requests per second exceeded",
            "whois.nic.fr | %% Too many requests from your IP",
            "whois.nic.ch | Requests of this client are not permitted. Please use https://www.nic.ch/whois/ for queries.",
            "whois.twnic.net.tw | Sorry, your query is too frequent.",
            "whois.punktum.dk | Your IP address has exceeded the max number of queries for this period",
            "whois.cnnic.cn | Your connection rate is too high, please wait.",
            "whois.eu | -9: IP address blocked",
            "whois.nic.it | Error: Quota exceeded. Please wait 10 minutes."})
    void rateLimitsAreThrottled(String server, String text) {
        assertThat(status(server, text)).isEqualTo(RegistrationStatus.THROTTLED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "whois.nic.uk | This domain cannot be registered because it contravenes the Nominet UK naming rules.",
            "whois.eu | Domain: ab--cd.eu\\nStatus: NOT ALLOWED",
            "whois.denic.de | Domain: -x.de\\nStatus: invalid",
            "whois.nic.fr | %% Error: invalid domain name"})
    void namesTheRegistryRefusesAreInvalid(String server, String text) {
        assertThat(status(server, text)).isEqualTo(RegistrationStatus.INVALID);
    }
}

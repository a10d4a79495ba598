package io.infrapivot.source.axfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsResolver;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.NsdServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AXFR against NSD: one zone allows transfers to 127.0.0.1, one refuses them. */
class ZoneTransferTest {
    private final NsdServer nsd = NsdServer.shared();

    private ZoneTransfer transfer(int max) {
        return new ZoneTransfer(new Asker(new DnsResolver(nsd.config())), nsd.port(), Duration.ofSeconds(5), max);
    }

    @Test
    void aSuccessfulTransferYieldsEveryName() throws Exception {
        List<Finding> fs = transfer(1000).attempt(DnsNames.parse("axfr-open.test"));
        assertThat(fs).filteredOn(f -> f.relation() == Relation.SUBDOMAIN).extracting(f -> f.object().text())
                .containsExactlyInAnyOrder("ns1.axfr-open.test", "www.axfr-open.test", "secret-admin.axfr-open.test",
                        "vpn.axfr-open.test");
        assertThat(fs).filteredOn(f -> f.relation() == Relation.RESOLVES_TO)
                .extracting(f -> f.subject().text() + " " + f.object().text())
                .contains("secret-admin.axfr-open.test 192.0.2.2");
        assertThat(fs).filteredOn(f -> f.relation() == Relation.ALIAS_OF).extracting(f -> f.object().text())
                .containsExactly("secret-admin.axfr-open.test");
        assertThat(fs).filteredOn(f -> "AXFR".equals(f.field("type")) && f.relation() == Relation.DNS_RECORD)
                .singleElement().satisfies(f -> {
                    assertThat(f.field("outcome")).isEqualTo("allowed");
                    assertThat(f.field("server")).isEqualTo("ns1.axfr-open.test");
                    assertThat(f.field("records")).isEqualTo("7"); // 6 records, the SOA opening and closing it
                });
    }

    @Test
    void aRefusedTransferIsReportedAndYieldsNothing() throws Exception {
        List<Finding> fs = transfer(1000).attempt(DnsNames.parse("axfr-closed.test"));
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.field("outcome")).isEqualTo("refused");
            assertThat(f.field("address")).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void capsTheRecordsOfOneTransfer() throws Exception {
        List<Finding> fs = transfer(3).attempt(DnsNames.parse("axfr-open.test"));
        assertThat(fs).anySatisfy(f -> assertThat(f.field("outcome")).isEqualTo("cut-off"));
        assertThat(fs).filteredOn(f -> f.relation() == Relation.SUBDOMAIN).hasSizeLessThanOrEqualTo(3);
    }
}

package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Relation;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The record parsers on answers recorded from NSD (src/test/resources/dns/recorded): no server needed. */
class RecordedAnswersTest {
    static DnsAnswer recorded(String name, String type) throws Exception {
        try (InputStream in = RecordedAnswersTest.class.getResourceAsStream("/dns/recorded/" + name + "-" + type
                + ".bin")) {
            Message m = new Message(in.readAllBytes());
            Name n = Name.fromString(name + ".");
            int t = Type.value(type);
            return new DnsAnswer(n, t, DnsResolver.classify(m, n, t), m, "recorded", Instant.EPOCH, Duration.ZERO,
                    false, null);
        }
    }

    private static List<String> links(List<Finding> fs, Relation r) {
        return fs.stream().filter(f -> f.relation() == r).map(f -> f.subject().text() + " " + f.object().text())
                .sorted().toList();
    }

    @Test
    void readsPivotsFromRecordedAnswers() throws Exception {
        Ref self = Ref.name("records.test");
        assertThat(links(RecordInterpreter.interpret(self, recorded("records.test", "MX"), null),
                Relation.MAIL_SERVER)).containsExactly("records.test mail.records.test",
                "records.test mx.mail-provider.test");
        assertThat(links(RecordInterpreter.interpret(self, recorded("records.test", "NS"), null),
                Relation.NAME_SERVER)).containsExactly("records.test ns1.records.test", "records.test ns2.dns-host.test");
        List<Finding> soa = RecordInterpreter.interpret(self, recorded("records.test", "SOA"), null);
        assertThat(links(soa, Relation.SOA_PRIMARY)).containsExactly("records.test ns1.records.test");
        assertThat(links(soa, Relation.SOA_EMAIL)).containsExactly("records.test hostmaster@records.test");
        assertThat(links(RecordInterpreter.interpret(Ref.name("wild.test"), recorded("wild.test", "SOA"), null),
                Relation.SOA_EMAIL)).containsExactly("wild.test first.last@wild.test");
        assertThat(links(RecordInterpreter.interpret(self, recorded("records.test", "HTTPS"), null),
                Relation.SERVICE_HOST)).containsExactly("records.test svc.records.test");
        assertThat(links(RecordInterpreter.interpret(self, recorded("_sip._tcp.records.test", "SRV"), null),
                Relation.SERVICE_HOST)).containsExactly("records.test sip.records.test");
        assertThat(links(RecordInterpreter.interpret(Ref.ip("192.0.2.10"), recorded("10.2.0.192.in-addr.arpa",
                "PTR"), null), Relation.PTR)).containsExactly("192.0.2.10 host10.records.test");
        assertThat(RecordInterpreter.interpret(self, recorded("records.test", "CAA"), null))
                .extracting(f -> f.field("tag") + "=" + f.field("value"))
                .containsExactlyInAnyOrder("issue=letsencrypt.org", "iodef=mailto:security@records.test");
    }

    @Test
    void readsTxtPoliciesFromRecordedAnswers() throws Exception {
        DnsAnswer txt = recorded("records.test", "TXT");
        List<Finding> fs = RecordInterpreter.interpret(Ref.name("records.test"), txt, null);
        assertThat(fs).filteredOn(f -> f.relation() == Relation.VERIFICATION_TOKEN).hasSize(5);
        assertThat(SpfWalker.spfTexts(txt)).singleElement().asString().startsWith("v=spf1 include:_spf.records.test");
        List<Finding> dmarc = MailPolicies.dmarc("records.test", recorded("_dmarc.records.test", "TXT"),
                (domain, dest) -> dest.equals("dmarc-vendor.test"));
        assertThat(dmarc).filteredOn(f -> f.relation() == Relation.DMARC_REPORT).extracting(f -> f.object().text()
                + " " + f.field("authorized")).containsExactlyInAnyOrder("dmarc@records.test null",
                "reports@dmarc-vendor.test true", "forensic@records.test null",
                "agg@unauthorized.dmarc-vendor.test false");
    }

    @Test
    void classifiesRecordedOutcomes() throws Exception {
        assertThat(recorded("missing.records.test", "A").status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(recorded("nodata.records.test", "A").status()).isEqualTo(DnsStatus.NODATA);
        assertThat(recorded("www.broken.test", "A").status()).isEqualTo(DnsStatus.SERVFAIL);
        DnsAnswer chain = recorded("www.records.test", "A");
        assertThat(chain.status()).isEqualTo(DnsStatus.ANSWER);
        assertThat(chain.records(Type.CNAME)).hasSize(2);
        assertThat(recorded("loop1.records.test", "A").records(Type.CNAME)).isNotEmpty();
    }
}

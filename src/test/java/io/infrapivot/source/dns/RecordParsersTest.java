package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Relation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The pure record parsers, on messages built from record text as a server would send them. */
class RecordParsersTest {
    static DnsAnswer answer(String name, int type, int rcode, String... records) throws Exception {
        Name n = Name.fromString(name + ".");
        Message m = Message.newQuery(Record.newRecord(n, type, DClass.IN));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        for (String r : records) m.addRecord(Record.fromString(n, type, DClass.IN, 300, r, Name.root), Section.ANSWER);
        Message wire = new Message(m.toWire()); // as received
        return new DnsAnswer(n, type, DnsResolver.classify(wire, n, type), wire, "127.0.0.1:53",
                Instant.EPOCH, Duration.ZERO, false, null);
    }

    @Test
    void splitsSpfTerms() {
        SpfRecord r = SpfRecord.parse("v=spf1 +a/24 mx:mail.example.com/26//64 ~include:_spf.example.net "
                + "ip4:192.0.2.0/24 ip6:2001:db8::/32 ip4:198.51.100.1 exists:%{ir}.x.example redirect=x.example -all");
        assertThat(r.terms()).extracting(t -> t.qualifier() + t.name() + "|" + t.argument() + "|" + t.cidr())
                .containsExactly("+a|null|24", "+mx|mail.example.com|26", "~include|_spf.example.net|-1",
                        "+ip4|192.0.2.0|24", "+ip6|2001:db8::|32", "+ip4|198.51.100.1|-1",
                        "+exists|%{ir}.x.example|-1", "=redirect|x.example|-1", "-all|null|-1");
        assertThat(r.terms().get(6).hasMacro()).isTrue();
        assertThat(r.terms().stream().filter(SpfRecord.Term::countsLookup)).hasSize(5);
        assertThat(SpfRecord.isSpf("v=spf10 a")).isFalse();
        assertThat(SpfRecord.isSpf("V=SPF1")).isTrue();
    }

    @Test
    void readsTagListsAndMailtos() {
        var tags = TagList.parse("v=DMARC1; p=quarantine ;RUA=mailto:a@x.example!10m, https://no.example, "
                + "mailto:b%40c@y.example; p=none");
        assertThat(tags).containsEntry("p", "quarantine").containsKey("rua");
        assertThat(TagList.mailtos(tags.get("rua"))).containsExactly("a@x.example", "b@c@y.example");
        assertThat(MailPolicies.isExternal("example.com", "mail.example.com")).isFalse();
        assertThat(MailPolicies.isExternal("example.com", "vendor.net")).isTrue();
        // by Organizational Domain: a sibling under the same organisation is not external, another is
        assertThat(MailPolicies.isExternal("shop.example.co.uk", "reports.example.co.uk")).isFalse();
        assertThat(MailPolicies.isExternal("example.co.uk", "other.co.uk")).isTrue();
        assertThat(MailPolicies.isExternal("alice.github.io", "bob.github.io")).isTrue();
    }

    @Test
    void knowsVerificationTokens() {
        assertThat(VerificationTokens.match("google-site-verification=abc").orElseThrow().provider())
                .isEqualTo("google");
        assertThat(VerificationTokens.match("MS=ms123").orElseThrow().token()).isEqualTo("MS=ms123");
        assertThat(VerificationTokens.match("ms=")).isEmpty();
        assertThat(VerificationTokens.match("hello world")).isEmpty();
        assertThat(VerificationTokens.match("docusign=1b0a6754-49b1-4db5-8540-d2c12664b289").orElseThrow()
                .provider()).isEqualTo("docusign");
    }

    @Test
    void readsSoaRnameAsEmail() throws Exception {
        assertThat(RecordInterpreter.rnameToEmail(Name.fromString("hostmaster.example.com."))).isEqualTo(
                "hostmaster@example.com");
        assertThat(RecordInterpreter.rnameToEmail(Name.fromString("john\\.doe.example.com."))).isEqualTo(
                "john.doe@example.com");
        assertThat(RecordInterpreter.rnameToEmail(Name.fromString("bad\\032label.example.com."))).isNull();
        assertThat(RecordInterpreter.rnameToEmail(Name.fromString("com."))).isNull();
    }

    @Test
    void interpretsRecordsOfAMessage() throws Exception {
        Ref self = Ref.name("example.test");
        List<Finding> mx = RecordInterpreter.interpret(self, answer("example.test", Type.MX, Rcode.NOERROR,
                "10 mx1.example.test.", "0 ."), null);
        assertThat(mx).extracting(f -> f.relation() + " " + (f.object() == null ? f.field("null_mx") : f.object()))
                .containsExactlyInAnyOrder("mail-server name:mx1.example.test", "dns-record true");
        List<Finding> srv = RecordInterpreter.interpret(self, answer("_sip._tcp.example.test", Type.SRV,
                Rcode.NOERROR, "0 0 0 ."), null);
        assertThat(srv).singleElement().satisfies(f -> assertThat(f.field("unavailable")).isEqualTo("true"));
        List<Finding> https = RecordInterpreter.interpret(self, answer("example.test", Type.HTTPS, Rcode.NOERROR,
                "1 . alpn=h2", "2 cdn.example.net. alpn=h3"), null);
        assertThat(https).extracting(Finding::relation).containsExactlyInAnyOrder(Relation.DNS_RECORD,
                Relation.SERVICE_HOST);
        List<Finding> nx = RecordInterpreter.interpret(self, answer("example.test", Type.A, Rcode.NXDOMAIN), null);
        assertThat(nx).singleElement().satisfies(f -> assertThat(f.field("outcome")).isEqualTo("nxdomain"));
        DnsAnswer a = answer("example.test", Type.A, Rcode.NOERROR, "192.0.2.99");
        Wildcard w = Wildcard.of(Name.fromString("example.test."), List.of(a));
        assertThat(RecordInterpreter.interpret(self, a, w)).singleElement()
                .satisfies(f -> assertThat(f.field("wildcard")).isEqualTo("true"));
    }

    @Test
    void capsHugeTxtRecords() throws Exception {
        String chunk = "\"" + "x".repeat(255) + "\" ";
        DnsAnswer a = answer("example.test", Type.TXT, Rcode.NOERROR, chunk.repeat(40));
        String text = RecordInterpreter.txtStrings(a).get(0);
        assertThat(text.length()).isLessThanOrEqualTo(RecordInterpreter.MAX_TXT);
        assertThat(text).endsWith("…");
    }
}

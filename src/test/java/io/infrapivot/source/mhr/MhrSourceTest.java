package io.infrapivot.source.mhr;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.dns.NsdServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Malware Hash Registry's documented TXT answers, served by a local NSD under mhr.test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MhrSourceTest {
    static final String KNOWN_MD5 = "733a48a9cb49651d72fe824ca91e8d00";
    static final String KNOWN_SHA1 = "7dac34b5c1e9ff1b31b4e3f2e7c6d5a4b3c2d1e0";
    static final String GARBLED = "00000000000000000000000000000001";
    private static NsdServer nsd;

    @BeforeAll
    static void start() {
        String zone = """
                $ORIGIN mhr.test.
                $TTL 300
                @ IN SOA ns1.mhr.test. hostmaster.mhr.test. 1 3600 900 604800 60
                @ IN NS ns1.mhr.test.
                %s.malware IN TXT "1277221946 79"
                %s.malware IN TXT "1700000000 12"
                %s.malware IN TXT "see https://example.invalid"
                """.formatted(KNOWN_MD5, KNOWN_SHA1, GARBLED);
        nsd = NsdServer.start(List.of("records.test"), List.of(), Map.of("mhr.test", zone));
    }

    @AfterAll
    static void stop() {
        nsd.close();
    }

    private static LookupResult lookup(String hash) throws InterruptedException {
        var ctx = new LookupContext(new SourceSettings("mhr", Map.of("zone", "malware.mhr.test")),
                Duration.ofSeconds(30), Clock.systemUTC(), IndicatorParser.standard(), CaseView.EMPTY,
                new RunOptions(List.of(nsd.resolverOption()), false, null, null, 100));
        return new MhrSource().lookup(Indicator.of(IndicatorType.HASH, hash), ctx);
    }

    @Test
    void knownHashGivesLastSeenAndDetectionPercent() throws Exception {
        LookupResult r = lookup(KNOWN_MD5);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var v = r.observations().get(0);
        assertThat(v.relation()).isEqualTo(Relation.VERDICT);
        assertThat(v.value().get("detection_percent").asInt()).isEqualTo(79);
        assertThat(v.lastSeen()).isEqualTo(Instant.ofEpochSecond(1277221946L));
        assertThat(r.evidence()).hasSize(1);
        assertThat(lookup(KNOWN_SHA1).observations().get(0).value().get("detection_percent").asInt()).isEqualTo(12);
    }

    @Test
    void nxdomainIsUnknownNotAVerdict() throws Exception {
        LookupResult r = lookup("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(r.observations()).noneMatch(o -> o.relation() == Relation.VERDICT);
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.DNS_RECORD
                && o.value().get("outcome").asText().equals("nxdomain"));
    }

    @Test
    void anAnswerOfAnotherShapeIsNoVerdict() throws Exception {
        assertThat(lookup(GARBLED).observations()).noneMatch(o -> o.relation() == Relation.VERDICT);
    }

    @Test
    void onlyMd5AndSha1AreAsked() throws Exception {
        assertThat(lookup("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").outcome())
                .isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void parserTakesOnlyTheDocumentedShape() {
        assertThat(MhrParser.parse("1277221946 79")).isPresent();
        assertThat(MhrParser.parse("1277221946 179")).isEmpty();
        assertThat(MhrParser.parse("NO_DATA")).isEmpty();
    }
}

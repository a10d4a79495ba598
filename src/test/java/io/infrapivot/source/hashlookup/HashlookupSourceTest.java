package io.infrapivot.source.hashlookup;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HashlookupSourceTest extends ServiceTestBase {
    static final String SHA1 = "8a6c2b3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b";

    HashlookupSourceTest() {
        super(HashlookupSource::new, IndicatorType.HASH, SHA1, cut("hashlookup/sha1.json", 200));
    }

    @Override
    protected String keySetting() {
        return null;
    }

    @Test
    void knownFileGivesItsNamesAndOtherHashes() throws Exception {
        enqueue(200, read("hashlookup/sha1.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("hash:" + SHA1 + " related hash:7eab7c1b2c3cb4e4e8b5ca8e3f1a2d41",
                "hash:" + SHA1 + " related hash:3f0b9a2e1c4d5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a");
        var v = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow();
        assertThat(v.value().get("known_file").asBoolean()).isTrue();
        assertThat(v.value().get("trust").asInt()).isEqualTo(60);
        assertThat(v.value().get("source").asText()).isEqualTo("NSRL");
        assertThat(v.value().get("names").get(0).asText()).isEqualTo("./usr/bin/ls");
        assertThat(v.value().get("parents").toString()).contains("coreutils", "coreutils_9.1-1_arm64.deb");
        assertThat(v.firstSeen()).isEqualTo(java.time.Instant.ofEpochSecond(1694172432L));
        assertThat(take().getUrl().encodedPath()).isEqualTo("/lookup/sha1/" + SHA1);
    }

    @Test
    void eachHashKindHasItsPath() throws Exception {
        enqueue(404, "{\"message\": \"Non existing MD5\", \"query\": \"d41d8cd98f00b204e9800998ecf8427e\"}");
        var r = lookup(ind(IndicatorType.HASH, "d41d8cd98f00b204e9800998ecf8427e"));
        assertThat(r.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/lookup/md5/d41d8cd98f00b204e9800998ecf8427e");
        enqueue(404, "{\"message\": \"Non existing SHA-256\", \"query\": \"x\"}");
        lookup(ind(IndicatorType.HASH, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThat(take().getUrl().encodedPath()).startsWith("/lookup/sha256/");
        assertThat(lookup(ind(IndicatorType.HASH, "a".repeat(128))).outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void malformedHashIsABadRequest() throws Exception {
        enqueue(400, "{\"message\": \"Incorrect SHA1 hash format\", \"query\": \"zz\"}");
        var r = lookup(sample());
        assertError(r, "Incorrect SHA1 hash format");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
    }

    @Test
    void anAnswerWithoutHashesIsGarbage() throws Exception {
        enqueue(200, "{\"FileName\": \"x\"}");
        assertThat(lookup(sample()).errorClass()).isEqualTo(ErrorClass.GARBAGE);
    }
}

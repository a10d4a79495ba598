package io.infrapivot.source.robtex;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RobtexParserTest {
    @Test
    void rrdataLinesAreRead() throws Exception {
        var r = RobtexParser.parse(read("robtex/forward.jsonl"));
        assertThat(r).containsExactly(
                new PdnsRecord("example.com", "A", "192.0.2.1", Instant.ofEpochSecond(1441242410),
                        Instant.ofEpochSecond(1460542918), 19L),
                new PdnsRecord("example.com", "NS", "ns1.example.net", Instant.ofEpochSecond(1441242410),
                        Instant.ofEpochSecond(1700000000), 100L));
    }

    @Test
    void rateLimitIsARateLimitError() {
        assertThatThrownBy(() -> RobtexParser.parse(read("robtex/ratelimited.json")))
                .isInstanceOf(ServiceException.class).hasMessageContaining("ratelimited")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
    }
}

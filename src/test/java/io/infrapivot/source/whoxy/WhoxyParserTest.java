package io.infrapivot.source.whoxy;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WhoxyParserTest {
    @Test
    void searchResultWithPages() throws Exception {
        var page = WhoxyParser.reverseWhois(read("whoxy/reverse.json"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.next()).isEqualTo("2");
        assertThat(page.items()).containsExactly(
                new DomainHit("example.com", Instant.parse("2010-03-04T00:00:00Z"), Instant.parse("2023-03-01T00:00:00Z")),
                new DomainHit("example.net", Instant.parse("2012-01-01T00:00:00Z"), null));
    }

    @Test
    void statusZeroIsAnError() {
        assertThatThrownBy(() -> WhoxyParser.reverseWhois(read("whoxy/badkey.json")))
                .hasMessageContaining("Invalid API Key")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> WhoxyParser.reverseWhois(read("whoxy/balance.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }
}

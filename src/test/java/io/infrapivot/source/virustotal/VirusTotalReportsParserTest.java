package io.infrapivot.source.virustotal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.ServiceException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reports are attacker-controlled: lists and texts bounded, odd numbers not trusted, odd shapes refused. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirusTotalReportsParserTest {
    @Test
    void listsAndTextsAreBoundedAndOddCountsIgnored() throws Exception {
        String names = IntStream.range(0, 500).mapToObj(i -> "\"name" + i + "\"").collect(Collectors.joining(","));
        String body = "{\"data\":{\"type\":\"file\",\"id\":\"x\",\"attributes\":{\"names\":[" + names + "],"
                + "\"meaningful_name\":\"" + "m".repeat(10_000) + "\","
                + "\"last_analysis_stats\":{\"malicious\":-5,\"undetected\":\"7\",\"harmless\":{\"x\":1},\"suspicious\":2}}}}";
        var v = VirusTotalReports.verdict(VirusTotalReports.object(body));
        assertThat(v.path("names").size()).isEqualTo(VirusTotalReports.MAX_ITEMS);
        assertThat(v.path("meaningful_name").asText().length()).isLessThanOrEqualTo(301);
        assertThat(v.path("malicious").asLong()).isZero();
        assertThat(v.path("total").asLong()).isEqualTo(9);
        assertThat(v.path("date").isNull()).isTrue();
    }

    @Test
    void shapesAndErrors() throws Exception {
        assertThat(VirusTotalReports.object("{\"error\":{\"code\":\"NotFoundError\",\"message\":\"x\"}}")).isNull();
        assertThatThrownBy(() -> VirusTotalReports.object("{\"error\":{\"code\":\"WrongCredentialsError\"}}"))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH));
        assertThatThrownBy(() -> VirusTotalReports.object("{\"data\":{\"type\":\"domain\",\"attributes\":[]}}"))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.GARBAGE));
        var page = VirusTotalReports.related("{\"data\":[{\"type\":\"url\",\"id\":\"h\"},{\"id\":\"no-type\"}],"
                + "\"meta\":{\"cursor\":\"c\"},\"links\":{\"next\":\"https://elsewhere.example/x\"}}");
        assertThat(page.items()).hasSize(1);
        assertThat(page.next()).isEqualTo("c");
        assertThat(VirusTotalReports.related("{\"data\":[],\"meta\":{\"cursor\":\"c\"},\"links\":{}}").next())
                .as("no links.next: no further page").isNull();
    }
}

package io.infrapivot.source.dns.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class BulkFormatTest {
    private static final BulkResult EVIL = new BulkResult("evil.test", Type.TXT, BulkStatus.ANSWER,
            List.of("\"\u001b[31mred\u001b[0m\nsecond line\u202e\""), List.of("a.test"), 1, null);

    @Test
    void jsonLinesEscapeWhatTheAnswerHolds() throws Exception {
        StringWriter w = new StringWriter();
        try (BulkFormat f = BulkFormat.jsonLines(w)) {
            f.write(EVIL);
            f.write(new BulkResult("gone.test", Type.A, BulkStatus.NXDOMAIN, List.of(), List.of(), 1, null));
        }
        List<String> lines = w.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(w.toString()).doesNotContain("\u001b").contains("\\u001B");
        var first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("answers").get(0).asText()).contains("\u001b[31mred");
        assertThat(first.get("cnames").get(0).asText()).isEqualTo("a.test");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("status").asText()).isEqualTo("nxdomain");
    }

    @Test
    void textLinesAreOneLineEachAndEscaped() {
        StringWriter w = new StringWriter();
        try (BulkFormat f = BulkFormat.text(w)) {
            f.write(EVIL);
        }
        assertThat(w.toString().lines()).singleElement().asString().startsWith("evil.test TXT answer cname=a.test ")
                .doesNotContain("\u001b").doesNotContain("\u202e").contains("\\u001b[31mred").contains("\\n");
    }

    @Test
    void readsQueriesLazilyForEveryType() {
        var it = BulkBench.queries(new BufferedReader(new StringReader("# c\n a.test \n\nb.test\n")),
                BulkBench.types("A,mx"));
        List<String> got = new ArrayList<>();
        it.forEachRemaining(q -> got.add(q.name() + "/" + Type.string(q.type())));
        assertThat(got).containsExactly("a.test/A", "a.test/MX", "b.test/A", "b.test/MX");
    }
}

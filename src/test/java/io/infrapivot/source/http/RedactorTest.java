package io.infrapivot.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String PAIR = "analyst@example.org:s3cr/t+pa ss";
    private static final String KEY = "k3y/with+odd=chars";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFormOfEverySecretIsBlanked() {
        Redactor r = Redactor.of(List.of(PAIR, KEY));
        String password = "s3cr/t+pa ss";
        List<String> forms = List.of(PAIR, password, KEY,
                URLEncoder.encode(KEY, StandardCharsets.UTF_8),
                URLEncoder.encode(KEY, StandardCharsets.UTF_8).toLowerCase(),
                URLEncoder.encode(password, StandardCharsets.UTF_8),
                URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"),
                b64(PAIR), b64(PAIR).replace("=", ""), b64(KEY + ":"),
                Base64.getUrlEncoder().encodeToString(PAIR.getBytes(StandardCharsets.UTF_8)),
                b64(PAIR).replace("/", "\\/"), KEY.replace("/", "\\/"));
        for (String f : forms) {
            String text = "Authorization: Basic " + f + " and ?key=" + f + "&x=1";
            String out = r.redact(text);
            assertThat(out).as(f).doesNotContain(f).contains("****");
            assertThat(r.leaks(out)).as(f).isFalse();
            byte[] bytes = r.redact(text.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(f).doesNotContain(f);
        }
    }

    @Test
    void userNameAloneStaysAndOtherTextIsUntouched() {
        Redactor r = Redactor.of(List.of(PAIR));
        assertThat(r.redact("account analyst@example.org asked")).isEqualTo("account analyst@example.org asked");
        byte[] same = "nothing secret here \u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(r.redact(same)).isSameAs(same);
        assertThat(Redactor.NONE.redact("abc")).isEqualTo("abc");
        assertThat(Redactor.of(List.of("ab")).redact("about")).as("too short to search for").isEqualTo("about");
    }

    @Test
    void nonAsciiSecretInUtf8Bytes() {
        Redactor r = Redactor.of(List.of("cl\u00e9-secr\u00e8te"));
        byte[] body = "{\"echo\":\"cl\u00e9-secr\u00e8te\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(r.redact(body), StandardCharsets.UTF_8)).isEqualTo("{\"echo\":\"****\"}");
    }
}

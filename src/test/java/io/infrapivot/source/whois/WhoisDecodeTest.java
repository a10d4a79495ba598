package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WhoisDecodeTest {
    @Test
    void utf8ThenLatin1() {
        String t = "Registrant Organization: Société Générale\n";
        assertThat(WhoisClient.decode(t.getBytes(StandardCharsets.UTF_8), null)).isEqualTo(t);
        assertThat(WhoisClient.decode(t.getBytes(StandardCharsets.ISO_8859_1), null)).isEqualTo(t);
    }

    @Test
    void serverCharsetWins() {
        String t = "[Registrant] 例ショップ\n";
        Charset jis = Charset.forName("ISO-2022-JP");
        assertThat(WhoisClient.decode(t.getBytes(jis), jis)).isEqualTo(t);
    }

    @Test
    void iso2022JpIsRecognisedByItsEscapes() {
        String t = "[登録者名]  例ショップ株式会社\n";
        assertThat(WhoisClient.decode(t.getBytes(Charset.forName("ISO-2022-JP")), null)).isEqualTo(t);
    }

    @Test
    void charsetDeclaredInTheAnswer() {
        String t = "% charset=KOI8-R\nperson: Иван Петров\n";
        assertThat(WhoisClient.decode(t.getBytes(Charset.forName("KOI8-R")), null)).isEqualTo(t);
        String bogus = "% charset=no-such-charset\nDomain: x\n";
        assertThat(WhoisClient.decode(bogus.getBytes(StandardCharsets.UTF_8), null)).isEqualTo(bogus);
    }
}

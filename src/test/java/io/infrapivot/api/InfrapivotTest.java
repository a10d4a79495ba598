package io.infrapivot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.Fact;
import io.infrapivot.engine.config.Config;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JShell-facing API: parse, lookup, ask the case. */
class InfrapivotTest {
    @TempDir
    Path dir;

    @Test
    void looksUpAndRemembers() throws Exception {
        Config config = Config.load(Map.of("INFRAPIVOT_DATA_DIR", dir.toString()), dir.toString());
        try (Infrapivot ip = Infrapivot.open(config, "api")) {
            assertThat(ip.parse("hxxps://evil[.]example(.)com/a").type()).isEqualTo(IndicatorType.URL);
            assertThat(ip.details("a.b.example.co.uk").details().toString()).contains("example.co.uk");
            List<Fact> facts = Infrapivot.facts(ip.sources("classify").lookup("hxxps://login.evil[.]example(.)com/a"));
            assertThat(facts).anySatisfy(f -> {
                assertThat(f.relation()).isEqualTo(Relation.URL_HOST);
                assertThat(f.object().value()).isEqualTo("login.evil.example.com");
            });
            assertThat(ip.about("login.evil.example.com")).anySatisfy(
                    f -> assertThat(f.relation()).isEqualTo(Relation.URL_HOST));
            assertThat(ip.store().seeds()).extracting(i -> i.value()).containsExactly("https://login.evil.example.com/a");
            assertThatThrownBy(() -> ip.parse("not a thing!")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot parse");
            assertThatThrownBy(() -> ip.sources("nosuch")).hasMessageContaining("unknown source 'nosuch'");
        }
        assertThat(dir.resolve("cases/api.sqlite")).exists();
    }
}

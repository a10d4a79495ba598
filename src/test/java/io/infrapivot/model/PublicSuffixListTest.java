package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicSuffixListTest {
    private static final String SMALL = """
            // A hand-written list in the publicsuffix.org format.
            // ===BEGIN ICANN DOMAINS===
            com
            uk
            co.uk
            // wildcard and exception
            *.ck
            !www.ck
            jp
            *.kawasaki.jp
            !city.kawasaki.jp
            // IDN rule, converted to punycode when loaded
            рф
            公司.cn
            cn
            io
            // ===END ICANN DOMAINS===
            // ===BEGIN PRIVATE DOMAINS===
            github.io
            blogspot.com   trailing words after whitespace are ignored
            *.compute.example.com
            // ===END PRIVATE DOMAINS===
            """;

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static PublicSuffixList small() {
        return PublicSuffixList.parse(stream(SMALL), LocalDate.of(2024, 1, 2), "test", 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # name                 | suffix          | registrable          | section | ICANN suffix | ICANN registrable | known TLD
            example.com            | com             | example.com          | icann   | com          | example.com       | true
            a.b.example.com        | com             | example.com          | icann   | com          | example.com       | true
            com                    | com             | null                 | icann   | com          | null              | true
            example.co.uk          | co.uk           | example.co.uk        | icann   | co.uk        | example.co.uk     | true
            co.uk                  | co.uk           | null                 | icann   | co.uk        | null              | true
            foo.ck                 | foo.ck          | null                 | icann   | foo.ck       | null              | true
            a.foo.ck               | foo.ck          | a.foo.ck             | icann   | foo.ck       | a.foo.ck          | true
            www.ck                 | ck              | www.ck               | icann   | ck           | www.ck            | true
            x.www.ck               | ck              | www.ck               | icann   | ck           | www.ck            | true
            ck                     | ck              | null                 | none    | ck           | null              | true
            a.b.kawasaki.jp        | b.kawasaki.jp   | a.b.kawasaki.jp      | icann   | b.kawasaki.jp | a.b.kawasaki.jp  | true
            city.kawasaki.jp       | kawasaki.jp     | city.kawasaki.jp     | icann   | kawasaki.jp  | city.kawasaki.jp  | true
            xn--e1afmkfd.xn--p1ai  | xn--p1ai        | xn--e1afmkfd.xn--p1ai | icann  | xn--p1ai     | xn--e1afmkfd.xn--p1ai | true
            a.xn--55qx5d.cn        | xn--55qx5d.cn   | a.xn--55qx5d.cn      | icann   | xn--55qx5d.cn | a.xn--55qx5d.cn  | true
            github.io              | github.io       | null                 | private | io           | github.io         | true
            alice.github.io        | github.io       | alice.github.io      | private | io           | github.io         | true
            x.alice.github.io      | github.io       | alice.github.io      | private | io           | github.io         | true
            my.blogspot.com        | blogspot.com    | my.blogspot.com      | private | com          | blogspot.com      | true
            a.b.compute.example.com | b.compute.example.com | a.b.compute.example.com | private | com | example.com   | true
            server.local           | local           | server.local         | none    | local        | server.local      | false
            local                  | local           | null                 | none    | local        | null              | false
            EXAMPLE.COM            | com             | example.com          | icann   | com          | example.com       | true
            """)
    void matchesTheSmallList(String name, String suffix, String registrable, String section, String icannSuffix,
                             String icannRegistrable, boolean knownTld) {
        PublicSuffixList.Match m = small().match(name);
        assertThat(m).isEqualTo(new PublicSuffixList.Match(suffix, registrable, section, icannSuffix, icannRegistrable,
                knownTld));
    }

    @Test
    void smallListCountsItsRules() {
        PublicSuffixList l = small();
        assertThat(l.ruleCount()).isEqualTo(15);
        assertThat(l.date()).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(l.origin()).isEqualTo("test");
    }

    @Test
    void bundledListIsDatedAndLarge() {
        PublicSuffixList l = PublicSuffixList.bundled();
        assertThat(l.date()).isEqualTo(LocalDate.of(2023, 2, 9));
        assertThat(l.origin()).isEqualTo("Debian publicsuffix 20230209.2326-1");
        assertThat(l.ruleCount()).isGreaterThan(5000);
        assertThat(l.match("www.bbc.co.uk").registrableDomain()).isEqualTo("bbc.co.uk");
        assertThat(l.match("www.ck").publicSuffix()).isEqualTo("ck");
        assertThat(l.match("x.y.kawasaki.jp").publicSuffix()).isEqualTo("y.kawasaki.jp");
    }

    @Test
    void handlesTheMaximumNumberOfLabels() {
        String name = "a.".repeat(126) + "com";
        PublicSuffixList.Match m = PublicSuffixList.bundled().match(name);
        assertThat(m.registrableDomain()).isEqualTo("a.com");
        assertThat(m.publicSuffix()).isEqualTo("com");
    }

    @Test
    void rejectsTextWithoutAnIcannSection() {
        String html = "<html><body>" + "x\n".repeat(5000) + "</body></html>";
        assertThatThrownBy(() -> PublicSuffixList.parse(stream(html), LocalDate.now(), "web"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ICANN");
    }

    @Test
    void rejectsAListWithFarTooFewRules() {
        assertThatThrownBy(() -> PublicSuffixList.parse(stream(SMALL), LocalDate.now(), "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 15 rules");
    }

    @Test
    void rejectsARuleThatIsNotAName() {
        String bad = "// ===BEGIN ICANN DOMAINS===\ncom\nfoo..bar\n// ===END ICANN DOMAINS===\n";
        assertThatThrownBy(() -> PublicSuffixList.parse(stream(bad), LocalDate.now(), "test", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> PublicSuffixList.parse(stream(""), LocalDate.now(), "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

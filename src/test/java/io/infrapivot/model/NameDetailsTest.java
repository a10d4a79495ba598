package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Domain/host decisions and the suffix facts, by the whole list and by the ICANN section alone. */
class NameDetailsTest {
    private static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), false);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # name               | type   | registrable        | suffix          | section | ICANN registrable  | ICANN suffix | is suffix | known TLD | labels
            example.com          | domain | example.com        | com             | icann   | example.com        | com          | false | true  | 2
            www.example.com      | host   | example.com        | com             | icann   | example.com        | com          | false | true  | 3
            a.b.example.co.uk    | host   | example.co.uk      | co.uk           | icann   | example.co.uk      | co.uk        | false | true  | 5
            example.co.uk        | domain | example.co.uk      | co.uk           | icann   | example.co.uk      | co.uk        | false | true  | 3
            co.uk                | domain | null               | co.uk           | icann   | null               | co.uk        | true  | true  | 2
            uk                   | domain | null               | uk              | icann   | null               | uk           | true  | true  | 1
            github.io            | domain | null               | github.io       | private | github.io          | io           | true  | true  | 2
            alice.github.io      | domain | alice.github.io    | github.io       | private | github.io          | io           | false | true  | 3
            x.alice.github.io    | host   | alice.github.io    | github.io       | private | github.io          | io           | false | true  | 4
            foo.blogspot.com     | domain | foo.blogspot.com   | blogspot.com    | private | blogspot.com       | com          | false | true  | 3
            ck                   | domain | null               | ck              | none    | null               | ck           | true  | true  | 1
            foo.ck               | domain | null               | foo.ck          | icann   | null               | foo.ck       | true  | true  | 2
            bar.foo.ck           | domain | bar.foo.ck         | foo.ck          | icann   | bar.foo.ck         | foo.ck       | false | true  | 3
            www.ck               | domain | www.ck             | ck              | icann   | www.ck             | ck           | false | true  | 2
            a.www.ck             | host   | www.ck             | ck              | icann   | www.ck             | ck           | false | true  | 3
            foo.kawasaki.jp      | domain | null               | foo.kawasaki.jp | icann   | null               | foo.kawasaki.jp | true | true | 3
            x.foo.kawasaki.jp    | domain | x.foo.kawasaki.jp  | foo.kawasaki.jp | icann   | x.foo.kawasaki.jp  | foo.kawasaki.jp | false | true | 4
            city.kawasaki.jp     | domain | city.kawasaki.jp   | kawasaki.jp     | icann   | city.kawasaki.jp   | kawasaki.jp  | false | true  | 3
            www.city.kawasaki.jp | host   | city.kawasaki.jp   | kawasaki.jp     | icann   | city.kawasaki.jp   | kawasaki.jp  | false | true  | 4
            kawasaki.jp          | domain | kawasaki.jp        | jp              | icann   | kawasaki.jp        | jp           | false | true  | 2
            server.local         | domain | server.local       | local           | none    | server.local       | local        | false | false | 2
            a.server.local       | host   | server.local       | local           | none    | server.local       | local        | false | false | 3
            corp.internal        | domain | corp.internal      | internal        | none    | corp.internal      | internal     | false | false | 2
            b.example.example    | host   | example.example    | example         | none    | example.example    | example      | false | false | 3
            bücher.de            | domain | xn--bcher-kva.de   | de              | icann   | xn--bcher-kva.de   | de           | false | true  | 2
            пример.рф            | domain | xn--e1afmkfd.xn--p1ai | xn--p1ai     | icann   | xn--e1afmkfd.xn--p1ai | xn--p1ai  | false | true  | 2
            """)
    void suffixFacts(String text, String type, String registrable, String suffix, String section,
                     String icannRegistrable, String icannSuffix, boolean isSuffix, boolean knownTld, int labels) {
        ParsedIndicator p = PARSER.parse(text).orElseThrow();
        Details.Name d = (Details.Name) p.details();
        assertThat(p.type().id()).isEqualTo(type);
        assertThat(d.registrableDomain()).isEqualTo(registrable);
        assertThat(d.publicSuffix()).isEqualTo(suffix);
        assertThat(d.suffixSection()).isEqualTo(section);
        assertThat(d.icannRegistrableDomain()).isEqualTo(icannRegistrable);
        assertThat(d.icannPublicSuffix()).isEqualTo(icannSuffix);
        assertThat(d.isPublicSuffix()).isEqualTo(isSuffix);
        assertThat(d.knownTld()).isEqualTo(knownTld);
        assertThat(d.labels()).isEqualTo(labels);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input               | value                   | display (Unicode)
            bücher.de             | xn--bcher-kva.de        | bücher.de
            xn--bcher-kva.de      | xn--bcher-kva.de        | bücher.de
            BÜCHER.de             | xn--bcher-kva.de        | bücher.de
            faß.de                | xn--fa-hia.de           | faß.de
            www.例え.jp            | www.xn--r8jz45g.jp      | www.例え.jp
            пример.рф             | xn--e1afmkfd.xn--p1ai   | пример.рф
            example.com           | example.com             | example.com
            ＥＸＡＭＰＬＥ.com      | example.com             | example.com
            """)
    void idnDisplayIsUnicode(String text, String value, String display) {
        ParsedIndicator p = PARSER.parse(text).orElseThrow();
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.display()).isEqualTo(display);
        assertThat(((Details.Name) p.details()).unicode()).isEqualTo(display);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input                              | reason fragment
            a\u200db.com                         | invalid IDN
            xn--a.com                            | invalid IDN
            a\u05d0.com                          | invalid IDN
            \u0301a.com                          | invalid IDN
            exa_mple.co m                        | space
            """)
    void invalidIdns(String text, String reason) {
        ParseResult r = PARSER.parse(text.translateEscapes());
        assertThat(r).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) r).reason()).contains(reason);
    }
}

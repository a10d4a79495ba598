package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Public Suffix List's own test cases (publicsuffix.org's test_psl.txt: the registrable domain each name has,
 * or none), checked against the bundled list through the parser. Unlisted TLDs follow the default rule "*".
 * (test_psl.txt's single-label "example" is left out: a bare unknown label is no name to the parser.)
 */
class PublicSuffixTestSuiteTest {
    private static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), false);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            COM                               | null
            example.COM                       | example.com
            WwW.example.COM                   | example.com
            example.example                   | example.example
            b.example.example                 | example.example
            a.b.example.example               | example.example
            biz                               | null
            domain.biz                        | domain.biz
            b.domain.biz                      | domain.biz
            uk.com                            | null
            example.uk.com                    | example.uk.com
            b.example.uk.com                  | example.uk.com
            test.ac                           | test.ac
            mm                                | null
            c.mm                              | null
            b.c.mm                            | b.c.mm
            a.b.c.mm                          | b.c.mm
            jp                                | null
            test.jp                           | test.jp
            www.test.jp                       | test.jp
            ac.jp                             | null
            test.ac.jp                        | test.ac.jp
            kyoto.jp                          | null
            test.kyoto.jp                     | test.kyoto.jp
            ide.kyoto.jp                      | null
            b.ide.kyoto.jp                    | b.ide.kyoto.jp
            a.b.ide.kyoto.jp                  | b.ide.kyoto.jp
            c.kobe.jp                         | null
            b.c.kobe.jp                       | b.c.kobe.jp
            a.b.c.kobe.jp                     | b.c.kobe.jp
            city.kobe.jp                      | city.kobe.jp
            www.city.kobe.jp                  | city.kobe.jp
            ck                                | null
            test.ck                           | null
            b.test.ck                         | b.test.ck
            a.b.test.ck                       | b.test.ck
            www.ck                            | www.ck
            www.www.ck                        | www.ck
            us                                | null
            test.us                           | test.us
            www.test.us                       | test.us
            ak.us                             | null
            test.ak.us                        | test.ak.us
            www.test.ak.us                    | test.ak.us
            k12.ak.us                         | null
            test.k12.ak.us                    | test.k12.ak.us
            www.test.k12.ak.us                | test.k12.ak.us
            食狮.com.cn                         | xn--85x722f.com.cn
            食狮.公司.cn                          | xn--85x722f.xn--55qx5d.cn
            www.食狮.公司.cn                      | xn--85x722f.xn--55qx5d.cn
            shishi.公司.cn                      | shishi.xn--55qx5d.cn
            公司.cn                             | null
            食狮.中国                             | xn--85x722f.xn--fiqs8s
            www.食狮.中国                         | xn--85x722f.xn--fiqs8s
            shishi.中国                         | shishi.xn--fiqs8s
            中国                                | null
            xn--85x722f.com.cn                | xn--85x722f.com.cn
            xn--85x722f.xn--55qx5d.cn         | xn--85x722f.xn--55qx5d.cn
            www.xn--85x722f.xn--55qx5d.cn     | xn--85x722f.xn--55qx5d.cn
            shishi.xn--55qx5d.cn              | shishi.xn--55qx5d.cn
            xn--55qx5d.cn                     | null
            xn--85x722f.xn--fiqs8s            | xn--85x722f.xn--fiqs8s
            www.xn--85x722f.xn--fiqs8s        | xn--85x722f.xn--fiqs8s
            shishi.xn--fiqs8s                 | shishi.xn--fiqs8s
            xn--fiqs8s                        | null
            """)
    void registrableDomainAsTheListsTestSuiteSays(String name, String registrable) {
        ParsedIndicator p = PARSER.parse(name).orElseThrow();
        Details.Name d = (Details.Name) p.details();
        assertThat(d.registrableDomain()).isEqualTo(registrable);
    }
}

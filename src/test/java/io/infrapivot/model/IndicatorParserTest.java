package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Details of composite types, forced types, files, ambiguity and robustness. */
class IndicatorParserTest {
    private static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), true);

    private static ParsedIndicator parsed(String text) {
        return PARSER.parse(text).orElseThrow();
    }

    private static String invalidReason(ParseResult r) {
        assertThat(r).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) r).reason();
    }

    @ParameterizedTest(name = "AS{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            0          | reserved
            1          | null
            15169      | null
            23456      | reserved
            64495      | null
            64496      | documentation
            64511      | documentation
            64512      | private
            65534      | private
            65535      | reserved
            65536      | documentation 4-byte
            65551      | documentation 4-byte
            65552      | reserved 4-byte
            131071     | reserved 4-byte
            131072     | 4-byte
            4199999999 | 4-byte
            4200000000 | private 4-byte
            4294967294 | private 4-byte
            4294967295 | reserved 4-byte
            """)
    void asnFlags(long number, String flags) {
        ParsedIndicator p = parsed("AS" + number);
        Details.Asn d = (Details.Asn) p.details();
        assertThat(d.number()).isEqualTo(number);
        assertThat(d.flags()).containsExactlyInAnyOrderElementsOf(flags == null ? List.of() : List.of(flags.split(" ")));
    }

    @Test
    void urlDetailsCarryTheHostAsItsOwnIndicator() {
        ParsedIndicator p = parsed("hxxps://user@WWW.Bücher[.]de:8443/a/b?x=1&y=2#top");
        assertThat(p.value()).isEqualTo("https://www.xn--bcher-kva.de:8443/a/b?x=1&y=2");
        assertThat(p.display()).isEqualTo("https://www.bücher.de:8443/a/b?x=1&y=2");
        assertThat(p.notes()).containsExactlyInAnyOrder("refanged", "userinfo dropped", "fragment dropped");
        Details.Url d = (Details.Url) p.details();
        assertThat(d.scheme()).isEqualTo("https");
        assertThat(d.host()).isEqualTo(Indicator.fromCanonical(IndicatorType.HOST, "www.xn--bcher-kva.de"));
        assertThat(((Details.Name) d.hostDetails()).registrableDomain()).isEqualTo("xn--bcher-kva.de");
        assertThat(d.port()).isEqualTo(8443);
        assertThat(d.path()).isEqualTo("/a/b");
        assertThat(d.query()).isEqualTo("x=1&y=2");
        assertThat(d.schemeAssumed()).isFalse();
    }

    @Test
    void urlWithAnIpv6HostAndNoPath() {
        Details.Url d = (Details.Url) parsed("http://[2001:DB8:0::1]").details();
        assertThat(d.host()).isEqualTo(Indicator.fromCanonical(IndicatorType.IP, "2001:db8::1"));
        assertThat(((Details.Ip) d.hostDetails()).flags()).containsExactly("documentation");
        assertThat(d.path()).isEqualTo("/");
        assertThat(d.query()).isNull();
        assertThat(d.port()).isNull();
    }

    @Test
    void schemeLessUrlAssumesHttp() {
        ParsedIndicator p = parsed("evil[.]com/a.php");
        Details.Url d = (Details.Url) p.details();
        assertThat(p.value()).isEqualTo("http://evil.com/a.php");
        assertThat(d.schemeAssumed()).isTrue();
        assertThat(d.host().key()).isEqualTo("domain:evil.com");
    }

    @Test
    void emailKeepsTheLocalPartAndCanonicalisesTheDomain() {
        ParsedIndicator p = parsed("Jane.Doe[@]Sub.Bücher.DE");
        assertThat(p.value()).isEqualTo("Jane.Doe@sub.xn--bcher-kva.de");
        assertThat(p.display()).isEqualTo("Jane.Doe@sub.bücher.de");
        Details.Email d = (Details.Email) p.details();
        assertThat(d.localPart()).isEqualTo("Jane.Doe");
        assertThat(d.domain().key()).isEqualTo("host:sub.xn--bcher-kva.de");
        assertThat(((Details.Name) d.domainDetails()).registrableDomain()).isEqualTo("xn--bcher-kva.de");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            md5    | d41d8cd98f00b204e9800998ecf8427e
            sha1   | da39a3ee5e6b4b0d3255bfef95601890afd80709
            sha224 | d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f
            sha256 | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            sha384 | 38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b
            sha512 | cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e
            ssdeep | 3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C
            tlsh   | T1E4A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3
            """)
    void hashAlgorithms(String algorithm, String text) {
        ParsedIndicator p = parsed(text);
        assertThat(p.type()).isEqualTo(IndicatorType.HASH);
        assertThat(((Details.Hash) p.details()).algorithm()).isEqualTo(algorithm);
        assertThat(parsed(algorithm + ":" + text).value()).isEqualTo(p.value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            UA-12345678-3            | google-analytics-ua  | UA-12345678
            G-ABCDEF1234             | google-analytics-ga4 | null
            GTM-K9XYZ12              | google-tag-manager   | null
            pub-1234567890123456     | google-adsense       | null
            AW-987654321             | google-ads           | null
            """)
    void analyticsKinds(String text, String kind, String property) {
        Details.AnalyticsId d = (Details.AnalyticsId) parsed(text).details();
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.property()).isEqualTo(property);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            +1.5555551234        | +15555551234  | 1
            +7 495 123 45 67     | +74951234567  | 7
            +44 20 7946 0958     | +442079460958 | 44
            +353 1 234 5678      | +35312345678  | 353
            0049 30 1234567      | +49301234567  | 49
            """)
    void phonesViaParseAs(String text, String value, String countryCode) {
        ParsedIndicator p = PARSER.parseAs(IndicatorType.PHONE, text).orElseThrow();
        assertThat(p.value()).isEqualTo(value);
        assertThat(((Details.Phone) p.details()).countryCode()).isEqualTo(countryCode);
    }

    @Test
    void orgAndPersonKeepCaseAndCollapseWhitespace() {
        ParsedIndicator org = PARSER.parseAs(IndicatorType.ORG, "  ACME   Widgets\tGmbH ").orElseThrow();
        assertThat(org.value()).isEqualTo("ACME Widgets GmbH");
        assertThat(org.display()).isEqualTo("ACME Widgets GmbH");
        ParsedIndicator person = PARSER.parseAs(IndicatorType.PERSON, "Jean dot Dupont").orElseThrow();
        assertThat(person.value()).isEqualTo("Jean dot Dupont");
        assertThat(invalidReason(PARSER.parseAs(IndicatorType.ORG, "x".repeat(257)))).contains("longer than 256");
        assertThat(invalidReason(PARSER.parseAs(IndicatorType.ORG, "Evil\u001b[31mCorp"))).contains("control");
        assertThat(invalidReason(PARSER.parseAs(IndicatorType.PERSON, "John\u202eSmith"))).contains("control");
    }

    @Test
    void fileIsHashedWithEveryDigest(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path f = dir.resolve("sample.bin");
        Files.write(f, content);
        ParsedIndicator p = parsed(f.toString());
        assertThat(p.type()).isEqualTo(IndicatorType.FILE);
        assertThat(p.display()).isEqualTo(f.toString());
        Details.File d = (Details.File) p.details();
        assertThat(d.size()).isEqualTo(content.length);
        assertThat(d.md5()).isEqualTo(hex("MD5", content));
        assertThat(d.sha1()).isEqualTo(hex("SHA-1", content));
        assertThat(d.sha256()).isEqualTo(hex("SHA-256", content));
        assertThat(d.sha512()).isEqualTo(hex("SHA-512", content));
        assertThat(p.value()).isEqualTo(d.sha256());
        assertThat(d.path()).isEqualTo(f.toAbsolutePath().normalize().toString());
    }

    @Test
    void emptyFileHashes(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("empty.exe"));
        ParsedIndicator p = PARSER.parseAs(IndicatorType.FILE, f.toString()).orElseThrow();
        assertThat(p.value()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(((Details.File) p.details()).size()).isZero();
    }

    @Test
    void filesAreNotReadWhenTurnedOff(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("x.txt"), "hello");
        IndicatorParser noFiles = new IndicatorParser(PublicSuffixList.bundled(), false);
        assertThat(noFiles.parse(f.toString())).isInstanceOf(ParseResult.Invalid.class);
        assertThat(invalidReason(noFiles.parseAs(IndicatorType.FILE, f.toString()))).contains("turned off");
        assertThat(invalidReason(PARSER.parseAs(IndicatorType.FILE, dir.resolve("missing").toString())))
                .contains("no such file");
    }

    @Test
    void unknownTldThatIsAFileExtensionIsAmbiguous() {
        ParseResult r = PARSER.parse("invoice.exe");
        assertThat(r).isInstanceOf(ParseResult.Ambiguous.class);
        ParseResult.Ambiguous a = (ParseResult.Ambiguous) r;
        assertThat(a.reason()).contains("looks like a file name").contains("no such file here");
        assertThat(a.candidates()).extracting(c -> c.indicator().key()).containsExactly("domain:invoice.exe");
        assertThatThrownBy(() -> Indicator.parse("invoice.exe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ambiguous");
        ParsedIndicator forced = PARSER.parseAs(IndicatorType.DOMAIN, "example.exe").orElseThrow();
        assertThat(forced.indicator().key()).isEqualTo("domain:example.exe");
        assertThat(forced.notes()).containsExactly("unknown TLD");
        assertThat(PARSER.parse("report.docx")).isInstanceOf(ParseResult.Ambiguous.class);
        assertThat(PARSER.parse("a.b.payload.dll")).isInstanceOf(ParseResult.Ambiguous.class);
    }

    @Test
    void existingFileThatIsAlsoANameIsAmbiguous(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("evil.com"), "MZ");
        Files.writeString(dir.resolve("dropper.exe"), "MZ");
        IndicatorParser here = new IndicatorParser(PublicSuffixList.bundled(), true, dir);
        ParseResult.Ambiguous a = (ParseResult.Ambiguous) here.parse("evil.com");
        assertThat(a.candidates()).extracting(c -> c.type().id()).containsExactly("file", "domain");
        assertThat(a.reason()).contains("local file");
        // an unknown TLD that names an existing file is the file
        ParsedIndicator exe = here.parse("dropper.exe").orElseThrow();
        assertThat(exe.type()).isEqualTo(IndicatorType.FILE);
        assertThat(exe.display()).isEqualTo("dropper.exe");
        // path syntax means a file
        assertThat(here.parse("./evil.com").orElseThrow().type()).isEqualTo(IndicatorType.FILE);
        // without the file the name is a plain domain
        assertThat(PARSER.parse("evil.com").orElseThrow().type()).isEqualTo(IndicatorType.DOMAIN);
    }
    @Test
    void resultsKeepTheWholeInput() {
        assertThat(PARSER.parse("asn:15169").input()).isEqualTo("asn:15169");
        assertThat(PARSER.parse("org:Acme").input()).isEqualTo("org:Acme");
        assertThat(PARSER.parse("ip:1.2.3").input()).isEqualTo("ip:1.2.3");
        assertThat(PARSER.parse("ip:1.2.3")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(PARSER.parse(" evil[.]com ").input()).isEqualTo(" evil[.]com ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Example.NET.          | domain:example.net
            ns1.example.net       | host:ns1.example.net
            co.uk                 | domain:co.uk
            invoice.exe           | domain:invoice.exe
            a.b.corp.internal     | host:a.b.corp.internal
            localhost             | domain:localhost
            xn--bcher-kva.de      | domain:xn--bcher-kva.de
            """)
    void parseNameTakesWhicheverTypeFits(String text, String key) {
        assertThat(PARSER.parseName(text).orElseThrow().indicator().key()).isEqualTo(key);
    }

    @Test
    void parseNameRejectsWhatIsNotAName() {
        assertThat(invalidReason(PARSER.parseName("1.2.3.4"))).contains("all-numeric");
        assertThat(invalidReason(PARSER.parseName("http://x.com/"))).contains("not allowed");
        assertThat(invalidReason(PARSER.parseName(""))).isEqualTo("empty input");
    }

    @Test
    void bareNumberIsAsnOrIp() {
        ParseResult.Ambiguous a = (ParseResult.Ambiguous) PARSER.parse("123456");
        assertThat(a.candidates()).extracting(ParsedIndicator::type).containsExactly(IndicatorType.ASN, IndicatorType.IP);
        assertThat(a.candidates().get(1).value()).isEqualTo("0.1.226.64");
        assertThat(PARSER.parseAs(IndicatorType.ASN, "123456").orElseThrow().value()).isEqualTo("AS123456");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            domain | www.example.com      | is a host under the registrable domain example.com
            host   | example.com          | is a registrable domain, not a host
            ip     | example.com          | not an IPv4 address
            ip     | 1.2.3.0/24           | not an IPv4 address
            cidr   | 1.2.3.4              | not a network
            asn    | ASX                  | not an AS number
            url    | ::::                 | must be in brackets
            email  | example.com          | one '@'
            hash   | xyz                  | not a hash
            cert   | abcd                 | not a certificate
            analytics-id | UA-          | not an analytics ID
            phone  | +12                  | digits
            """)
    void forcedTypeGivesAClearReason(String type, String text, String reason) {
        ParseResult r = PARSER.parseAs(IndicatorType.fromId(type).orElseThrow(), text);
        assertThat(invalidReason(r)).contains(reason);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            domain | co.uk                 | domain:co.uk
            domain | alice.github.io       | domain:alice.github.io
            host   | www.example.com       | host:www.example.com
            host   | localhost             | host:localhost
            host   | dc1.corp.internal     | host:dc1.corp.internal
            domain | corp.internal         | domain:corp.internal
            ip     | 1.2.3[.]4             | ip:1.2.3.4
            url    | example.com           | url:http://example.com/
            url    | hxxp://x[.]com/a      | url:http://x.com/a
            email  | mailto:a@example.com  | email:a@example.com
            hash   | sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709 | hash:da39a3ee5e6b4b0d3255bfef95601890afd80709
            cert   | DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09 | cert:da39a3ee5e6b4b0d3255bfef95601890afd80709
            phone  | 15555551234           | phone:+15555551234
            asn    | 1.10                  | asn:AS65546
            cidr   | 10.0.0.0/8            | cidr:10.0.0.0/8
            """)
    void forcedTypeParses(String type, String text, String key) {
        ParsedIndicator p = PARSER.parseAs(IndicatorType.fromId(type).orElseThrow(), text).orElseThrow();
        assertThat(p.indicator().key()).isEqualTo(key);
    }

    @Test
    void lengthLimits() {
        String label63 = "a".repeat(63);
        assertThat(parsed(label63 + ".com").value()).isEqualTo(label63 + ".com");
        assertThat(invalidReason(PARSER.parse("a".repeat(64) + ".com"))).isEqualTo("label longer than 63 octets (64)");
        String name253 = (label63 + ".").repeat(3) + "a".repeat(57) + ".com";
        assertThat(name253).hasSize(253);
        assertThat(parsed(name253).type()).isEqualTo(IndicatorType.HOST);
        assertThat(invalidReason(PARSER.parse("a." + name253))).isEqualTo("name longer than 253 octets (255)");
        assertThat(invalidReason(PARSER.parse("x".repeat(5000)))).contains("longer than 4096");
        // a Unicode label whose punycode exceeds 63 octets
        assertThat(invalidReason(PARSER.parse("a".repeat(58) + "ü.de"))).contains("longer than 63");
    }

    @Test
    void indicatorFactoriesUseTheStandardParser() {
        assertThat(Indicator.of(IndicatorType.DOMAIN, "Example.COM.")).isEqualTo(
                Indicator.fromCanonical(IndicatorType.DOMAIN, "example.com"));
        assertThat(Indicator.parse("hxxp://1.2.3[.]4/")).isEqualTo(
                Indicator.fromCanonical(IndicatorType.URL, "http://1.2.3.4/"));
        assertThatThrownBy(() -> Indicator.of(IndicatorType.IP, "999.1.1.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("octet 999 out of range");
        assertThat(IndicatorParser.standard().suffixList().ruleCount()).isGreaterThan(5000);
    }

    @Test
    void aParserOnAnotherListLeavesTheStandardOneAlone() {
        IndicatorParser before = IndicatorParser.standard();
        PublicSuffixList tiny = PublicSuffixList.parse(new java.io.ByteArrayInputStream(
                "// ===BEGIN ICANN DOMAINS===\ncom\n// ===END ICANN DOMAINS===\n".getBytes()),
                java.time.LocalDate.of(2030, 1, 1), "tiny", 1);
        IndicatorParser own = new IndicatorParser(tiny, false);
        // with only "com" in the list, co.uk has an unknown TLD: for this parser only
        assertThat(own.parse("example.co.uk").orElseThrow().notes()).contains("unknown TLD");
        assertThat(IndicatorParser.standard()).isSameAs(before);
        assertThat(IndicatorParser.standard().suffixList()).isSameAs(PublicSuffixList.bundled());
        assertThat(IndicatorParser.standard().parse("example.co.uk").orElseThrow().notes()).isEmpty();
        assertThat(Indicator.of(IndicatorType.DOMAIN, "example.co.uk").value()).isEqualTo("example.co.uk");
    }

    @Test
    void neverThrowsOnRandomInput() {
        Random rnd = new Random(42);
        String alphabet = "abcxyz0189.:/@[]()%-_+ *?#\\\"'<>ü例\u200d\u0301\u202eAS";
        for (int i = 0; i < 3_000; i++) {
            int len = rnd.nextInt(40);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < len; k++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String s = b.toString();
            ParseResult r = PARSER.parse(s);
            assertThat(r).as(s).isNotNull();
            assertThat(r.input()).isNotNull();
            for (IndicatorType t : IndicatorType.values()) {
                if (t == IndicatorType.FILE) continue;
                ParseResult forced = PARSER.parseAs(t, s);
                if (forced instanceof ParseResult.Invalid inv) assertThat(inv.reason()).doesNotContain("cannot parse: ");
            }
            if (r instanceof ParseResult.Invalid inv) assertThat(inv.reason()).doesNotContain("cannot parse: ");
        }
        assertThat(invalidReason(PARSER.parse(null))).isEqualTo("empty input");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a.          | 2040 | longer than 253
            1.          | 2040 | name longer than 253
            [.]         | 1020 | empty label
            x[dot]      | 680  | longer than 253
            (           | 4000 | not allowed
            a:          | 2040 | not an IPv6 address
            9           | 4000 | label longer than 63
            """)
    void pathologicalLongInputsGiveAReason(String unit, int times, String reason) {
        String s = unit.repeat(times) + "com";
        assertThat(s.length()).isLessThanOrEqualTo(IndicatorParser.MAX_INPUT);
        assertThat(invalidReason(PARSER.parse(s))).contains(reason);
    }

    private static String hex(String alg, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(data));
    }
    @Test
    void oneNameHasOneIdentityWhateverTypeIsAskedFor() {
        // known TLD, the list's private section, and an unknown TLD under the default rule "*"
        for (String[] c : new String[][] {{"portal.evil.com", "evil.com"}, {"a.b.example.co.uk", "example.co.uk"},
                {"portal.evil.test", "evil.test"}, {"x.y.corp.internal", "corp.internal"}}) {
            String name = c[0];
            String registrable = c[1];
            assertThat(PARSER.parse(name).orElseThrow().indicator().key()).isEqualTo("host:" + name);
            assertThat(PARSER.parseName(name).orElseThrow().indicator().key()).isEqualTo("host:" + name);
            assertThat(PARSER.parseAs(IndicatorType.HOST, name).orElseThrow().indicator().key())
                    .isEqualTo("host:" + name);
            assertThat(invalidReason(PARSER.parseAs(IndicatorType.DOMAIN, name)))
                    .contains("is a host under the registrable domain " + registrable);
            assertThat(PARSER.parseAs(IndicatorType.DOMAIN, registrable).orElseThrow().indicator().key())
                    .isEqualTo("domain:" + registrable);
            assertThat(invalidReason(PARSER.parseAs(IndicatorType.HOST, registrable)))
                    .contains("is a registrable domain");
        }
        // a single label under an unknown TLD has no registrable domain: it takes the type asked for
        assertThat(PARSER.parseAs(IndicatorType.HOST, "localhost").orElseThrow().indicator().key())
                .isEqualTo("host:localhost");
    }
}
